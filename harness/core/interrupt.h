// Run interruption: SIGINT and SIGTERM set a process-wide flag instead of killing the
// harness, so that teardown always runs. Every wait in the harness checks the flag.
// All functions are async-signal-safe to read and thread-safe.
#pragma once

#include <stdexcept>

namespace unbroken {

// Thrown by long operations once an interrupt was requested; the CLI turns it into
// exit code 130 after cleanup.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted by signal") {}
};

// Installs SIGINT/SIGTERM handlers that request an interrupt. Idempotent.
void install_interrupt_handlers();
// True once SIGINT or SIGTERM arrived (or request_interrupt() was called).
bool interrupt_requested();
// Number of the signal that interrupted the run, 0 if none.
int interrupt_signal();
void request_interrupt(int signal_number);
// Throws Interrupted when an interrupt was requested.
void throw_if_interrupted();

}  // namespace unbroken
