// What differs between a recorded run (its report.json) and this machine, said before a
// replay runs: the scenario file against the recorded text, the harness version, the
// engine, and each service's image id.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace unbroken {

// What this machine has, to compare with a recorded run.
struct ReplaySite {
  std::optional<std::string> scenario_file_text;  // the scenario file here; nullopt: absent
  std::string harness_version;
  std::string engine_name;  // empty: not asked (a dry run touches no engine)
  std::string engine_version;
  std::map<std::string, std::string> image_ids;  // image reference -> its id here; "" absent
};

// One line per difference between the recorded run `report` and `here`; empty when none.
std::vector<std::string> replay_differences(const nlohmann::json& report, const ReplaySite& here);

}  // namespace unbroken
