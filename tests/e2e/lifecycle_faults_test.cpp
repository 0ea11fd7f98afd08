// End-to-end: the container lifecycle faults beyond kill — pause (freeze) and graceful
// stop — with their effects verified on the real engine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

struct WatchedRestart {
  RunOutcome run;
  std::vector<std::string> ports;  // Loki's host ports for 3100, each distinct one in order
  std::string last_poll;
};

// Runs the loki-restart-ports scenario while watching Loki's host port for 3100.
WatchedRestart restart_loki_watching_its_port(const std::string& name) {
  std::atomic<bool> stop{false};
  WatchedRestart watched;
  const auto root = fresh_report_root(name);
  std::thread watcher(
      [&] { watched.ports = host_ports_seen(root, "loki", 3100, stop, watched.last_poll); });
  watched.run = run_scenario("tests/e2e/scenarios/loki-restart-ports.yaml", root);
  stop = true;
  watcher.join();
  return watched;
}

TEST(LifecycleFaults, ARestartedServiceKeepsTheHostPortChosenForTheRun) {
  const auto [run, ports, last_poll] = restart_loki_watching_its_port("restart-ports");
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(verdict(run.report, "fault: restart loki (grace 1s)")["status"], "passed");
  EXPECT_THAT(ports, SizeIs(1)) << "last poll: " << last_poll;
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

// Beside it, the defect the chosen ports remove: with Loki's port variable set empty, the
// engine gives an ephemeral port, and the restart hands Loki another one.
TEST(LifecycleFaults, AnEphemeralHostPortChangesWhenTheServiceRestarts) {
  ::setenv("UNBROKEN_HOST_PORT_LOKI_3100", "", 1);
  const auto [run, ports, last_poll] = restart_loki_watching_its_port("restart-ephemeral");
  ::unsetenv("UNBROKEN_HOST_PORT_LOKI_3100");
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(verdict(run.report, "fault: restart loki (grace 1s)")["status"], "passed");
  EXPECT_THAT(ports, SizeIs(2)) << "last poll: " << last_poll;
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

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

// The seeded defect beside it: Loki answers `500 empty ring` while it leaves, and a shipper
// that does not retry 500 loses those batches.
TEST(LifecycleFaults, AShipperThatTreats500AsFinalLosesLinesWhenLokiStops) {
  const auto root = fresh_report_root("stop-500");
  const auto run = run_scenario("tests/e2e/scenarios/loki-stop-shipper-drops-500.yaml", root);
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_EQ(verdict(run.report, "fault: stop loki (grace 10s)")["status"], "passed");
  const auto& logs = verdict(run.report, "logs.completeness");
  EXPECT_EQ(logs["status"], "failed") << logs.dump(2);
  EXPECT_GT(logs["evidence"]["problems"]["lost"]["count"].get<int>(), 0) << logs.dump(2);
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

}  // namespace
}  // namespace unbroken::e2e
