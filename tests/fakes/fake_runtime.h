// FakeRuntime: an in-memory stack of services whose running state follows kill/start,
// with hooks to make an action not take effect (a signal the process ignores).
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "harness/core/errors.h"
#include "harness/runtime/runtime.h"

namespace unbroken::testing {

class FakeRuntime final : public Runtime {
 public:
  explicit FakeRuntime(std::vector<std::string> services) {
    for (auto& s : services) add_service(s);
  }
  // A running service of the stack.
  void add_service(const std::string& service) {
    state_[service] = ServiceState{true, true, false, false, "running", 0, "t0", {"run_default"}};
  }
  void up(const StackSpec& spec) override {
    actions.push_back("up");
    services_started = spec.services;
    if (fail_up) throw HarnessError("compose up failed: image not found");
  }
  Leftovers down() override {
    actions.push_back("down");
    return {};
  }
  Endpoint endpoint(const std::string&, int port) override { return {"127.0.0.1", port}; }
  ServiceState state(const std::string& service) override { return state_[service]; }
  void kill(const std::string& service, const std::string& signal) override {
    actions.push_back("kill " + service + " " + signal);
    if (!kill_fails_with.empty()) throw HarnessError(kill_fails_with);
    if (ignore_signals) return;
    state_[service].running = false;
    state_[service].status = "exited";
    state_[service].exit_code = 137;
  }
  void start(const std::string& service) override {
    starts.fetch_add(1);
    actions.push_back("start " + service);
    if (on_start) on_start();
    if (!start_fails_with.empty()) throw HarnessError(start_fails_with);
    state_[service].running = true;
    state_[service].status = "running";
  }
  void stop(const std::string& service, std::chrono::seconds grace) override {
    actions.push_back("stop " + service + " " + std::to_string(grace.count()) + "s");
    state_[service].running = false;
    state_[service].status = "exited";
    state_[service].exit_code = 0;
  }
  void pause(const std::string& service) override {
    actions.push_back("pause " + service);
    if (ignore_signals) return;
    state_[service].paused = true;
    state_[service].status = "paused";
  }
  void unpause(const std::string& service) override {
    actions.push_back("unpause " + service);
    state_[service].paused = false;
    state_[service].status = "running";
  }
  void restart(const std::string& service, std::chrono::seconds grace) override {
    actions.push_back("restart " + service + " " + std::to_string(grace.count()) + "s");
    if (ignore_signals) return;
    state_[service].started_at = "t" + std::to_string(++restarts_);
    state_[service].running = true;
  }
  void disconnect(const std::string& service) override {
    actions.push_back("disconnect " + service);
    if (!ignore_signals) state_[service].networks.clear();
  }
  void connect(const std::string& service) override {
    actions.push_back("connect " + service);
    state_[service].networks = {"run_default"};
  }
  void update_limits(const std::string& service, const ResourceLimits& limits) override {
    auto& s = state_[service];
    if (!limits_refused_with.empty()) throw LimitRefused(limits_refused_with);
    if (limits.memory_bytes) {
      actions.push_back("memory " + service + " " + std::to_string(*limits.memory_bytes));
      if (memory_held && *limits.memory_bytes < memory_in_use) {
        throw LimitRefused(
            "Cannot update container: unable to set "
            "memory limit to " +
            std::to_string(*limits.memory_bytes) +
            " (current usage: " + std::to_string(memory_in_use) + ")");
      }
      s.memory_limit = *limits.memory_bytes;
      if (!ignore_signals) oom_kill_over_limit(s);
    }
    if (limits.nano_cpus) {
      actions.push_back("cpus " + service + " " + std::to_string(*limits.nano_cpus));
      if (!ignore_signals) s.nano_cpus = *limits.nano_cpus;
    }
  }
  std::int64_t memory_usage(const std::string& service) override {
    memory_in_use += memory_growth;
    if (!ignore_signals) oom_kill_over_limit(state_[service]);
    return memory_in_use;
  }
  // Each read is ten CFS periods later: throttled in all ten when the service wants more
  // CPU than its limit allows; a limit hit counted when its usage is at its memory limit.
  ResourceCounters resource_counters(const std::string& service) override {
    auto& c = counters_[service];
    c.unavailable = counters_unavailable;
    const auto& s = state_[service];
    c.cpu_periods += 10;
    if (s.nano_cpus > 0 && cpu_demand * 1e9 > static_cast<double>(s.nano_cpus)) {
      c.cpu_throttled_periods += 10;
    }
    c.memory_usage = memory_in_use;
    c.memory_limit = s.memory_limit > 0 ? s.memory_limit : (8LL << 30);
    if (memory_in_use >= c.memory_limit) ++c.memory_limit_hits;
    return c;
  }
  HostCapacity host_capacity() override { return {8LL << 30, host_cpus}; }
  EngineIdentity engine_identity() override { return {"fake", "0", "none"}; }
  // `unbroken-workload --probe host:port` reaches `host` while it is attached.
  ExecResult exec(const std::string& service, const std::vector<std::string>& argv,
                  std::chrono::milliseconds) override {
    actions.push_back("exec " + service);
    if (argv.size() == 3 && argv[1] == "--probe") {
      const auto host = argv[2].substr(0, argv[2].find(':'));
      const bool reachable = !state_[host].networks.empty() && !state_[service].networks.empty();
      return {reachable ? 0 : 1, reachable ? "connected" : "no route"};
    }
    return {127, "unknown command"};
  }
  // A data directory of `disk_limit` bytes: copies fill it, and fail past the limit
  // (leaving what fitted, as a real copy does); copying over a file replaces it.
  ExecResult copy_into(const std::string& service, const std::filesystem::path& source,
                       const std::string& destination) override {
    actions.push_back("copy " + service + " " + destination);
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(source));
    std::int64_t others = 0;
    for (const auto& [path, bytes] : files_) others += path == destination ? 0 : bytes;
    if (ignore_signals || !disk_limit || others + size <= *disk_limit) {
      files_[destination] = ignore_signals ? 0 : size;
      return {0, ""};
    }
    files_[destination] = *disk_limit - others;
    return {1, "Error response from daemon: write " + destination + ": no space left on device"};
  }
  std::optional<std::int64_t> mount_size_limit(const std::string&, const std::string&) override {
    return disk_limit;
  }
  std::vector<std::string> services() override {
    std::vector<std::string> names;
    for (const auto& [name, s] : state_) names.push_back(name);
    return names;
  }
  std::string log_tail(const std::string& service, int lines) override {
    const auto it = container_logs.find(service);
    if (it == container_logs.end()) return {};
    std::vector<std::string> last;
    std::istringstream in(it->second);
    for (std::string line; std::getline(in, line);) {
      last.push_back(line);
      if (std::cmp_greater(last.size(), lines)) last.erase(last.begin());
    }
    std::string tail;
    for (const auto& line : last) tail += line + "\n";
    return tail;
  }
  void save_logs(const std::filesystem::path& dir) override {
    for (const auto& service : services()) {
      const auto it = container_logs.find(service);
      std::ofstream(dir / (service + ".log"))
          << (it == container_logs.end() ? std::string{} : it->second);
    }
  }

