// Located: a YAML node with the file it came from, so every error about it can say
// file:line:col and what was expected. Shared by the loaders of scenario and system files.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/core/duration.h"
#include "harness/core/errors.h"
#include "harness/core/param_decl.h"
#include "harness/core/params.h"

namespace unbroken {

class Located {
 public:
  Located(YAML::Node node, const std::string& file) : node_(std::move(node)), file_(file) {}

  SourceLocation where() const {
    const auto mark = node_.Mark();
    return {file_, mark.line + 1, mark.column + 1};
  }
  [[noreturn]] void fail(const std::string& what) const { throw ConfigError(where(), what); }

  bool has(const std::string& key) const { return node_.IsMap() && node_[key]; }
  Located at(const std::string& key) const { return {node_[key], file_}; }
  const YAML::Node& node() const { return node_; }

  void require_map(const std::string& what) const {
    if (!node_.IsMap()) fail(fmt::format("{} must be a mapping of keys to values", what));
  }
  void require_sequence(const std::string& what) const {
    if (!node_.IsSequence()) fail(fmt::format("{} must be a list", what));
  }
  // This mapping's keys and values (except the keys in `skip`) as Params, each value with
  // its location and shape.
  Params params(const std::vector<std::string>& skip = {}) const;
  // Refuses, at file:line:col, a key `decls` does not declare, a missing required key or a
  // value not of its declared type (param_decl.h); `what` names the entry in the message.
  void check_keys(const ParamDecls& decls, const std::string& what) const {
    require_map(what);
    validate_params(params(), decls, what);
  }
  std::string scalar(const std::string& what) const {
    if (!node_.IsScalar()) fail(fmt::format("{} must be a single value", what));
    return node_.Scalar();
  }
  // "8s" or a range "8s..12s" (drawn from the run's seed): {low, high if a range}. With a
  // `prefix` ("every "), the value must start with it and the rest is read.
  std::pair<Millis, std::optional<Millis>> duration_or_range(const std::string& what,
                                                             const std::string& prefix = "") const {
    auto text = scalar(what);
    if (!text.starts_with(prefix))
      fail(fmt::format("{} must read '{}<duration>' or '{}<duration>..<duration>', not '{}'", what,
                       prefix, prefix, text));
    text.erase(0, prefix.size());
    const auto dots = text.find("..");
    try {
      if (dots == std::string::npos) return {parse_duration(text), std::nullopt};
      const auto low = parse_duration(text.substr(0, dots));
      const auto high = parse_duration(text.substr(dots + 2));
      if (high < low) fail(fmt::format("{}: the range {} runs backwards", what, text));
      return {low, high};
    } catch (const std::invalid_argument& e) {
      fail(fmt::format("{}: {} (a duration, or a range such as 8s..12s)", what, e.what()));
    }
  }
  Millis duration(const std::string& what) const {
    try {
      return parse_duration(scalar(what));
    } catch (const std::invalid_argument& e) {
      fail(fmt::format("{}: {}", what, e.what()));
    }
  }
  double positive_number(const std::string& what) const {
    const auto text = scalar(what);
    try {
      std::size_t used = 0;
      const double v = std::stod(text, &used);
      if (used == text.size() && v > 0) return v;
    } catch (const std::exception&) {
    }
    fail(fmt::format("{} must be a positive number, got '{}'", what, text));
  }
  bool boolean(const std::string& what) const {
    const auto text = scalar(what);
    if (text == "true") return true;
    if (text == "false") return false;
    fail(fmt::format("{} must be true or false, got '{}'", what, text));
  }
  std::uint64_t unsigned_integer(const std::string& what) const {
    const auto text = scalar(what);
    try {
      std::size_t used = 0;
      const auto v = std::stoull(text, &used);
      if (used == text.size() && text[0] != '-') return v;
    } catch (const std::exception&) {
    }
    fail(fmt::format("{} must be a non-negative integer, got '{}'", what, text));
  }

 private:
  YAML::Node node_;
  std::string file_;
};

// Where `mark` lies in `file` (the file alone when yaml-cpp has no mark).
SourceLocation yaml_location(const std::filesystem::path& file, const YAML::Mark& mark);
// The most values a document may hold, counting each alias as what it stands for.
inline constexpr std::size_t kMaxYamlValues = 100'000;
// The deepest a value may be nested; an alias inside its own anchor would be endless.
inline constexpr std::size_t kMaxYamlDepth = 100;
// Parses `text`, which must hold one YAML document. A ConfigError at file:line:col for a
// syntax error, a second document, a key that is a list or a mapping, or a key given twice
// in one mapping (which yaml-cpp would silently resolve to the first), or more than
// kMaxYamlValues values once aliases are expanded, or nesting past kMaxYamlDepth.
YAML::Node parse_yaml(const std::string& text, const std::filesystem::path& file);
// Runs `read` over a parsed file: a yaml-cpp exception it lets through (a value of a shape
// the reader did not expect) becomes a ConfigError at the exception's mark.
template <typename Read>
auto reading_yaml(const std::filesystem::path& file, Read&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const YAML::Exception& e) {
    throw ConfigError(yaml_location(file, e.mark), "unexpected YAML: " + e.msg);
  }
}
// Reads and parses `file`; `what` names it in the error when it cannot be read.
YAML::Node load_yaml_file(const std::filesystem::path& file, const std::string& what);

}  // namespace unbroken
