// Spans as test data: OTLP/HTTP JSON bodies (ExportTraceServiceRequest) written by the OTLP
// JSON rules (lowerCamelCase keys, hex ids, integer enums, 64-bit times as decimal strings),
// for posting straight to a Jaeger stand-in in contract tests and benchmarks. The workload
// itself exports through the OpenTelemetry SDK (fixtures/workload/tracing.h).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace unbroken::testing {

enum class SpanKind : int { kInternal = 1, kServer = 2, kClient = 3 };

struct Span {
  std::string trace_id;        // 32 lowercase hex
  std::string span_id;         // 16 lowercase hex
  std::string parent_span_id;  // "" for a root span
  std::string name;
  SpanKind kind = SpanKind::kInternal;
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
  std::vector<std::pair<std::string, std::string>> attributes;  // string-valued
  bool error = false;
};

// One resource (service.name = `service`) with one scope holding `spans`.
inline std::string encode_otlp_traces(const std::string& service, const std::vector<Span>& spans) {
  using nlohmann::json;
  json encoded = json::array();
  for (const auto& s : spans) {
    json attributes = json::array();
    for (const auto& [key, value] : s.attributes) {
      attributes.push_back({{"key", key}, {"value", {{"stringValue", value}}}});
    }
    json span{{"traceId", s.trace_id},
              {"spanId", s.span_id},
              {"name", s.name},
              {"kind", static_cast<int>(s.kind)},
              {"startTimeUnixNano", std::to_string(s.start_ns)},
              {"endTimeUnixNano", std::to_string(s.end_ns)},
              {"attributes", std::move(attributes)},
              {"status", {{"code", s.error ? 2 : 0}}}};
    if (!s.parent_span_id.empty()) span["parentSpanId"] = s.parent_span_id;
    encoded.push_back(std::move(span));
  }
  const json request{
      {"resourceSpans",
       {{{"resource",
          {{"attributes", {{{"key", "service.name"}, {"value", {{"stringValue", service}}}}}}}},
         {"scopeSpans",
          {{{"scope", {{"name", "unbroken-tests"}}}, {"spans", std::move(encoded)}}}}}}}};
  return request.dump();
}

}  // namespace unbroken::testing
