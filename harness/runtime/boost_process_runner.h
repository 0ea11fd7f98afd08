// ProcessRunner over Boost.Process: argv vectors, stdout/stderr captured through pipes,
// stdin closed, a hard timeout after which the child is killed.
#pragma once

#include "harness/runtime/process_runner.h"

namespace unbroken {

class BoostProcessRunner final : public ProcessRunner {
 public:
  ProcessResult run(const Command& command) override;
};

}  // namespace unbroken
