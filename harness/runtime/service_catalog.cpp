#include "harness/runtime/service_catalog.h"

#include <array>

namespace unbroken {
namespace {

const std::array<ServiceInfo, 10>& services() {
  static const std::array<ServiceInfo, 10> kServices{{
      {kPrometheusService, 9090, 9090, "/-/ready", "/prometheus"},
      {kJaegerService, 16686, 13133, "/status", ""},
      {kLokiService, 3100, 3100, "/ready", "/loki"},
      {kGatewayService, 8080, 8080, "/readyz", ""},
      {"orders", 8080, 8080, "/readyz", ""},
      {"inventory", 8080, 8080, "/readyz", ""},
      {kFaultProxyService, 8474, 8474, "/version", ""},
      {kAlertmanagerService, 9093, 9093, "/-/ready", "/alertmanager"},
      {kWebhookService, 8080, 8080, "/healthz", ""},
      {kGrafanaService, 3000, 3000, "/api/health", "/var/lib/grafana"},
  }};
  return kServices;
}

}  // namespace

std::optional<ServiceInfo> find_service(const std::string& name) {
  for (const auto& s : services()) {
    if (s.name == name) return s;
  }
  return std::nullopt;
}

std::string known_services() {
  std::string names;
  for (const auto& s : services()) names += (names.empty() ? "" : ", ") + s.name;
  return names;
}

}  // namespace unbroken
