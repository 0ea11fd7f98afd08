#include "harness/scenario/signal_paths_loader.h"

#include "harness/scenario/located_yaml.h"

namespace unbroken {
namespace {

constexpr const char* kSignals[] = {"spans", "logs", "metrics", "alerts"};

SignalRoutes& routes_of(SignalPaths& paths, const std::string& signal) {
  if (signal == "spans") return paths.spans;
  if (signal == "logs") return paths.logs;
  if (signal == "metrics") return paths.metrics;
  return paths.alerts;
}

std::vector<std::string> load_hops(const Located& list, const std::string& what) {
  list.require_sequence(what);
  std::vector<std::string> hops;
  for (const auto& hop : list.node())
    hops.push_back(Located(hop, list.where().file).scalar("a hop"));
  if (hops.empty()) list.fail(what + " lists no hop");
  return hops;
}

void load_routes(const Located& node, SignalRoutes& routes) {
  node.require_map("'" + routes.signal + "'");
  for (const auto& kv : node.node()) {
    const auto emitter = kv.first.as<std::string>();
    const auto what = "the " + routes.signal + " path of '" + emitter + "'";
    const Located list(kv.second, node.where().file);
    auto hops = load_hops(list, what);
    if (hops.back() != routes.backend) {
      list.fail(what + " must end at its backend '" + routes.backend + "'");
    }
    routes.by_emitter[emitter] = std::move(hops);
  }
}

SignalPaths build(const Located& root) {
  if (!root.node().IsDefined() || root.node().IsNull()) root.fail("the signal path file is empty");
  root.require_map("a signal path file");
  root.only_keys({"backends", "spans", "logs", "metrics", "alerts"}, "a signal path file");
  SignalPaths paths;
  if (root.has("backends")) {
    const auto backends = root.at("backends");
    backends.require_map("'backends'");
    backends.only_keys({"spans", "logs", "metrics", "alerts"}, "'backends'");
    for (const char* signal : kSignals) {
      if (backends.has(signal)) {
        routes_of(paths, signal).backend =
            backends.at(signal).scalar(std::string("the backend of ") + signal);
      }
    }
  }
  for (const char* signal : kSignals) {
    if (root.has(signal)) load_routes(root.at(signal), routes_of(paths, signal));
  }
  return paths;
}

}  // namespace

SignalPaths parse_signal_paths(const std::string& text, const std::filesystem::path& file_name) {
  return build(Located(parse_yaml(text, file_name), file_name.string()));
}

SignalPaths load_signal_paths(const std::filesystem::path& file) {
  return build(Located(load_yaml_file(file, "signal path file"), file.string()));
}

}  // namespace unbroken
