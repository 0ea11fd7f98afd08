#include "harness/checks/check_registry.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <type_traits>

#include "harness/checks/alertmanager_persistence.h"
#include "harness/checks/alerts_delivered.h"
#include "harness/checks/alerts_fire.h"
#include "harness/checks/exporters_dropped.h"
#include "harness/checks/grafana_available.h"
#include "harness/checks/grafana_dashboards.h"
#include "harness/checks/grafana_datasources.h"
#include "harness/checks/health_semantics.h"
#include "harness/checks/logs_completeness.h"
#include "harness/checks/metrics_accounting.h"
#include "harness/checks/metrics_continuity.h"
#include "harness/checks/metrics_exposition.h"
#include "harness/checks/metrics_persistence.h"
#include "harness/checks/trace_log_correlation.h"
#include "harness/checks/traces_completeness.h"

namespace unbroken {

void CheckRegistry::add(const std::string& name, std::vector<BackendRole> reads,
                        CheckKindDef kind) {
  kinds_[name] = {std::move(reads), std::move(kind)};
}

std::unique_ptr<Check> CheckRegistry::create(const CheckSpec& spec, const System& system) const {
  const auto it = kinds_.find(spec.name);
  if (it == kinds_.end()) {
    throw ConfigError(spec.where, fmt::format("unknown check '{}' (known: {})", spec.name,
                                              fmt::join(names(), ", ")));
  }
  for (const auto role : it->second.reads) {
    if (!system.backend(role)) {
      throw ConfigError(spec.where,
                        fmt::format("check '{}' reads the {} backend, which system '{}' ({}) "
                                    "does not declare under 'backends'",
                                    spec.name, to_string(role), system.name, system.file.string()));
    }
  }
  validate_params(spec.params, it->second.def.parameters, fmt::format("check '{}'", spec.name));
  return it->second.def.make(spec, system);
}

std::string CheckRegistry::reference() const {
  std::string text;
  for (const auto& [name, kind] : kinds_) {
    std::vector<std::string> reads;
    for (const auto role : kind.reads) reads.push_back(to_string(role));
    text += fmt::format(
        "### `{}`\n\nReads: {}.\n\n{}\n", name,
        reads.empty() ? "the services' own endpoints" : fmt::format("{}", fmt::join(reads, ", ")),
        params_markdown(kind.def.parameters));
  }
  return text;
}

std::vector<std::string> CheckRegistry::names() const {
  std::vector<std::string> result;
  for (const auto& [name, kind] : kinds_) result.push_back(name);
  return result;
}

namespace {

// A check kind constructed from its spec alone, or from its spec and the system, with the
// parameters it declares.
template <typename CheckKind>
CheckKindDef make() {
  return {[](const CheckSpec& spec, const System& system) -> std::unique_ptr<Check> {
            if constexpr (std::is_constructible_v<CheckKind, const CheckSpec&, const System&>) {
              return std::make_unique<CheckKind>(spec, system);
            } else {
              return std::make_unique<CheckKind>(spec);
            }
          },
          CheckKind::parameters()};
}

}  // namespace

void register_builtin_checks(CheckRegistry& registry) {
  using enum BackendRole;
  registry.add("metrics.continuity", {kPrometheus}, make<MetricsContinuity>());
  registry.add("metrics.persistence", {kPrometheus}, make<MetricsPersistence>());
  registry.add("metrics.accounting", {kPrometheus}, make<MetricsAccounting>());
  registry.add("metrics.exposition", {kPrometheus}, make<MetricsExposition>());
  registry.add("traces.completeness", {kJaeger}, make<TracesCompleteness>());
  registry.add("logs.completeness", {kLoki}, make<LogsCompleteness>());
  registry.add("correlation.trace_logs", {kJaeger, kLoki}, make<TraceLogCorrelation>());
  registry.add("exporters.dropped", {kPrometheus}, make<ExportersDropped>());
  registry.add("alerts.fire", {kPrometheus}, make<AlertsFire>());
  registry.add("alerts.delivered", {kPrometheus, kNotifications}, make<AlertsDelivered>());
  registry.add("alertmanager.persistence", {kAlertmanager}, make<AlertmanagerPersistence>());
  registry.add("health.semantics", {}, make<HealthSemantics>());
  registry.add("grafana.available", {kGrafana}, make<GrafanaAvailable>());
  registry.add("grafana.datasources", {kGrafana}, make<GrafanaDatasources>());
  registry.add("grafana.dashboards", {kGrafana}, make<GrafanaDashboards>());
}

}  // namespace unbroken
