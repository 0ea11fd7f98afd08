// Verdict: the value every check returns. A check never throws because an expectation
// failed; it says passed, failed, inconclusive or errored, with a one-line reason and the
// evidence a person needs to believe it (queries, numbers, missing items).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/exit_code.h"

namespace unbroken {

enum class VerdictStatus { kPassed, kFailed, kInconclusive, kErrored };

std::string_view to_string(VerdictStatus status);

struct Verdict {
  std::string check;  // the check's registered name, e.g. "metrics.continuity"
  VerdictStatus status = VerdictStatus::kErrored;
  std::string reason;
  nlohmann::json evidence = nlohmann::json::object();
  // How long the verdict took: a check's judging, a fault's injection to heal; 0 when
  // neither applies.
  double seconds = 0;

  static Verdict passed(std::string check, std::string reason, nlohmann::json evidence = {});
  static Verdict failed(std::string check, std::string reason, nlohmann::json evidence = {});
  static Verdict inconclusive(std::string check, std::string reason, nlohmann::json evidence = {});
  static Verdict errored(std::string check, std::string reason, nlohmann::json evidence = {});
};

// The run's overall status from all verdicts. A proven loss (failed) outranks a broken
// check (errored), which outranks an unproven fault (inconclusive). No verdicts at all is
// inconclusive: nothing was proven.
VerdictStatus overall_status(const std::vector<Verdict>& verdicts);

ExitCode exit_code_for(VerdictStatus status);

}  // namespace unbroken
