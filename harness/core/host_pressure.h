// HostPressure: how busy this machine was at one moment, as its kernel reports it: the
// 1-minute load average against the number of cores (/proc/loadavg) and, where the kernel
// has pressure stall information, the share of the last 10 s in which some runnable task
// waited for a CPU (/proc/pressure/cpu, "some avg10"). Checks quote it beside an
// observation that got no answer, so a reader can tell a busy machine from a broken system.
// Reading is cheap (two small files) and never throws: what the kernel does not report is
// left out.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace unbroken {

struct HostPressure {
  std::optional<double> load1;                // 1-minute load average
  unsigned cores = 0;                         // online CPUs; 0 when unknown
  std::optional<double> cpu_waiting_percent;  // PSI cpu "some avg10", in percent

  bool known() const { return load1.has_value() || cpu_waiting_percent.has_value(); }
  // Keeps the higher of each figure, this one's or `seen`'s: a run's peak.
  void raise_to(const HostPressure& seen);
  // "host load 3.2 on 2 cores, CPU pressure 45%", or "host pressure unknown".
  std::string describe() const;
  nlohmann::json to_json() const;
};

// From the texts of /proc/loadavg and /proc/pressure/cpu (either may be empty).
HostPressure parse_host_pressure(std::string_view loadavg, std::string_view psi_cpu,
                                 unsigned cores);

// This machine, now.
HostPressure read_host_pressure();

}  // namespace unbroken
