// The alerting rules a system's Prometheus will load, read from its compose files before
// anything starts, so that a check of an alert no rule defines is refused with nothing
// running. Followed as Prometheus follows it: the service's `--config.file` (the official
// image's /etc/prometheus/prometheus.yml when the compose file sets no command), the
// config's `rule_files` (globs in the last path component, relative to the config's
// directory), and each container path mapped to the host through the service's bind mounts.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace unbroken {

struct ComposeModel;

struct AlertRules {
  std::set<std::string> names;               // every `alert:` of every group
  std::vector<std::filesystem::path> files;  // the host files they were read from
  std::string describe() const;              // "A, B (from /x/a.yml, /x/b.yml)"
};

// nullopt when the compose files cannot say: the config or a rules directory is not bound
// from the host (baked into the image), or a path is interpolated. Throws ConfigError at
// file:line:col for a config or rules file that is bound but does not parse.
std::optional<AlertRules> read_alert_rules(const ComposeModel& model,
                                           const std::string& prometheus_service);

}  // namespace unbroken
