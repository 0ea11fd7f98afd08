#include "harness/core/suite_jobs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/core/exit_code.h"

namespace unbroken {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

TEST(SuiteJobs, TwoRunsPerCoreWhenMemoryHoldsThemAndSaysWhy) {
  const auto jobs = default_suite_jobs(2, 20 * kGiB, 21);
  EXPECT_EQ(jobs.jobs, 4u);
  EXPECT_THAT(jobs.why,
              HasSubstr("two per core: 2 core(s), within 20.0 GiB available at 1 GiB a run"));
}

TEST(SuiteJobs, MemoryLimitsTheRunsAndIsNamed) {
  const auto jobs = default_suite_jobs(16, 3 * kGiB + kGiB / 2, 21);
  EXPECT_EQ(jobs.jobs, 3u);
  EXPECT_THAT(jobs.why, HasSubstr("limited by 3.5 GiB available"));
}

TEST(SuiteJobs, NeverBelowOneNorAboveTheRuns) {
  EXPECT_EQ(default_suite_jobs(2, kGiB / 4, 5).jobs, 1u);
  EXPECT_EQ(default_suite_jobs(8, 64 * kGiB, 3).jobs, 3u);
  EXPECT_EQ(default_suite_jobs(0, 64 * kGiB, 3).jobs, 1u) << "cores unknown";
}

// A host whose CPUs already keep tasks waiting takes no further run, and says why; beside
// it, one under the bound does.
TEST(SuiteJobs, AHostUnderCpuPressureHoldsTheNextRunBackNamingTheFigure) {
  const auto busy = parse_host_pressure("3.10 2.00 1.00 4/300 123\n",
                                        "some avg10=55.00 avg60=20.00 avg300=5.00 total=1\n", 2);
  const auto held = host_holds_back(busy);
  ASSERT_TRUE(held.has_value());
  EXPECT_THAT(*held, HasSubstr("CPU pressure 55%"));
  EXPECT_THAT(*held, HasSubstr("while CPU pressure is under 40%"));

  const auto calm = parse_host_pressure("3.10 2.00 1.00 4/300 123\n",
                                        "some avg10=12.00 avg60=20.00 avg300=5.00 total=1\n", 2);
  EXPECT_EQ(host_holds_back(calm), std::nullopt) << "the load average alone does not decide";
}

// Without pressure stall information the load average decides, per core.
TEST(SuiteJobs, WithoutPsiTheLoadPerCoreDecides) {
  EXPECT_THAT(host_holds_back(parse_host_pressure("3.20 1 1 1/1 1\n", "", 2)).value_or(""),
              HasSubstr("while the load is under 1.5 per core"));
  EXPECT_EQ(host_holds_back(parse_host_pressure("2.50 1 1 1/1 1\n", "", 2)), std::nullopt);
  EXPECT_EQ(host_holds_back(parse_host_pressure("", "", 2)), std::nullopt) << "nothing known";
}

TEST(SuiteLaunchOrder, TheLongestRunStartsFirst) {
  using std::chrono::seconds;
  EXPECT_THAT(longest_first({seconds(15), seconds(40), seconds(10), seconds(32)}),
              ElementsAre(1u, 3u, 0u, 2u));
}

TEST(SuiteLaunchOrder, RunsOfEqualLengthKeepTheOrderGiven) {
  using std::chrono::seconds;
  EXPECT_THAT(longest_first({seconds(15), seconds(15), seconds(20), seconds(15)}),
              ElementsAre(2u, 0u, 1u, 3u));
  EXPECT_THAT(longest_first({}), IsEmpty());
}

TEST(SuiteExitCode, TheWorstRunDecides) {
  EXPECT_EQ(worse(ExitCode::kPassed, ExitCode::kInconclusive), ExitCode::kInconclusive);
  EXPECT_EQ(worse(ExitCode::kInconclusive, ExitCode::kFailed), ExitCode::kFailed);
  EXPECT_EQ(worse(ExitCode::kFailed, ExitCode::kPassed), ExitCode::kFailed);
  EXPECT_EQ(worse(ExitCode::kHarnessError, ExitCode::kUsage), ExitCode::kHarnessError);
  EXPECT_EQ(worse(ExitCode::kFailed, ExitCode::kInterrupted), ExitCode::kInterrupted);
  EXPECT_EQ(worse(ExitCode::kPassed, ExitCode::kPassed), ExitCode::kPassed);
}

}  // namespace
}  // namespace unbroken
