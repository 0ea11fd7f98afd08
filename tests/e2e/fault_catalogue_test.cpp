// End-to-end: the fault catalogue beyond the container lifecycle — network partition,
// proxy toxics, memory and CPU limits, overlapping faults — each on the real engine with
// its effect verified and visible in the report, a full disk among them; a seeded timeline replayed
// from its report; and a SIGKILL of the harness mid-partition leaving nothing behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Runs a shipped scenario and expects it to pass with nothing left behind.
RunOutcome passing_run(const std::string& scenario, const std::string& name) {
  auto run = run_scenario(scenario, fresh_report_root(name));
  EXPECT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
  return run;
}

std::string inject_evidence(const RunOutcome& run, const std::string& fault) {
  const auto& v = verdict(run.report, "fault: " + fault);
  EXPECT_EQ(v["status"], "passed") << v.dump(2);
  return v["evidence"]["inject"].get<std::string>();
}

// The OpenTelemetry C++ SDK drops a batch whose connection was reset (it does not retry
// it), so the partition costs spans: every one lost is in its window and excused by it.
TEST(FaultCatalogue, PartitionedJaegerIsUnreachableFromAPeerAndExcusesTheSpansItCost) {
  const auto run = passing_run("scenarios/chaos/network-partition.yaml", "partition");
  if (run.report.is_null()) return;
  const auto inject = inject_evidence(run, "partition jaeger off the run's network");
  EXPECT_THAT(inject, HasSubstr("jaeger detached from the network; from gateway"));
  EXPECT_THAT(inject, HasSubstr("probe exit 1"));
  const auto& traces = verdict(run.report, "traces.completeness");
  EXPECT_EQ(traces["status"], "passed") << traces.dump(2);
  const auto& lost = traces["evidence"]["problems"]["lost"];
  EXPECT_GT(lost["count"].get<int>(), 0) << traces.dump(2);
  EXPECT_EQ(lost["excused"], lost["count"]) << traces.dump(2);
  EXPECT_THAT(traces["reason"].get<std::string>(), HasSubstr("partition jaeger"));
  EXPECT_EQ(verdict(run.report, "logs.completeness")["status"], "passed");
}

TEST(FaultCatalogue, LatencyOnThePathToLokiIsMeasuredThroughTheProxyAndLosesNoLine) {
  const auto run = passing_run("scenarios/chaos/slow-link.yaml", "slow-link");
  if (run.report.is_null()) return;
  const auto inject =
      inject_evidence(run, "latency on the proxied path to loki (latency 300ms, jitter 50ms)");
  std::smatch measured;
  ASSERT_TRUE(std::regex_search(
      inject, measured, std::regex("through the proxy: 1 answer\\(s\\).*? first after (\\d+)ms")))
      << inject;
  EXPECT_GE(std::stoi(measured[1]), 250);
  EXPECT_EQ(verdict(run.report, "logs.completeness")["status"], "passed");
}

TEST(FaultCatalogue, LokiOomKilledByItsMemoryLimitLosesNoLine) {
  const auto run = passing_run("scenarios/chaos/oom-loki.yaml", "oom-loki");
  if (run.report.is_null()) return;
  EXPECT_THAT(inject_evidence(run, "memory_pressure on loki until OOM-killed"),
              HasSubstr("the engine recorded loki as OOM-killed"));
}

// Prometheus (Debian's build, a real Go process) holds its memory: cgroup v1 refuses a
// limit below it, so the fault settles just above its usage and its growth meets the limit.
TEST(FaultCatalogue, APrometheusHoldingItsMemoryIsOomKilledAndKeepsItsSamples) {
  const auto run = passing_run("scenarios/chaos/oom-prometheus.yaml", "oom-prometheus");
  if (run.report.is_null()) return;
  EXPECT_THAT(inject_evidence(run, "memory_pressure on prometheus until OOM-killed"),
              HasSubstr("the engine recorded prometheus as OOM-killed"));
  EXPECT_EQ(verdict(run.report, "metrics.persistence")["status"], "passed");
  // The report says what ran: Debian's real Prometheus, the project's Loki stand-in.
  EXPECT_EQ(run.report["backends"]["prometheus"]["stand_in"], false);
  EXPECT_EQ(run.report["backends"]["loki"]["stand_in"], true);
  EXPECT_THAT(run.report["services"]["prometheus"]["image_id"].get<std::string>(),
              ::testing::StartsWith("sha256:"));
  EXPECT_FALSE(run.report["engine"]["version"].get<std::string>().empty());
}

