// EngineApi: reads the container engine's HTTP API over its unix socket (Docker, or
// Podman's Docker-compatible socket): what the CLI does not print (the kernel's resource
// counters of a container, the observation behind cpu_throttle and memory_pressure), and
// what is read so often that a CLI process each time would cost more than the read (a
// container's inspection). Only GETs; one connection per call; a deadline on each call.
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

// The engine answered 404: the object a request named (a container) does not exist.
class EngineObjectMissing : public HarnessError {
 public:
  using HarnessError::HarnessError;
};

class EngineApi {
 public:
  // `host` as DOCKER_HOST spells it; only unix://<path> is supported.
  explicit EngineApi(std::string host);
  // DOCKER_HOST when set, else the socket of the CLI's current context (`docker context
  // inspect`), else unix:///var/run/docker.sock.
  static std::string default_host(ProcessRunner& runner);

  const std::string& host() const { return host_; }
  // Whether this reader can reach the engine at all: only over a unix socket.
  bool reachable() const;
  // GET `target`; the parsed JSON body. Throws HarnessError naming the host and target on
  // a refused connection, a timeout, a non-200 status or a body that is not JSON;
  // EngineObjectMissing on a 404.
  nlohmann::json get(const std::string& target, Millis timeout) const;
  // The container's counters; `unavailable` set (never a throw) when they cannot be read.
  ResourceCounters counters(const std::string& container_id, Millis timeout) const;

 private:
  std::string host_;
};

}  // namespace unbroken
