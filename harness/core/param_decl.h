// ParamDecl: one key of a configurable entry (a check, a fault kind, a scenario's workload, a
// request template, a system file's service, ...), declared once with its name, type,
// default, whether it is required, and a one-line doc. From the declarations:
//   - validate_params refuses an unknown key, a missing required one, or a value of the
//     wrong type, each at file:line:col of the offending key or value;
//   - params_markdown renders the table the README shows (scenarios/README.md), so the
//     documentation is what the code accepts;
//   - describe_params lists the values a run will use, defaults included (`validate`).
// The entry's code still reads its values (through Params, params.h, or its loader), and
// checks what a type cannot say (a port's range, a path's leading '/').
#pragma once

#include <string>
#include <vector>

#include "harness/core/params.h"

namespace unbroken {

enum class ParamType {
  kText,          // any single value
  kDuration,      // "1500ms", "2s", "1m"
  kNumber,        // a decimal number
  kList,          // a YAML list, or one comma-separated string
  kBool,          // true | false
  kChoice,        // one of `choices`
  kBytes,         // "64MiB", "1GB"
  kInteger,       // a whole number, 0 or more
  kMapping,       // a YAML mapping, documented by its own table
  kEntries,       // a YAML list of mappings, documented by its own table
  kForm,          // one of several written forms, named by `form`; its loader checks it
  kPromSelector,  // a PromQL series selector (selector_syntax.h)
  kLogSelector,   // a LogQL stream selector, with an optional pipeline (selector_syntax.h)
};

struct ParamDecl {
  std::string name;
  ParamType type = ParamType::kText;
  std::string default_text;  // how the default reads in the docs; "" = none
  bool required = false;
  std::string doc;                   // one line
  std::vector<std::string> choices;  // kChoice only
  std::string form;                  // kForm only: "a service, or a list to draw one from"
};

using ParamDecls = std::vector<ParamDecl>;

// `a` followed by `b`.
ParamDecls operator+(ParamDecls a, const ParamDecls& b);

// Throws ConfigError for the first key `decls` does not declare (at its value), required key
// missing (at the item), or value not of its declared type (at the value). `what` names the
// kind: "check 'logs.completeness'".
void validate_params(const Params& params, const ParamDecls& decls, const std::string& what);
// The same, except that keys `decls` does not declare are left to someone else (a timeline
// entry's keys besides at, fault, target and for are its fault kind's).
void validate_declared_params(const Params& params, const ParamDecls& decls,
                              const std::string& what);

// "duration", "one of: all, after_heal", ... as the docs name a type.
std::string type_name(const ParamDecl& decl);

// A Markdown table of `decls`: | key | type | default | what it is |.
std::string params_markdown(const ParamDecls& decls);

// One section per entry: "### <title>" and its table (the entries of a file format).
struct DeclaredEntry {
  std::string title;
  const ParamDecls* keys;
};
std::string entries_markdown(const std::vector<DeclaredEntry>& entries);

// One line per declared key that has a value in `params` ("recover_within: 20s") or a
// default ("judge: all (default)"), in declaration order.
std::vector<std::string> describe_params(const Params& params, const ParamDecls& decls);

}  // namespace unbroken
