#include "harness/backends/jaeger_response.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <utility>

namespace unbroken {
namespace {

using nlohmann::json;

// The answer's data, moved out of the parsed document: a search page of a thousand traces
// is tens of MiB as a document, and a copy would hold it twice.
json data_of(const std::string& body) {
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("data")) {
    throw BackendError("Jaeger's answer has no data: " + body.substr(0, 200));
  }
  return std::move(doc["data"]);
}

SpanRecord parse_span(const json& s, const json& processes) {
  SpanRecord span;
  span.span_id = s.at("spanID").get<std::string>();
  span.operation = s.value("operationName", "");
  span.start_us = s.value("startTime", std::int64_t{0});
  span.duration_us = s.value("duration", std::int64_t{0});
  for (const auto& ref : s.value("references", json::array())) {
    if (ref.value("refType", "") == "CHILD_OF") span.parent_span_id = ref.value("spanID", "");
  }
  for (const auto& tag : s.value("tags", json::array())) {
    if (tag.value("key", "") == "span.kind" && tag.contains("value"))
      span.kind = tag["value"].get<std::string>();
  }
  const auto process = s.value("processID", "");
  if (processes.contains(process)) span.service = processes[process].value("serviceName", "");
  return span;
}

}  // namespace

std::string normalize_trace_id(const std::string& id) {
  if ((id.size() != 16 && id.size() != 32) ||
      !std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isxdigit(c); })) {
    return {};
  }
  std::string out = id.size() == 16 ? std::string(16, '0') + id : id;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<TraceRecord> parse_jaeger_traces(const std::string& body) {
  const auto data = data_of(body);
  if (!data.is_array()) throw BackendError("Jaeger's data is not a list of traces");
  std::vector<TraceRecord> traces;
  try {
    for (const auto& t : data) {
      TraceRecord trace;
      trace.trace_id = normalize_trace_id(t.at("traceID").get<std::string>());
      if (trace.trace_id.empty())
        throw BackendError("Jaeger trace id is not hex: " + t.at("traceID").dump());
      const auto processes = t.value("processes", json::object());
      for (const auto& s : t.value("spans", json::array()))
        trace.spans.push_back(parse_span(s, processes));
      traces.push_back(std::move(trace));
    }
  } catch (const json::exception& e) {
    throw BackendError(std::string("Jaeger trace JSON is malformed: ") + e.what());
  }
  return traces;
}

std::vector<std::string> parse_jaeger_services(const std::string& body) {
  const auto data = data_of(body);
  if (data.is_null()) return {};
  if (!data.is_array()) throw BackendError("Jaeger's services are not a list");
  return data.get<std::vector<std::string>>();
}

}  // namespace unbroken
