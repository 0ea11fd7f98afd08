// End-to-end: the whole observability stack stopped at once and started again with its
// volumes kept (scenarios/chaos/data-persistence.yaml), beside the same stop of an
// Alertmanager whose data directory is not kept, where alertmanager.persistence fails.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(DataPersistence, TheWholeStackRestartedWithItsVolumesKeepsWhatItStored) {
  const auto root = fresh_report_root("data-persistence");
  const auto run = run_scenario("scenarios/chaos/data-persistence.yaml", root);
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  for (const auto* check : {"metrics.persistence", "metrics.accounting", "logs.completeness",
                            "grafana.dashboards", "alertmanager.persistence"}) {
    EXPECT_EQ(verdict(run.report, check)["status"], "passed") << verdict(run.report, check).dump(2);
  }
  for (const auto* service : {"prometheus", "loki", "jaeger", "grafana", "alertmanager"}) {
    const auto fault = std::string("fault: stop ") + service + " (grace 10s)";
    EXPECT_EQ(verdict(run.report, fault)["status"], "passed") << fault;
  }
  // Jaeger's memory storage: what it held before the stop is reported gone, not judged.
  const auto& traces = verdict(run.report, "traces.completeness");
  EXPECT_EQ(traces["status"], "passed") << traces.dump(2);
  EXPECT_THAT(traces["reason"].get<std::string>(), HasSubstr("earlier traces are gone"));
  // Every stop's window was annotated in Grafana, though Grafana was down at most heals.
  EXPECT_THAT(verdict(run.report, "grafana.dashboards")["reason"].get<std::string>(),
              HasSubstr("5 fault window(s), each annotated once"));
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(Defects, AlertmanagerDataDroppedAcrossTheRestartFailsPersistence) {
  const auto root = fresh_report_root("alertmanager-dropped");
  const auto run = run_scenario("tests/e2e/scenarios/alertmanager-data-dropped.yaml", root);
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const auto& persistence = verdict(run.report, "alertmanager.persistence");
  EXPECT_EQ(persistence["status"], "failed") << persistence.dump(2);
  EXPECT_THAT(persistence["reason"].get<std::string>(),
              HasSubstr("is gone after stop alertmanager (grace 10s)"));
  EXPECT_EQ(verdict(run.report, "fault: stop alertmanager (grace 10s)")["status"], "passed");
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

}  // namespace
}  // namespace unbroken::e2e
