#include "harness/backends/jaeger_client.h"

#include <fmt/format.h>

namespace unbroken {
namespace {

constexpr Millis kQueryTimeout{30'000};

std::string micros(TimePoint t) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

void require_ok(const HttpResponse& r, const std::string& what) {
  if (r.status != 200) {
    throw BackendError(
        fmt::format("Jaeger answered HTTP {} to {}: {}", r.status, what, r.body.substr(0, 300)));
  }
}

}  // namespace

JaegerClient::JaegerClient(HttpTransport& http, std::string base_url)
    : http_(http), base_url_(std::move(base_url)) {}

std::optional<TraceRecord> JaegerClient::trace(const std::string& trace_id) const {
  const auto r = http_.get(base_url_, "/api/traces/" + trace_id, {}, kQueryTimeout);
  if (r.status == 404) return std::nullopt;
  require_ok(r, "GET /api/traces/" + trace_id);
  auto traces = parse_jaeger_traces(r.body);
  if (traces.empty()) return std::nullopt;
  return std::move(traces.front());
}

std::vector<TraceRecord> JaegerClient::find_traces(const std::string& service, TimePoint start,
                                                   TimePoint end, int limit) const {
  const auto r = http_.get(base_url_, "/api/traces",
                           {{"service", service},
                            {"start", micros(start)},
                            {"end", micros(end)},
                            {"limit", std::to_string(limit)}},
                           kQueryTimeout);
  require_ok(r, "a trace search");
  return parse_jaeger_traces(r.body);
}

std::vector<std::string> JaegerClient::services() const {
  const auto r = http_.get(base_url_, "/api/services", {}, kQueryTimeout);
  require_ok(r, "GET /api/services");
  return parse_jaeger_services(r.body);
}

}  // namespace unbroken
