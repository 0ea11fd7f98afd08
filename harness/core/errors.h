// Error types that cross layers. Exceptions are for infrastructure and configuration
// problems only; an expectation that was not met is a Verdict, never an exception.
#pragma once

#include <stdexcept>
#include <string>

namespace unbroken {

// A place in a user-supplied file, for error messages: "file:line:col".
struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string to_string() const;
};

// Bad scenario, bad CLI argument, missing engine: the user must fix something (exit 2).
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  ConfigError(const SourceLocation& where, const std::string& what)
      : std::runtime_error(where.to_string() + ": " + what) {}
};

// The harness itself or its environment failed (docker command failed, backend returned
// garbage): the run cannot say anything about the system under test (exit 4).
class HarnessError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Something the harness waited for never happened in time (backend never ready): the
// run is inconclusive (exit 3).
class NotReadyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline std::string SourceLocation::to_string() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace unbroken
