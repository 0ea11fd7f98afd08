// FakeProcessRunner: records every command and answers from a handler the test sets. The
// handler is called outside the runner's lock, as commands run at once would be: a handler
// called from several threads guards what it shares.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "harness/runtime/process_runner.h"

namespace unbroken::testing {

class FakeProcessRunner final : public ProcessRunner {
 public:
  using Handler = std::function<ProcessResult(const Command&)>;
  explicit FakeProcessRunner(Handler handler = {}) : handler_(std::move(handler)) {}

  ProcessResult run(const Command& command) override {
    {
      std::lock_guard lock(mutex_);
      commands_.push_back(command);
    }
    return handler_ ? handler_(command) : ProcessResult{0, "", "", false};
  }
  std::vector<Command> commands() const {
    std::lock_guard lock(mutex_);
    return commands_;
  }

 private:
  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<Command> commands_;
};

inline ProcessResult ok(std::string out = {}) {
  return {0, std::move(out), "", false};
}
inline ProcessResult fail(std::string err, int code = 1) {
  return {code, "", std::move(err), false};
}

}  // namespace unbroken::testing
