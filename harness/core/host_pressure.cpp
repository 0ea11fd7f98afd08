#include "harness/core/host_pressure.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <thread>

namespace unbroken {
namespace {

std::optional<double> number_at(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  return value;
}

std::string file_text(const char* path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return in ? text.str() : std::string();
}

}  // namespace

std::string HostPressure::describe() const {
  if (!known()) return "host pressure unknown";
  std::string text = "host";
  if (load1) {
    text += fmt::format(" load {:.1f}", *load1);
    if (cores) text += fmt::format(" on {} core{}", cores, cores == 1 ? "" : "s");
  }
  if (cpu_waiting_percent)
    text += fmt::format("{} CPU pressure {:.0f}%", load1 ? "," : "", *cpu_waiting_percent);
  return text;
}

void HostPressure::raise_to(const HostPressure& seen) {
  const auto higher = [](std::optional<double>& mine, const std::optional<double>& theirs) {
    if (theirs && (!mine || *theirs > *mine)) mine = theirs;
  };
  higher(load1, seen.load1);
  higher(cpu_waiting_percent, seen.cpu_waiting_percent);
  if (seen.cores) cores = seen.cores;
}

nlohmann::json HostPressure::to_json() const {
  const auto or_null = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"load1", or_null(load1)},
          {"cores", cores},
          {"cpu_pressure_some_avg10_percent", or_null(cpu_waiting_percent)}};
}

HostPressure parse_host_pressure(std::string_view loadavg, std::string_view psi_cpu,
                                 unsigned cores) {
  HostPressure pressure;
  pressure.cores = cores;
  pressure.load1 = number_at(loadavg);
  // "some avg10=0.24 avg60=0.34 avg300=11.47 total=724020717"
  constexpr std::string_view kSome = "some avg10=";
  if (const auto at = psi_cpu.find(kSome); at != std::string_view::npos)
    pressure.cpu_waiting_percent = number_at(psi_cpu.substr(at + kSome.size()));
  return pressure;
}

HostPressure read_host_pressure() {
  return parse_host_pressure(file_text("/proc/loadavg"), file_text("/proc/pressure/cpu"),
                             std::thread::hardware_concurrency());
}

}  // namespace unbroken
