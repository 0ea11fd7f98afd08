#include "harness/scenario/runner.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "harness/core/errors.h"
#include "harness/scenario/scenario_loader.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_http_transport.h"
#include "tests/fakes/fake_runtime.h"
#include "tests/support/reference_system.h"

namespace unbroken {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using testing::FakeClock;
using testing::FakeHttpTransport;
using testing::FakeRuntime;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RecordedRequest;

// A check whose verdict the test chooses: "test.passes", "test.throws" (its backend answers
// an error) or "test.unanswered" (its backend gives no answer); "test.slow" passes but takes
// 2 s of the clock over its baseline, right before the first injection.
class ScriptedCheck final : public Check {
 public:
  ScriptedCheck(std::string name, FakeClock& clock) : name_(std::move(name)), clock_(clock) {}
  std::string name() const override { return name_; }
  void before_faults(const CheckContext&) override {
    if (name_ == "test.slow") clock_.advance(Millis(2000));
  }
  Verdict evaluate(const CheckContext&) override {
    if (name_ == "test.throws") throw BackendError("Prometheus answered HTTP 503");
    if (name_ == "test.unanswered") {
      throw TransportError("Prometheus, query_range up: Read timed out", true);
    }
    return Verdict::passed(name_, "fine");
  }

 private:
  std::string name_;
  FakeClock& clock_;
};

// Prometheus answers every query with one `up` sample of value 1 at the query time and
// scrapes every second; the workload answers 200 to everything.
HttpResponse fake_stack(const RecordedRequest& r) {
  if (r.path == "/api/v1/status/config") {
    return {200, R"({"status":"success","data":{"yaml":"global:\n  scrape_interval: 1s\n"}})"};
  }
  if (r.path == "/api/v1/query") {
    return {200, fmt::format(R"({{"status":"success","data":{{"resultType":"matrix","result":[
        {{"metric":{{"job":"gateway"}},"values":[[{},"1"]]}}]}}}})",
                             r.params.find("time")->second)};
  }
  return {200, "ok"};
}

// A reporter that breaks on every event.
class ThrowingListener final : public RunListener {
 public:
  void on_event(const RunRecord&, const TimelineEvent&) override {
    throw HarnessError("disk full");
  }
  void on_verdict(const RunRecord&, const Verdict&) override { throw HarnessError("disk full"); }
};

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    register_builtin_faults(faults);
    for (const char* name : {"test.passes", "test.throws", "test.unanswered", "test.slow"}) {
      checks.add(name, {},
                 {[this](const CheckSpec& s, const System&) {
                    return std::make_unique<ScriptedCheck>(s.name, clock);
                  },
                  {}});
    }
    setup.run_id = "20261122-000000-0001";
    setup.report_dir = std::filesystem::temp_directory_path() /
                       ("unbroken-runner-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(setup.report_dir);
    setup.system = reference_system();
  }
  RunRecord run(const std::string& expectations, const std::string& timeline = kKillPrometheus,
                RunListener* listener = nullptr) {
    const auto scenario = parse_scenario(
        "name: t\nworkload: {rate_per_s: 20, duration: 500ms}\nverify_timeout: 1s\n" + timeline +
            "expectations:\n" + expectations,
        "t.yaml");
    Runner runner(runtime, http, clock, faults, checks);
    if (listener) runner.add_listener(*listener);
    return runner.run(scenario, setup);
  }

  static constexpr const char* kKillPrometheus =
      "timeline: [{at: 100ms, fault: kill, target: prometheus, for: 200ms}]\n";
  FakeRuntime runtime{{"prometheus", "gateway"}};
  FakeHttpTransport http{fake_stack};
  FakeClock clock;
  FaultRegistry faults;
  CheckRegistry checks;
  RunSetup setup;
};

