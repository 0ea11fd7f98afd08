#include "harness/core/verdict.h"

#include <algorithm>

namespace unbroken {
namespace {

Verdict make(VerdictStatus status, std::string check, std::string reason, nlohmann::json evidence) {
  if (evidence.is_null()) evidence = nlohmann::json::object();
  return Verdict{std::move(check), status, std::move(reason), std::move(evidence)};
}

int severity(VerdictStatus status) {
  switch (status) {
    case VerdictStatus::kPassed:
      return 0;
    case VerdictStatus::kInconclusive:
      return 1;
    case VerdictStatus::kErrored:
      return 2;
    case VerdictStatus::kFailed:
      return 3;
  }
  return 3;
}

}  // namespace

std::string_view to_string(VerdictStatus status) {
  switch (status) {
    case VerdictStatus::kPassed:
      return "passed";
    case VerdictStatus::kFailed:
      return "failed";
    case VerdictStatus::kInconclusive:
      return "inconclusive";
    case VerdictStatus::kErrored:
      return "errored";
  }
  return "errored";
}

Verdict Verdict::passed(std::string check, std::string reason, nlohmann::json evidence) {
  return make(VerdictStatus::kPassed, std::move(check), std::move(reason), std::move(evidence));
}
Verdict Verdict::failed(std::string check, std::string reason, nlohmann::json evidence) {
  return make(VerdictStatus::kFailed, std::move(check), std::move(reason), std::move(evidence));
}
Verdict Verdict::inconclusive(std::string check, std::string reason, nlohmann::json evidence) {
  return make(VerdictStatus::kInconclusive, std::move(check), std::move(reason),
              std::move(evidence));
}
Verdict Verdict::errored(std::string check, std::string reason, nlohmann::json evidence) {
  return make(VerdictStatus::kErrored, std::move(check), std::move(reason), std::move(evidence));
}

VerdictStatus overall_status(const std::vector<Verdict>& verdicts) {
  if (verdicts.empty()) return VerdictStatus::kInconclusive;
  const auto worst = std::max_element(
      verdicts.begin(), verdicts.end(),
      [](const Verdict& a, const Verdict& b) { return severity(a.status) < severity(b.status); });
  return worst->status;
}

ExitCode exit_code_for(VerdictStatus status) {
  switch (status) {
    case VerdictStatus::kPassed:
      return ExitCode::kPassed;
    case VerdictStatus::kFailed:
      return ExitCode::kFailed;
    case VerdictStatus::kInconclusive:
      return ExitCode::kInconclusive;
    case VerdictStatus::kErrored:
      return ExitCode::kHarnessError;
  }
  return ExitCode::kHarnessError;
}

}  // namespace unbroken
