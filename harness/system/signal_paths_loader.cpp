#include "harness/system/signal_paths_loader.h"

#include "harness/system/system_keys.h"

namespace unbroken {
namespace {

constexpr const char* kSignals[] = {"spans", "logs", "metrics", "alerts"};

SignalRoutes& routes_of(SignalPaths& paths, const std::string& signal) {
  if (signal == "spans") return paths.spans;
  if (signal == "logs") return paths.logs;
  if (signal == "metrics") return paths.metrics;
  return paths.alerts;
}

std::vector<std::string> load_hops(const Located& list, const std::string& what,
                                   const SignalHops& system) {
  list.require_sequence(what);
  std::vector<std::string> hops;
  for (const auto& item : list.node()) {
    const Located hop(item, list.where().file);
    hops.push_back(hop.scalar("a hop"));
    if (!system.is_hop(hops.back())) {
      hop.fail(
          fmt::format("'{}' is not a hop of this system (a service under 'services', or a "
                      "fault proxy path): {}",
                      hops.back(), system.hops));
    }
  }
  if (hops.empty()) list.fail(what + " lists no hop");
  return hops;
}

void load_routes(const Located& node, SignalRoutes& routes, const SignalHops& system) {
  node.require_map("'signals." + routes.signal + "'");
  for (const auto& kv : node.node()) {
    const auto emitter = kv.first.as<std::string>();
    const auto what = "the " + routes.signal + " path of '" + emitter + "'";
    const Located list(kv.second, node.where().file);
    auto hops = load_hops(list, what, system);
    if (hops.back() != routes.backend) {
      list.fail(what + " must end at its backend '" + routes.backend + "'");
    }
    routes.by_emitter[emitter] = std::move(hops);
  }
}

}  // namespace

SignalPaths load_signal_paths(const Located& section, const SignalHops& system) {
  const bool given = section.node().IsDefined() && !section.node().IsNull();
  if (given) section.check_keys(signals_keys(), "'signals'");
  SignalPaths paths;
  for (const char* signal : kSignals) {
    auto& routes = routes_of(paths, signal);
    const auto backend = system.backends.find(signal);
    if (backend != system.backends.end()) routes.backend = backend->second;
    if (!given || !section.has(signal)) continue;
    if (routes.backend.empty()) {
      section.at(signal).fail(fmt::format(
          "'signals.{}' gives paths, but the system declares no backend that stores {} (see "
          "'backends')",
          signal, signal));
    }
    load_routes(section.at(signal), routes, system);
  }
  return paths;
}

}  // namespace unbroken
