#include "harness/core/verdict.h"

#include <gtest/gtest.h>

#include "harness/core/run_id.h"

namespace unbroken {
namespace {

TEST(OverallStatus, AllPassedIsPassed) {
  EXPECT_EQ(overall_status({Verdict::passed("a", ""), Verdict::passed("b", "")}),
            VerdictStatus::kPassed);
}

TEST(OverallStatus, AFailureOutranksEverything) {
  EXPECT_EQ(overall_status({Verdict::errored("a", ""), Verdict::failed("b", ""),
                            Verdict::inconclusive("c", "")}),
            VerdictStatus::kFailed);
}

TEST(OverallStatus, AnUnverifiedFaultNeverPasses) {
  EXPECT_EQ(overall_status({Verdict::passed("a", ""), Verdict::inconclusive("fault", "")}),
            VerdictStatus::kInconclusive);
}

TEST(OverallStatus, NoVerdictProvesNothing) {
  EXPECT_EQ(overall_status({}), VerdictStatus::kInconclusive);
}

TEST(ExitCodeFor, MatchesTheDocumentedCodes) {
  EXPECT_EQ(exit_code_for(VerdictStatus::kPassed), ExitCode::kPassed);
  EXPECT_EQ(static_cast<int>(exit_code_for(VerdictStatus::kFailed)), 1);
  EXPECT_EQ(static_cast<int>(exit_code_for(VerdictStatus::kInconclusive)), 3);
  EXPECT_EQ(static_cast<int>(exit_code_for(VerdictStatus::kErrored)), 4);
}

TEST(RunId, IsAValidComposeProjectName) {
  const auto id = make_run_id(TimePoint(std::chrono::seconds(1'795'342'806)), 0xBEEF);
  EXPECT_EQ(id, "20261122-102006-beef");
  EXPECT_EQ(compose_project_for(id), "unbroken-20261122-102006-beef");
}

}  // namespace
}  // namespace unbroken
