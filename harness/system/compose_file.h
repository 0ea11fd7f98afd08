// What unbroken needs to know of a system's compose files before anything starts: the
// services they define, the container ports each publishes, whether it has a healthcheck,
// and what would break a run's isolation (a fixed container_name, a fixed host port — two
// runs at once, or a run beside the user's own stack, would collide). Files are read as
// YAML (merge keys `<<:` resolved; interpolation left as written); services of several
// files merge in order, as compose merges them.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "harness/core/errors.h"

namespace unbroken {

struct ComposeService {
  std::string name;
  std::vector<int> published_ports;             // container ports published on the host
  bool has_healthcheck = false;                 // declared in the compose file (and not disabled)
  std::vector<std::string> isolation_problems;  // "file:line:col: container_name …", for people
  // Host paths bound into the container, by container path (compose merges a service's
  // volumes by target across files). Relative sources are resolved against the project
  // directory, the first file's; a source or target with interpolation is left out.
  std::map<std::string, std::filesystem::path> bind_mounts;
  // The service's `command` as the last file gives it (a string is split at spaces);
  // empty when no file sets one (the image's own applies).
  std::vector<std::string> command;
};

struct ComposeModel {
  std::filesystem::path project_dir;  // the first file's directory
  std::string version;  // the first file's `version:`, "" when none (the Compose Spec)
  std::map<std::string, ComposeService> services;
  // The project's own networks and volumes (not `external:`), each with its definition as
  // the last file gives it (compose v1 replaces a top-level definition by key); `default` is
  // always there.
  std::map<std::string, YAML::Node> networks{{"default", YAML::Node()}};
  std::map<std::string, YAML::Node> volumes;
  // Isolation problems of the files' networks and volumes (a fixed `name:`).
  std::vector<std::string> isolation_problems;
  // Every isolation problem of the files, services first.
  std::vector<std::string> all_isolation_problems() const;
  bool defines(const std::string& service) const { return services.count(service) > 0; }
  std::string service_names() const;  // "a, b, c"
};

// A compose file that puts `labels` on every service, network and volume of `model`: applied
// after the user's files, it marks everything a run creates with the run's labels (what
// teardown, the reaper and `unbroken recover` find a run's resources by) and leaves the
// user's files untouched. Services get the labels alone (compose merges a service's labels);
// networks and volumes get their whole definition back with the labels added, because
// compose v1 replaces a top-level definition rather than merging it (a tmpfs volume's
// driver_opts would be lost).
std::string labels_override(const ComposeModel& model,
                            const std::map<std::string, std::string>& labels);

// The service's name as it appears in UNBROKEN_HOST_PORT_<NAME>_<PORT> (host_ports.h):
// upper case, anything but letters and digits as '_'.
std::string to_env_name(const std::string& service);

// Reads `files` in order. Throws ConfigError at file:line:col for a file that cannot be read
// or parsed, or is not a mapping (an override may have no `services:`).
ComposeModel read_compose_files(const std::vector<std::filesystem::path>& files);
// Parses `text` as if it were the contents of `file_name`, merged into `model` (for tests).
void merge_compose_text(const std::string& text, const std::filesystem::path& file_name,
                        ComposeModel& model);

}  // namespace unbroken
