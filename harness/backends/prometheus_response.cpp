#include "harness/backends/prometheus_response.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace unbroken {
namespace {

// A well-enveloped answer of `endpoint` whose data lacks what the reader needs.
BackendError malformed_answer(const char* endpoint, int http_status, const std::string& body,
                              const std::string& what) {
  return BackendError(fmt::format("Prometheus's {} answered HTTP {} with {}: {}", endpoint,
                                  http_status, what, body.substr(0, 200)));
}

using nlohmann::json;

double parse_value(const json& v) {
  if (!v.is_string()) throw BackendError("Prometheus sample value is not a string: " + v.dump());
  const auto& text = v.get_ref<const std::string&>();
  if (text == "NaN") return std::nan("");
  if (text == "+Inf") return INFINITY;
  if (text == "-Inf") return -INFINITY;
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    throw BackendError("Prometheus sample value is not a number: " + text);
  }
}

PromSample parse_pair(const json& pair) {
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number()) {
    throw BackendError("Prometheus sample is not [<unix seconds>, \"<value>\"]: " + pair.dump());
  }
  return {pair[0].get<double>(), parse_value(pair[1])};
}

Labels parse_labels(const json& metric) {
  Labels labels;
  if (!metric.is_object()) return labels;
  for (const auto& [key, value] : metric.items()) labels[key] = value.get<std::string>();
  return labels;
}

// The "data" of a {"status":"success","data":…} answer; BackendError otherwise.
json success_data(const std::string& body, int http_status) {
  const auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    throw BackendError(fmt::format("Prometheus answered HTTP {} with a body that is not JSON: {}",
                                   http_status, body.substr(0, 200)));
  }
  if (doc.value("status", "") != "success") {
    throw BackendError(fmt::format("Prometheus answered HTTP {} {}: {}", http_status,
                                   doc.value("errorType", "(no errorType)"),
                                   doc.value("error", "(no error message)")));
  }
  return doc.value("data", json::object());
}

}  // namespace

std::string parse_prometheus_config(const std::string& body, int http_status) {
  const auto data = success_data(body, http_status);
  const auto yaml = data.find("yaml");
  if (yaml == data.end() || !yaml->is_string()) {
    throw BackendError(
        fmt::format("Prometheus's /api/v1/status/config answered HTTP {} without "
                    "a \"yaml\" string: {}",
                    http_status, body.substr(0, 200)));
  }
  return yaml->get<std::string>();
}

std::vector<std::string> parse_prometheus_alert_names(const std::string& body, int http_status) {
  const auto data = success_data(body, http_status);
  const auto malformed = [&](const std::string& what) {
    return malformed_answer("/api/v1/rules", http_status, body, what);
  };
  const auto groups = data.find("groups");
  if (groups == data.end() || !groups->is_array()) throw malformed("no \"groups\" list");
  std::vector<std::string> names;
  for (const auto& group : *groups) {
    const auto rules = group.is_object() ? group.find("rules") : group.end();
    if (!group.is_object() || rules == group.end() || !rules->is_array()) {
      throw malformed("a group without a \"rules\" list");
    }
    for (const auto& rule : *rules) {
      if (!rule.is_object() || !rule.contains("name") || !rule["name"].is_string()) {
        throw malformed("a rule without a \"name\"");
      }
      if (rule.value("type", "") == "alerting") names.push_back(rule["name"].get<std::string>());
    }
  }
  return names;
}

std::vector<PromTarget> parse_prometheus_targets(const std::string& body, int http_status) {
  const auto data = success_data(body, http_status);
  const auto malformed = [&](const std::string& what) {
    return malformed_answer("/api/v1/targets", http_status, body, what);
  };
  const auto active = data.find("activeTargets");
  if (active == data.end() || !active->is_array()) throw malformed("no \"activeTargets\" list");
  std::vector<PromTarget> targets;
  for (const auto& t : *active) {
    const auto labels = t.is_object() ? t.find("labels") : t.end();
    if (!t.is_object() || labels == t.end() || !labels->is_object() || !labels->contains("job") ||
        !labels->contains("instance") || !t.contains("scrapeUrl") ||
        !(*labels)["job"].is_string() || !(*labels)["instance"].is_string() ||
        !t["scrapeUrl"].is_string()) {
      throw malformed("a target without labels.job, labels.instance and scrapeUrl");
    }
    targets.push_back({(*labels)["job"].get<std::string>(),
                       (*labels)["instance"].get<std::string>(), t["scrapeUrl"].get<std::string>(),
                       t.contains("health") && t["health"].is_string()
                           ? t["health"].get<std::string>()
                           : std::string("unknown")});
  }
  return targets;
}

std::vector<PromSeries> parse_prometheus_result(const std::string& body, int http_status) {
  const auto data = success_data(body, http_status);
  const auto type = data.value("resultType", "");
  const auto& result = data.value("result", json());
  std::vector<PromSeries> series;
  if (type == "scalar") {
    series.push_back({{}, {parse_pair(result)}});
    return series;
  }
  if ((type != "vector" && type != "matrix") || !result.is_array()) {
    throw BackendError("Prometheus result is not a vector or matrix (resultType '" + type + "')");
  }
  for (const auto& item : result) {
    PromSeries s{parse_labels(item.value("metric", json::object())), {}};
    if (type == "vector") {
      s.samples.push_back(parse_pair(item.at("value")));
    } else {
      for (const auto& pair : item.at("values")) s.samples.push_back(parse_pair(pair));
    }
    series.push_back(std::move(s));
  }
  return series;
}

std::string format_labels(const Labels& labels) {
  std::vector<std::string> parts;
  for (const auto& [k, v] : labels) parts.push_back(fmt::format("{}=\"{}\"", k, v));
  return fmt::format("{{{}}}", fmt::join(parts, ", "));
}

}  // namespace unbroken
