// DockerRuntime: the Runtime over the docker CLI and compose (v1 or v2), one compose
// project per run (unbroken-<run id>). Every command is an argv vector run through the
// injected ProcessRunner, so the exact command lines are unit-tested with a fake.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/runtime/docker_engine.h"
#include "harness/runtime/engine_api.h"
#include "harness/runtime/process_runner.h"
#include "harness/runtime/runtime.h"

namespace unbroken {

class DockerRuntime final : public Runtime {
 public:
  // Without `engine`, the engine is detected on first use (up()), so a scenario can be
  // validated before Docker is asked anything; a missing engine is then a ConfigError.
  explicit DockerRuntime(ProcessRunner& runner, std::optional<DockerEngine> engine = std::nullopt);

  void up(const StackSpec& spec) override;
  Leftovers down() override;
  Endpoint endpoint(const std::string& service, int container_port) override;
  ServiceState state(const std::string& service) override;
  void kill(const std::string& service, const std::string& signal) override;
  void start(const std::string& service) override;
  void stop(const std::string& service, std::chrono::seconds grace) override;
  void pause(const std::string& service) override;
  void unpause(const std::string& service) override;
  void restart(const std::string& service, std::chrono::seconds grace) override;
  void disconnect(const std::string& service) override;
  void connect(const std::string& service) override;
  void update_limits(const std::string& service, const ResourceLimits& limits) override;
  std::int64_t memory_usage(const std::string& service) override;
  ResourceCounters resource_counters(const std::string& service) override;
  HostCapacity host_capacity() override;
  EngineIdentity engine_identity() override;
  ExecResult exec(const std::string& service, const std::vector<std::string>& argv,
                  std::chrono::milliseconds timeout) override;
  ExecResult copy_into(const std::string& service, const std::filesystem::path& source,
                       const std::string& destination) override;
  std::optional<std::int64_t> mount_size_limit(const std::string& service,
                                               const std::string& container_path) override;
  std::vector<std::string> services() override;
  std::string log_tail(const std::string& service, int lines) override;
  void save_logs(const std::filesystem::path& dir) override;

  // The engine, detected on first use: a ConfigError (exit 2) when none answers.
  const DockerEngine& engine();

 private:
  std::vector<std::string> compose_args(std::vector<std::string> tail);
  // Refuses (ConfigError) a run whose compose files name an image under
  // unbroken.invalid/ that this machine does not have.
  void require_local_images();
  // The host ports the containers of every unbroken run on this engine (this one's earlier
  // attempts included) are configured to publish; empty when the engine cannot say.
  std::set<std::string> ports_of_runs();
  // The container id of a service, or "" when it has none. Found once and kept: a container
  // keeps its id through kill, start, stop, restart, pause, limits and network changes, so
  // only compose (up) or someone removing it outside the run makes a kept id stale.
  std::string container_of(const std::string& service);
  std::string require_container(const std::string& service);
  // The inspection of container `id` (the array `docker inspect` prints), read from the
  // engine's API where it is reachable over a unix socket, else through the CLI; nullopt
  // when the engine no longer knows the container.
  std::optional<std::string> inspect_container(const std::string& id);
  // The inspection of the service's container, looked up again once if the kept id was
  // stale; "" when the service has no container.
  std::string inspect(const std::string& service);
  // inspect(), and a HarnessError when the service has no container.
  std::string require_inspection(const std::string& service);
  // The engine's API, on the engine's endpoint.
  const EngineApi& api();
  // The run's compose network (found by its project label).
  std::string network();
  ProcessResult docker(std::vector<std::string> args, Millis timeout);
  ProcessResult must(std::vector<std::string> args, Millis timeout);
  // For a command whose effect is a state (start, stop, pause, unpause, network connect and
  // disconnect): running it twice is harmless, so one that timed out or failed on a busy
  // engine is judged by the state `service` is observed in, and run again — at most
  // kConvergeAttempts times, each within `timeout` — until `reached` holds. Throws
  // HarnessError with the last failure when it never does.
  void converge(const std::vector<std::string>& args, Millis timeout, const std::string& service,
                const std::function<bool(const ServiceState&)>& reached);

  ProcessRunner& runner_;
  std::optional<DockerEngine> engine_;
  StackSpec spec_;
  std::string project_;
  std::map<std::string, std::string> containers_;  // service -> container id, as found
  std::optional<EngineApi> engine_api_;            // made on first use
};

}  // namespace unbroken
