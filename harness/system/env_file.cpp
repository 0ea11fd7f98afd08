#include "harness/system/env_file.h"

#include <fstream>

#include "harness/core/errors.h"

namespace unbroken {

std::map<std::string, std::string> read_env_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw ConfigError("cannot read env file " + file.string());
  std::map<std::string, std::string> vars;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw ConfigError(SourceLocation{file.string(), line_number, 1}, "expected KEY=VALUE");
    }
    vars[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return vars;
}

}  // namespace unbroken
