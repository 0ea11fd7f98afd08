// Scenario files (YAML, see scenarios/README.md): loading and validation. Every error is a
// ConfigError naming file:line:col and what was expected. Fault and check parameters are
// validated by their registries when the run builds them.
#pragma once

#include <filesystem>
#include <string>

#include "harness/scenario/scenario.h"

namespace unbroken {

Scenario load_scenario(const std::filesystem::path& file);
// Parses `text` as if it were the contents of `file_name` (for tests).
Scenario parse_scenario(const std::string& text, const std::filesystem::path& file_name);

}  // namespace unbroken
