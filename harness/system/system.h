// System: the validated model of one system file — the system under test as unbroken sees
// it: the user's compose files, the services the harness reaches, probes and may target, the
// backends by role, the fault proxy's paths, and the paths each signal takes (the data that
// attributes a loss to a fault). The reference stack is one such file (compose/system.yaml);
// the harness knows no service by name, only what a System declares. The format is described
// in scenarios/README.md ("System files").
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/errors.h"
#include "harness/system/alert_rules.h"
#include "harness/system/signal_paths.h"

namespace unbroken {

// How the harness knows a service is ready: a 200 from an HTTP GET, a TCP connection that is
// accepted, or the container's own healthcheck reporting healthy.
struct ReadinessProbe {
  enum class Kind { kHttp, kTcp, kHealthcheck };
  Kind kind = Kind::kHttp;
  int port = 0;                   // container port (http, tcp); published on 127.0.0.1
  std::string path;               // http only
  std::string to_string() const;  // "GET :8080/readyz", "TCP :6379", "its healthcheck"
};

struct SystemService {
  std::string name;                     // compose service name
  int port = 0;                         // container port of the API the harness talks to; 0: none
  std::optional<ReadinessProbe> ready;  // unset: started, never waited for
  std::string data_dir;                 // where it keeps data in its container ("" = none declared)
  std::string liveness_path;   // application services: their own health endpoints ("" = none)
  std::string readiness_path;  // (health.semantics probes them on `port`)
  // `start: when_needed`: a run starts it only when its scenario needs it
  // (harness/scenario/services_to_start.h); false: every run starts it.
  bool start_when_needed = false;
  SourceLocation where;
};

// A backend a check reads, by role: the service and the container port of its API.
struct BackendEndpoint {
  std::string service;
  int port = 0;
};

// Grafana's admin credentials are read from these environment variables at run start and
// given to the user's compose file; their values are never reported.
struct GrafanaBackend : BackendEndpoint {
  std::string user_env;
  std::string password_env;
  // A dashboard the system provisions for unbroken's runs (the reference stack's
  // "unbroken-run"): each run saves a copy pinned to its time range and ties its
  // annotations to it. Without one, the annotations are the organisation's.
  std::optional<std::string> run_dashboard;
};

struct SystemBackends {
  std::optional<BackendEndpoint> prometheus;
  std::optional<BackendEndpoint> jaeger;  // its query API
  std::optional<BackendEndpoint> loki;
  std::optional<GrafanaBackend> grafana;
  std::optional<BackendEndpoint> alertmanager;
  std::optional<BackendEndpoint> notifications;  // the receiver Alertmanager notifies
};

// A backend role a check needs; a scenario asking for a check whose backend the system
// lacks is refused before anything starts.
enum class BackendRole { kPrometheus, kJaeger, kLoki, kGrafana, kAlertmanager, kNotifications };
const char* to_string(BackendRole role);

// One path the fault proxy sits on: it listens on `listen_port` in its container and
// forwards to `upstream` ("service:port"). A proxy fault's target names the path.
struct ProxiedPath {
  std::string name;           // the proxy's name, and the target proxy faults name
  int listen_port = 0;        // in the proxy's container, published on 127.0.0.1
  std::string upstream;       // "jaeger:4318"
  std::string probe_path;     // a GET through the proxy that the upstream answers
  std::string proxy_service;  // the fault proxy's compose service
  // The link as a hop of the signal paths: "faultproxy->jaeger".
  std::string hop() const { return proxy_service + "->" + name; }
};

struct FaultProxy {
  std::string service;  // the fault proxy's compose service
  int api_port = 0;     // its control API (toxiproxy-compatible)
  std::vector<ProxiedPath> paths;
  // True when the system's compose files do not run it: unbroken adds it to the run's
  // project (managed_fault_proxy.h) as service kManagedFaultProxy, and the system's emitters
  // are pointed at it (e.g. through its env file).
  bool managed = false;
};

// The service name and control port of the fault proxy unbroken adds to a project.
inline constexpr const char* kManagedFaultProxy = "unbroken-faultproxy";
inline constexpr int kManagedFaultProxyApiPort = 8474;

// The most connections a system may state for its load (the load driver's own bound,
// kMaxDriverWorkers, which prepared_scenario.cpp holds equal).
inline constexpr int kMaxLoadConnections = 2048;

// Where the load goes by default: a service's port and the request path, and how many
// connections the service serves at once (0: not stated).
struct LoadEntry {
  std::string service;
  int port = 0;
  std::string path;
  int max_connections = 0;
};

struct System {
  std::filesystem::path file;  // absolute
  std::string name;
  std::vector<std::filesystem::path> compose_files;         // absolute, in order
  std::optional<std::filesystem::path> env_file;            // absolute
  std::map<std::string, std::filesystem::path> image_sets;  // --images NAME → env file
  std::vector<SystemService> services;                      // in file order
  SystemBackends backends;
  std::optional<FaultProxy> fault_proxy;
  // Services whose image carries unbroken's reachability probe (the workload binary): the
  // partition fault proves a cut from inside one of them.
  std::vector<std::string> probe_from;
  std::optional<LoadEntry> load;
  SignalPaths signals;
  // The alerting rules its Prometheus will load, as the compose files (with a scenario's
  // overrides, once applied) say; nullopt when they cannot say (alert_rules.h).
  std::optional<AlertRules> alert_rules;

  std::filesystem::path dir() const { return file.parent_path(); }
  const SystemService* service(const std::string& name) const;
  // "prometheus, jaeger, …", for error messages.
  std::string service_names() const;
  // Throws ConfigError at `where` when one of `names` is not a service of this system;
  // `what` says who asked ("traces.completeness").
  void require_services(const std::vector<std::string>& names, const SourceLocation& where,
                        const std::string& what) const;
  // The backend serving `role`, or nullptr when the system has none.
  const BackendEndpoint* backend(BackendRole role) const;
  const ProxiedPath* proxied_path(const std::string& name) const;
  std::string proxied_path_names() const;
  // The Prometheus jobs whose samples start at `service` (signals.metrics).
  std::vector<std::string> jobs_scraping(const std::string& service) const;
};

}  // namespace unbroken
