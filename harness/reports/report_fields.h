// Reading a report.json document as it is: a report may come from an older harness, a run
// that ended early, or another machine, so a missing, null or differently typed part gives
// the fallback instead of throwing. One set of readers for every renderer of a report.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

namespace unbroken::report_fields {

using nlohmann::json;

// doc[key] as a T (bool, a number, or std::string), or `fallback`.
template <typename T>
T get(const json& doc, const char* key, T fallback) {
  if (!doc.is_object() || !doc.contains(key)) return fallback;
  const auto& value = doc[key];
  if constexpr (std::is_same_v<T, bool>) {
    return value.is_boolean() ? value.get<bool>() : fallback;
  } else if constexpr (std::is_arithmetic_v<T>) {
    return value.is_number() ? value.get<T>() : fallback;
  } else {
    return value.is_string() ? value.get<std::string>() : fallback;
  }
}

inline std::string get(const json& doc, const char* key, const char* fallback) {
  return get<std::string>(doc, key, fallback);
}

// The text at `at`, or "".
inline std::string text_at(const json& doc, const json::json_pointer& at) {
  return doc.contains(at) && doc.at(at).is_string() ? doc.at(at).get<std::string>() : "";
}

// The number at `at`, or 0.
inline double number_at(const json& doc, const json::json_pointer& at) {
  return doc.contains(at) && doc.at(at).is_number() ? doc.at(at).get<double>() : 0.0;
}

// doc[key] when it is an object; else an empty one.
inline json object_at(const json& doc, const char* key) {
  if (!doc.is_object() || !doc.contains(key) || !doc[key].is_object()) return json::object();
  return doc[key];
}

// The objects of the array doc[key] (other items skipped); else an empty array.
inline json objects_at(const json& doc, const char* key) {
  json out = json::array();
  if (!doc.is_object() || !doc.contains(key) || !doc[key].is_array()) return out;
  for (const auto& item : doc[key])
    if (item.is_object()) out.push_back(item);
  return out;
}

}  // namespace unbroken::report_fields
