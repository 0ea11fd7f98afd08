#include "harness/core/suite_jobs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/core/exit_code.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;
constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

TEST(SuiteJobs, OneRunPerCoreWhenMemoryHoldsThemAndSaysWhy) {
  const auto jobs = default_suite_jobs(2, 20 * kGiB, 21);
  EXPECT_EQ(jobs.jobs, 2u);
  EXPECT_THAT(jobs.why,
              HasSubstr("one per core: 2 core(s), within 20.0 GiB available at 1 GiB a run"));
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
