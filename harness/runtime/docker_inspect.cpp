#include "harness/runtime/docker_inspect.h"

#include <nlohmann/json.hpp>

#include "harness/core/errors.h"

namespace unbroken {
namespace {

nlohmann::json first_container(const std::string& inspect_json) {
  const auto doc = nlohmann::json::parse(inspect_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_array() || doc.empty() || !doc[0].is_object()) {
    throw HarnessError("docker inspect printed something that is not a container list: " +
                       inspect_json.substr(0, 200));
  }
  return doc[0];
}

}  // namespace

ServiceState parse_container_state(const std::string& inspect_json) {
  const auto container = first_container(inspect_json);
  const auto& state = container.at("State");
  ServiceState result;
  result.exists = true;
  result.running = state.value("Running", false);
  result.paused = state.value("Paused", false);
  result.oom_killed = state.value("OOMKilled", false);
  result.status = state.value("Status", "");
  result.exit_code = state.value("ExitCode", 0);
  return result;
}

std::optional<Endpoint> parse_published_port(const std::string& inspect_json, int container_port) {
  const auto container = first_container(inspect_json);
  const auto ports = container.value("/NetworkSettings/Ports"_json_pointer, nlohmann::json());
  const auto key = std::to_string(container_port) + "/tcp";
  if (!ports.is_object() || !ports.contains(key) || !ports[key].is_array()) return std::nullopt;
  for (const auto& binding : ports[key]) {
    const auto host_ip = binding.value("HostIp", "");
    const auto host_port = binding.value("HostPort", "");
    if (host_port.empty()) continue;
    if (host_ip == "127.0.0.1") return Endpoint{"127.0.0.1", std::stoi(host_port)};
  }
  return std::nullopt;
}

}  // namespace unbroken
