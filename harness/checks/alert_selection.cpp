#include "harness/checks/alert_selection.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <sstream>

namespace unbroken {

ParamDecls AlertSelection::parameters() {
  return {{"alert", ParamType::kText, "", true,
           "an alerting rule of the system's Prometheus: checked against the rules files its "
           "compose files bind in before anything starts, else against the running Prometheus"},
          {"match", ParamType::kText, "", false,
           "further labels the alert must carry: job=inventory,severity=page"},
          {"target", ParamType::kText, "every declared fault", false,
           "the target of the faults the alert answers"}};
}

AlertSelection AlertSelection::from(const Params& params) {
  AlertSelection s;
  s.alert = params.required_string("alert");
  s.target = params.string_or("target", "");
  s.where = params.value_where("alert");
  std::stringstream list(params.string_or("match", ""));
  for (std::string pair; std::getline(list, pair, ',');) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw ConfigError(params.where(),
                        fmt::format("'match' takes label=value pairs separated by commas (e.g. "
                                    "job=inventory), got '{}'",
                                    pair));
    }
    s.match[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  return s;
}

void AlertSelection::require_declared(const System& system, const std::string& check) const {
  if (!system.alert_rules || system.alert_rules->names.count(alert)) return;
  throw ConfigError(where, fmt::format("{}: alert '{}' is not an alerting rule of system '{}': "
                                       "its Prometheus will load {}",
                                       check, alert, system.name, system.alert_rules->describe()));
}

void AlertSelection::require_rule(const PrometheusClient& prometheus,
                                  const std::string& check) const {
  std::vector<std::string> rules;
  try {
    rules = prometheus.alerting_rules();
  } catch (const std::exception& e) {
    spdlog::warn("{}: could not read Prometheus's alerting rules: {}", check, e.what());
    return;
  }
  if (std::find(rules.begin(), rules.end(), alert) != rules.end()) return;
  throw ConfigError(
      where,
      fmt::format("alert '{}' is not an alerting rule of the run's "
                  "Prometheus (its alerting rules: {})",
                  alert, rules.empty() ? "none" : fmt::format("{}", fmt::join(rules, ", "))));
}

std::string AlertSelection::firing_series() const {
  std::string selector = fmt::format("ALERTS{{alertname=\"{}\",alertstate=\"firing\"", alert);
  for (const auto& [k, v] : match) selector += fmt::format(",{}=\"{}\"", k, v);
  return selector + "}";
}

bool AlertSelection::selects(const Labels& labels) const {
  const auto name = labels.find("alertname");
  if (name == labels.end() || name->second != alert) return false;
  for (const auto& [k, v] : match) {
    const auto it = labels.find(k);
    if (it == labels.end() || it->second != v) return false;
  }
  return true;
}

std::vector<FaultWindow> AlertSelection::windows(const std::vector<FaultWindow>& all) const {
  std::vector<FaultWindow> selected;
  for (const auto& w : all) {
    if (w.declared && (target.empty() || w.target == target)) selected.push_back(w);
  }
  return selected;
}

std::string AlertSelection::describe() const {
  return match.empty() ? alert : alert + format_labels(match);
}

}  // namespace unbroken
