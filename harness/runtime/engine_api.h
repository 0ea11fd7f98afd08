// EngineApi: reads the container engine's HTTP API over its unix socket (Docker, or
// Podman's Docker-compatible socket) for what the CLI does not print: the kernel's
// resource counters of a container, the observation behind cpu_throttle and
// memory_pressure. Only GETs; one connection per call; a deadline on each call.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "harness/core/time.h"
#include "harness/runtime/process_runner.h"
#include "harness/runtime/runtime.h"

namespace unbroken {

// Reads a stats answer (GET /containers/{id}/stats?stream=false). Throws
// std::invalid_argument naming the field when the answer has no cpu or memory stats.
ResourceCounters parse_container_stats(const nlohmann::json& stats);

class EngineApi {
 public:
  // `host` as DOCKER_HOST spells it; only unix://<path> is supported.
  explicit EngineApi(std::string host);
  // DOCKER_HOST when set, else the socket of the CLI's current context (`docker context
  // inspect`), else unix:///var/run/docker.sock.
  static std::string default_host(ProcessRunner& runner);

  const std::string& host() const { return host_; }
  // GET `target`; the parsed JSON body. Throws HarnessError naming the host and target on
  // a refused connection, a timeout, a non-200 status or a body that is not JSON.
  nlohmann::json get(const std::string& target, Millis timeout) const;
  // The container's counters; `unavailable` set (never a throw) when they cannot be read.
  ResourceCounters counters(const std::string& container_id, Millis timeout) const;

 private:
  std::string host_;
};

}  // namespace unbroken