TEST_F(RunnerTest, AHealthyRunPassesWithTheFaultVerifiedAndTheStackRemoved) {
  const auto record = run("  - check: test.passes\n");
  EXPECT_EQ(record.exit_code, ExitCode::kPassed);
  EXPECT_THAT(runtime.actions,
              ElementsAre("up", "kill prometheus SIGKILL", "start prometheus", "down"));
  ASSERT_EQ(record.windows.size(), 1u);
  EXPECT_EQ(record.ledger.succeeded, 10u);
}

// A scenario that needs nothing of the reference system's `start: when_needed` services
// starts every other service by name, and the record and the timeline say what was left out.
TEST_F(RunnerTest, ServicesNoCheckOrFaultNeedsAreNotStartedAndTheRecordSaysSo) {
  const auto record = run("  - check: test.passes\n");
  EXPECT_EQ(record.services_not_started,
            (std::vector<std::string>{"alertmanager", "webhook", "grafana"}));
  EXPECT_THAT(runtime.services_started, Contains("prometheus"));
  EXPECT_THAT(runtime.services_started, Contains("gateway"));
  EXPECT_THAT(runtime.services_started, Not(Contains("grafana")));
  EXPECT_THAT(runtime.services_started, Not(Contains("alertmanager")));
  EXPECT_EQ(runtime.services_started.size(), 7u);
  EXPECT_THAT(record.timeline,
              Contains(::testing::Field(&TimelineEvent::detail,
                                        HasSubstr("not starting alertmanager, webhook, grafana"))));
}

// Beside it: a check that reads Grafana, and a fault on Alertmanager, start both.
TEST_F(RunnerTest, AServiceACheckReadsOrAFaultTargetsIsStarted) {
  checks.add("test.reads_grafana", {BackendRole::kGrafana},
             {[this](const CheckSpec&, const System&) {
                return std::make_unique<ScriptedCheck>("test.passes", clock);
              },
              {}});
  runtime.add_service("alertmanager");
  const auto record =
      run("  - check: test.reads_grafana\n",
          "timeline: [{at: 100ms, fault: kill, target: alertmanager, for: 200ms}]\n");
  EXPECT_EQ(record.services_not_started, std::vector<std::string>{"webhook"});
  EXPECT_THAT(runtime.services_started, Contains("grafana"));
  EXPECT_THAT(runtime.services_started, Contains("alertmanager"));
  EXPECT_THAT(runtime.services_started, Not(Contains("webhook")));
}

TEST_F(RunnerTest, AFaultInjectedLateIsStillHeldForItsWholeDuration) {
  // The baseline takes 2 s: the kill planned at 100 ms comes ~1.9 s late, after its planned
  // heal time (300 ms). It must still be held 200 ms, not healed at once.
  const auto record = run("  - check: test.slow\n");
  ASSERT_EQ(record.windows.size(), 1u);
  EXPECT_GE(record.windows[0].end - record.windows[0].start, Millis(200));
  EXPECT_THAT(runtime.actions,
              ElementsAre("up", "kill prometheus SIGKILL", "start prometheus", "down"));
}

TEST_F(RunnerTest, AFaultOnTimeIsHealedAtItsPlannedTime) {
  const auto record = run("  - check: test.passes\n");
  ASSERT_EQ(record.windows.size(), 1u);
  EXPECT_GE(record.windows[0].end - record.windows[0].start, Millis(200));
  EXPECT_LT(record.windows[0].end - record.windows[0].start, Millis(1000));
  const auto healed = std::find_if(record.timeline.begin(), record.timeline.end(),
                                   [](const TimelineEvent& e) { return e.phase == "healed"; });
  ASSERT_NE(healed, record.timeline.end());
  EXPECT_THAT(healed->detail, Not(HasSubstr("after the heal was issued")));
  EXPECT_THAT(healed->detail, Not(HasSubstr("late")));
}