TEST(FaultCatalogue, AFullDiskIsProvenByAFailedWriteAndLokiKeepsAcceptingLines) {
  const auto run = passing_run("scenarios/chaos/disk-full-loki.yaml", "disk-full");
  if (run.report.is_null()) return;
  EXPECT_THAT(inject_evidence(run, "disk_full on loki (/loki)"),
              HasSubstr("no space left on device"));
  EXPECT_EQ(verdict(run.report, "logs.completeness")["status"], "passed");
}

TEST(FaultCatalogue, AKilledAndARestartedServiceLoseNothingOutsideTheirWindows) {
  const auto run = passing_run("scenarios/chaos/service-kill.yaml", "service-kill");
  if (run.report.is_null()) return;
  EXPECT_THAT(inject_evidence(run, "restart inventory (grace 5s)"), HasSubstr("before"));
  EXPECT_GT(
      run.report["ledger"]["rejected"].get<int>() + run.report["ledger"]["unknown"].get<int>(), 0)
      << "requests through a dead service must fail";
}

TEST(FaultCatalogue, OverlappingFaultsAreEachVerifiedAndJudged) {
  const auto run = passing_run("scenarios/chaos/cascading-failure.yaml", "cascading");
  if (run.report.is_null()) return;
  EXPECT_EQ(run.report["faults"].size(), 3u);
  const auto& windows = run.report["fault_windows"];
  ASSERT_EQ(windows.size(), 3u);
  // Loki's and Jaeger's windows overlap.
  EXPECT_LT(windows[1]["start"].get<std::string>(), windows[0]["end"].get<std::string>());
}

TEST(FaultCatalogue, CpuThrottleIsProvenByTheKernelsThrottlingCounters) {
  const auto run = passing_run("tests/e2e/scenarios/cpu-throttle.yaml", "cpu-throttle");
  if (run.report.is_null()) return;
  EXPECT_THAT(
      inject_evidence(run, "cpu_throttle on gateway (0.01 CPUs)"),
      HasSubstr("CPU periods since its limit was set to 0.01 CPUs (the kernel's counters)"));
}

// Beside it, the seeded defect: a limit the target never reaches throttles nothing, so
// the fault did not act and the run is inconclusive (exit 3), naming the observation.
TEST(FaultCatalogue, ACpuLimitTheTargetNeverReachesMakesTheRunInconclusive) {
  const auto run = run_scenario("tests/e2e/scenarios/cpu-throttle-unfelt.yaml",
                                fresh_report_root("cpu-throttle-unfelt"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 3) << run.out;
  EXPECT_THAT(run.out, HasSubstr("alertmanager was throttled in none of"));
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(FaultCatalogue, AReplayedRunDrawsTheSameFaultSequence) {
  const auto first_root = fresh_report_root("replay-first");
  const auto first = run_scenario("tests/e2e/scenarios/random-timeline.yaml", first_root);
  ASSERT_FALSE(first.report.is_null()) << first.out << first.err;
  const auto report = first_root / first.run_id / "report.json";
  const auto again = replay_report(report, fresh_report_root("replay-again"));
  ASSERT_FALSE(again.report.is_null()) << again.out << again.err;
  EXPECT_EQ(again.report["seed"], first.report["seed"]);
  EXPECT_EQ(again.report["random_choices"], first.report["random_choices"]);
  ASSERT_EQ(again.report["faults"].size(), first.report["faults"].size());
  for (std::size_t i = 0; i < first.report["faults"].size(); ++i) {
    for (const char* field :
         {"kind", "target", "description", "planned_at_ms", "planned_duration_ms"}) {
      EXPECT_EQ(again.report["faults"][i][field], first.report["faults"][i][field]) << field;
    }
  }
  EXPECT_THAT(labelled_leftovers(again.run_id), IsEmpty());
}

TEST(FaultCatalogue, SigkillOfTheHarnessMidPartitionLeavesNothingBehind) {
  const auto root = fresh_report_root("sigkill-partition");
  const auto run =
      interrupt_scenario("scenarios/chaos/network-partition.yaml", root, "fault injected", SIGKILL);
  ASSERT_FALSE(run.run_id.empty()) << run.out;
  EXPECT_THAT(leftovers_after(run.run_id, kReapBound), IsEmpty());
}

}  // namespace
}  // namespace unbroken::e2e
