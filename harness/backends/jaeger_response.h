// Jaeger query API (/api, port 16686) response parsing into domain types. Trace ids are
// normalised to 32 lowercase hex chars (Jaeger prints 16 when the upper 64 bits are zero);
// a span's parent is its CHILD_OF reference; its kind comes from the span.kind tag.
// Throws BackendError for bodies that are not the API's JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/backends/backend_error.h"

namespace unbroken {

struct SpanRecord {
  std::string span_id;
  std::string parent_span_id;  // "" for a root span
  std::string operation;
  std::string service;
  std::string kind;  // "server", "client", ... or "" when untagged
  std::int64_t start_us = 0;
  std::int64_t duration_us = 0;
};

struct TraceRecord {
  std::string trace_id;  // 32 lowercase hex
  std::vector<SpanRecord> spans;
};

// 16 or 32 hex chars → 32 lowercase; "" when `id` is not a trace id.
std::string normalize_trace_id(const std::string& id);

// The `data` array of a /api/traces or /api/traces/{id} answer (HTTP 200 only).
std::vector<TraceRecord> parse_jaeger_traces(const std::string& body);
// The `data` array of /api/services.
std::vector<std::string> parse_jaeger_services(const std::string& body);

}  // namespace unbroken
