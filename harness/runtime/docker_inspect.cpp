#include "harness/runtime/docker_inspect.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/core/byte_size.h"
#include "harness/core/errors.h"

namespace unbroken {
namespace {

nlohmann::json first_object(const std::string& inspect_json) {
  const auto doc = nlohmann::json::parse(inspect_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_array() || doc.empty() || !doc[0].is_object()) {
    throw HarnessError("docker inspect printed something that is not a list of objects: " +
                       inspect_json.substr(0, 200));
  }
  return doc[0];
}

}  // namespace

ServiceState parse_container_state(const std::string& inspect_json) {
  const auto container = first_object(inspect_json);
  const auto& state = container.at("State");
  ServiceState result;
  result.exists = true;
  result.running = state.value("Running", false);
  result.paused = state.value("Paused", false);
  result.oom_killed = state.value("OOMKilled", false);
  result.status = state.value("Status", "");
  result.exit_code = state.value("ExitCode", 0);
  result.started_at = state.value("StartedAt", "");
  result.health = container.value("/State/Health/Status"_json_pointer, std::string());
  const auto networks = container.value("/NetworkSettings/Networks"_json_pointer, nlohmann::json());
  if (networks.is_object()) {
    for (const auto& [name, attachment] : networks.items()) result.networks.push_back(name);
  }
  result.memory_limit = container.value("/HostConfig/Memory"_json_pointer, std::int64_t{0});
  result.nano_cpus = container.value("/HostConfig/NanoCpus"_json_pointer, std::int64_t{0});
  result.image = container.value("/Config/Image"_json_pointer, std::string());
  result.image_id = container.value("Image", "");
  result.stand_in_for =
      container.value("/Config/Labels/io.unbroken.stand-in"_json_pointer, std::string());
  return result;
}

std::optional<Endpoint> parse_published_port(const std::string& inspect_json, int container_port) {
  const auto container = first_object(inspect_json);
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

std::set<std::string> parse_configured_host_ports(const std::string& inspect_json) {
  const auto containers = nlohmann::json::parse(inspect_json, nullptr, false);
  if (!containers.is_array()) throw HarnessError("docker inspect did not print a JSON array");
  std::set<std::string> ports;
  for (const auto& container : containers) {
    const auto bindings =
        container.value("/HostConfig/PortBindings"_json_pointer, nlohmann::json());
    if (!bindings.is_object()) continue;
    for (const auto& [container_port, hosts] : bindings.items()) {
      if (!hosts.is_array()) continue;
      for (const auto& host : hosts) {
        const auto port = host.is_object() ? host.value("HostPort", std::string()) : "";
        if (!port.empty()) ports.insert(port);
      }
    }
  }
  return ports;
}

std::optional<std::string> parse_mounted_volume(const std::string& inspect_json,
                                                const std::string& container_path) {
  const auto container = first_object(inspect_json);
  const auto mounts = container.value("Mounts", nlohmann::json::array());
  for (const auto& mount : mounts) {
    if (mount.value("Destination", "") == container_path && mount.value("Type", "") == "volume") {
      return mount.value("Name", "");
    }
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_volume_size_limit(const std::string& volume_inspect_json) {
  const auto volume = first_object(volume_inspect_json);
  const auto options = volume.value("Options", nlohmann::json::object());
  if (!options.is_object() || options.value("type", "") != "tmpfs") return std::nullopt;
  std::stringstream list(options.value("o", ""));
  for (std::string option; std::getline(list, option, ',');) {
    if (option.rfind("size=", 0) != 0) continue;
    try {
      return parse_byte_size(option.substr(5));
    } catch (const std::invalid_argument&) {
      throw HarnessError("docker volume inspect: a tmpfs size that is not a size: " + option);
    }
  }
  return std::nullopt;
}

std::int64_t parse_memory_usage(const std::string& mem_usage) {
  // docker stats prints "5.605MiB / 6MiB" (binary units; "B" for bytes, "kB" in old engines).
  static const std::map<std::string, double> kUnits = {
      {"B", 1.0},  {"KiB", 1024.0},       {"kB", 1000.0}, {"MiB", 1048576.0},
      {"MB", 1e6}, {"GiB", 1073741824.0}, {"GB", 1e9},    {"TiB", 1099511627776.0}};
  const auto used = mem_usage.substr(0, mem_usage.find('/'));
  std::size_t end = 0;
  double number = 0;
  try {
    number = std::stod(used, &end);
  } catch (const std::exception&) {
    throw HarnessError("docker stats printed a memory usage that is not a number: " + mem_usage);
  }
  auto unit = used.substr(end);
  unit.erase(unit.find_last_not_of(' ') + 1);
  const auto it = kUnits.find(unit);
  if (it == kUnits.end()) {
    throw HarnessError("docker stats printed an unknown memory unit: " + mem_usage);
  }
  return static_cast<std::int64_t>(number * it->second);
}

}  // namespace unbroken
