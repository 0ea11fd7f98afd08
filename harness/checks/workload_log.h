// The reference workload's log line, as the checks read it back from Loki:
// {"level","service","seq","trace_id","span_id","route","status"}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace unbroken {

struct WorkloadLog {
  std::string service;
  std::int64_t seq = -1;
  std::string trace_id;
  std::string span_id;
};

// nullopt when `line` is not a workload log line.
std::optional<WorkloadLog> parse_workload_log(const std::string& line);

// The services of the reference workload's chain, entry first.
inline const char* const kWorkloadChain[] = {"gateway", "orders", "inventory"};

}  // namespace unbroken
