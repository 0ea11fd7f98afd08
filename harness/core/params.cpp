#include "harness/core/params.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <sstream>
#include <vector>

#include "harness/core/byte_size.h"
#include "harness/core/duration.h"

namespace unbroken {

const ParamValue* Params::find(const std::string& key) const {
  const auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

namespace {

const ParamValue& single(const ParamValue& v, const std::string& key) {
  if (v.shape == ValueShape::kList) {
    throw ConfigError(v.where, fmt::format("'{}' takes one value, not a list", key));
  }
  if (v.shape == ValueShape::kMapping) {
    throw ConfigError(v.where, fmt::format("'{}' takes one value, not a mapping", key));
  }
  return v;
}

}  // namespace

std::string Params::string_or(const std::string& key, const std::string& fallback) const {
  const auto* v = find(key);
  return v ? single(*v, key).text : fallback;
}

std::string Params::required_string(const std::string& key) const {
  const auto* v = find(key);
  if (!v) throw ConfigError(where_, fmt::format("missing required key '{}'", key));
  single(*v, key);
  if (v->text.empty()) throw ConfigError(v->where, fmt::format("'{}' must not be empty", key));
  return v->text;
}

std::vector<std::string> Params::list_or(const std::string& key,
                                         const std::string& fallback) const {
  const auto* v = find(key);
  std::vector<std::string> items;
  if (v && v->shape == ValueShape::kMapping) {
    throw ConfigError(v->where, fmt::format("'{}' is a list, not a mapping", key));
  }
  if (v && v->shape == ValueShape::kList && !v->items) {
    throw ConfigError(v->where, fmt::format("the items of '{}' must be single values", key));
  }
  if (v && v->items) {
    for (const auto& item : *v->items) {
      if (!item.empty()) items.push_back(item);
    }
    return items;
  }
  std::stringstream in(v ? v->text : fallback);
  for (std::string item; std::getline(in, item, ',');) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

Millis Params::duration_or(const std::string& key, Millis fallback) const {
  const auto* v = find(key);
  if (!v) return fallback;
  single(*v, key);
  try {
    return parse_duration(v->text);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(v->where, fmt::format("'{}': {}", key, e.what()));
  }
}

double Params::number_or(const std::string& key, double fallback) const {
  const auto* v = find(key);
  if (!v) return fallback;
  single(*v, key);
  try {
    std::size_t used = 0;
    const double value = std::stod(v->text, &used);
    if (used == v->text.size()) return value;
  } catch (const std::exception&) {
  }
  throw ConfigError(v->where, fmt::format("'{}' must be a number, got '{}'", key, v->text));
}

std::optional<std::int64_t> Params::bytes(const std::string& key) const {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  single(*v, key);
  try {
    return parse_byte_size(v->text);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(v->where, fmt::format("'{}': {}", key, e.what()));
  }
}

}  // namespace unbroken
