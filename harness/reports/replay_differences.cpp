#include "harness/reports/replay_differences.h"

#include <fmt/format.h>

#include "harness/reports/report_fields.h"

namespace unbroken {

std::vector<std::string> replay_differences(const nlohmann::json& report, const ReplaySite& here) {
  using nlohmann::json;
  using report_fields::text_at;
  std::vector<std::string> differences;
  const auto file = text_at(report, "/scenario/file"_json_pointer);
  if (report.contains("/scenario/text"_json_pointer)) {
    const auto recorded = text_at(report, "/scenario/text"_json_pointer);
    if (!here.scenario_file_text) {
      differences.push_back(fmt::format(
          "the scenario file {} is not on this machine: the recorded text is replayed", file));
    } else if (*here.scenario_file_text != recorded) {
      differences.push_back(fmt::format(
          "the scenario file {} has changed since the run: the recorded text is replayed, not "
          "the file",
          file));
    }
  }
  const auto harness = text_at(report, "/harness/version"_json_pointer);
  if (!harness.empty() && harness != here.harness_version) {
    differences.push_back(
        fmt::format("harness {} recorded, {} here", harness, here.harness_version));
  }
  if (here.engine_name.empty()) return differences;
  const auto engine = text_at(report, "/engine/name"_json_pointer);
  const auto version = text_at(report, "/engine/version"_json_pointer);
  if (!engine.empty() && (engine != here.engine_name || version != here.engine_version)) {
    differences.push_back(fmt::format("engine {} {} recorded, {} {} here", engine, version,
                                      here.engine_name, here.engine_version));
  }
  const auto services = report.value("services", json::object());
  for (const auto& [service, image] : services.items()) {
    if (!image.is_object()) continue;
    const auto reference = image.value("image", "");
    const auto recorded = image.value("image_id", "");
    const auto found = here.image_ids.find(reference);
    if (found == here.image_ids.end()) continue;
    if (found->second.empty()) {
      differences.push_back(
          fmt::format("service {}: image {} is not on this machine", service, reference));
    } else if (!recorded.empty() && found->second != recorded) {
      differences.push_back(fmt::format("service {}: image {} is {} here, {} recorded", service,
                                        reference, found->second, recorded));
    }
  }
  return differences;
}

}  // namespace unbroken
