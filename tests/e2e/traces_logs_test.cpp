// End-to-end: traces and logs through Jaeger and Loki (offline stand-ins here; the same
// harness code runs against the official images), item by item.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// Runs `scenario` and checks the exit code and that nothing labelled with the run remains.
RunOutcome run_expecting(const std::string& scenario, int exit_code) {
  const auto root = fresh_report_root(std::filesystem::path(scenario).stem().string());
  auto run = run_scenario(scenario, root);
  EXPECT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, exit_code) << run.out << run.err;
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
  return run;
}

std::string status_of(const RunOutcome& run, const std::string& check) {
  return verdict(run.report, check)["status"].get<std::string>();
}

TEST(Flows, EndToEndAllThreeSignalsComplete) {
  const auto run = run_expecting("scenarios/integration/end-to-end.yaml", 0);
  ASSERT_FALSE(run.report.is_null());
  for (const char* check : {"metrics.continuity", "metrics.accounting", "traces.completeness",
                            "logs.completeness", "correlation.trace_logs", "exporters.dropped"}) {
    EXPECT_EQ(status_of(run, check), "passed") << check;
  }
}

// It judges traces alone: the reference stack's `start: when_needed` services are left out,
// and the engine ran the seven others (what the report lists is what had a container).
TEST(Flows, TracingFlowPasses) {
  const auto run = run_expecting("scenarios/integration/tracing-flow.yaml", 0);
  ASSERT_FALSE(run.report.is_null());
  EXPECT_GT(verdict(run.report, "traces.completeness")["evidence"]["judged_traces"].get<int>(), 0);
  EXPECT_EQ(run.report["services_not_started"],
            nlohmann::json::array({"alertmanager", "webhook", "grafana"}));
  EXPECT_EQ(run.report["services"].size(), 7u) << run.report["services"].dump();
  EXPECT_FALSE(run.report["services"].contains("grafana"));
}

TEST(Flows, LoggingFlowPasses) {
  run_expecting("scenarios/integration/logging-flow.yaml", 0);
}

TEST(Flows, MetricsFlowStoresEveryExposedFamilyAndEachServiceCountsEveryRequest) {
  const auto run = run_expecting("scenarios/integration/metrics-flow.yaml", 0);
  ASSERT_FALSE(run.report.is_null());
  const auto& exposition = verdict(run.report, "metrics.exposition");
  EXPECT_EQ(exposition["status"], "passed") << exposition.dump(2);
  EXPECT_EQ(exposition["evidence"]["targets"].size(), 3u);
  EXPECT_GT(exposition["evidence"]["histogram_scrapes_compared"].get<int>(), 0);
  EXPECT_EQ(verdict(run.report, "metrics.accounting")["evidence"]["by_job"].size(), 3u);
}

TEST(Defects, AFamilyPrometheusDropsFailsMetricsExpositionNamingIt) {
  const auto run = run_expecting("tests/e2e/scenarios/metrics-buckets-dropped.yaml", 1);
  ASSERT_FALSE(run.report.is_null());
  const auto& exposition = verdict(run.report, "metrics.exposition");
  EXPECT_EQ(exposition["status"], "failed") << exposition.dump(2);
  EXPECT_THAT(exposition["reason"].get<std::string>(),
              HasSubstr("http_request_duration_seconds_bucket of orders:8080 (orders)"));
  EXPECT_THAT(exposition["reason"].get<std::string>(), Not(HasSubstr("of gateway")));
  EXPECT_EQ(verdict(run.report, "metrics.accounting")["status"], "passed");
}

TEST(Flows, TraceLogCorrelationPasses) {
  run_expecting("scenarios/integration/trace-log-correlation.yaml", 0);
}

