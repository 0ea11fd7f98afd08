#include "harness/system/managed_fault_proxy.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace unbroken {

std::string describe_paths(const FaultProxy& proxy) {
  std::string text;
  for (const auto& path : proxy.paths) {
    text += fmt::format("{}{} (:{} → {})", text.empty() ? "" : ", ", path.name, path.listen_port,
                        path.upstream);
  }
  return text;
}

std::string managed_fault_proxy_config(const FaultProxy& proxy) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& path : proxy.paths) {
    list.push_back({{"name", path.name},
                    {"listen", fmt::format("0.0.0.0:{}", path.listen_port)},
                    {"upstream", path.upstream}});
  }
  return list.dump(2) + "\n";
}

std::vector<std::string> services_behind_proxy(const System& system) {
  if (!system.fault_proxy) return {};
  std::set<std::string> services;
  const auto& proxy = system.fault_proxy->service;
  for (const auto* routes : {&system.signals.spans, &system.signals.logs, &system.signals.metrics,
                             &system.signals.alerts}) {
    for (const auto& [emitter, hops] : routes->by_emitter) {
      if (hops.empty() || hops.front() == proxy || !system.service(hops.front())) continue;
      if (std::find(hops.begin(), hops.end(), proxy) != hops.end()) services.insert(hops.front());
    }
  }
  return {services.begin(), services.end()};
}

std::string managed_fault_proxy_compose(const FaultProxy& proxy,
                                        const std::filesystem::path& config, std::uint64_t seed,
                                        const std::string& compose_version,
                                        const std::vector<std::string>& started_after) {
  YAML::Node service(YAML::NodeType::Map);
  service["image"] = "${UNBROKEN_FAULTPROXY_IMAGE:-unbroken.invalid/faultproxy:dev}";
  YAML::Node command(YAML::NodeType::Sequence);
  for (const auto& arg : {std::string("--config"), std::string("/etc/faultproxy/proxies.json"),
                          std::string("--seed"), std::to_string(seed)}) {
    command.push_back(arg);
  }
  service["command"] = command;
  YAML::Node volumes(YAML::NodeType::Sequence);
  volumes.push_back(config.string() + ":/etc/faultproxy/proxies.json:ro");
  service["volumes"] = volumes;
  YAML::Node ports(YAML::NodeType::Sequence);
  ports.push_back(fmt::format("127.0.0.1::{}", proxy.api_port));
  for (const auto& path : proxy.paths)
    ports.push_back(fmt::format("127.0.0.1::{}", path.listen_port));
  service["ports"] = ports;
  YAML::Node doc(YAML::NodeType::Map);
  doc["services"][proxy.service] = service;
  for (const auto& name : started_after) {
    YAML::Node depends_on(YAML::NodeType::Sequence);
    depends_on.push_back(proxy.service);
    doc["services"][name]["depends_on"] = depends_on;
  }
  YAML::Emitter out;
  out.SetStringFormat(YAML::DoubleQuoted);  // the seed is a string to compose, not a number
  out << doc;
  const auto version =
      compose_version.empty() ? std::string() : fmt::format("version: \"{}\"\n", compose_version);
  return version + out.c_str() + "\n";
}

}  // namespace unbroken
