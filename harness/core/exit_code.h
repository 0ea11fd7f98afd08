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

// The worse of two outcomes, for a suite's exit code: interrupted, then harness error,
// then configuration error, then failed, then inconclusive, then passed. A proven loss
// outranks a run that proved nothing; both outrank a pass.
inline ExitCode worse(ExitCode a, ExitCode b) {
  const auto rank = [](ExitCode code) {
    switch (code) {
      case ExitCode::kPassed:
        return 0;
      case ExitCode::kInconclusive:
        return 1;
      case ExitCode::kFailed:
        return 2;
      case ExitCode::kUsage:
        return 3;
      case ExitCode::kHarnessError:
        return 4;
      case ExitCode::kInterrupted:
        return 5;
    }
    return 4;
  };
  return rank(a) >= rank(b) ? a : b;
}

}  // namespace unbroken
