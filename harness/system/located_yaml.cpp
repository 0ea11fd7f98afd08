#include "harness/system/located_yaml.h"

#include <algorithm>
#include <fstream>
#include <map>
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

SourceLocation yaml_location(const std::filesystem::path& file, const YAML::Mark& mark) {
  if (mark.is_null()) return SourceLocation{file.string()};
  return SourceLocation{file.string(), mark.line + 1, mark.column + 1};
}

namespace {

// yaml-cpp keeps the first of two equal keys and drops the second without a word, and turns
// a key that is a list or mapping into a bad conversion later: both are refused here, where
// the key is.
void refuse_ambiguous_keys(const YAML::Node& node, const std::filesystem::path& file) {
  if (node.IsSequence()) {
    for (const auto& element : node) refuse_ambiguous_keys(element, file);
    return;
  }
  if (!node.IsMap()) return;
  std::map<std::string, YAML::Mark> seen;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) {
      throw ConfigError(yaml_location(file, kv.first.Mark()),
                        "a key must be a single value, not a list or a mapping");
    }
    const auto [first, fresh] = seen.emplace(kv.first.Scalar(), kv.first.Mark());
    if (!fresh) {
      throw ConfigError(
          yaml_location(file, kv.first.Mark()),
          fmt::format("'{}' is given twice in this mapping (first at line {}, "
                      "column {}): YAML would keep only one of them",
                      kv.first.Scalar(), first->second.line + 1, first->second.column + 1));
    }
    refuse_ambiguous_keys(kv.second, file);
  }
}

// Where the second document starts: its root's mark, or else the last document marker.
SourceLocation second_document(const std::string& text, const YAML::Node& root,
                               const std::filesystem::path& file) {
  if (!root.Mark().is_null()) return yaml_location(file, root.Mark());
  int line = 0;
  int marker = 0;
  std::istringstream lines(text);
  for (std::string l; std::getline(lines, l);) {
    ++line;
    if (l.rfind("---", 0) == 0) marker = line;
  }
  return marker ? SourceLocation{file.string(), marker, 1} : SourceLocation{file.string()};
}

}  // namespace

YAML::Node parse_yaml(const std::string& text, const std::filesystem::path& file) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    throw ConfigError(yaml_location(file, e.mark), "not valid YAML: " + e.msg);
  }
  if (documents.size() > 1) {
    throw ConfigError(second_document(text, documents[1], file),
                      "a second YAML document: the file must hold exactly one (remove the "
                      "'---' and what follows, or make it a file of its own)");
  }
  if (documents.empty()) return YAML::Node();
  refuse_ambiguous_keys(documents.front(), file);
  return documents.front();
}

YAML::Node load_yaml_file(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file);
  if (!in) throw ConfigError(SourceLocation{file.string()}, "cannot read the " + what);
  std::stringstream text;
  text << in.rdbuf();
  return parse_yaml(text.str(), file);
}

}  // namespace unbroken
