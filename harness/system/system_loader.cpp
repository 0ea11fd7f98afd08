#include "harness/system/system_loader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "harness/system/compose_file.h"
#include "harness/system/located_yaml.h"
#include "harness/system/signal_paths_loader.h"
#include "harness/system/system_keys.h"

namespace unbroken {
namespace {

// A file the system file names, relative to its directory; it must exist.
std::filesystem::path existing_file(const Located& node, const std::filesystem::path& dir,
                                    const std::string& what) {
  const auto path = (dir / node.scalar(what)).lexically_normal();
  std::error_code error;  // a name the system cannot look up (too long, say) is an error too
  if (!std::filesystem::is_regular_file(path, error)) {
    const bool absent = !error || error == std::errc::no_such_file_or_directory;
    node.fail(
        !absent ? fmt::format("{} {} cannot be looked up: {}", what, path.string(), error.message())
                : fmt::format("{} {} does not exist", what, path.string()));
  }
  return path;
}

int container_port(const Located& node, const std::string& what) {
  const auto port = node.unsigned_integer(what);
  if (port == 0 || port > 65535) node.fail(fmt::format("{} must be a port (1-65535)", what));
  return static_cast<int>(port);
}

std::string absolute_path(const Located& node, const std::string& what) {
  auto path = node.scalar(what);
  if (path.empty() || path.front() != '/') {
    node.fail(fmt::format("{} must be an absolute path in the container, got '{}'", what, path));
  }
  return path;
}

std::string http_path(const Located& node, const std::string& what) {
  auto path = node.scalar(what);
  if (path.empty() || path.front() != '/') {
    node.fail(fmt::format("{} must be an HTTP path starting with '/', got '{}'", what, path));
  }
  return path;
}

// A port the harness reaches must be published by the compose service.
void require_published(const Located& where, const ComposeService& compose, int port,
                       const std::string& what) {
  const auto& ports = compose.published_ports;
  if (std::find(ports.begin(), ports.end(), port) != ports.end()) return;
  where.fail(fmt::format(
      "{} is container port {}, which compose service '{}' does not publish (it publishes: "
      "{}); unbroken reaches services only through ports published on 127.0.0.1",
      what, port, compose.name,
      ports.empty() ? "none" : fmt::format("{}", fmt::join(ports, ", "))));
}

ReadinessProbe load_ready(const Located& node, const SystemService& service,
                          const ComposeService& compose) {
  const auto what = fmt::format("the readiness probe of '{}'", service.name);
  ReadinessProbe probe;
  if (node.node().IsScalar()) {
    if (node.scalar(what) != "healthcheck") {
      node.fail(what + " must be `healthcheck`, {http: /path[, port: N]} or {tcp: N}");
    }
    probe.kind = ReadinessProbe::Kind::kHealthcheck;
    if (!compose.has_healthcheck) {
      node.fail(
          fmt::format("{} is the container's healthcheck, but compose service '{}' "
                      "declares none (add a `healthcheck:` to it, or probe http or tcp)",
                      what, service.name));
    }
    return probe;
  }
  node.check_keys(readiness_probe_keys(), what);
  if (node.has("tcp")) {
    if (node.has("http") || node.has("port")) node.fail(what + " is either http or tcp");
    probe.kind = ReadinessProbe::Kind::kTcp;
    probe.port = container_port(node.at("tcp"), what + "'s port");
    require_published(node.at("tcp"), compose, probe.port, what);
    return probe;
  }
  if (!node.has("http")) node.fail(what + " needs 'http' (a path) or 'tcp' (a port)");
  probe.path = http_path(node.at("http"), what + "'s path");
  probe.port = node.has("port") ? container_port(node.at("port"), what + "'s port") : service.port;
  if (probe.port == 0) node.fail(what + " needs a 'port' (the service declares none)");
  require_published(node.has("port") ? node.at("port") : node, compose, probe.port, what);
  return probe;
}

SystemService load_service(const Located& key, const Located& node, const ComposeModel& compose) {
  SystemService service;
  const auto name = key.scalar("a service name");
  service.name = name;
  service.where = key.where();
  const auto found = compose.services.find(name);
  if (found == compose.services.end()) {
    key.fail(fmt::format("service '{}' is not defined by the compose files (they define: {})", name,
                         compose.service_names()));
  }
  if (node.node().IsNull()) return service;  // started, never probed or reached
  const auto what = fmt::format("service '{}'", name);
  node.check_keys(service_keys(), what);
  if (node.has("port")) {
    service.port = container_port(node.at("port"), what + "'s port");
    require_published(node.at("port"), found->second, service.port, what + "'s API port");
  }
  if (node.has("ready")) service.ready = load_ready(node.at("ready"), service, found->second);
  if (node.has("data_dir")) service.data_dir = absolute_path(node.at("data_dir"), "'data_dir'");
  if (node.has("liveness")) service.liveness_path = http_path(node.at("liveness"), "'liveness'");
  if (node.has("readiness"))
    service.readiness_path = http_path(node.at("readiness"), "'readiness'");
  if ((node.has("liveness") || node.has("readiness")) && service.port == 0) {
    node.fail(what + " declares health paths but no 'port' to probe them on");
  }
  service.start_when_needed =
      node.has("start") && node.at("start").scalar("'start'") == "when_needed";
  return service;
}

const SystemService& declared_service(const Located& node, const System& system,
                                      const std::string& what) {
  const auto name = node.scalar(what);
  const auto* service = system.service(name);
  if (!service) {
    node.fail(fmt::format("{} names '{}', which is not under 'services' (declared: {})", what, name,
                          system.service_names()));
  }
  return *service;
}

// `role: service` or `role: {service: s, port: n, ...}`; the port defaults to the service's.
template <typename Endpoint>
Endpoint load_backend(const Located& node, const System& system, const std::string& role,
                      const ParamDecls& keys = backend_keys()) {
  const auto what = fmt::format("backend '{}'", role);
  Endpoint endpoint;
  const Located service_node = node.node().IsMap() ? node.at("service") : node;
  if (node.node().IsMap()) node.check_keys(keys, what);
  const auto& service = declared_service(service_node, system, what);
  endpoint.service = service.name;
  endpoint.port =
      node.has("port") ? container_port(node.at("port"), what + "'s port") : service.port;
  if (endpoint.port == 0) {
    node.fail(fmt::format("{}: service '{}' declares no 'port'; give the backend's port", what,
                          service.name));
  }
  return endpoint;
}

void load_backends(const Located& node, System& system) {
  node.check_keys(backends_keys(), "'backends'");
  auto& b = system.backends;
  if (node.has("prometheus"))
    b.prometheus = load_backend<BackendEndpoint>(node.at("prometheus"), system, "prometheus");
  if (node.has("jaeger"))
    b.jaeger = load_backend<BackendEndpoint>(node.at("jaeger"), system, "jaeger");
  if (node.has("loki")) b.loki = load_backend<BackendEndpoint>(node.at("loki"), system, "loki");
  if (node.has("alertmanager")) {
    b.alertmanager = load_backend<BackendEndpoint>(node.at("alertmanager"), system, "alertmanager");
  }
  if (node.has("notifications")) {
    b.notifications =
        load_backend<BackendEndpoint>(node.at("notifications"), system, "notifications");
  }
  if (node.has("grafana")) {
    const auto g = node.at("grafana");
    g.require_map("backend 'grafana'");
    auto grafana = load_backend<GrafanaBackend>(g, system, "grafana", grafana_keys());
    grafana.user_env = g.at("user_env").scalar("'user_env'");
    grafana.password_env = g.at("password_env").scalar("'password_env'");
    if (g.has("run_dashboard"))
      grafana.run_dashboard = g.at("run_dashboard").scalar("'run_dashboard'");
    b.grafana = grafana;
  }
}

void load_fault_proxy(const Located& node, System& system) {
  node.check_keys(fault_proxy_keys(), "'fault_proxy'");
  FaultProxy proxy;
  if (node.has("service")) {
    // The user's compose runs the proxy.
    if (!node.has("api_port")) node.fail("'fault_proxy' needs 'api_port' with its 'service'");
    proxy.service = declared_service(node.at("service"), system, "'fault_proxy.service'").name;
    proxy.api_port = container_port(node.at("api_port"), "'fault_proxy.api_port'");
  } else {
    // unbroken adds its own to the project.
    if (node.has("api_port")) node.fail("'fault_proxy.api_port' is for a proxy your compose runs");
    if (system.service(kManagedFaultProxy)) {
      node.fail(
          fmt::format("'{}' is the name of the fault proxy unbroken adds; a service of "
                      "yours may not have it",
                      kManagedFaultProxy));
    }
    proxy.service = kManagedFaultProxy;
    proxy.api_port = kManagedFaultProxyApiPort;
    proxy.managed = true;
    SystemService service;
    service.name = kManagedFaultProxy;
    service.port = kManagedFaultProxyApiPort;
    service.ready =
        ReadinessProbe{ReadinessProbe::Kind::kHttp, kManagedFaultProxyApiPort, "/version"};
    service.where = node.where();
    system.services.push_back(service);
  }
  const auto paths = node.at("paths");
  for (const auto& kv : paths.node()) {
    const auto name = kv.first.as<std::string>();
    const Located path(kv.second, node.where().file);
    const auto what = fmt::format("proxied path '{}'", name);
    path.check_keys(proxied_path_keys(), what);
    proxy.paths.push_back({name, container_port(path.at("listen"), what + "'s 'listen'"),
                           path.at("upstream").scalar(what + "'s 'upstream'"),
                           http_path(path.at("probe"), what + "'s 'probe'"), proxy.service});
  }
  system.fault_proxy = proxy;
}

void load_entry(const Located& node, System& system) {
  node.check_keys(load_entry_keys(), "'load'");
  LoadEntry entry;
  const auto& service = declared_service(node.at("service"), system, "'load.service'");
  entry.service = service.name;
  entry.port = node.has("port") ? container_port(node.at("port"), "'load.port'") : service.port;
  if (entry.port == 0) node.fail("'load' needs a 'port': its service declares none");
  entry.path = node.has("path") ? http_path(node.at("path"), "'load.path'") : "/";
  if (node.has("max_connections")) {
    const auto& given = node.at("max_connections");
    const auto count = given.unsigned_integer("'load.max_connections'");
    if (count == 0 || count > kMaxLoadConnections) {
      given.fail(fmt::format("'load.max_connections' must be 1 to {}, got {}", kMaxLoadConnections,
                             count));
    }
    entry.max_connections = static_cast<int>(count);
  }
  system.load = entry;
}

// A service every run relies on may not be started only when needed: the load's service,
// those of probe_from, the fault proxy, the Prometheus the warm-up waits on, and a service
// with health paths (health.semantics probes every one). Refused at its `start`.
void refuse_unneedable_when_needed(const Located& services, const System& system) {
  for (const auto& service : system.services) {
    if (!service.start_when_needed) continue;
    std::string why;
    if (system.load && system.load->service == service.name) {
      why = "it is the load's service";
    } else if (std::count(system.probe_from.begin(), system.probe_from.end(), service.name)) {
      why = "it is in probe_from";
    } else if (system.fault_proxy && system.fault_proxy->service == service.name) {
      why = "it is the fault proxy";
    } else if (system.backends.prometheus && system.backends.prometheus->service == service.name) {
      why = "it is the Prometheus backend, which every run waits on to scrape the load's target";
    } else if (!service.liveness_path.empty() || !service.readiness_path.empty()) {
      why = "it declares health paths, which health.semantics probes";
    } else {
      continue;
    }
    services.at(service.name)
        .at("start")
        .fail(fmt::format("service '{}' cannot be started only when needed: {}; every run needs it",
                          service.name, why));
  }
}

SignalHops hops_of(const System& system) {
  SignalHops hops;
  const auto role = [&](const char* signal, BackendRole r) {
    if (const auto* b = system.backend(r)) hops.backends[signal] = b->service;
  };
  role("spans", BackendRole::kJaeger);
  role("logs", BackendRole::kLoki);
  role("metrics", BackendRole::kPrometheus);
  role("alerts", BackendRole::kNotifications);
  hops.is_hop = [&system](const std::string& hop) {
    if (system.service(hop)) return true;
    if (!system.fault_proxy) return false;
    return std::any_of(system.fault_proxy->paths.begin(), system.fault_proxy->paths.end(),
                       [&](const ProxiedPath& p) { return p.hop() == hop; });
  };
  hops.hops = system.service_names();
  if (system.fault_proxy) {
    for (const auto& p : system.fault_proxy->paths) hops.hops += ", " + p.hop();
  }
  return hops;
}

System build(const Located& root, const std::filesystem::path& file) {
  if (!root.node().IsDefined() || root.node().IsNull()) root.fail("the system file is empty");
  root.check_keys(system_keys(), "a system file");
  System system;
  system.file = std::filesystem::absolute(file).lexically_normal();
  const auto dir = system.dir();
  system.name = root.has("name") ? root.at("name").scalar("'name'") : file.stem().string();
  const auto compose = root.at("compose");
  if (compose.node().IsSequence()) {
    for (const auto& item : compose.node()) {
      system.compose_files.push_back(
          existing_file(Located(item, file.string()), dir, "compose file"));
    }
    if (system.compose_files.empty()) compose.fail("'compose' lists no file");
  } else {
    system.compose_files.push_back(existing_file(compose, dir, "compose file"));
  }
  if (root.has("env_file")) system.env_file = existing_file(root.at("env_file"), dir, "env file");
  if (root.has("images")) {
    const auto images = root.at("images");
    for (const auto& kv : images.node()) {
      system.image_sets[kv.first.as<std::string>()] =
          existing_file(Located(kv.second, file.string()), dir, "image set file");
    }
  }
  const auto model = read_compose_files(system.compose_files);
  if (model.services.empty()) compose.fail("the compose files define no service");
  if (const auto problems = model.all_isolation_problems(); !problems.empty()) {
    throw ConfigError(fmt::format("{}", fmt::join(problems, "\n")));
  }
  const auto services = root.at("services");
  for (const auto& kv : services.node()) {
    system.services.push_back(
        load_service(Located(kv.first, file.string()), Located(kv.second, file.string()), model));
  }
  if (root.has("backends")) load_backends(root.at("backends"), system);
  if (system.backends.prometheus) {
    system.alert_rules = read_alert_rules(model, system.backends.prometheus->service);
  }
  if (root.has("fault_proxy")) load_fault_proxy(root.at("fault_proxy"), system);
  if (root.has("probe_from")) {
    const auto list = root.at("probe_from");
    list.require_sequence("'probe_from'");
    for (const auto& item : list.node()) {
      system.probe_from.push_back(
          declared_service(Located(item, file.string()), system, "'probe_from'").name);
    }
  }
  if (root.has("load")) load_entry(root.at("load"), system);
  system.signals = load_signal_paths(root.at("signals"), hops_of(system));
  refuse_unneedable_when_needed(root.at("services"), system);
  return system;
}

}  // namespace

System parse_system(const std::string& text, const std::filesystem::path& file_name) {
  const auto root = parse_yaml(text, file_name);
  return reading_yaml(file_name,
                      [&] { return build(Located(root, file_name.string()), file_name); });
}

System load_system(const std::filesystem::path& file) {
  const auto root = load_yaml_file(file, "system file");
  return reading_yaml(file, [&] { return build(Located(root, file.string()), file); });
}

}  // namespace unbroken
