#include "harness/core/suite_jobs.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <numeric>
#include <sstream>

namespace unbroken {

SuiteJobs default_suite_jobs(unsigned cores, std::uint64_t available_memory, std::size_t runs) {
  const std::size_t by_cpu = std::max(1u, cores * kRunsPerCore);
  const double gib = static_cast<double>(available_memory) / static_cast<double>(1u << 30);
  SuiteJobs result;
  std::string limit;
  if (available_memory == 0) {
    result.jobs = by_cpu;
    limit = "available memory unknown";
  } else {
    const std::size_t by_memory = static_cast<std::size_t>(available_memory / kMemoryPerRun);
    result.jobs = std::min(by_cpu, by_memory);
    limit = fmt::format("{} {:.1f} GiB available at 1 GiB a run",
                        by_memory < by_cpu ? "limited by" : "within", gib);
  }
  result.jobs = std::clamp<std::size_t>(result.jobs, 1, std::max<std::size_t>(runs, 1));
  result.why = fmt::format(
      "two per core: {} core(s), {}{}; a further run starts only while "
      "CPU pressure is under {:.0f}%",
      std::max(1u, cores), limit, result.jobs == runs && runs < by_cpu ? ", one per run" : "",
      kAdmitCpuPressurePercent);
  return result;
}

std::vector<std::size_t> longest_first(const std::vector<Millis>& expected) {
  std::vector<std::size_t> order(expected.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return expected[a] > expected[b]; });
  return order;
}

std::optional<std::string> host_holds_back(const HostPressure& now) {
  if (now.cpu_waiting_percent) {
    if (*now.cpu_waiting_percent < kAdmitCpuPressurePercent) return std::nullopt;
    return fmt::format("{} (a further run starts while CPU pressure is under {:.0f}%)",
                       now.describe(), kAdmitCpuPressurePercent);
  }
  if (now.load1 && now.cores > 0) {
    if (*now.load1 < kAdmitLoadPerCore * now.cores) return std::nullopt;
    return fmt::format("{} (a further run starts while the load is under {:.1f} per core)",
                       now.describe(), kAdmitLoadPerCore);
  }
  return std::nullopt;
}

std::uint64_t available_memory() {
  std::ifstream meminfo("/proc/meminfo");
  for (std::string line; std::getline(meminfo, line);) {
    if (line.rfind("MemAvailable:", 0) != 0) continue;
    std::istringstream fields(line.substr(13));
    std::uint64_t kib = 0;
    fields >> kib;
    return kib * 1024;
  }
  return 0;
}

}  // namespace unbroken
