#include "harness/system/system_keys.h"

namespace unbroken {

const ParamDecls& system_keys() {
  static const ParamDecls keys{
      {"name", ParamType::kText, "the file's name", false, "the system's name, in reports"},
      {"compose", ParamType::kList, "", true,
       "its compose file(s), relative to this file; each must exist"},
      {"env_file", ParamType::kText, "", false, "KEY=VALUE lines given to compose"},
      {"images", ParamType::kMapping, "", false,
       "image set name: env file of image variables; --images NAME picks one (default "
       "\"official\" when declared)"},
      {"services", ParamType::kMapping, "", true,
       "what unbroken reaches, waits for and may target, by compose service name"},
      {"backends", ParamType::kMapping, "", false,
       "the backends by role, each optional; a check that reads a missing one is refused"},
      {"fault_proxy", ParamType::kMapping, "", false,
       "unbroken's fault proxy on paths you route through it"},
      {"probe_from", ParamType::kList, "", false,
       "services whose image carries unbroken's reachability probe; a partition is proven "
       "from inside one of them"},
      {"load", ParamType::kMapping, "", false, "where the load goes"},
      {"signals", ParamType::kMapping, "", false,
       "spans, logs, metrics, alerts: the hops each item passes, ending at its backend"},
  };
  return keys;
}

const ParamDecls& service_keys() {
  static const ParamDecls keys{
      {"port", ParamType::kInteger, "", false,
       "the container port of the API unbroken talks to; compose must publish it"},
      {"ready",
       ParamType::kForm,
       "",
       false,
       "how unbroken knows it is up",
       {},
       "healthcheck or mapping"},
      {"data_dir", ParamType::kText, "", false,
       "an absolute path in the container: disk_full's default"},
      {"liveness", ParamType::kText, "", false,
       "the service's own liveness path (health.semantics)"},
      {"readiness", ParamType::kText, "", false,
       "the service's own readiness path (health.semantics)"},
      {"start",
       ParamType::kChoice,
       "always",
       false,
       "when_needed: only for a scenario that needs it (a check reads it, a fault targets "
       "it, a parameter names it, or it carries a signal to one of those); not for the "
       "load's service, probe_from, the fault proxy, Prometheus or one with health paths",
       {"always", "when_needed"}},
  };
  return keys;
}

const ParamDecls& readiness_probe_keys() {
  static const ParamDecls keys{
      {"http", ParamType::kText, "", false, "a path answered with 2xx when ready"},
      {"port", ParamType::kInteger, "the service's port", false, "the port of `http`"},
      {"tcp", ParamType::kInteger, "", false, "a port that accepts a connection when ready"},
  };
  return keys;
}

const ParamDecls& backends_keys() {
  const auto role = [](const char* name, const char* doc) {
    return ParamDecl{name, ParamType::kForm, "", false, doc, {}, "service or mapping"};
  };
  static const ParamDecls keys{
      role("prometheus", "its HTTP API: metrics checks, alerts.fire"),
      role("jaeger", "its query API: trace checks"),
      role("loki", "its HTTP API: log checks"),
      role("grafana", "a mapping: its credentials are named (below)"),
      role("alertmanager", "its API: alerts.delivered"),
      role("notifications", "the receiver Alertmanager notifies: alerts.delivered"),
  };
  return keys;
}

const ParamDecls& backend_keys() {
  static const ParamDecls keys{
      {"service", ParamType::kText, "", true, "a service under `services`"},
      {"port", ParamType::kInteger, "the service's port", false, "the backend's API port"},
  };
  return keys;
}

const ParamDecls& grafana_keys() {
  static const ParamDecls keys =
      backend_keys() +
      ParamDecls{
          {"user_env", ParamType::kText, "", true,
           "the environment variable that holds its admin user (never reported)"},
          {"password_env", ParamType::kText, "", true,
           "the environment variable that holds its admin password (never reported)"},
          {"run_dashboard", ParamType::kText, "", false,
           "a provisioned dashboard each run copies, pinned to its time range, and annotates"},
      };
  return keys;
}

const ParamDecls& fault_proxy_keys() {
  static const ParamDecls keys{
      {"service", ParamType::kText, "unbroken-faultproxy, added by unbroken", false,
       "the service of your compose that runs the proxy"},
      {"api_port", ParamType::kInteger, "", false, "its control API port; with `service` only"},
      {"paths", ParamType::kMapping, "", true, "name: path; proxy faults target a path by name"},
  };
  return keys;
}

const ParamDecls& proxied_path_keys() {
  static const ParamDecls keys{
      {"listen", ParamType::kInteger, "", true,
       "the port the proxy listens on; point the emitter at <proxy service>:<listen>"},
      {"upstream", ParamType::kText, "", true, "host:port it forwards to"},
      {"probe", ParamType::kText, "", true,
       "an HTTP path of the upstream that proves the path carries requests"},
  };
  return keys;
}

const ParamDecls& load_entry_keys() {
  static const ParamDecls keys{
      {"service", ParamType::kText, "", true, "the service the load goes to"},
      {"port", ParamType::kInteger, "the service's port", false, "its port"},
      {"path", ParamType::kText, "/", false,
       "GETs to this path when a scenario gives no request templates"},
      {"max_connections", ParamType::kInteger, "as many as the rate needs", false,
       "the most connections the load driver holds to the service at once; state what a "
       "thread-per-connection service serves, so a stall does not pile up connections it "
       "never answers"},
  };
  return keys;
}

const ParamDecls& signals_keys() {
  const auto signal = [](const char* name, const char* doc) {
    return ParamDecl{name, ParamType::kMapping, "", false, doc};
  };
  static const ParamDecls keys{
      signal("spans", "emitting service: its hops to the jaeger backend"),
      signal("logs", "emitting service: its hops to the loki backend"),
      signal("metrics", "Prometheus job: its hops to the prometheus backend"),
      signal("alerts", "Prometheus: its hops to the notifications receiver"),
  };
  return keys;
}

std::string system_keys_reference() {
  return entries_markdown({
      {"the file", &system_keys()},
      {"an entry of `services`", &service_keys()},
      {"a service's `ready`, when a mapping (or `healthcheck`: the container's own)",
       &readiness_probe_keys()},
      {"`backends`", &backends_keys()},
      {"a role under `backends`, when a mapping (or just a service's name)", &backend_keys()},
      {"`backends.grafana`", &grafana_keys()},
      {"`fault_proxy`", &fault_proxy_keys()},
      {"an entry of `fault_proxy.paths`", &proxied_path_keys()},
      {"`load`", &load_entry_keys()},
      {"`signals`: each hop a service or a proxied path (`<proxy service>-><path>`)",
       &signals_keys()},
  });
}

}  // namespace unbroken
