// DockerEngine: what the local Docker installation offers, found once per process.
// detect() fails with a ConfigError (exit 2) naming what is missing when no engine answers
// or no compose is installed.
#pragma once

#include <string>
#include <vector>

#include "harness/runtime/process_runner.h"

namespace unbroken {

struct DockerEngine {
  std::string server_version;
  std::vector<std::string> compose_argv;  // {"docker", "compose"} (v2) or {"docker-compose"} (v1)
  std::string compose_version;
  std::string name = "docker";  // or "podman", serving the Docker API

  static DockerEngine detect(ProcessRunner& runner);
};

}  // namespace unbroken
