#include "harness/system/compose_file.h"

#include <fmt/format.h>

#include <cstdlib>
#include <optional>
#include <sstream>

#include "harness/system/located_yaml.h"

namespace unbroken {
namespace {

// A service mapping with its merge keys (`<<: *anchor`, one or a list) resolved: the
// service's own keys win over merged ones, as in compose.
YAML::Node resolve_merge_keys(const YAML::Node& node) {
  if (!node.IsMap() || !node["<<"]) return node;
  YAML::Node merged(YAML::NodeType::Map);
  const auto merge_from = [&](const YAML::Node& source) {
    if (!source.IsMap()) return;
    for (const auto& kv : resolve_merge_keys(source)) {
      const auto key = kv.first.as<std::string>();
      if (!merged[key]) merged[key] = kv.second;
    }
  };
  for (const auto& kv : node) {
    if (kv.first.as<std::string>() != "<<") merged[kv.first.as<std::string>()] = kv.second;
  }
  const auto sources = node["<<"];
  if (sources.IsSequence()) {
    for (const auto& s : sources) merge_from(s);
  } else {
    merge_from(sources);
  }
  return merged;
}

std::optional<int> port_number(const std::string& text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoi(text);
}

// A short-syntax port: "9090", "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80",
// "127.0.0.1:${VAR:-}:80", each optionally "/tcp". Returns {container port, host port text}.
std::optional<std::pair<int, std::string>> parse_short_port(std::string text) {
  if (const auto slash = text.rfind('/'); slash != std::string::npos) text.resize(slash);
  // The container port is what follows the last colon outside an interpolation.
  int depth = 0;
  std::size_t last_colon = std::string::npos;
  std::size_t host_colon = std::string::npos;  // the colon before the host port
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}') --depth;
    if (text[i] == ':' && depth == 0) {
      host_colon = last_colon;
      last_colon = i;
    }
  }
  if (last_colon == std::string::npos) {
    const auto port = port_number(text);
    if (!port) return std::nullopt;
    return std::make_pair(*port, std::string());
  }
  const auto port = port_number(text.substr(last_colon + 1));
  if (!port) return std::nullopt;
  const auto host_begin = host_colon == std::string::npos ? 0 : host_colon + 1;
  return std::make_pair(*port, text.substr(host_begin, last_colon - host_begin));
}

void read_ports(const Located& ports, ComposeService& service) {
  if (!ports.node().IsSequence()) return;
  for (const auto& item : ports.node()) {
    const Located entry(item, ports.where().file);
    int container_port = 0;
    std::string host;
    if (item.IsMap()) {
      if (!item["target"]) continue;
      const auto port = port_number(item["target"].Scalar());
      if (!port) continue;
      container_port = *port;
      if (item["published"]) host = item["published"].Scalar();
    } else if (item.IsScalar()) {
      const auto parsed = parse_short_port(item.Scalar());
      if (!parsed) continue;
      std::tie(container_port, host) = *parsed;
    } else {
      continue;
    }
    service.published_ports.push_back(container_port);
    if (port_number(host)) {
      service.isolation_problems.push_back(fmt::format(
          "{}: service '{}' publishes container port {} on fixed host port {}: two runs (or a "
          "run beside your own stack) would collide. Publish it as "
          "\"127.0.0.1:${{UNBROKEN_HOST_PORT_{}_{}:-}}:{}\" (unbroken gives each run a free "
          "port) or \"127.0.0.1::{}\"",
          entry.where().to_string(), service.name, container_port, host, to_env_name(service.name),
          container_port, container_port, container_port));
    }
  }
}

bool interpolated(const std::string& text) {
  return text.find('$') != std::string::npos;
}

// A bind mount's source: "./x", "../x", "/x" or "~/x" ("name" alone is a named volume).
std::optional<std::filesystem::path> bind_source(const std::string& source,
                                                 const std::filesystem::path& project_dir) {
  if (source.empty() || interpolated(source)) return std::nullopt;
  if (source[0] == '/') return std::filesystem::path(source).lexically_normal();
  if (source[0] == '.') return (project_dir / source).lexically_normal();
  if (source[0] == '~') {
    const char* home = std::getenv("HOME");
    if (!home) return std::nullopt;
    return (std::filesystem::path(home) / source.substr(source.size() > 1 ? 2 : 1))
        .lexically_normal();
  }
  return std::nullopt;
}

