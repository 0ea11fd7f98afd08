#include "harness/system/located_yaml.h"

#include <fstream>
#include <sstream>

namespace unbroken {

YAML::Node parse_yaml(const std::string& text, const std::filesystem::path& file) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ConfigError(SourceLocation{file.string(), e.mark.line + 1, e.mark.column + 1},
                      "not valid YAML: " + e.msg);
  }
}

YAML::Node load_yaml_file(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file);
  if (!in) throw ConfigError(SourceLocation{file.string()}, "cannot read the " + what);
  std::stringstream text;
  text << in.rdbuf();
  return parse_yaml(text.str(), file);
}

}  // namespace unbroken
