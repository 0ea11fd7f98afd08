#include "harness/reports/self_observation.h"

#include <gtest/gtest.h>

#include "harness/reports/report_json.h"

namespace unbroken {
namespace {

RunRecord busy_run() {
  RunRecord record;
  record.scenario_file = "busy.yaml";
  record.host_peak.raise_to({.load1 = 1.5, .cores = 2, .cpu_waiting_percent = 10});
  record.host_peak.raise_to({.load1 = 9.5, .cores = 2, .cpu_waiting_percent = 5});
  record.host_samples = 20;
  for (int i = 0; i < 598; ++i) record.load.lateness.record(Millis(3));
  record.load.lateness.record(Millis(1'100));
  record.load.lateness.record(Millis(1'312));
  record.load.max_lateness = Millis(1'312);
  record.ledger.sent = 600;
  record.ledger.unknown = 3;
  record.backend_exchanges = {.asked = 250, .unanswered = 4, .slowest = Millis(2100)};
  record.slowest_fault_command = Millis(3400);
  record.slowest_fault_command_was = "heal stop loki (grace 10s)";
  return record;
}

TEST(SelfObservation, TheHostsPeakIsTheHighestOfEachFigure) {
  const auto record = busy_run();
  EXPECT_EQ(describe_self_observation(record),
            "host load 9.5 on 2 cores, CPU pressure 10% at its peak over 20 samples; the load "
            "driver was at most 1312ms late (2 of 600 sends over 1000ms); 3 of 600 outcomes "
            "unknown (0.5%); 4 of 250 backend "
            "queries and probes got no answer (slowest answer 2100ms); the slowest fault "
            "command took 3400ms (heal stop loki (grace 10s))");
}

TEST(SelfObservation, ReportJsonCarriesTheFiguresAndTheBound) {
  const auto doc = report_json(busy_run())["self_observation"];
  EXPECT_EQ(doc["host_peak"]["load1"], 9.5);
  EXPECT_EQ(doc["host_samples"], 20);
  EXPECT_EQ(doc["driver_max_lateness_ms"], 1312);
  EXPECT_EQ(doc["driver_late_sends"], 2);
  EXPECT_EQ(doc["driver_p99_lateness_at_most_ms"], 5.0);
  EXPECT_EQ(doc["thresholds"]["late_send_bound_ms"], 1000);
  EXPECT_DOUBLE_EQ(doc["unknown_share"].get<double>(), 0.005);
  EXPECT_EQ(doc["thresholds"]["min_succeeded_share_outside_fault_windows"], 0.9);
  EXPECT_EQ(doc["backend_exchanges"]["unanswered"], 4);
  EXPECT_EQ(doc["backend_exchanges"]["slowest_answer_ms"], 2100);
  EXPECT_EQ(doc["slowest_fault_command"]["was"], "heal stop loki (grace 10s)");
}

TEST(SelfObservation, ARunWithoutLoadSaysTheHostWasNotSampled) {
  EXPECT_EQ(describe_self_observation(RunRecord{}),
            "the host was not sampled (no load ran); the load driver was at most 0ms late (0 "
            "of 0 sends over 1000ms); 0 of 0 outcomes unknown (0.0%); 0 of 0 backend queries and "
            "probes got no answer "
            "(slowest answer 0ms)");
}

// A 600-request load over 60 s whose checks verified the first `verified` during it.
RunRecord verified_during_load(std::uint64_t verified, std::uint64_t host_busy) {
  auto record = busy_run();
  record.load_started = from_unix_seconds(1'700'000'000);
  record.load_ended = from_unix_seconds(1'700'000'060);
  record.during_load = {
      .checks = 1, .calls = 50, .host_busy = host_busy, .requests_verified = verified};
  return record;
}

TEST(SelfObservation, VerificationWithinItsBoundBehindTheLoadIsStatedWithoutAWarning) {
  const auto text = describe_self_observation(verified_during_load(400, 0));  // 20 s behind
  EXPECT_NE(text.find("during the load, the checks verified the first 400 of 600 requests"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("behind"), std::string::npos) << text;
}

TEST(SelfObservation, VerificationFallingFurtherBehindTheLoadThanItsBoundIsSaidWithWhy) {
  const auto text = describe_self_observation(verified_during_load(200, 12));  // 40 s behind
  EXPECT_NE(text.find("the first 200 of 600 requests, falling 40s of load behind it (more than "
                      "30s; 12 period(s) skipped as the host was busy)"),
            std::string::npos)
      << text;
  EXPECT_EQ(report_json(verified_during_load(
                200, 12))["self_observation"]["during_load"]["requests_verified"],
            200);
}

}  // namespace
}  // namespace unbroken
