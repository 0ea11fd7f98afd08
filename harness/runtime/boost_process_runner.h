// ProcessRunner over Boost.Process: argv vectors, stdout/stderr captured through pipes,
// stdin closed, a hard timeout after which the child is killed. Safe to call from several
// threads at once, also when the harness itself was started with stdin, stdout or stderr
// closed (CI runners do that): those descriptors are first pointed at /dev/null, so no pipe
// of a child ever lands on 0, 1 or 2 and is clobbered by another child's redirection.
#pragma once

#include "harness/runtime/process_runner.h"

namespace unbroken {

// Opens /dev/null on each of fds 0, 1 and 2 that is closed; returns true. With fd 0 closed,
// the pipes and /dev/null handles of commands started at once take turns at fd 0, and a
// concurrent `docker ps` printed nothing although it succeeded. Called once at static
// initialisation of every program that links this runner.
bool open_closed_standard_descriptors();

class BoostProcessRunner final : public ProcessRunner {
 public:
  ProcessResult run(const Command& command) override;
};

}  // namespace unbroken
