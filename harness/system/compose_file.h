// What unbroken needs to know of a system's compose files before anything starts: the
// services they define, the container ports each publishes, whether it has a healthcheck,
// and what would break a run's isolation (a fixed container_name, a fixed host port — two
// runs at once, or a run beside the user's own stack, would collide). Files are read as
// YAML (merge keys `<<:` resolved; interpolation left as written); services of several
// files merge in order, as compose merges them.
#pragma once

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
};

struct ComposeModel {
  std::map<std::string, ComposeService> services;
  bool defines(const std::string& service) const { return services.count(service) > 0; }
  std::string service_names() const;  // "a, b, c"
};

// The service's name as it appears in UNBROKEN_HOST_PORT_<NAME>_<PORT> (host_ports.h):
// upper case, anything but letters and digits as '_'.
std::string to_env_name(const std::string& service);

// Reads `files` in order. Throws ConfigError at file:line:col for a file that cannot be read
// or parsed, or that has no `services:` mapping.
ComposeModel read_compose_files(const std::vector<std::filesystem::path>& files);
// Parses `text` as if it were the contents of `file_name`, merged into `model` (for tests).
void merge_compose_text(const std::string& text, const std::filesystem::path& file_name,
                        ComposeModel& model);

}  // namespace unbroken