TEST(Chaos, JaegerRecoveryJudgesTracesAfterHealAndReportsWhatMemoryStorageLost) {
  const auto run = run_expecting("scenarios/chaos/jaeger-recovery.yaml", 0);
  ASSERT_FALSE(run.report.is_null());
  const auto& traces = verdict(run.report, "traces.completeness");
  EXPECT_EQ(traces["status"], "passed");
  EXPECT_GT(traces["evidence"]["not_judged_before_heal"]["gone"].get<int>(), 0)
      << "Jaeger's memory store must have lost the traces stored before the kill";
  EXPECT_EQ(run.report["fault_windows"].size(), 1u);
}

TEST(Chaos, LokiRecoveryLosesNoLineAndDuplicatesNone) {
  const auto run = run_expecting("scenarios/chaos/loki-recovery.yaml", 0);
  ASSERT_FALSE(run.report.is_null());
  const auto& problems = verdict(run.report, "logs.completeness")["evidence"]["problems"];
  EXPECT_EQ(problems["lost"]["count"], 0);
  EXPECT_EQ(problems["duplicated"]["count"], 0);
}

TEST(Defects, DroppedSpansFailTracesAndCorrelationNamingTheItems) {
  const auto run = run_expecting("tests/e2e/scenarios/spans-dropped.yaml", 1);
  ASSERT_FALSE(run.report.is_null());
  const auto& traces = verdict(run.report, "traces.completeness");
  EXPECT_EQ(traces["status"], "failed");
  const auto& incomplete = traces["evidence"]["problems"]["incomplete"];
  EXPECT_GT(incomplete["count"].get<int>(), 0);
  EXPECT_THAT(incomplete["first"][0]["item"].get<std::string>(), HasSubstr("seq "));
  EXPECT_THAT(incomplete["first"][0]["detail"].get<std::string>(), HasSubstr("span"));
  EXPECT_EQ(status_of(run, "correlation.trace_logs"), "failed");
  EXPECT_EQ(status_of(run, "exporters.dropped"), "failed");
  EXPECT_THAT(verdict(run.report, "exporters.dropped")["reason"].get<std::string>(),
              HasSubstr("(dropped_by_defect)"));
  EXPECT_EQ(status_of(run, "logs.completeness"), "passed");
}

TEST(Defects, LostAndDuplicatedLogLinesFailLogsNamingTheItems) {
  const auto run = run_expecting("tests/e2e/scenarios/log-lines-lost-and-duplicated.yaml", 1);
  ASSERT_FALSE(run.report.is_null());
  const auto& logs = verdict(run.report, "logs.completeness");
  EXPECT_EQ(logs["status"], "failed");
  const auto& problems = logs["evidence"]["problems"];
  EXPECT_GT(problems["lost"]["count"].get<int>(), 0);
  EXPECT_GT(problems["duplicated"]["count"].get<int>(), 0);
  EXPECT_THAT(problems["duplicated"]["first"][0]["detail"].get<std::string>(),
              HasSubstr("stored 2 times"));
  EXPECT_THAT(logs["reason"].get<std::string>(), HasSubstr("lost"));
  EXPECT_THAT(logs["reason"].get<std::string>(), HasSubstr("duplicated"));
  EXPECT_EQ(status_of(run, "traces.completeness"), "passed");
}

TEST(Defects, ADeclaredFaultOffTheLinesPathExcusesNoneOfTheirLosses) {
  const auto run = run_expecting("tests/e2e/scenarios/loss-off-path.yaml", 1);
  ASSERT_FALSE(run.report.is_null());
  const auto& logs = verdict(run.report, "logs.completeness");
  EXPECT_EQ(logs["status"], "failed");
  const auto& lost = logs["evidence"]["problems"]["lost"];
  EXPECT_GT(lost["count"].get<int>(), 0);
  EXPECT_EQ(lost["excused"].get<int>(), 0);
  EXPECT_THAT(lost["first"][0]["attribution"].get<std::string>(),
              HasSubstr("no declared, verified fault on its path (logs of"));
  // The kill itself was declared, verified and healed: it simply is not on the path.
  EXPECT_EQ(status_of(run, "fault: kill grafana with SIGKILL"), "passed");
}

}  // namespace
}  // namespace unbroken::e2e
