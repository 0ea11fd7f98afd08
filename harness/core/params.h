// Params: the typed, located key/value parameters of one scenario item (a fault on the
// timeline, an expectation). Each value remembers where it was written, so every
// validation error names file:line:col and what was expected. Accessors throw ConfigError.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/errors.h"
#include "harness/core/time.h"

namespace unbroken {

// How a value was written: one value, a YAML list, or a YAML mapping.
enum class ValueShape { kScalar, kList, kMapping };

struct ParamValue {
  std::string text;  // a single value; for a list of single values, its items joined with ", "
  SourceLocation where;
  std::optional<std::vector<std::string>> items;  // set when a list's items are single values
  ValueShape shape = ValueShape::kScalar;
  std::optional<SourceLocation> key_where;  // where its key was written, when known
};

class Params {
 public:
  Params() = default;
  explicit Params(SourceLocation where) : where_(std::move(where)) {}

  void set(const std::string& key, ParamValue value) { values_[key] = std::move(value); }
  bool has(const std::string& key) const { return values_.count(key) != 0; }
  const SourceLocation& where() const { return where_; }
  // Where `key`'s value was written; where() when it was not.
  const SourceLocation& value_where(const std::string& key) const {
    const auto* v = find(key);
    return v ? v->where : where_;
  }

  // The value of `key` as written; nullptr when absent.
  const ParamValue* find(const std::string& key) const;
  // A single value; a list or a mapping is refused at its location.
  std::string string_or(const std::string& key, const std::string& fallback) const;
  std::string required_string(const std::string& key) const;
  // A YAML list of single values ([a, b]), or one comma-separated string ("a, b,c"): items
  // trimmed of spaces, empty items dropped. A mapping, or a list of mappings, is refused.
  std::vector<std::string> list_or(const std::string& key, const std::string& fallback) const;
  Millis duration_or(const std::string& key, Millis fallback) const;
  double number_or(const std::string& key, double fallback) const;
  // A byte size ("64MiB"; see byte_size.h).
  std::optional<std::int64_t> bytes(const std::string& key) const;
  const std::map<std::string, ParamValue>& keys_with_values() const { return values_; }

 private:
  SourceLocation where_;
  std::map<std::string, ParamValue> values_;
};

}  // namespace unbroken
