// End-to-end: the container lifecycle faults beyond kill — pause (freeze) and graceful
// stop — with their effects verified on the real engine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(LifecycleFaults, PausedPrometheusLeavesOneGapInsideTheWindowAndLosesNothing) {
  const auto root = fresh_report_root("pause");
  const auto run = run_scenario("scenarios/chaos/prometheus-pause.yaml", root);
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  const auto& fault = verdict(run.report, "fault: pause prometheus");
  EXPECT_EQ(fault["status"], "passed");
  EXPECT_THAT(fault["evidence"]["inject"].get<std::string>(), HasSubstr("paused"));
  const auto& continuity = verdict(run.report, "metrics.continuity");
  EXPECT_EQ(continuity["evidence"]["series"][0]["gaps"].size(), 1u) << continuity.dump(2);
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(LifecycleFaults, GracefullyStoppedLokiLosesNoLine) {
  const auto root = fresh_report_root("stop");
  const auto run = run_scenario("scenarios/chaos/loki-stop.yaml", root);
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(verdict(run.report, "fault: stop loki (grace 10s)")["status"], "passed");
  EXPECT_EQ(verdict(run.report, "logs.completeness")["status"], "passed");
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

}  // namespace
}  // namespace unbroken::e2e
