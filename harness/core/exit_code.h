// The harness's process exit codes (README "Exit codes"); stable, scripts depend on them.
#pragma once

namespace unbroken {

enum class ExitCode : int {
  kPassed = 0,
  kFailed = 1,        // an expectation failed
  kUsage = 2,         // usage or configuration error (bad scenario, missing engine)
  kInconclusive = 3,  // a fault was not verified, a backend never became ready
  kHarnessError = 4,  // the harness or its environment broke
  kInterrupted = 130  // SIGINT/SIGTERM, after cleanup
};

}  // namespace unbroken
