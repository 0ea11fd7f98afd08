// End-to-end: real Docker engine, real Prometheus (Debian's, offline image), the real
// workload, real signals. Each test runs the unbroken binary and reads its report.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(PrometheusRecovery, PassesWithTheGapInsideTheFaultWindowAndMeasuresRecovery) {
  const auto root = fresh_report_root("recovery");
  const auto run = run_scenario("scenarios/chaos/prometheus-recovery.yaml", root);
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto& continuity = verdict(run.report, "metrics.continuity");
  EXPECT_EQ(continuity["status"], "passed") << continuity.dump(2);
  const auto& gaps = continuity["evidence"]["series"][0]["gaps"];
  ASSERT_EQ(gaps.size(), 1u) << continuity.dump(2);
  EXPECT_TRUE(gaps[0]["expected"].get<bool>());
  EXPECT_EQ(gaps[0]["fault_window"], "kill prometheus with SIGKILL");
  EXPECT_TRUE(continuity["evidence"].contains("worst_time_to_recover_seconds"));
  EXPECT_EQ(verdict(run.report, "metrics.persistence")["status"], "passed");
  EXPECT_EQ(verdict(run.report, "metrics.accounting")["status"], "passed");
  EXPECT_EQ(verdict(run.report, "fault: kill prometheus with SIGKILL")["status"], "passed");
  EXPECT_TRUE(std::filesystem::exists(root / run.run_id / "junit.xml"));
  EXPECT_TRUE(std::filesystem::exists(root / run.run_id / "logs" / "prometheus.log"));
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(Defects, WorkloadKilledOutsideAnyDeclaredWindowFailsContinuityAndAccounting) {
  const auto root = fresh_report_root("undeclared");
  const auto run = run_scenario("tests/e2e/scenarios/workload-killed-undeclared.yaml", root);
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const auto& continuity = verdict(run.report, "metrics.continuity");
  EXPECT_EQ(continuity["status"], "failed");
  EXPECT_THAT(continuity["reason"].get<std::string>(), HasSubstr("not excused"));
  const auto& accounting = verdict(run.report, "metrics.accounting");
  EXPECT_EQ(accounting["status"], "failed");
  EXPECT_THAT(accounting["reason"].get<std::string>(), HasSubstr("counter reset"));
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(Defects, AScrapeIntervalThatDisagreesWithPrometheusIsAConfigError) {
  const auto root = fresh_report_root("scrape-interval");
  const auto run = run_scenario("tests/e2e/scenarios/scrape-interval-mismatch.yaml", root);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_THAT(run.err + run.out, HasSubstr("scrape-interval-mismatch.yaml:7:20: the scenario "
                                           "assumes Prometheus scrapes every 2s"));
  EXPECT_THAT(labelled_leftovers(run_id_in(root)), IsEmpty());
}

TEST(Defects, DataVolumeDroppedAcrossTheRestartFailsPersistence) {
  const auto root = fresh_report_root("dropped");
  const auto run = run_scenario("tests/e2e/scenarios/prometheus-data-dropped.yaml", root);
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const auto& persistence = verdict(run.report, "metrics.persistence");
  EXPECT_EQ(persistence["status"], "failed") << persistence.dump(2);
  EXPECT_THAT(persistence["reason"].get<std::string>(),
              HasSubstr("stored before the faults are gone"));
  EXPECT_GT(persistence["evidence"]["missing"].get<int>(), 0);
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(Defects, AFaultThatDidNotTakeEffectIsInconclusiveNeverPassed) {
  const auto root = fresh_report_root("noeffect");
  const auto run = run_scenario("tests/e2e/scenarios/fault-without-effect.yaml", root);
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 3) << run.out;
  const auto& fault = verdict(run.report, "fault: kill prometheus with SIGHUP");
  EXPECT_EQ(fault["status"], "inconclusive");
  EXPECT_THAT(fault["reason"].get<std::string>(), HasSubstr("expected not running"));
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(Cleanup, CtrlCMidRunExits130AndLeavesNothing) {
  const auto root = fresh_report_root("interrupt");
  const auto run =
      interrupt_scenario("scenarios/chaos/prometheus-recovery.yaml", root, "fault injected");
  EXPECT_EQ(run.exit_code, 130) << run.out;
  EXPECT_THAT(run.out, HasSubstr("interrupted"));
  ASSERT_FALSE(run.run_id.empty());
  // The load ran until the interrupt: the report counts what it sent, as far as it got.
  ASSERT_FALSE(run.report.is_null()) << run.out;
  EXPECT_GT(run.report["ledger"]["sent"].get<int>(), 0) << run.report["ledger"].dump();
  EXPECT_EQ(run.report["ledger"]["sent"].get<int>(),
            run.report["ledger"]["succeeded"].get<int>() +
                run.report["ledger"]["rejected"].get<int>() +
                run.report["ledger"]["unknown"].get<int>())
      << "every request sent before the interrupt has its outcome";
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

}  // namespace
}  // namespace unbroken::e2e
