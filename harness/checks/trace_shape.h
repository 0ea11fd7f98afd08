// The span tree a request of the reference workload must leave in Jaeger, pure for unit
// tests. For the chain s0 → s1 → … → sn-1 and the driver's root span D:
//   s0 SERVER (parent D), s0 CLIENT (parent s0 SERVER), s1 SERVER (parent s0 CLIENT), …,
//   sn-1 SERVER — 2n-1 spans in all.
// Each problem names the service whose spans it concerns, so that a loss can be attributed
// to a fault on that service's path; only missing spans are losses.
#pragma once

#include <string>
#include <vector>

#include "harness/backends/jaeger_response.h"

namespace unbroken {

struct TraceProblem {
  enum class Kind {
    kMissing,     // no span of this service and kind at all: lost on the way
    kBrokenLink,  // the span exists, but under the wrong parent
    kDuplicated,  // one span id stored more than once
    kExtra,       // more spans than the tree has
  };
  Kind kind;
  std::string service;
  std::string text;  // "no orders server span under a2"
};

// What is wrong with `trace`; empty when it has exactly the expected tree. The walk down the
// chain stops at the first missing or misplaced span.
std::vector<TraceProblem> trace_problems(const TraceRecord& trace,
                                         const std::string& driver_span_id,
                                         const std::vector<std::string>& chain);

// The services of `chain` whose spans hang correctly in `trace`, from the root down to the
// first problem: what arrived whole.
std::vector<std::string> services_arrived(const TraceRecord& trace,
                                          const std::string& driver_span_id,
                                          const std::vector<std::string>& chain);

}  // namespace unbroken
