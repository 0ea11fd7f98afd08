#include "harness/system/alert_rules.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fnmatch.h>

#include <algorithm>

#include "harness/system/compose_file.h"
#include "harness/system/located_yaml.h"

namespace unbroken {
namespace {

namespace fs = std::filesystem;

// Where the official image's command points Prometheus.
constexpr const char* kDefaultConfig = "/etc/prometheus/prometheus.yml";

// The value of --config.file in `command` ("--config.file=X" or "--config.file X").
std::string config_file(const std::vector<std::string>& command) {
  for (std::size_t i = 0; i < command.size(); ++i) {
    for (const std::string flag : {"--config.file", "-config.file"}) {
      if (command[i] == flag && i + 1 < command.size()) return command[i + 1];
      if (command[i].rfind(flag + "=", 0) == 0) return command[i].substr(flag.size() + 1);
    }
  }
  return kDefaultConfig;
}

// The host path that `container_path` is bound from, through the mount nearest to it.
std::optional<fs::path> host_path(const ComposeService& service, const fs::path& container_path) {
  std::optional<fs::path> nearest;
  std::size_t nearest_depth = 0;
  for (const auto& [target, source] : service.bind_mounts) {
    const auto relative = container_path.lexically_relative(target);
    if (relative.empty() || *relative.begin() == "..") continue;
    if (nearest && target.size() < nearest_depth) continue;
    nearest = relative == "." ? source : source / relative;
    nearest_depth = target.size();
  }
  return nearest;
}

bool has_glob(const std::string& text) {
  return text.find_first_of("*?[") != std::string::npos;
}

// The host files a rule_files entry names; nullopt when they cannot be known from here.
std::optional<std::vector<fs::path>> rule_files_of(const ComposeService& service,
                                                   const fs::path& pattern) {
  if (pattern.string().find('$') != std::string::npos || has_glob(pattern.parent_path().string()))
    return std::nullopt;
  const auto dir = host_path(service, pattern.parent_path());
  if (!dir) return std::nullopt;
  std::vector<fs::path> files;
  std::error_code error;
  if (!fs::is_directory(*dir, error)) return files;  // docker creates it empty
  for (const auto& entry : fs::directory_iterator(*dir, error)) {
    const auto name = entry.path().filename().string();
    if (fnmatch(pattern.filename().c_str(), name.c_str(), FNM_PERIOD) == 0 &&
        entry.is_regular_file(error))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void read_rule_names(const fs::path& file, std::set<std::string>& names) {
  const Located root(load_yaml_file(file, "Prometheus rules file"), file.string());
  reading_yaml(file, [&] {
    if (root.node().IsNull()) return;  // Prometheus loads an empty file as no groups
    root.require_map("a Prometheus rules file");
    if (!root.has("groups")) return;
    const auto groups = root.at("groups");
    groups.require_sequence("'groups'");
    for (const auto& group : groups.node()) {
      const Located g(group, file.string());
      g.require_map("a rule group");
      if (!g.has("rules")) continue;
      const auto rules = g.at("rules");
      rules.require_sequence("'rules'");
      for (const auto& rule : rules.node()) {
        const Located r(rule, file.string());
        r.require_map("a rule");
        if (r.has("alert")) names.insert(r.at("alert").scalar("'alert'"));
      }
    }
  });
}

}  // namespace

std::string AlertRules::describe() const {
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.string());
  return fmt::format("{} (from {})",
                     names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", ")),
                     paths.empty() ? "no rules file" : fmt::format("{}", fmt::join(paths, ", ")));
}

std::optional<AlertRules> read_alert_rules(const ComposeModel& model,
                                           const std::string& prometheus_service) {
  const auto service = model.services.find(prometheus_service);
  if (service == model.services.end()) return std::nullopt;
  const fs::path config_in_container = fs::path(config_file(service->second.command));
  if (!config_in_container.is_absolute() ||
      config_in_container.string().find('$') != std::string::npos)
    return std::nullopt;
  const auto config = host_path(service->second, config_in_container.lexically_normal());
  if (!config) return std::nullopt;
  std::error_code error;  // a path that cannot be looked up is as absent to Prometheus
  if (!fs::is_regular_file(*config, error)) return std::nullopt;  // it would not start either

  const Located root(load_yaml_file(*config, "Prometheus config"), config->string());
  AlertRules rules;
  bool known = true;
  reading_yaml(*config, [&] {
    root.require_map("a Prometheus config");
    if (!root.has("rule_files")) return;
    const auto entries = root.at("rule_files");
    if (entries.node().IsNull()) return;
    entries.require_sequence("'rule_files'");
    for (const auto& entry : entries.node()) {
      fs::path pattern(Located(entry, config->string()).scalar("a rule_files entry"));
      if (pattern.is_relative()) pattern = config_in_container.parent_path() / pattern;
      const auto files = rule_files_of(service->second, pattern.lexically_normal());
      if (!files) {
        known = false;
        return;
      }
      rules.files.insert(rules.files.end(), files->begin(), files->end());
    }
  });
  if (!known) return std::nullopt;
  for (const auto& file : rules.files) read_rule_names(file, rules.names);
  return rules;
}

}  // namespace unbroken
