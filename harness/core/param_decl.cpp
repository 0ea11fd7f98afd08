#include "harness/core/param_decl.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "harness/core/selector_syntax.h"

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
    case ParamType::kInteger: {
      const auto& text = params.string_or(name, "");
      if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
        throw ConfigError(params.value_where(name),
                          fmt::format("'{}' must be a whole number, got '{}'", name, text));
      }
      break;
    }
    case ParamType::kMapping:
    case ParamType::kEntries: {
      const auto* v = params.find(name);
      const bool entries = decl.type == ParamType::kEntries;
      const bool fits = entries ? v->shape == ValueShape::kList : v->shape == ValueShape::kMapping;
      if (!fits) {
        throw ConfigError(
            v->where, fmt::format("'{}' must be {}", name,
                                  entries ? "a list of entries" : "a mapping of keys to values"));
      }
      break;
    }
    case ParamType::kForm:
      break;
    case ParamType::kPromSelector:
    case ParamType::kLogSelector: {
      const auto text = params.string_or(name, "");
      const bool promql = decl.type == ParamType::kPromSelector;
      const auto problem = promql ? promql_selector_problem(text) : logql_selector_problem(text);
      if (!problem.empty()) {
        throw ConfigError(params.value_where(name),
                          fmt::format("'{}' is not a {}: {}", name, type_name(decl), problem));
      }
      break;
    }
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
    throw ConfigError(value.key_where.value_or(value.where),
                      names.empty()
                          ? fmt::format("unknown key '{}': {} takes no parameters", key, what)
                          : fmt::format("unknown key '{}' for {} (its keys: {})", key, what,
                                        fmt::join(names, ", ")));
  }
  validate_declared_params(params, decls, what);
}

void validate_declared_params(const Params& params, const ParamDecls& decls,
                              const std::string& what) {
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
    case ParamType::kInteger:
      return "whole number";
    case ParamType::kMapping:
      return "mapping";
    case ParamType::kEntries:
      return "list of entries";
    case ParamType::kForm:
      return decl.form;
    case ParamType::kPromSelector:
      return "PromQL series selector";
    case ParamType::kLogSelector:
      return "LogQL stream selector";
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

std::string entries_markdown(const std::vector<DeclaredEntry>& entries) {
  std::string text;
  for (const auto& entry : entries) {
    text += fmt::format("### {}\n\n{}\n", entry.title, params_markdown(*entry.keys));
  }
  return text;
}

std::vector<std::string> describe_params(const Params& params, const ParamDecls& decls) {
  std::vector<std::string> lines;
  for (const auto& d : decls) {
    if (const auto* v = params.find(d.name)) {
      lines.push_back(
          fmt::format("{}: {}", d.name, v->items ? fmt::format("[{}]", v->text) : v->text));
    } else if (!d.default_text.empty()) {
      lines.push_back(fmt::format("{}: {} (default)", d.name, d.default_text));
    }
  }
  return lines;
}

}  // namespace unbroken
