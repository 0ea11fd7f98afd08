// How many runs of a suite go at once when --jobs is not given: what the machine holds.
// One per core: a run's stack start-up (compose, ten containers) and its verification are
// CPU-bound; on 2 cores 4 runs at once took as long as 2 with the CPU saturated
// (tests/bench/README.md), and a saturated host is what makes timing-based verdicts weak.
// Each run's stack (official images, Loki and Grafana included) and harness are budgeted
// at 1 GiB, so no more than the available memory holds. Always at least 1, and never more
// than the runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace unbroken {

inline constexpr std::uint64_t kMemoryPerRun = std::uint64_t{1} << 30;

struct SuiteJobs {
  std::size_t jobs = 1;
  std::string why;  // "one per core: 2 core(s), within 21.3 GiB available at 1 GiB a run"
};

SuiteJobs default_suite_jobs(unsigned cores, std::uint64_t available_memory, std::size_t runs);

// MemAvailable from /proc/meminfo in bytes; 0 when it cannot be read.
std::uint64_t available_memory();

}  // namespace unbroken
