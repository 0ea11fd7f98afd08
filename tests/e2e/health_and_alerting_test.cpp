// End-to-end: health semantics and alerting in the loop — real Prometheus rules, real Alertmanager
// (Debian's), the project's webhook receiver — with a service killed: the alert fires, is delivered
// once, and resolves; and a rule that can never fire is caught.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(Alerting, AKilledServiceFiresTheTargetDownAlertDeliveredOnceAndResolved) {
  const auto run =
      run_scenario("scenarios/chaos/alert-on-service-kill.yaml", fresh_report_root("alert"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  const auto& fire = verdict(run.report, "alerts.fire");
  EXPECT_EQ(fire["status"], "passed") << fire.dump(2);
  EXPECT_GT(fire["evidence"]["windows"][0]["fire_latency_seconds"].get<double>(), 0.0);
  const auto& delivered = verdict(run.report, "alerts.delivered");
  EXPECT_EQ(delivered["status"], "passed") << delivered.dump(2);
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(Alerting, ARuleThatCanNeverFireFailsAlertsFire) {
  const auto run =
      run_scenario("tests/e2e/scenarios/alert-never-fires.yaml", fresh_report_root("no-alert"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const auto& fire = verdict(run.report, "alerts.fire");
  EXPECT_EQ(fire["status"], "failed");
  EXPECT_THAT(fire["reason"].get<std::string>(), HasSubstr("never fired"));
  EXPECT_EQ(verdict(run.report, "alerts.delivered")["status"], "failed");
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(HealthSemantics, OrdersIsUnreadyButAliveWhileInventoryIsDown) {
  const auto run =
      run_scenario("scenarios/integration/health-checks.yaml", fresh_report_root("health"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(verdict(run.report, "health.semantics")["status"], "passed");
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(HealthSemantics, AReadyzThatIgnoresItsDownstreamFails) {
  const auto run = run_scenario("tests/e2e/scenarios/readyz-ignores-downstream.yaml",
                                fresh_report_root("health-defect"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const auto& v = verdict(run.report, "health.semantics");
  EXPECT_EQ(v["status"], "failed");
  EXPECT_THAT(v["reason"].get<std::string>(),
              HasSubstr("claims to be ready while it cannot serve"));
}

}  // namespace
}  // namespace unbroken::e2e