// Short syntax "source:target[:mode]" and long syntax {type: bind, source, target}.
void read_bind_mounts(const YAML::Node& volumes, const std::filesystem::path& project_dir,
                      ComposeService& service) {
  if (!volumes.IsSequence()) return;
  for (const auto& item : volumes) {
    std::string source;
    std::string target;
    if (item.IsScalar()) {
      const auto text = item.Scalar();
      const auto colon = text.find(':');
      if (colon == std::string::npos) continue;  // an anonymous volume
      source = text.substr(0, colon);
      target = text.substr(colon + 1, text.find(':', colon + 1) - colon - 1);
    } else if (item.IsMap() && item["source"] && item["target"] && item["source"].IsScalar() &&
               item["target"].IsScalar()) {
      if (item["type"] && item["type"].Scalar() != "bind") continue;
      source = item["source"].Scalar();
      target = item["target"].Scalar();
    } else {
      continue;
    }
    const auto host = bind_source(source, project_dir);
    if (!host || interpolated(target) || target.empty() || target[0] != '/') continue;
    service.bind_mounts[std::filesystem::path(target).lexically_normal().string()] = *host;
  }
}

std::vector<std::string> read_command(const YAML::Node& command) {
  std::vector<std::string> words;
  if (command.IsSequence()) {
    for (const auto& word : command) {
      if (word.IsScalar()) words.push_back(word.Scalar());
    }
  } else if (command.IsScalar()) {
    std::istringstream text(command.Scalar());
    for (std::string word; text >> word;) words.push_back(word);
  }
  return words;
}

void merge_service(const std::string& name, const Located& node, ComposeModel& model) {
  auto& service = model.services[name];
  service.name = name;
  if (!node.node().IsMap()) return;
  const Located resolved(resolve_merge_keys(node.node()), node.where().file);
  const auto& n = resolved.node();
  if (n["ports"]) read_ports(Located(n["ports"], node.where().file), service);
  if (n["volumes"]) read_bind_mounts(n["volumes"], model.project_dir, service);
  if (n["command"]) service.command = read_command(n["command"]);
  if (n["healthcheck"]) {
    const auto disable = n["healthcheck"]["disable"];
    service.has_healthcheck = !(disable && disable.IsScalar() && disable.Scalar() == "true");
  }
  if (n["container_name"]) {
    service.isolation_problems.push_back(fmt::format(
        "{}: service '{}' sets container_name '{}': two runs (or a run beside your own stack) "
        "would collide on the name. Remove it; unbroken finds containers by project and "
        "service",
        Located(n["container_name"], node.where().file).where().to_string(), name,
        n["container_name"].Scalar()));
  }
}

// Top-level networks or volumes: the project's own are labelled; a fixed `name:` would be
// shared by every run.
void merge_resources(const Located& section, const char* kind,
                     std::map<std::string, YAML::Node>& definitions,
                     std::vector<std::string>& problems) {
  if (!section.node().IsMap()) return;
  for (const auto& kv : section.node()) {
    const auto name = kv.first.as<std::string>();
    const auto& spec = kv.second;
    const bool external = spec.IsMap() && spec["external"] &&
                          !(spec["external"].IsScalar() && spec["external"].Scalar() == "false");
    if (external) {
      definitions.erase(name);  // a later file made it external: not the run's
      continue;
    }
    definitions[name] = YAML::Clone(spec);
    if (spec.IsMap() && spec["name"]) {
      problems.push_back(fmt::format(
          "{}: {} '{}' sets a fixed name '{}': two runs (or a run beside your own stack) would "
          "share it. Remove `name:`; compose prefixes it with each run's project",
          Located(spec["name"], section.where().file).where().to_string(), kind, name,
          spec["name"].Scalar()));
    }
  }
}

