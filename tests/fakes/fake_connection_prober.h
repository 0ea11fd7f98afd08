// FakeConnectionProber: answers each probe connection from a function of its plan, and
// keeps the plans it was given (read them from the test's thread only).
#pragma once

#include <functional>
#include <vector>

#include "harness/faults/connection_probe.h"

namespace unbroken::testing {

class FakeConnectionProber final : public ConnectionProber {
 public:
  explicit FakeConnectionProber(std::function<ConnectionTrace(const ConnectionPlan&)> answer)
      : answer_(std::move(answer)) {}
  std::vector<ConnectionTrace> run(const std::vector<ConnectionPlan>& asked) override {
    std::vector<ConnectionTrace> traces;
    for (const auto& plan : asked) {
      plans.push_back(plan);
      traces.push_back(answer_(plan));
    }
    return traces;
  }

  std::vector<ConnectionPlan> plans;

 private:
  std::function<ConnectionTrace(const ConnectionPlan&)> answer_;
};

}  // namespace unbroken::testing