// Beside it: a heal the engine takes 3 s to apply leaves the fault in force those 3 s, so
// its window (which excuses losses) closes when the heal is seen to act, not when issued.
TEST_F(RunnerTest, AHealTheEngineIsSlowToApplyKeepsTheWindowOpenUntilItActs) {
  runtime.on_start = [this] { clock.advance(Millis(3000)); };
  const auto record = run("  - check: test.passes\n");
  EXPECT_EQ(record.exit_code, ExitCode::kPassed);
  ASSERT_EQ(record.windows.size(), 1u);
  ASSERT_EQ(record.faults.size(), 1u);
  ASSERT_TRUE(record.faults[0].healed_at.has_value());
  EXPECT_GE(record.windows[0].end - *record.faults[0].healed_at, Millis(3000));
  EXPECT_EQ(record.windows[0].end, record.faults[0].heal_effect.observed_at);
  const auto healed = std::find_if(record.timeline.begin(), record.timeline.end(),
                                   [](const TimelineEvent& e) { return e.phase == "healed"; });
  ASSERT_NE(healed, record.timeline.end());
  EXPECT_THAT(healed->detail, HasSubstr("3s after the heal was issued"));
}

// A heal that takes the engine 3 s delays the next fault's heal: the console says by how
// much, and how long that fault was held. Beside it, AFaultOnTimeIsHealedAtItsPlannedTime.
TEST_F(RunnerTest, AHealDelayedByASlowEarlierHealIsSaidToBeLate) {
  runtime.on_start = [this] { clock.advance(Millis(3000)); };
  const auto record = run("  - check: test.passes\n",
                          "timeline:\n"
                          "  - {at: 100ms, fault: kill, target: prometheus, for: 200ms}\n"
                          "  - {at: 150ms, fault: kill, target: gateway, for: 200ms}\n");
  ASSERT_EQ(record.windows.size(), 2u);
  const auto late = std::find_if(record.timeline.begin(), record.timeline.end(), [](const auto& e) {
    return e.phase == "healed" && e.detail.find("late") != std::string::npos;
  });
  ASSERT_NE(late, record.timeline.end());
  EXPECT_THAT(late->detail, HasSubstr("kill gateway with SIGKILL is healed 2.95s late"));
  EXPECT_THAT(late->detail, HasSubstr("held for 3.15s, not 200ms"));
}

TEST_F(RunnerTest, AListenerThatThrowsSkipsNeitherTheHealNorTheTeardown) {
  ThrowingListener broken;
  const auto record = run("  - check: test.passes\n", kKillPrometheus, &broken);
  EXPECT_EQ(record.exit_code, ExitCode::kPassed);
  EXPECT_THAT(runtime.actions,
              ElementsAre("up", "kill prometheus SIGKILL", "start prometheus", "down"));
}

TEST_F(RunnerTest, ACheckThatCannotLookIsErroredAndTheStackIsStillRemoved) {
  const auto record = run("  - check: test.passes\n  - check: test.throws\n");
  EXPECT_EQ(record.exit_code, ExitCode::kHarnessError);
  EXPECT_EQ(record.verdicts[1].status, VerdictStatus::kErrored);
  EXPECT_THAT(record.verdicts[1].reason, HasSubstr("HTTP 503"));
  EXPECT_EQ(runtime.actions.back(), "down");
}

// Beside it: a check whose backend gave no answer could not look, which is evidence of
// nothing: inconclusive, naming the question and the host's pressure, never errored.
TEST_F(RunnerTest, ACheckWhoseBackendGaveNoAnswerIsInconclusiveNotErrored) {
  const auto record = run("  - check: test.passes\n  - check: test.unanswered\n");
  EXPECT_EQ(record.exit_code, ExitCode::kInconclusive);
  EXPECT_EQ(record.verdicts[1].status, VerdictStatus::kInconclusive);
  EXPECT_THAT(record.verdicts[1].reason,
              HasSubstr("could not look: Prometheus, query_range up: Read timed out"));
  EXPECT_THAT(record.verdicts[1].reason, HasSubstr("host "));
  EXPECT_EQ(runtime.actions.back(), "down");
}

