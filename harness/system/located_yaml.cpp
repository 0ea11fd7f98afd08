#include "harness/system/located_yaml.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace unbroken {

Params Located::params(const std::vector<std::string>& skip) const {
  Params params(where());
  for (const auto& kv : node_) {
    const auto key = kv.first.as<std::string>();
    if (std::find(skip.begin(), skip.end(), key) != skip.end()) continue;
    const Located value(kv.second, file_);
    ParamValue param{"", value.where(), std::nullopt};
    param.key_where = Located(kv.first, file_).where();
    if (value.node().IsMap()) {
      param.shape = ValueShape::kMapping;
    } else if (value.node().IsSequence()) {
      param.shape = ValueShape::kList;
      std::vector<std::string> items;
      for (const auto& element : value.node()) {
        if (!element.IsScalar()) break;
        items.push_back(element.Scalar());
      }
      if (items.size() == value.node().size()) {
        param.text = fmt::format("{}", fmt::join(items, ", "));
        param.items = std::move(items);
      }
    } else {
      param.text = value.node().IsNull() ? "" : value.node().Scalar();
    }
    params.set(key, std::move(param));
  }
  return params;
}

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
