// JaegerClient: the typed client for Jaeger's query API on port 16686 (the internal /api
// endpoints Jaeger's UI uses; pin the Jaeger version, see backends.md §3.4). Returns
// domain types with normalised ids. Throws TransportError / BackendError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/backends/http_transport.h"
#include "harness/backends/jaeger_response.h"
#include "harness/core/time.h"

namespace unbroken {

// How long one question to Jaeger may take, unless the client is given another bound.
inline constexpr Millis kJaegerQueryTimeout{30'000};

class JaegerClient {
 public:
  JaegerClient(HttpTransport& http, std::string base_url, Millis timeout = kJaegerQueryTimeout);

  // The trace, or nullopt when Jaeger answers 404 (not stored).
  std::optional<TraceRecord> trace(const std::string& trace_id) const;
  // Traces with a span of `service` that started in [start, end], newest first.
  std::vector<TraceRecord> find_traces(const std::string& service, TimePoint start, TimePoint end,
                                       int limit) const;
  std::vector<std::string> services() const;

 private:
  HttpTransport& http_;
  std::string base_url_;
  Millis timeout_;
};

}  // namespace unbroken
