#include "harness/backends/loki_response.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace unbroken {

std::vector<LogLine> parse_loki_streams(const std::string& body, int http_status) {
  if (http_status != 200) {
    throw BackendError(fmt::format("Loki answered HTTP {}: {}", http_status, body.substr(0, 300)));
  }
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || doc.value("status", "") != "success") {
    throw BackendError("Loki's answer is not a successful query response: " + body.substr(0, 200));
  }
  // Read in place: a page of 5,000 lines is many MiB as a document, never copied.
  const auto empty = nlohmann::json::object();
  const auto found = doc.find("data");
  const auto& data = found != doc.end() ? *found : empty;
  if (!data.is_object() || data.value("resultType", "") != "streams" || !data.contains("result")) {
    throw BackendError("Loki's answer is not a streams result: " + body.substr(0, 200));
  }
  std::vector<LogLine> lines;
  for (const auto& stream : data["result"]) {
    std::map<std::string, std::string> labels;
    const auto label_object = stream.value("stream", nlohmann::json::object());
    for (const auto& [k, v] : label_object.items()) labels[k] = v.get<std::string>();
    const auto values = stream.find("values");
    if (values == stream.end()) continue;
    for (const auto& value : *values) {
      if (!value.is_array() || value.size() < 2 || !value[0].is_string() || !value[1].is_string()) {
        throw BackendError("Loki entry is not [\"<ns>\", \"<line>\"]: " + value.dump());
      }
      try {
        lines.push_back(
            {labels, std::stoll(value[0].get<std::string>()), value[1].get<std::string>()});
      } catch (const std::exception&) {
        throw BackendError("Loki timestamp is not nanoseconds: " + value[0].dump());
      }
    }
  }
  return lines;
}

}  // namespace unbroken
