#include "harness/system/located_yaml.h"

#include <yaml-cpp/eventhandler.h>

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
// the key is. `values` counts the values walked, aliases expanded: a document past
// kMaxYamlValues (a "billion laughs" of nested aliases) or nested past kMaxYamlDepth (an
// alias inside its own anchor never ends) is refused before anything reads it.
void refuse_ambiguous_keys(const YAML::Node& node, const std::filesystem::path& file,
                           std::size_t& values, std::size_t depth = 0) {
  if (depth > kMaxYamlDepth) {
    throw ConfigError(yaml_location(file, node.Mark()),
                      fmt::format("values nested more than {} deep (kMaxYamlDepth), or an alias "
                                  "inside its own anchor",
                                  kMaxYamlDepth));
  }
  if (++values > kMaxYamlValues) {
    throw ConfigError(yaml_location(file, node.Mark()),
                      fmt::format("the document holds more than {} values once its aliases are "
                                  "expanded (kMaxYamlValues); no scenario, system or compose "
                                  "file is that large",
                                  kMaxYamlValues));
  }
  if (node.IsSequence()) {
    for (const auto& element : node) refuse_ambiguous_keys(element, file, values, depth + 1);
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
    refuse_ambiguous_keys(kv.second, file, values, depth + 1);
  }
}

// Where each document starts, up to the second: yaml-cpp's event parser, not LoadAll,
// because LoadAll (yaml-cpp 0.7) never returns on a ',' outside [ ] or { }: it reads an empty
// document there again and again without moving on, until memory runs out (found by
// tests/fuzz/scenario_fuzz.cpp).
class DocumentStarts final : public YAML::EventHandler {
 public:
  static std::vector<YAML::Mark> of(const std::string& text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentStarts starts;
    while (starts.marks_.size() < 2 && parser.HandleNextDocument(starts)) {
    }
    return starts.marks_;
  }
  void OnDocumentStart(const YAML::Mark& mark) override { marks_.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  std::vector<YAML::Mark> marks_;
};

}  // namespace

YAML::Node parse_yaml(const std::string& text, const std::filesystem::path& file) {
  YAML::Node root;
  try {
    const auto starts = DocumentStarts::of(text);
    if (starts.size() > 1) {
      const auto& second = starts[1];
      if (second.pos >= 0 && static_cast<std::size_t>(second.pos) < text.size() &&
          text[static_cast<std::size_t>(second.pos)] == ',') {
        throw ConfigError(yaml_location(file, second),
                          "a ',' outside any [ ] or { }: YAML has no value for it here");
      }
      throw ConfigError(yaml_location(file, second),
                        "a second YAML document: the file must hold exactly one (remove the "
                        "'---' and what follows, or make it a file of its own)");
    }
    if (starts.empty()) return YAML::Node();
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ConfigError(yaml_location(file, e.mark), "not valid YAML: " + e.msg);
  }
  std::size_t values = 0;
  refuse_ambiguous_keys(root, file, values);
  return root;
}

YAML::Node load_yaml_file(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file);
  if (!in) throw ConfigError(SourceLocation{file.string()}, "cannot read the " + what);
  std::stringstream text;
  text << in.rdbuf();
  return parse_yaml(text.str(), file);
}

}  // namespace unbroken
