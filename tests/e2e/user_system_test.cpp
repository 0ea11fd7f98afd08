// End to end against a system that is not the reference stack (tests/e2e/systems/shop): its
// own compose file without unbroken's labels, its own Prometheus waited for by TCP, a
// service name no harness code knows. The run must judge it, label everything it creates
// (so a dead run is still found and removed) and leave nothing behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/runtime/boost_process_runner.h"
#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kShopKilled = "tests/e2e/systems/shop/scenarios/shop-killed.yaml";

TEST(UserSystem, ADeclaredKillOfTheUsersServiceIsJudgedAndExcused) {
  const auto run = run_scenario(kShopKilled, fresh_report_root("shop-killed"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.report["system"]["name"], "shop");
  EXPECT_THAT(run.out, HasSubstr("Prometheus is scraping shop (job shop)"));
  EXPECT_EQ(verdict(run.report, "metrics.continuity")["status"], "passed");
  EXPECT_EQ(verdict(run.report, "metrics.accounting")["status"], "passed");
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(UserSystem, TheSameKillUndeclaredFailsBothChecks) {
  const auto run = run_scenario("tests/e2e/systems/shop/scenarios/shop-killed-undeclared.yaml",
                                fresh_report_root("shop-killed-undeclared"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_EQ(verdict(run.report, "metrics.continuity")["status"], "failed");
  EXPECT_EQ(verdict(run.report, "metrics.accounting")["status"], "failed");
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(UserSystem, AServiceThatNeverBecomesReadyIsInconclusiveWithItsLastAnswerAndLogTail) {
  const auto run = run_scenario("tests/e2e/systems/shop/scenarios/shop-never-ready.yaml",
                                fresh_report_root("shop-never-ready"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 3) << run.out;
  const auto& stack = verdict(run.report, "stack");
  EXPECT_EQ(stack["status"], "inconclusive");
  EXPECT_THAT(stack["reason"].get<std::string>(), HasSubstr("last answer: HTTP 404"));
  EXPECT_EQ(stack["evidence"]["probe"], "GET :8080/never-ready");
  // The workload logs its start: the tail is the container's own log.
  EXPECT_THAT(stack["evidence"]["log_tail"].dump(), HasSubstr("shop serving on 0.0.0.0:8080"));
  EXPECT_EQ(run.report["ledger"]["sent"], 0);
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

// An image only this machine could hold, missing: refused before compose tries a registry.
TEST(UserSystem, AnImageTheProjectNeverBuiltIsRefusedBeforeAnythingStarts) {
  const auto root = fresh_report_root("shop-unbuilt-image");
  const auto run = run_scenario("tests/e2e/systems/shop/scenarios/shop-unbuilt-image.yaml", root);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_THAT(run.err + run.out, HasSubstr("image(s) unbroken.invalid/workload:never-built are "
                                           "not on this machine"));
  EXPECT_THAT(labelled_leftovers(run_id_in(root)), IsEmpty());
}

TEST(UserSystem, RecoverFindsADeadRunOfAComposeFileWithoutLabelsByTheGeneratedOnes) {
  const auto root = fresh_report_root("shop-recover");
  const auto run = interrupt_scenario(kShopKilled, root, "stack ready", SIGKILL,
                                      /*kill_reaper=*/true);
  ASSERT_FALSE(run.run_id.empty()) << run.out;
  // The user's file labels nothing: whatever carries the run's label got it from unbroken.
  ASSERT_THAT(labelled_leftovers(run.run_id), Not(IsEmpty())) << "the run labelled nothing";
  BoostProcessRunner runner;
  const auto recover = runner.run({{UNBROKEN_BIN, "recover"}, {}, Millis(120'000)});
  EXPECT_EQ(recover.exit_code, 0) << recover.out << recover.err;
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

}  // namespace
}  // namespace unbroken::e2e
