#include "harness/system/managed_fault_proxy.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

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

std::string managed_fault_proxy_compose(const FaultProxy& proxy,
                                        const std::filesystem::path& config, std::uint64_t seed,
                                        const std::string& compose_version) {
  YAML::Node service(YAML::NodeType::Map);
  service["image"] = "${UNBROKEN_FAULTPROXY_IMAGE:-unbroken/faultproxy:dev}";
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
  YAML::Emitter out;
  out.SetStringFormat(YAML::DoubleQuoted);  // the seed is a string to compose, not a number
  out << doc;
  const auto version =
      compose_version.empty() ? std::string() : fmt::format("version: \"{}\"\n", compose_version);
  return version + out.c_str() + "\n";
}

}  // namespace unbroken
