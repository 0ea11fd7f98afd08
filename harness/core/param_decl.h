// ParamDecl: one parameter of a configurable kind (a check, a fault), declared once with its
// name, type, default, whether it is required, and a one-line doc. From the declarations:
//   - validate_params refuses an unknown key, a missing required one, or a value of the
//     wrong type, each at file:line:col of the offending key or value;
//   - params_markdown renders the table the README shows (scenarios/README.md), so the
//     documentation is what the code accepts.
// The kind's code still reads its values through Params (params.h).
#pragma once

#include <string>
#include <vector>

#include "harness/core/params.h"

namespace unbroken {

enum class ParamType {
  kText,      // any single value
  kDuration,  // "1500ms", "2s", "1m"
  kNumber,    // a decimal number
  kList,      // a YAML list, or one comma-separated string
  kBool,      // true | false
  kChoice,    // one of `choices`
  kBytes,     // "64MiB", "1GB"
};

struct ParamDecl {
  std::string name;
  ParamType type = ParamType::kText;
  std::string default_text;  // how the default reads in the docs; "" = none
  bool required = false;
  std::string doc;                   // one line
  std::vector<std::string> choices;  // kChoice only
};

using ParamDecls = std::vector<ParamDecl>;

// `a` followed by `b`.
ParamDecls operator+(ParamDecls a, const ParamDecls& b);

// Throws ConfigError for the first key `decls` does not declare (at its value), required key
// missing (at the item), or value not of its declared type (at the value). `what` names the
// kind: "check 'logs.completeness'".
void validate_params(const Params& params, const ParamDecls& decls, const std::string& what);

// "duration", "one of: all, after_heal", ... as the docs name a type.
std::string type_name(const ParamDecl& decl);

// A Markdown table of `decls`: | key | type | default | what it is |.
std::string params_markdown(const ParamDecls& decls);

}  // namespace unbroken
