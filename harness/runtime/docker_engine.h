// DockerEngine: what the local Docker installation offers, found once per process.
// detect() fails with a ConfigError (exit 2) naming what is missing when no engine answers
// or no compose is installed, and when the engine (DOCKER_HOST or the docker context) is
// on another machine: the stack's ports are published on the engine host's 127.0.0.1,
// which the harness cannot reach from here.
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
  std::string endpoint;         // e.g. unix:///var/run/docker.sock

  static DockerEngine detect(ProcessRunner& runner);
};

// The host of an engine endpoint that is not on this machine ("" for a unix socket, npipe,
// or tcp/ssh to localhost, 127.0.0.1 or ::1).
std::string remote_engine_host(const std::string& endpoint);

}  // namespace unbroken
