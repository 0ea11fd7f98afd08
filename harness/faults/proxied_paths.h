// The paths the fault proxy sits on (compose/faultproxy/proxies.json): workload → Jaeger
// (OTLP/HTTP) and workload → Loki (push API). A proxy fault's target names the upstream.
#pragma once

#include <optional>
#include <string>

namespace unbroken {

struct ProxiedPath {
  std::string proxy;       // the proxy's name in the fault proxy
  int listen_port;         // the proxy's port in the faultproxy container (published)
  std::string probe_path;  // a GET through the proxy that the upstream answers
  // The link as a hop of the signal paths: "faultproxy->jaeger".
  std::string hop() const { return "faultproxy->" + proxy; }
};

std::optional<ProxiedPath> find_proxied_path(const std::string& target);
// "jaeger, loki", for error messages.
std::string proxied_targets();

}  // namespace unbroken
