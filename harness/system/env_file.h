// Env files (KEY=VALUE lines; blank lines and # comments skipped), as a system file's
// `env_file` and image sets use them.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace unbroken {

// Throws ConfigError at file:line:1 for a line that is not KEY=VALUE, or when the file
// cannot be read.
std::map<std::string, std::string> read_env_file(const std::filesystem::path& file);

}  // namespace unbroken
