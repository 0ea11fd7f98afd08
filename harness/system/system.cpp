#include "harness/system/system.h"

#include <fmt/format.h>

namespace unbroken {

std::string ReadinessProbe::to_string() const {
  switch (kind) {
    case Kind::kHttp:
      return fmt::format("GET :{}{}", port, path);
    case Kind::kTcp:
      return fmt::format("TCP connect :{}", port);
    case Kind::kHealthcheck:
      return "its container healthcheck";
  }
  return "?";
}

const char* to_string(BackendRole role) {
  switch (role) {
    case BackendRole::kPrometheus:
      return "prometheus";
    case BackendRole::kJaeger:
      return "jaeger";
    case BackendRole::kLoki:
      return "loki";
    case BackendRole::kGrafana:
      return "grafana";
    case BackendRole::kAlertmanager:
      return "alertmanager";
    case BackendRole::kNotifications:
      return "notifications";
  }
  return "?";
}

const SystemService* System::service(const std::string& wanted) const {
  for (const auto& s : services) {
    if (s.name == wanted) return &s;
  }
  return nullptr;
}

std::string System::service_names() const {
  std::string names;
  for (const auto& s : services) names += (names.empty() ? "" : ", ") + s.name;
  return names;
}

void System::require_services(const std::vector<std::string>& names, const SourceLocation& where,
                              const std::string& what) const {
  for (const auto& wanted : names) {
    if (!service(wanted)) {
      throw ConfigError(where, fmt::format("{}: '{}' is not a service of system '{}' (it has: {})",
                                           what, wanted, name, service_names()));
    }
  }
}

const BackendEndpoint* System::backend(BackendRole role) const {
  const auto pick = [](const auto& optional) -> const BackendEndpoint* {
    return optional ? &*optional : nullptr;
  };
  switch (role) {
    case BackendRole::kPrometheus:
      return pick(backends.prometheus);
    case BackendRole::kJaeger:
      return pick(backends.jaeger);
    case BackendRole::kLoki:
      return pick(backends.loki);
    case BackendRole::kGrafana:
      return pick(backends.grafana);
    case BackendRole::kAlertmanager:
      return pick(backends.alertmanager);
    case BackendRole::kNotifications:
      return pick(backends.notifications);
  }
  return nullptr;
}

const ProxiedPath* System::proxied_path(const std::string& wanted) const {
  if (!fault_proxy) return nullptr;
  for (const auto& p : fault_proxy->paths) {
    if (p.name == wanted) return &p;
  }
  return nullptr;
}

std::string System::proxied_path_names() const {
  std::string names;
  if (fault_proxy) {
    for (const auto& p : fault_proxy->paths) names += (names.empty() ? "" : ", ") + p.name;
  }
  return names.empty() ? "none: the system declares no fault proxy" : names;
}

std::vector<std::string> System::jobs_scraping(const std::string& service_name) const {
  std::vector<std::string> jobs;
  for (const auto& [job, hops] : signals.metrics.by_emitter) {
    if (!hops.empty() && hops.front() == service_name) jobs.push_back(job);
  }
  return jobs;
}

}  // namespace unbroken