void merge_root(const Located& root, ComposeModel& model) {
  // An override may hold only volumes or networks; the system's own files must define services
  // (system_loader.cpp).
  if (!root.node().IsMap()) root.fail("a compose file must be a mapping (services:, volumes:, …)");
  if (model.version.empty() && root.has("version")) {
    model.version = root.at("version").scalar("'version'");
  }
  if (root.has("networks")) {
    merge_resources(root.at("networks"), "network", model.networks, model.isolation_problems);
  }
  if (root.has("volumes")) {
    merge_resources(root.at("volumes"), "volume", model.volumes, model.isolation_problems);
  }
  if (!root.has("services")) return;
  const auto services = root.at("services");
  services.require_map("'services'");
  for (const auto& kv : services.node()) {
    merge_service(kv.first.as<std::string>(), Located(kv.second, root.where().file), model);
  }
}

}  // namespace

std::string to_env_name(const std::string& service) {
  std::string name;
  for (char c : service) {
    name += (c >= 'a' && c <= 'z')                               ? static_cast<char>(c - 'a' + 'A')
            : ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c
                                                                 : '_';
  }
  return name;
}

std::vector<std::string> ComposeModel::all_isolation_problems() const {
  std::vector<std::string> all;
  for (const auto& [name, service] : services) {
    all.insert(all.end(), service.isolation_problems.begin(), service.isolation_problems.end());
  }
  all.insert(all.end(), isolation_problems.begin(), isolation_problems.end());
  return all;
}

std::string labels_override(const ComposeModel& model,
                            const std::map<std::string, std::string>& labels) {
  // `definition` (null for none) with `labels` added to its own (a map, or a list of k=v).
  const auto labelled = [&](const YAML::Node& definition) {
    YAML::Node result =
        definition.IsMap() ? YAML::Clone(definition) : YAML::Node(YAML::NodeType::Map);
    YAML::Node merged(YAML::NodeType::Map);
    const auto own = result["labels"];
    if (own && own.IsMap()) {
      for (const auto& kv : own) merged[kv.first.Scalar()] = kv.second.Scalar();
    } else if (own && own.IsSequence()) {
      for (const auto& item : own) {
        const auto text = item.Scalar();
        const auto eq = text.find('=');
        merged[text.substr(0, eq)] = eq == std::string::npos ? "" : text.substr(eq + 1);
      }
    }
    for (const auto& [label, value] : labels) merged[label] = value;
    result["labels"] = merged;
    return result;
  };
  YAML::Node doc(YAML::NodeType::Map);
  for (const auto& [name, service] : model.services) {
    doc["services"][name] = labelled(YAML::Node());
  }
  for (const auto& [name, definition] : model.networks)
    doc["networks"][name] = labelled(definition);
  for (const auto& [name, definition] : model.volumes) doc["volumes"][name] = labelled(definition);
  YAML::Emitter out;
  out << doc;
  // Compose v1 wants the files' version, as a string ("3.8" unquoted would be a number).
  const auto version =
      model.version.empty() ? std::string() : fmt::format("version: \"{}\"\n", model.version);
  return version + out.c_str() + "\n";
}

std::string ComposeModel::service_names() const {
  std::string names;
  for (const auto& [name, service] : services) names += (names.empty() ? "" : ", ") + name;
  return names;
}

void merge_compose_text(const std::string& text, const std::filesystem::path& file_name,
                        ComposeModel& model) {
  if (model.project_dir.empty()) model.project_dir = file_name.parent_path();
  const auto root = parse_yaml(text, file_name);
  reading_yaml(file_name, [&] { merge_root(Located(root, file_name.string()), model); });
}

ComposeModel read_compose_files(const std::vector<std::filesystem::path>& files) {
  ComposeModel model;
  for (const auto& file : files) {
    if (model.project_dir.empty()) model.project_dir = file.parent_path();
    const auto root = load_yaml_file(file, "compose file");
    reading_yaml(file, [&] { merge_root(Located(root, file.string()), model); });
  }
  return model;
}

}  // namespace unbroken