TEST_F(RunnerTest, AFaultThatDidNotTakeEffectMakesThePassingRunInconclusive) {
  runtime.ignore_signals = true;
  const auto record = run("  - check: test.passes\n");
  EXPECT_EQ(record.exit_code, ExitCode::kInconclusive);
  EXPECT_EQ(record.verdicts.back().status, VerdictStatus::kInconclusive);
  EXPECT_THAT(record.verdicts.back().check, HasSubstr("kill prometheus"));
}

// An engine command that times out under load is no defect of the harness: the fault's
// verdict is inconclusive, naming the command's error, the run goes on and the stack is
// removed. Beside ACheckThatCannotLookIsErrored..., where the harness itself could not look.
TEST_F(RunnerTest, AnInjectionWhoseEngineCommandTimesOutIsInconclusiveNotAHarnessError) {
  runtime.kill_fails_with = "docker kill prometheus: timed out after 30s";
  const auto record = run("  - check: test.passes\n");
  EXPECT_EQ(record.exit_code, ExitCode::kInconclusive);
  const auto& fault = record.verdicts.back();
  EXPECT_EQ(fault.status, VerdictStatus::kInconclusive);
  EXPECT_THAT(fault.reason,
              HasSubstr("inject could not complete: docker kill prometheus: timed out after 30s"));
  EXPECT_THAT(fault.reason, HasSubstr("host "));  // the host's pressure at that moment
  ASSERT_EQ(record.windows.size(), 1u);
  EXPECT_FALSE(record.windows[0].verified) << "a fault whose effect is unknown excuses nothing";
  EXPECT_THAT(runtime.actions, Contains("start prometheus"));  // its heal was still attempted
  EXPECT_EQ(runtime.actions.back(), "down");
}

TEST_F(RunnerTest, AHealWhoseEngineCommandFailsIsInconclusiveAndRetriedAtTeardown) {
  runtime.start_fails_with = "docker start prometheus: timed out after 30s";
  const auto record = run("  - check: test.passes\n");
  EXPECT_EQ(record.exit_code, ExitCode::kInconclusive);
  EXPECT_THAT(record.verdicts.back().reason,
              HasSubstr("heal could not complete: docker start prometheus: timed out"));
  EXPECT_EQ(std::count(runtime.actions.begin(), runtime.actions.end(), "start prometheus"), 2)
      << "once when due, once at teardown";
  EXPECT_EQ(runtime.actions.back(), "down");
}

TEST_F(RunnerTest, AServiceThatDoesNotComeBackAfterHealIsAFailedRecovery) {
  FakeHttpTransport stuck([this](const RecordedRequest& r) {
    if (r.path == "/-/ready" && runtime.starts.load() > 0)
      return HttpResponse{503, "Service Unavailable"};
    return fake_stack(r);
  });
  const auto scenario = parse_scenario(
      "name: t\nworkload: {rate_per_s: 20, duration: 500ms}\nverify_timeout: 1s\n"
      "stack: {ready_timeout: 1s}\n" +
          std::string(kKillPrometheus) + "expectations:\n  - check: test.passes\n",
      "t.yaml");
  Runner runner(runtime, stuck, clock, faults, checks);
  const auto record = runner.run(scenario, setup);
  EXPECT_EQ(record.exit_code, ExitCode::kFailed);
  const auto it = std::find_if(record.verdicts.begin(), record.verdicts.end(),
                               [](const Verdict& v) { return v.check == "recovery: prometheus"; });
  ASSERT_NE(it, record.verdicts.end());
  EXPECT_THAT(it->reason, HasSubstr("was not ready (GET :9090/-/ready)"));
  EXPECT_THAT(it->reason, HasSubstr("last answer: HTTP 503: Service Unavailable"));
  EXPECT_EQ(it->evidence["last_answer"], "HTTP 503: Service Unavailable");
  EXPECT_EQ(runtime.actions.back(), "down");
}

