// End-to-end cleanup guarantees: the reaper removes a run whose harness was SIGKILLed, and
// `unbroken recover` removes what a run left when even its reaper died.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "harness/runtime/boost_process_runner.h"
#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(Cleanup, SigkillOfTheHarnessAtRandomPointsLeavesNothingBehind) {
  // Two kills (a bounded count) at points drawn from a fixed seed, so a failure replays.
  const std::vector<std::string> points{"stack ready", "warm-up", "fault injected", "healed"};
  std::mt19937 rng(20261122);
  for (int i = 0; i < 2; ++i) {
    const auto point = points[rng() % points.size()];
    const auto root = fresh_report_root("sigkill-" + std::to_string(i));
    const auto run =
        interrupt_scenario("scenarios/chaos/prometheus-recovery.yaml", root, point, SIGKILL);
    EXPECT_NE(run.exit_code, 0) << "killed at '" << point << "'\n" << run.out;
    ASSERT_FALSE(run.run_id.empty());
    EXPECT_THAT(leftovers_after(run.run_id, kReapBound), IsEmpty())
        << "killed at '" << point << "'";
  }
}

TEST(Cleanup, RecoverRemovesARunWhoseHarnessAndReaperBothDied) {
  const auto root = fresh_report_root("recover");
  const auto run =
      interrupt_scenario("scenarios/chaos/prometheus-recovery.yaml", root, "stack ready", SIGKILL,
                         /*kill_reaper=*/true);
  ASSERT_FALSE(run.run_id.empty());
  ASSERT_THAT(labelled_leftovers(run.run_id), Not(IsEmpty())) << "nothing was left to recover";
  BoostProcessRunner runner;
  const auto recover = runner.run({{UNBROKEN_BIN, "recover"}, {}, Millis(120'000)});
  EXPECT_EQ(recover.exit_code, 0) << recover.out << recover.err;
  EXPECT_THAT(recover.out, HasSubstr("removed what run " + run.run_id + " left"));
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

}  // namespace
}  // namespace unbroken::e2e
