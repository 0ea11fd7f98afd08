#include "harness/checks/workload_log.h"

#include <nlohmann/json.hpp>

namespace unbroken {

std::optional<WorkloadLog> parse_workload_log(const std::string& line) {
  const auto doc = nlohmann::json::parse(line, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("service") || !doc.contains("seq") ||
      !doc["service"].is_string() || !doc["seq"].is_number_integer()) {
    return std::nullopt;
  }
  return WorkloadLog{doc["service"].get<std::string>(), doc["seq"].get<std::int64_t>(),
                     doc.value("trace_id", ""), doc.value("span_id", "")};
}

}  // namespace unbroken
