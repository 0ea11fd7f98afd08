// Runtime: brings one run's stack up and down and acts on its services. Services are
// addressed by their compose service name, never by container name (compose v1 and v2
// name containers differently). Every resource of a run carries io.unbroken.run=<run id>.
// Implementations are not thread-safe; the Runner drives them from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/errors.h"

namespace unbroken {

// The engine answered a limits update with a refusal, e.g. cgroup v1 refusing a memory
// limit below what the kernel can reclaim the container's usage to. The message is the
// engine's. Anything that does not catch it treats it as the engine failing.
class LimitRefused : public HarnessError {
 public:
  using HarnessError::HarnessError;
};

struct StackSpec {
  std::string run_id;
  std::vector<std::filesystem::path> compose_files;  // the stack file, then overrides
  std::map<std::string, std::string> env;            // compose interpolation variables
  std::vector<std::string> services;  // the compose services to start; empty: every one
};

// A published port on the host, always on 127.0.0.1.
struct Endpoint {
  std::string host;
  int port = 0;
  std::string base_url() const { return "http://" + host + ":" + std::to_string(port); }
};

struct ServiceState {
  bool exists = false;
  bool running = false;
  bool paused = false;
  bool oom_killed = false;
  std::string status;  // docker's word: created, running, paused, exited, dead
  int exit_code = 0;
  std::string started_at;             // when the container last started (RFC 3339)
  std::vector<std::string> networks;  // the networks the container is attached to
  std::int64_t memory_limit = 0;      // bytes; 0 = unlimited
  std::int64_t nano_cpus = 0;         // 10^-9 CPUs; 0 = unlimited
  std::string health;        // its healthcheck: starting, healthy, unhealthy; "" when it has none
  std::string image;         // the reference the container was created from
  std::string image_id;      // the engine's id of that image (sha256:...)
  std::string stand_in_for;  // its image's io.unbroken.stand-in label: the real system the
                             // project's stand-in replaces ("" for every real image)
};

// The engine a run's stack ran on, for the report.
struct EngineIdentity {
  std::string name;     // "docker" or "podman" (through its Docker-compatible API)
  std::string version;  // the server's
  std::string compose;  // e.g. "docker-compose 1.29.2" or "docker compose 2.30.0"
};

// The cgroup counters of one container at one moment. `unavailable` says why they could
// not be read ("" when they were); a caller never treats unread counters as zero.
struct ResourceCounters {
  std::int64_t cpu_periods = 0;            // CFS periods the container ran in
  std::int64_t cpu_throttled_periods = 0;  // of those, periods its quota ran out
  std::int64_t memory_usage = 0;           // bytes
  std::int64_t memory_limit = 0;           // bytes, as the kernel enforces it
  std::int64_t memory_limit_hits = 0;      // times usage hit the limit (cgroup v1 failcnt;
                                           // engines on cgroup v2 do not report it: 0)
  std::string unavailable;
  bool read() const { return unavailable.empty(); }
};

// Resource limits to set on a running container; an unset field is left as it is.
struct ResourceLimits {
  std::optional<std::int64_t> memory_bytes;  // memory and memory+swap (no swap)
  std::optional<std::int64_t> nano_cpus;
};

// What the engine's host has: the ceiling a limit is "restored" to when a container had
// none (docker cannot remove a limit once set).
struct HostCapacity {
  std::int64_t memory_bytes = 0;
  int cpus = 0;
};

// The outcome of a command run inside a container.
struct ExecResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// What a teardown could not remove, by kind; empty when the run left nothing behind.
struct Leftovers {
  std::vector<std::string> containers;
  std::vector<std::string> networks;
  std::vector<std::string> volumes;
  // Listings the engine did not answer ("docker ps: Cannot connect to the Docker daemon"):
  // what they would have shown is unknown, so the sweep is not clean.
  std::vector<std::string> unlisted;
  bool empty() const {
    return containers.empty() && networks.empty() && volumes.empty() && unlisted.empty();
  }
  std::string to_string() const;
};

class Runtime {
 public:
  virtual ~Runtime() = default;
  // Creates and starts the services of `spec` (every one when it names none). Throws ConfigError
  // when an image only this machine can hold is missing (local_images.h), HarnessError on other
  // failures (the caller still calls down()).
  virtual void up(const StackSpec& spec) = 0;
  // Stops and removes every container, network and volume of the run, then sweeps
  // anything still labelled with the run id. Returns what could not be removed.
  virtual Leftovers down() = 0;
  // The host endpoint for a service's container port. Re-resolved on every call: ports
  // are chosen once per run (host_ports.h), but a compose file of the user's may still
  // publish ephemeral ones, which change when the container restarts.
  virtual Endpoint endpoint(const std::string& service, int container_port) = 0;
  virtual ServiceState state(const std::string& service) = 0;
  // Sends `signal` (e.g. "SIGKILL") to the service's main process.
  virtual void kill(const std::string& service, const std::string& signal) = 0;
  virtual void start(const std::string& service) = 0;
  // Stops the service gracefully: SIGTERM, then SIGKILL after `grace`.
  virtual void stop(const std::string& service, std::chrono::seconds grace) = 0;
  // Freezes / thaws every process of the service (cgroup freezer).
  virtual void pause(const std::string& service) = 0;
  virtual void unpause(const std::string& service) = 0;
  // Restarts the service: SIGTERM, SIGKILL after `grace`, then start.
  virtual void restart(const std::string& service, std::chrono::seconds grace) = 0;
  // Detaches the service from / reattaches it to the run's network (reachable again
  // under its service name). Detached, it reaches no peer and no peer reaches it; its
  // published ports are gone until it is reattached.
  virtual void disconnect(const std::string& service) = 0;
  virtual void connect(const std::string& service) = 0;
  // Changes the resource limits of a running container. Throws LimitRefused when the
  // engine refused them, HarnessError when it could not be asked.
  virtual void update_limits(const std::string& service, const ResourceLimits& limits) = 0;
  // Bytes of memory the service's container uses now (the engine's own figure).
  virtual std::int64_t memory_usage(const std::string& service) = 0;
  // The kernel's CPU and memory counters of the service's container now; `unavailable`
  // says why when the engine cannot give them.
  virtual ResourceCounters resource_counters(const std::string& service) = 0;
  virtual HostCapacity host_capacity() = 0;
  virtual EngineIdentity engine_identity() = 0;
  // Copies the host file `source` to `destination` inside the service's container (no
  // shell or tool needed in the image); the result says why when the copy failed, e.g.
  // "no space left on device".
  virtual ExecResult copy_into(const std::string& service, const std::filesystem::path& source,
                               const std::string& destination) = 0;
  // The size limit of the volume mounted at `container_path`, when it is a size-limited
  // tmpfs volume (driver option o=size=...); nullopt otherwise.
  virtual std::optional<std::int64_t> mount_size_limit(const std::string& service,
                                                       const std::string& container_path) = 0;
  // Runs `argv` inside the service's running container.
  virtual ExecResult exec(const std::string& service, const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout) = 0;
  // The service names that have a container in this run, each once.
  virtual std::vector<std::string> services() = 0;
  // The last `lines` lines of the service's container log (stdout and stderr, with
  // timestamps); empty when the service has no container.
  virtual std::string log_tail(const std::string& service, int lines) = 0;
  // Writes every service's whole container log (stdout and stderr, with timestamps) to
  // `dir`/<service>.log as the engine streams it, never held in memory however long the run
  // was; all of them at once, so a run's teardown waits for the longest, not for the sum.
  // Throws HarnessError naming each log the engine could not give, once the others are saved.
  virtual void save_logs(const std::filesystem::path& dir) = 0;
};

}  // namespace unbroken