  std::vector<std::string> actions;                   // read it from the runner's thread only
  std::vector<std::string> services_started;          // the last up's list (empty: every one)
  std::atomic<int> starts{0};                         // safe to read from any thread
  std::map<std::string, std::string> container_logs;  // each service's whole log
  bool ignore_signals = false;  // signals, and every other action, do not take effect
  int host_cpus = 4;            // what host_capacity() reports
  bool fail_up = false;
  std::string kill_fails_with;     // set: every kill throws it, as a timed-out docker kill
  std::string start_fails_with;    // set: every start throws it
  std::function<void()> on_start;  // set: called in every start, e.g. to let time pass
  std::int64_t memory_in_use = 64LL << 20;
  // What a process holding its memory under load looks like on cgroup v1: the kernel
  // refuses a limit below the usage, and the usage grows by memory_growth at each read.
  bool memory_held = false;
  std::int64_t memory_growth = 0;
  std::string limits_refused_with;         // set: every limits update is refused with it
  double cpu_demand = 0.5;                 // CPUs each service would use unthrottled
  std::string counters_unavailable;        // set: resource_counters() says so
  std::optional<std::int64_t> disk_limit;  // nullopt: not a size-limited mount

  // What the service's healthcheck reports ("" = it has none).
  void set_health(const std::string& service, const std::string& health) {
    state_[service].health = health;
  }

 private:
  void oom_kill_over_limit(ServiceState& s) {
    if (s.memory_limit == 0 || s.memory_limit >= memory_in_use) return;
    s.running = false;
    s.oom_killed = true;
    s.status = "exited";
    s.exit_code = 137;
  }

  std::map<std::string, ServiceState> state_;
  std::map<std::string, ResourceCounters> counters_;
  int restarts_ = 0;
  std::map<std::string, std::int64_t> files_;  // copied into the data directory, by path
};

}  // namespace unbroken::testing
