// How many runs of a suite go at once when --jobs is not given: what the machine holds.
// Two per core: a run spends most of its time waiting on its timeline, and its CPU comes
// in bursts (stack start-up, teardown). On 2 cores the 23 shipped scenarios took 446 s 2
// at a time, 250 s 4 at a time with the host 50 % busy, every one passed; 6 at a time
// peaked at 71 % CPU pressure, where timing-based verdicts weaken (tests/bench/README.md).
// Each run's stack (official images, Loki and Grafana included) and harness are budgeted
// at 1 GiB, so no more than the available memory holds. Always at least 1, and never more
// than the runs.
// Within that figure, the suite also watches the machine as each run would (host_pressure.h):
// a further run starts beside others only while the host is not already under pressure, so
// a busy CI runner gets fewer runs at once rather than weaker verdicts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/host_pressure.h"
#include "harness/core/time.h"

namespace unbroken {

inline constexpr std::uint64_t kMemoryPerRun = std::uint64_t{1} << 30;
inline constexpr unsigned kRunsPerCore = 2;

struct SuiteJobs {
  std::size_t jobs = 1;
  std::string why;  // "two per core: 2 core(s), within 21.3 GiB available at 1 GiB a run"
};

SuiteJobs default_suite_jobs(unsigned cores, std::uint64_t available_memory, std::size_t runs);

// A further run starts beside others only while the share of time some task waited for a CPU
// (PSI cpu "some avg10") is under this; where the kernel has no PSI, while the 1-minute load
// average is under kAdmitLoadPerCore per core.
inline constexpr double kAdmitCpuPressurePercent = 40.0;
inline constexpr double kAdmitLoadPerCore = 1.5;

// Why the host, as `now` shows it, should take no further run beside those running; nullopt
// when it may (and when nothing about it is known).
std::optional<std::string> host_holds_back(const HostPressure& now);

// The order a suite starts its runs in, as indices into `expected` (each run's expected
// length, its scenario's load duration): longest first, equal lengths in the order given.
// A long run started last would be the suite's tail on its own; started first, the short
// ones fill the other slots beside it.
std::vector<std::size_t> longest_first(const std::vector<Millis>& expected);

// MemAvailable from /proc/meminfo in bytes; 0 when it cannot be read.
std::uint64_t available_memory();

}  // namespace unbroken
