// FakeRuntime: an in-memory stack of services whose running state follows kill/start,
// with hooks to make an action not take effect (a signal the process ignores).
#pragma once

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "harness/core/errors.h"
#include "harness/runtime/runtime.h"

namespace unbroken::testing {

class FakeRuntime final : public Runtime {
 public:
  explicit FakeRuntime(std::vector<std::string> services) {
    for (auto& s : services) state_[s] = ServiceState{true, true, false, false, "running", 0};
  }
  void up(const StackSpec&) override {
    actions.push_back("up");
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
    if (ignore_signals) return;
    state_[service].running = false;
    state_[service].status = "exited";
    state_[service].exit_code = 137;
  }
  void start(const std::string& service) override {
    starts.fetch_add(1);
    actions.push_back("start " + service);
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
  std::vector<std::string> services() override {
    std::vector<std::string> names;
    for (const auto& [name, s] : state_) names.push_back(name);
    return names;
  }
  std::string logs(const std::string&) override { return {}; }

  std::vector<std::string> actions;  // read it from the runner's thread only
  std::atomic<int> starts{0};        // safe to read from any thread
  bool ignore_signals = false;
  bool fail_up = false;

 private:
  std::map<std::string, ServiceState> state_;
};

}  // namespace unbroken::testing
