// The span tree a request of the reference workload must leave in Jaeger, pure for unit
// tests. For the chain s0 → s1 → … → sn-1 and the driver's root span D:
//   s0 SERVER (parent D), s0 CLIENT (parent s0 SERVER), s1 SERVER (parent s0 CLIENT), …,
//   sn-1 SERVER — 2n-1 spans in all.
#pragma once

#include <string>
#include <vector>

#include "harness/backends/jaeger_response.h"

namespace unbroken {

// What is wrong with `trace`; empty when it has exactly the expected tree.
std::vector<std::string> trace_problems(const TraceRecord& trace, const std::string& driver_span_id,
                                        const std::vector<std::string>& chain);

}  // namespace unbroken