TEST_F(RunnerTest, AFailedStackStartIsErroredAndStillTornDown) {
  runtime.fail_up = true;
  const auto record = run("  - check: test.passes\n");
  EXPECT_EQ(record.exit_code, ExitCode::kHarnessError);
  EXPECT_THAT(record.verdicts.front().reason, HasSubstr("image not found"));
  EXPECT_THAT(runtime.actions, Contains("down"));
}

TEST_F(RunnerTest, BadFaultParametersAreRejectedBeforeTheStackIsTouched) {
  try {
    run("  - check: test.passes\n",
        "timeline: [{at: 100ms, fault: kill, target: prometheus, for: 100ms, signal: 99x}]\n");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("'99x' is not a signal"));
  }
  EXPECT_TRUE(runtime.actions.empty());
}

TEST_F(RunnerTest, UnknownTargetsAreRejectedAtTheirLine) {
  try {
    run("  - check: test.passes\n",
        "timeline: [{at: 100ms, fault: kill, target: jaegr, for: 100ms}]\n");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("t.yaml:4:12: unknown target 'jaegr'"));
  }
}

// The reference system, with Prometheus waited for by its container healthcheck.
System prometheus_by_healthcheck() {
  auto system = reference_system();
  for (auto& s : system.services) {
    if (s.name == "prometheus") s.ready = ReadinessProbe{ReadinessProbe::Kind::kHealthcheck};
  }
  return system;
}

TEST_F(RunnerTest, EachContainersWholeLogIsSavedInTheReportDirectory) {
  runtime.container_logs["prometheus"] = "line 1\nline 2\n";
  const auto record = run("  - check: test.passes\n");
  EXPECT_EQ(record.exit_code, ExitCode::kPassed);
  std::ifstream in(setup.report_dir / "logs" / "prometheus.log");
  const std::string saved((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(saved, "line 1\nline 2\n");
}

TEST_F(RunnerTest, AServiceReadyByHealthcheckIsWaitedForUntilHealthy) {
  setup.system = prometheus_by_healthcheck();
  runtime.set_health("prometheus", "healthy");
  const auto record = run("  - check: test.passes\n");
  EXPECT_EQ(record.exit_code, ExitCode::kPassed);
}

TEST_F(RunnerTest, AServiceWhoseHealthcheckNeverSaysHealthyLeavesTheRunInconclusive) {
  setup.system = prometheus_by_healthcheck();
  runtime.set_health("prometheus", "unhealthy");
  std::string log;
  for (int i = 1; i <= 25; ++i) log += fmt::format("line {}\n", i);
  runtime.container_logs["prometheus"] = log;
  const auto scenario = parse_scenario(
      "name: t\nworkload: {rate_per_s: 20, duration: 500ms}\nstack: {ready_timeout: 1s}\n"
      "expectations:\n  - check: test.passes\n",
      "t.yaml");
  const auto record = Runner(runtime, http, clock, faults, checks).run(scenario, setup);
  EXPECT_EQ(record.exit_code, ExitCode::kInconclusive);
  EXPECT_THAT(record.verdicts.front().reason,
              HasSubstr("prometheus was not ready (its container healthcheck) within 1s at start"));
  // The report says what the probe last saw and how the container's log ends.
  const auto& evidence = record.verdicts.front().evidence;
  EXPECT_EQ(evidence["last_answer"], "container health: unhealthy");
  ASSERT_EQ(evidence["log_tail"].size(), 20u);
  EXPECT_EQ(evidence["log_tail"].front(), "line 6");
  EXPECT_EQ(evidence["log_tail"].back(), "line 25");
  EXPECT_EQ(runtime.actions.back(), "down");
}

}  // namespace
}  // namespace unbroken
