// System files (YAML, see scenarios/README.md "System files"): loading and validation
// against the compose files they name. Every error is a ConfigError naming file:line:col and
// what was expected; nothing is started.
#pragma once

#include <filesystem>
#include <string>

#include "harness/system/system.h"

namespace unbroken {

System load_system(const std::filesystem::path& file);
// Parses `text` as if it were the contents of `file_name`; paths in it (compose files, env
// file, image sets) are relative to `file_name`'s directory and must exist (for tests).
System parse_system(const std::string& text, const std::filesystem::path& file_name);

}  // namespace unbroken
