#include "harness/backends/jaeger_client.h"

#include <fmt/format.h>

#include "harness/backends/backend_query.h"

namespace unbroken {
namespace {

std::string micros(TimePoint t) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

void require_ok(const HttpResponse& r) {
  if (r.status != 200) {
    throw BackendError(fmt::format("HTTP {}: {}", r.status, r.body.substr(0, 300)));
  }
}

}  // namespace

JaegerClient::JaegerClient(HttpTransport& http, std::string base_url, Millis timeout)
    : http_(http), base_url_(std::move(base_url)), timeout_(timeout) {}

std::optional<TraceRecord> JaegerClient::trace(const std::string& trace_id) const {
  return asking("Jaeger", "trace " + trace_id, [&]() -> std::optional<TraceRecord> {
    const auto r = http_.get(base_url_, "/api/traces/" + trace_id, {}, timeout_);
    if (r.status == 404) return std::nullopt;
    require_ok(r);
    auto traces = parse_jaeger_traces(r.body);
    if (traces.empty()) return std::nullopt;
    return std::move(traces.front());
  });
}

std::vector<TraceRecord> JaegerClient::find_traces(const std::string& service, TimePoint start,
                                                   TimePoint end, int limit) const {
  return asking("Jaeger", "a trace search of service " + service, [&] {
    const auto r = http_.get(base_url_, "/api/traces",
                             {{"service", service},
                              {"start", micros(start)},
                              {"end", micros(end)},
                              {"limit", std::to_string(limit)}},
                             timeout_);
    require_ok(r);
    return parse_jaeger_traces(r.body);
  });
}

std::vector<std::string> JaegerClient::services() const {
  return asking("Jaeger", "its services", [&] {
    const auto r = http_.get(base_url_, "/api/services", {}, timeout_);
    require_ok(r);
    return parse_jaeger_services(r.body);
  });
}

}  // namespace unbroken
