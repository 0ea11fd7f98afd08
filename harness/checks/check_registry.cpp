#include "harness/checks/check_registry.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

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
#include "harness/checks/metrics_persistence.h"
#include "harness/checks/trace_log_correlation.h"
#include "harness/checks/traces_completeness.h"

namespace unbroken {

void CheckRegistry::add(const std::string& name, CheckFactory factory) {
  factories_[name] = std::move(factory);
}

std::unique_ptr<Check> CheckRegistry::create(const CheckSpec& spec) const {
  const auto it = factories_.find(spec.name);
  if (it == factories_.end()) {
    throw ConfigError(spec.where, fmt::format("unknown check '{}' (known: {})", spec.name,
                                              fmt::join(names(), ", ")));
  }
  return it->second(spec);
}

std::vector<std::string> CheckRegistry::names() const {
  std::vector<std::string> result;
  for (const auto& [name, factory] : factories_) result.push_back(name);
  return result;
}

void register_builtin_checks(CheckRegistry& registry) {
  registry.add("metrics.continuity",
               [](const CheckSpec& spec) { return std::make_unique<MetricsContinuity>(spec); });
  registry.add("metrics.persistence",
               [](const CheckSpec& spec) { return std::make_unique<MetricsPersistence>(spec); });
  registry.add("metrics.accounting",
               [](const CheckSpec& spec) { return std::make_unique<MetricsAccounting>(spec); });
  registry.add("traces.completeness",
               [](const CheckSpec& spec) { return std::make_unique<TracesCompleteness>(spec); });
  registry.add("logs.completeness",
               [](const CheckSpec& spec) { return std::make_unique<LogsCompleteness>(spec); });
  registry.add("correlation.trace_logs",
               [](const CheckSpec& spec) { return std::make_unique<TraceLogCorrelation>(spec); });
  registry.add("exporters.dropped",
               [](const CheckSpec& spec) { return std::make_unique<ExportersDropped>(spec); });
  registry.add("alerts.fire",
               [](const CheckSpec& spec) { return std::make_unique<AlertsFire>(spec); });
  registry.add("alerts.delivered",
               [](const CheckSpec& spec) { return std::make_unique<AlertsDelivered>(spec); });
  registry.add("health.semantics",
               [](const CheckSpec& spec) { return std::make_unique<HealthSemantics>(spec); });
  registry.add("grafana.available",
               [](const CheckSpec& spec) { return std::make_unique<GrafanaAvailable>(spec); });
  registry.add("grafana.datasources",
               [](const CheckSpec& spec) { return std::make_unique<GrafanaDatasources>(spec); });
  registry.add("grafana.dashboards",
               [](const CheckSpec& spec) { return std::make_unique<GrafanaDashboards>(spec); });
}

}  // namespace unbroken
