#include "harness/cli/image_set.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>

#include "harness/core/errors.h"

namespace unbroken {

std::map<std::string, std::string> load_image_set(const std::filesystem::path& compose_dir,
                                                  const std::string& name) {
  const auto file = compose_dir / "images" / (name + ".env");
  std::ifstream in(file);
  if (!in) {
    throw ConfigError(
        fmt::format("unknown image set '{}': {} does not exist (sets: official, offline)", name,
                    file.string()));
  }
  std::map<std::string, std::string> vars;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw ConfigError(SourceLocation{file.string(), line_number, 1}, "expected KEY=VALUE");
    }
    const auto key = line.substr(0, eq);
    if (std::getenv(key.c_str()) == nullptr) vars[key] = line.substr(eq + 1);
  }
  return vars;
}

}  // namespace unbroken
