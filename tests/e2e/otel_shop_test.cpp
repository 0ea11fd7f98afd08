// End to end against examples/otel-shop: two Node.js services whose instrumentation is the
// OpenTelemetry JS SDK's, winston-loki's and prom-client's, not ours. Each shipped scenario
// passes, and a defect seeded in the example fails the check it should, naming the request
// (order 37 is the request with seq 37), while the other check holds. Its system file has
// unbroken add the fault proxy that its log path runs through.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kExample = "examples/otel-shop/scenarios/";
constexpr const char* kDefects = "tests/e2e/systems/otel-shop-defects/";

RunOutcome run_example(const std::string& scenario) {
  return run_scenario(std::string(kExample) + scenario + ".yaml",
                      fresh_report_root("otel-shop-" + scenario));
}

RunOutcome run_defect(const std::string& scenario) {
  return run_scenario(std::string(kDefects) + scenario + ".yaml",
                      fresh_report_root("otel-shop-" + scenario));
}

TEST(OtelShop, TheHealthyFlowPassesEveryCheck) {
  const auto run = run_example("healthy");
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.report["system"]["name"], "otel-shop");
  for (const char* check : {"traces.completeness", "logs.completeness", "metrics.continuity",
                            "metrics.accounting", "grafana.datasources"}) {
    EXPECT_EQ(verdict(run.report, check)["status"], "passed") << check << "\n" << run.out;
  }
  EXPECT_EQ(verdict(run.report, "traces.completeness")["evidence"]["judged_traces"], 400);
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(OtelShop, LokiKilledLosesNoLineAndExcusesNothingElsewhere) {
  const auto run = run_example("loki-killed");
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(verdict(run.report, "logs.completeness")["reason"],
              HasSubstr("all 800 expected log lines are in Loki exactly once"));
  EXPECT_EQ(verdict(run.report, "traces.completeness")["status"], "passed") << run.out;
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(OtelShop, LatencyOnTheAddedProxysPathDelaysLinesAndLosesNone) {
  const auto run = run_example("loki-slow");
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("adding unbroken's fault proxy (unbroken-faultproxy)"));
  EXPECT_EQ(run.report["faults"][0]["inject_effect"]["verified"], true) << run.out;
  EXPECT_THAT(verdict(run.report, "logs.completeness")["reason"],
              HasSubstr("all 800 expected log lines are in Loki exactly once"));
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(OtelShop, InventoryKilledIsExcusedOnItsPathAndStorefrontTurnsNotReady) {
  const auto run = run_example("inventory-killed");
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_GT(run.report["ledger"]["rejected"].get<int>(), 0) << "the kill stopped no checkout";
  EXPECT_EQ(verdict(run.report, "health.semantics")["status"], "passed") << run.out;
  EXPECT_EQ(verdict(run.report, "metrics.accounting")["status"], "passed") << run.out;
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(OtelShop, ASpanNeverExportedFailsTracesNamingItsRequest) {
  const auto run = run_defect("unexported-span");
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const auto& traces = verdict(run.report, "traces.completeness");
  EXPECT_EQ(traces["status"], "failed");
  EXPECT_THAT(traces["reason"].get<std::string>(), HasSubstr("seq 37 (trace "));
  EXPECT_EQ(verdict(run.report, "logs.completeness")["status"], "passed") << run.out;
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(OtelShop, ALogLineWithoutTraceIdFailsLogsNamingItsRequest) {
  const auto run = run_defect("untraced-log");
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const auto& logs = verdict(run.report, "logs.completeness");
  EXPECT_EQ(logs["status"], "failed");
  EXPECT_THAT(logs["reason"].get<std::string>(), HasSubstr("storefront seq 37 (trace "));
  EXPECT_EQ(verdict(run.report, "traces.completeness")["status"], "passed") << run.out;
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

}  // namespace
}  // namespace unbroken::e2e
