#include "harness/core/param_decl.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace unbroken {

ParamDecls operator+(ParamDecls a, const ParamDecls& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

namespace {

// Throws at the value when `params`' value of `decl` is not of its type.
void check_type(const Params& params, const ParamDecl& decl) {
  const auto& name = decl.name;
  switch (decl.type) {
    case ParamType::kText:
      params.string_or(name, "");  // refuses a list
      break;
    case ParamType::kDuration:
      params.duration_or(name, Millis(0));
      break;
    case ParamType::kNumber:
      params.number_or(name, 0);
      break;
    case ParamType::kList:
      if (params.list_or(name, "").empty()) {
        throw ConfigError(params.value_where(name), fmt::format("'{}' is an empty list", name));
      }
      break;
    case ParamType::kBytes:
      params.bytes(name);
      break;
    case ParamType::kBool:
    case ParamType::kChoice: {
      const auto value = params.string_or(name, "");
      const auto choices =
          decl.type == ParamType::kBool ? std::vector<std::string>{"true", "false"} : decl.choices;
      if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
        throw ConfigError(params.value_where(name),
                          fmt::format("'{}' must be {}, got '{}'", name, type_name(decl), value));
      }
      break;
    }
  }
}

}  // namespace

void validate_params(const Params& params, const ParamDecls& decls, const std::string& what) {
  std::vector<std::string> names;
  for (const auto& d : decls) names.push_back(d.name);
  for (const auto& [key, value] : params.keys_with_values()) {
    if (std::find(names.begin(), names.end(), key) != names.end()) continue;
    throw ConfigError(value.where,
                      names.empty()
                          ? fmt::format("unknown key '{}': {} takes no parameters", key, what)
                          : fmt::format("unknown key '{}' for {} (its keys: {})", key, what,
                                        fmt::join(names, ", ")));
  }
  for (const auto& d : decls) {
    if (!params.has(d.name)) {
      if (d.required) {
        throw ConfigError(params.where(), fmt::format("{} needs '{}': {}", what, d.name, d.doc));
      }
      continue;
    }
    check_type(params, d);
  }
}

std::string type_name(const ParamDecl& decl) {
  switch (decl.type) {
    case ParamType::kText:
      return "text";
    case ParamType::kDuration:
      return "duration";
    case ParamType::kNumber:
      return "number";
    case ParamType::kList:
      return "list";
    case ParamType::kBool:
      return "true or false";
    case ParamType::kChoice:
      return fmt::format("one of: {}", fmt::join(decl.choices, ", "));
    case ParamType::kBytes:
      return "size";
  }
  return "text";
}

namespace {

// `text` with the table's column separator escaped (also inside code spans).
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

// A default as the docs show it: a literal value as code, a description ("one per
// service") as prose.
std::string default_cell(const ParamDecl& d) {
  if (d.required) return "**required**";
  if (d.default_text.empty()) return "—";
  if (d.default_text.find(' ') != std::string::npos) return cell(d.default_text);
  return "`" + cell(d.default_text) + "`";
}

}  // namespace

std::string params_markdown(const ParamDecls& decls) {
  if (decls.empty()) return "No parameters.\n";
  std::string table = "| key | type | default | what it is |\n|---|---|---|---|\n";
  for (const auto& d : decls) {
    table += fmt::format("| `{}` | {} | {} | {} |\n", d.name, cell(type_name(d)), default_cell(d),
                         cell(d.doc));
  }
  return table;
}

}  // namespace unbroken
