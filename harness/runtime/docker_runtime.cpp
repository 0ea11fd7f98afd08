#include "harness/runtime/docker_runtime.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <boost/algorithm/string/trim.hpp>
#include <future>
#include <map>
#include <set>
#include <sstream>

#include "harness/core/errors.h"
#include "harness/core/run_id.h"
#include "harness/runtime/docker_inspect.h"
#include "harness/runtime/host_ports.h"
#include "harness/runtime/local_images.h"
#include "harness/runtime/run_sweeper.h"

namespace unbroken {
namespace {

constexpr Millis kQuickTimeout{30'000};
constexpr Millis kUpTimeout{300'000};
constexpr Millis kDownTimeout{180'000};
constexpr const char* kStopTimeoutSeconds = "0";
constexpr int kConvergeAttempts = 3;

std::string failure_text(const ProcessResult& r) {
  if (r.timed_out) return "timed out";
  return fmt::format("exit {}: {}", r.exit_code, r.err.empty() ? r.out : r.err);
}

// Compose failed because an image was missing and pulling it failed (no registry reachable,
// an unknown name): the user's setup, not the harness.
bool needed_a_pull(const std::string& failure) {
  for (const char* sign : {"Pulling ", "pull access denied", "manifest unknown",
                           "failed to resolve reference", "registry-1.docker.io"}) {
    if (failure.find(sign) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::string Leftovers::to_string() const {
  auto text =
      fmt::format("containers [{}], networks [{}], volumes [{}]", fmt::join(containers, ", "),
                  fmt::join(networks, ", "), fmt::join(volumes, ", "));
  if (!unlisted.empty()) text += fmt::format("; could not list: {}", fmt::join(unlisted, "; "));
  return text;
}

DockerRuntime::DockerRuntime(ProcessRunner& runner, std::optional<DockerEngine> engine)
    : runner_(runner), engine_(std::move(engine)) {}

const DockerEngine& DockerRuntime::engine() {
  if (!engine_) engine_ = DockerEngine::detect(runner_);
  return *engine_;
}

std::vector<std::string> DockerRuntime::compose_args(std::vector<std::string> tail) {
  std::vector<std::string> argv = engine().compose_argv;
  argv.insert(argv.end(), {"--project-name", project_});
  for (const auto& file : spec_.compose_files) argv.insert(argv.end(), {"--file", file.string()});
  argv.insert(argv.end(), tail.begin(), tail.end());
  return argv;
}

ProcessResult DockerRuntime::docker(std::vector<std::string> args, Millis timeout) {
  args.insert(args.begin(), "docker");
  return runner_.run({std::move(args), {}, timeout});
}

ProcessResult DockerRuntime::must(std::vector<std::string> args, Millis timeout) {
  auto result = docker(args, timeout);
  if (!result.ok()) {
    throw HarnessError(
        fmt::format("docker {} failed ({})", fmt::join(args, " "), failure_text(result)));
  }
  return result;
}

void DockerRuntime::converge(const std::vector<std::string>& args, Millis timeout,
                             const std::string& service,
                             const std::function<bool(const ServiceState&)>& reached) {
  std::string failure;
  for (int attempt = 1; attempt <= kConvergeAttempts; ++attempt) {
    const auto result = docker(args, timeout);
    if (result.ok()) return;
    failure = failure_text(result);
    try {
      if (reached(state(service))) {
        spdlog::info("docker {}: {}, but {} is in the state it leads to", fmt::join(args, " "),
                     failure, service);
        return;
      }
    } catch (const HarnessError& e) {
      failure += fmt::format("; its state could not be read: {}", e.what());
    }
    if (attempt < kConvergeAttempts) {
      spdlog::warn("docker {}: {} (attempt {} of {}); trying again", fmt::join(args, " "), failure,
                   attempt, kConvergeAttempts);
    }
  }
  throw HarnessError(fmt::format("docker {} failed {} times, the last: {}", fmt::join(args, " "),
                                 kConvergeAttempts, failure));
}

void DockerRuntime::up(const StackSpec& spec) {
  engine();
  spec_ = spec;
  spec_.env["UNBROKEN_RUN_ID"] = spec.run_id;
  spec_.env["UNBROKEN_HARNESS_PID"] = std::to_string(::getpid());
  project_ = compose_project_for(spec.run_id);
  containers_.clear();
  // A host port is chosen free, but another run on this machine (a suite's neighbour) can
  // take it before this one's containers bind it: then the stack is removed and started
  // again on newly chosen ports, a bounded number of times.
  constexpr int kAttempts = 4;
  // Ports of earlier attempts (one of them was taken), and those of every run on this
  // engine, stopped containers included: a killed service gives its port back to the
  // kernel, and another run choosing then would take it from under its restart.
  std::set<std::string> avoid;
  for (int attempt = 1;; ++attempt) {
    avoid.merge(ports_of_runs());
    const auto chosen = choose_host_ports(spec.compose_files, spec.env, avoid);
    for (const auto& [name, port] : chosen) {
      spec_.env[name] = port;
      avoid.insert(port);
    }
    spdlog::debug("compose up of {}, attempt {}: host ports {}", project_, attempt,
                  fmt::join(chosen, ", "));
    if (attempt == 1) require_local_images();
    std::vector<std::string> up{"up", "--detach", "--no-build"};
    up.insert(up.end(), spec.services.begin(), spec.services.end());
    const auto result = runner_.run({compose_args(up), spec_.env, kUpTimeout});
    if (result.ok()) return;
    const auto failure = failure_text(result);
    const bool port_taken = failure.find("port is already allocated") != std::string::npos ||
                            failure.find("address already in use") != std::string::npos;
    if (needed_a_pull(failure)) {
      throw ConfigError(fmt::format(
          "compose up of {} needs an image that is not on this machine and could not be pulled "
          "({}): pull or load it where a registry is reachable, or run with --images offline",
          project_, failure));
    }
    if (!port_taken || attempt == kAttempts) {
      throw HarnessError(fmt::format("compose up of {} failed ({})", project_, failure));
    }
    spdlog::warn(
        "compose up of {}: a chosen host port was taken meanwhile (attempt {} of {}); "
        "removing the stack and starting it on other ports",
        project_, attempt, kAttempts);
    down();
  }
}

std::set<std::string> DockerRuntime::ports_of_runs() {
  const auto ids = output_lines(
      docker({"ps", "--all", "--quiet", "--filter", "label=io.unbroken.run"}, kQuickTimeout).out);
  if (ids.empty()) return {};
  std::vector<std::string> args{"inspect"};
  args.insert(args.end(), ids.begin(), ids.end());
  // A container removed meanwhile makes inspect fail, but the others are still printed.
  const auto inspected = docker(args, kQuickTimeout);
  if (inspected.out.empty()) return {};
  try {
    return parse_configured_host_ports(inspected.out);
  } catch (const HarnessError& e) {
    spdlog::warn("the host ports of other runs could not be read: {}", e.what());
    return {};
  }
}

void DockerRuntime::require_local_images() {
  const auto config = runner_.run({compose_args({"config"}), spec_.env, kQuickTimeout});
  if (!config.ok()) {
    throw ConfigError(
        fmt::format("compose cannot read the system's compose files ({})", failure_text(config)));
  }
  const auto wanted = local_only_images(config.out);
  if (wanted.empty()) return;
  const auto listed = must({"image", "ls", "--format", "{{.Repository}}:{{.Tag}}"}, kQuickTimeout);
  const auto missing = missing_images(wanted, output_lines(listed.out));
  if (missing.empty()) return;
  throw ConfigError(fmt::format(
      "image(s) {} are not on this machine, and no registry serves them (the project builds "
      "them here): run images/build-offline-images <build dir>, as ./bootstrap does",
      fmt::join(missing, ", ")));
}

Leftovers DockerRuntime::down() {
  if (project_.empty()) return {};
  const auto result = runner_.run(
      {compose_args({"down", "--volumes", "--remove-orphans", "--timeout", kStopTimeoutSeconds}),
       spec_.env, kDownTimeout});
  if (!result.ok()) spdlog::warn("compose down of {} failed ({})", project_, failure_text(result));
  // Sweep whatever compose did not remove, by the run's label.
  return remove_run(runner_, spec_.run_id);
}

std::string DockerRuntime::container_of(const std::string& service) {
  if (const auto known = containers_.find(service); known != containers_.end()) {
    return known->second;
  }
  const auto result = must({"ps", "--all", "--quiet", "--no-trunc", "--filter",
                            "label=com.docker.compose.project=" + project_, "--filter",
                            "label=com.docker.compose.service=" + service},
                           kQuickTimeout);
  const auto ids = output_lines(result.out);
  if (ids.size() > 1) {
    throw HarnessError(fmt::format("service {} has {} containers; unbroken expects one per service",
                                   service, ids.size()));
  }
  if (ids.empty()) return {};
  containers_[service] = ids.front();
  return ids.front();
}

std::string DockerRuntime::require_container(const std::string& service) {
  auto id = container_of(service);
  if (id.empty())
    throw HarnessError(fmt::format("service {} has no container in {}", service, project_));
  return id;
}

std::optional<std::string> DockerRuntime::inspect_container(const std::string& id) {
  if (api().reachable()) {
    try {
      // The CLI's inspect prints an array of exactly what this answers.
      return "[" + api().get("/containers/" + id + "/json", kQuickTimeout).dump() + "]";
    } catch (const EngineObjectMissing&) {
      return std::nullopt;
    }
  }
  const auto result = docker({"inspect", id}, kQuickTimeout);
  if (result.ok()) return result.out;
  if (result.err.find("No such container") != std::string::npos ||
      result.err.find("No such object") != std::string::npos)
    return std::nullopt;
  throw HarnessError(fmt::format("docker inspect {} failed ({})", id, failure_text(result)));
}

std::string DockerRuntime::inspect(const std::string& service) {
  for (int lookup = 1;; ++lookup) {
    const auto id = container_of(service);
    if (id.empty()) return {};
    if (auto json = inspect_container(id)) return *json;
    containers_.erase(service);  // the kept id was stale: look the service up again, once
    if (lookup == 2)
      throw HarnessError(fmt::format("container {} of service {} is gone", id, service));
  }
}

std::string DockerRuntime::require_inspection(const std::string& service) {
  auto json = inspect(service);
  if (json.empty())
    throw HarnessError(fmt::format("service {} has no container in {}", service, project_));
  return json;
}

const EngineApi& DockerRuntime::api() {
  if (!engine_api_) engine_api_.emplace(engine().endpoint);
  return *engine_api_;
}

Endpoint DockerRuntime::endpoint(const std::string& service, int container_port) {
  const auto json = require_inspection(service);
  const auto port = parse_published_port(json, container_port);
  if (!port) {
    const auto state = parse_container_state(json);
    if (!state.running) {
      throw HarnessError(fmt::format("service {} is {} (exit status {}): see its log", service,
                                     state.status, state.exit_code));
    }
    throw HarnessError(
        fmt::format("service {} does not publish port {} on 127.0.0.1", service, container_port));
  }
  return *port;
}

ServiceState DockerRuntime::state(const std::string& service) {
  const auto json = inspect(service);
  if (json.empty()) return {};
  return parse_container_state(json);
}

void DockerRuntime::kill(const std::string& service, const std::string& signal) {
  must({"kill", "--signal", signal, require_container(service)}, kQuickTimeout);
}

void DockerRuntime::start(const std::string& service) {
  converge({"start", require_container(service)}, kQuickTimeout, service,
           [](const ServiceState& s) { return s.running; });
}

void DockerRuntime::stop(const std::string& service, std::chrono::seconds grace) {
  converge({"stop", "--time", std::to_string(grace.count()), require_container(service)},
           kQuickTimeout + std::chrono::duration_cast<Millis>(grace), service,
           [](const ServiceState& s) { return s.exists && !s.running; });
}

void DockerRuntime::pause(const std::string& service) {
  converge({"pause", require_container(service)}, kQuickTimeout, service,
           [](const ServiceState& s) { return s.paused; });
}

void DockerRuntime::unpause(const std::string& service) {
  converge({"unpause", require_container(service)}, kQuickTimeout, service,
           [](const ServiceState& s) { return s.exists && !s.paused; });
}

void DockerRuntime::restart(const std::string& service, std::chrono::seconds grace) {
  must({"restart", "--time", std::to_string(grace.count()), require_container(service)},
       kQuickTimeout + std::chrono::duration_cast<Millis>(grace));
}

std::string DockerRuntime::network() {
  const auto names =
      output_lines(must({"network", "ls", "--filter",
                         "label=com.docker.compose.project=" + project_, "--format", "{{.Name}}"},
                        kQuickTimeout)
                       .out);
  if (names.size() != 1) {
    throw HarnessError(fmt::format("compose project {} has {} networks; unbroken expects one",
                                   project_, names.size()));
  }
  return names.front();
}

void DockerRuntime::disconnect(const std::string& service) {
  const auto run_network = network();
  converge({"network", "disconnect", run_network, require_container(service)}, kQuickTimeout,
           service, [&](const ServiceState& s) {
             return s.exists && std::find(s.networks.begin(), s.networks.end(), run_network) ==
                                    s.networks.end();
           });
}

void DockerRuntime::connect(const std::string& service) {
  // The alias makes the service resolvable by its name again, as compose had made it.
  const auto run_network = network();
  converge({"network", "connect", "--alias", service, run_network, require_container(service)},
           kQuickTimeout, service, [&](const ServiceState& s) {
             return std::find(s.networks.begin(), s.networks.end(), run_network) !=
                    s.networks.end();
           });
}

void DockerRuntime::update_limits(const std::string& service, const ResourceLimits& limits) {
  std::vector<std::string> args{"update"};
  if (limits.memory_bytes) {
    const auto bytes = std::to_string(*limits.memory_bytes);
    args.insert(args.end(), {"--memory", bytes, "--memory-swap", bytes});
  }
  if (limits.nano_cpus) {
    args.insert(args.end(),
                {"--cpus", fmt::format("{:.3f}", static_cast<double>(*limits.nano_cpus) / 1e9)});
  }
  args.push_back(require_container(service));
  const auto result = docker(args, kQuickTimeout);
  if (result.ok()) return;
  // The daemon answered: it refused the limits (docker and podman both word it so).
  constexpr std::string_view kDaemonSaid = "Error response from daemon: ";
  if (const auto at = result.err.find(kDaemonSaid); at != std::string::npos) {
    auto words = result.err.substr(at + kDaemonSaid.size());
    std::replace(words.begin(), words.end(), '\n', ' ');
    boost::algorithm::trim(words);
    throw LimitRefused(words);
  }
  throw HarnessError(
      fmt::format("docker {} failed ({})", fmt::join(args, " "), failure_text(result)));
}

std::int64_t DockerRuntime::memory_usage(const std::string& service) {
  const auto result =
      must({"stats", "--no-stream", "--format", "{{.MemUsage}}", require_container(service)},
           kQuickTimeout);
  return parse_memory_usage(result.out);
}

EngineIdentity DockerRuntime::engine_identity() {
  const auto& found = engine();
  return {found.name, found.server_version,
          fmt::format("{} {}", fmt::join(found.compose_argv, " "), found.compose_version)};
}

ResourceCounters DockerRuntime::resource_counters(const std::string& service) {
  return api().counters(require_container(service), kQuickTimeout);
}

HostCapacity DockerRuntime::host_capacity() {
  const auto result = must({"info", "--format", "{{.MemTotal}} {{.NCPU}}"}, kQuickTimeout);
  std::istringstream in(result.out);
  HostCapacity capacity;
  if (!(in >> capacity.memory_bytes >> capacity.cpus)) {
    throw HarnessError("docker info printed no memory and CPU totals: " + result.out);
  }
  return capacity;
}

ExecResult DockerRuntime::exec(const std::string& service, const std::vector<std::string>& argv,
                               std::chrono::milliseconds timeout) {
  std::vector<std::string> args{"exec", require_container(service)};
  args.insert(args.end(), argv.begin(), argv.end());
  const auto result = docker(args, timeout);
  return {result.timed_out ? -1 : result.exit_code, result.out + result.err};
}

ExecResult DockerRuntime::copy_into(const std::string& service, const std::filesystem::path& source,
                                    const std::string& destination) {
  const auto result =
      docker({"cp", source.string(), require_container(service) + ":" + destination}, kUpTimeout);
  return {result.timed_out ? -1 : result.exit_code, result.out + result.err};
}

std::optional<std::int64_t> DockerRuntime::mount_size_limit(const std::string& service,
                                                            const std::string& container_path) {
  const auto volume = parse_mounted_volume(require_inspection(service), container_path);
  if (!volume) return std::nullopt;
  return parse_volume_size_limit(must({"volume", "inspect", *volume}, kQuickTimeout).out);
}

// One listing gives every service and its container's id: a service with exactly one
// container has its id kept, as container_of() would keep it, without a lookup of its own.
std::vector<std::string> DockerRuntime::services() {
  const auto result =
      must({"ps", "--all", "--no-trunc", "--filter", "label=com.docker.compose.project=" + project_,
            "--format", "{{.Label \"com.docker.compose.service\"}} {{.ID}}"},
           kQuickTimeout);
  std::vector<std::string> names;
  std::map<std::string, std::vector<std::string>> ids;
  for (const auto& line : output_lines(result.out)) {
    std::istringstream fields(line);
    std::string name, id;
    fields >> name >> id;
    if (name.empty()) continue;
    if (!ids.contains(name)) names.push_back(name);
    if (!id.empty()) ids[name].push_back(id);
  }
  for (const auto& [name, of_service] : ids) {
    if (of_service.size() == 1) containers_[name] = of_service.front();
  }
  return names;
}

std::string DockerRuntime::log_tail(const std::string& service, int lines) {
  const auto id = container_of(service);
  if (id.empty()) return {};
  const auto result =
      docker({"logs", "--timestamps", "--tail", std::to_string(lines), id}, kQuickTimeout);
  return result.out + result.err;
}

void DockerRuntime::save_logs(const std::filesystem::path& dir) {
  std::vector<Command> commands;
  for (const auto& service : services()) {
    const auto id = container_of(service);
    if (id.empty()) continue;
    commands.push_back(
        {{"docker", "logs", "--timestamps", id}, {}, kUpTimeout, dir / (service + ".log")});
  }
  // Each fetch answers what went wrong with it, or nothing.
  std::vector<std::future<std::string>> fetches;
  for (const auto& command : commands) {
    fetches.push_back(std::async(std::launch::async, [this, &command] {
      const auto result = runner_.run(command);
      if (result.ok()) return std::string{};
      return fmt::format(
          "`{}` {}; what it said is in {}", command.to_string(),
          result.timed_out ? "timed out" : fmt::format("exited {}", result.exit_code),
          command.output_file.string());
    }));
  }
  std::vector<std::string> failures;
  for (auto& fetch : fetches) {
    if (auto failure = fetch.get(); !failure.empty()) failures.push_back(std::move(failure));
  }
  if (!failures.empty()) {
    throw HarnessError(fmt::format("{} of {} container logs could not be saved: {}",
                                   failures.size(), commands.size(), fmt::join(failures, "; ")));
  }
}

}  // namespace unbroken
