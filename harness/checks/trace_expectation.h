// TraceExpectation: what one request's trace must look like in Jaeger, as a scenario states
// it for traces.completeness:
//   services: a, b, c      the services whose spans the trace holds, the load's entry first
//                          (required: no system's services are assumed)
//   shape: spans           (default) each service has at least one span; every span's parent
//                          is a span of the trace or the driver's own span; at least one span
//                          hangs under the driver's span; no span id stored twice; at least
//                          `min_spans` spans in all (default: one per service). Fits any
//                          OpenTelemetry SDK that continues the driver's traceparent.
//   shape: chain           the exact client/server chain of trace_shape.h (the reference
//                          workload's instrumentation): 2n-1 spans, each under the previous.
// Each problem names the service whose spans it concerns, so a loss is attributed to a fault
// on that service's path.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/checks/trace_shape.h"
#include "harness/core/param_decl.h"
#include "harness/core/params.h"

namespace unbroken {

class TraceExpectation {
 public:
  // Reads services, shape and min_spans; throws ConfigError at the parameters' location.
  static TraceExpectation from(const Params& params, const std::string& check);
  static ParamDecls parameters();

  const std::vector<std::string>& services() const { return services_; }
  const std::string& entry() const { return services_.front(); }
  // What is wrong with `trace`; empty when it meets the expectation.
  std::vector<TraceProblem> problems(const TraceRecord& trace,
                                     const std::string& driver_span_id) const;
  // The declared services whose spans arrived correctly linked.
  std::vector<std::string> arrived(const TraceRecord& trace,
                                   const std::string& driver_span_id) const;
  nlohmann::json to_json() const;

 private:
  bool chain_ = false;
  std::vector<std::string> services_;
  std::size_t min_spans_ = 0;
};

}  // namespace unbroken
