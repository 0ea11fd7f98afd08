// ProcessRunner: runs one external program to completion and captures its output. The
// only seam between the harness and the operating system's processes; tests use
// tests/fakes/fake_process_runner.h. Commands are argv vectors, never shell strings.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "harness/core/time.h"

namespace unbroken {

struct Command {
  std::vector<std::string> argv;           // argv[0]: a path, or a name looked up on PATH
  std::map<std::string, std::string> env;  // added to (and overriding) the inherited environment
  Millis timeout{120'000};                 // the process is killed after this long
  // When set, the process's stdout and stderr are written to this file as they come, and
  // the result's out and err stay empty: for output too long to hold in memory.
  std::filesystem::path output_file;

  std::string to_string() const;  // for logs and error messages only
};

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  bool timed_out = false;
  bool ok() const { return exit_code == 0 && !timed_out; }
};

// The non-empty lines of a command's output (docker prints one id or name per line).
std::vector<std::string> output_lines(const std::string& text);

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Runs `command` and waits for it. Throws ConfigError when argv[0] cannot be found.
  // Thread-safe: concurrent calls run concurrent processes.
  virtual ProcessResult run(const Command& command) = 0;
};

}  // namespace unbroken
