// The stack services the harness knows how to reach and probe: the container port of the
// API it talks to, and the port and path of the readiness endpoint it waits on. Services
// not listed are started by compose but not probed.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace unbroken {

struct ServiceInfo {
  std::string name;
  int port;        // container port of the API the harness uses
  int ready_port;  // container port of the readiness endpoint
  std::string ready_path;
  std::string data_dir;  // where it keeps data in its container; "" when in memory only
};

std::optional<ServiceInfo> find_service(const std::string& name);
// "prometheus, jaeger, loki, gateway, orders, inventory, ...", for error messages.
std::string known_services();

inline constexpr const char* kPrometheusService = "prometheus";
inline constexpr const char* kJaegerService = "jaeger";
inline constexpr const char* kLokiService = "loki";
inline constexpr const char* kFaultProxyService = "faultproxy";
inline constexpr const char* kAlertmanagerService = "alertmanager";
inline constexpr const char* kWebhookService = "webhook";
inline constexpr const char* kGrafanaService = "grafana";
// The workload's entry point, which the load driver calls.
inline constexpr const char* kGatewayService = "gateway";

}  // namespace unbroken
