// Suites end to end: several scenarios run side by side as isolated runs, one merged
// junit.xml and summary.md, the worst exit code, and Ctrl-C that stops and cleans up every
// run. Real Docker, offline images.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/process.hpp>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include "harness/runtime/boost_process_runner.h"
#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The suite directory under `root` ("" when there is none).
fs::path suite_dir_in(const fs::path& root) {
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && entry.path().filename().string().rfind("suite-", 0) == 0)
      return entry.path();
  }
  return {};
}

// The run id a run's console names in its first line ("unbroken run <id> · …").
std::string run_id_of(const fs::path& run_dir) {
  std::smatch match;
  const auto console = read(run_dir / "console.log");
  return std::regex_search(console, match, std::regex("unbroken run ([0-9a-f-]+) "))
             ? match[1].str()
             : "";
}

std::string source(const std::string& path) {
  return std::string(UNBROKEN_SOURCE_DIR) + "/" + path;
}

// A passing scenario beside a seeded defect (spans dropped before export): both run at
// once, the suite's exit code is the failure's, and one junit.xml and one summary carry
// both, the failure named.
TEST(Suite, TwoScenariosRunSideBySideAndTheWorstDecides) {
  const auto root = fresh_report_root("suite-worst");
  const auto step_summary = root / "step-summary.md";
  BoostProcessRunner runner;
  const auto r =
      runner.run({{UNBROKEN_BIN, "run", "--images", "offline", "--jobs", "2", "--report-dir",
                   root.string(), source("scenarios/integration/logging-flow.yaml"),
                   source("tests/e2e/scenarios/spans-dropped.yaml")},
                  {{"GITHUB_STEP_SUMMARY", step_summary.string()}},
                  Millis(280'000)});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("2 scenario(s), 2 at a time (--jobs)"));
  const auto suite = suite_dir_in(root);
  ASSERT_FALSE(suite.empty()) << r.out;

  const auto junit = read(suite / "junit.xml");
  EXPECT_THAT(junit, HasSubstr(R"(<testsuite name="logging-flow" )"));
  EXPECT_THAT(junit, HasSubstr(R"(<testsuite name="spans-dropped" )"));
  EXPECT_THAT(junit, HasSubstr(R"(name="traces.completeness")"));
  EXPECT_THAT(junit, HasSubstr(R"(<failure type="failed")"));

  const auto summary = read(suite / "summary.md");
  EXPECT_THAT(summary, HasSubstr("2 scenario(s), 2 at a time"));
  EXPECT_THAT(summary, HasSubstr("1 passed, 1 failed. Exit code 1."));
  EXPECT_THAT(summary, HasSubstr("### ❌ spans-dropped: failed"));
  EXPECT_THAT(read(step_summary), HasSubstr("1 passed, 1 failed. Exit code 1."));
  EXPECT_THAT(read(suite / "index.html"), HasSubstr("02-spans-dropped/report.json"));

  for (const char* run : {"01-logging-flow", "02-spans-dropped"}) {
    ASSERT_TRUE(fs::exists(suite / run / "report.json")) << run;
    const auto id = run_id_of(suite / run);
    ASSERT_FALSE(id.empty()) << run;
    EXPECT_THAT(labelled_leftovers(id), IsEmpty()) << run;
  }
}

// Ctrl-C reaches the suite alone (each run has its own process group); the suite passes
// it on, every run tears its stack down, and nothing of either run is left.
TEST(Suite, CtrlCStopsEveryRunAndLeavesNothing) {
  namespace bp = boost::process;
  const auto root = fresh_report_root("suite-interrupted");
  bp::child suite_process(
      bp::exe = UNBROKEN_BIN,
      bp::args = {"run", "--images", "offline", "--jobs", "2", "--report-dir", root.string(),
                  source("scenarios/integration/logging-flow.yaml"),
                  source("scenarios/chaos/loki-stop.yaml")},
      bp::std_out > (root / "suite.log").string(), bp::std_err > bp::null);
  fs::path suite;
  const auto both_loading = [&] {
    if (suite.empty()) suite = suite_dir_in(root);
    if (suite.empty()) return false;
    for (const char* run : {"01-logging-flow", "02-loki-stop"}) {
      if (read(suite / run / "console.log").find("load started") == std::string::npos) return false;
    }
    return true;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(150);
  while (!both_loading() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  ASSERT_TRUE(both_loading()) << read(root / "suite.log");
  ::kill(suite_process.id(), SIGINT);
  suite_process.wait();
  EXPECT_EQ(suite_process.exit_code(), 130) << read(root / "suite.log");

  for (const char* run : {"01-logging-flow", "02-loki-stop"}) {
    const auto report = nlohmann::json::parse(read(suite / run / "report.json"), nullptr, false);
    EXPECT_EQ(report.value("status", ""), "interrupted") << run;
    const auto id = run_id_of(suite / run);
    ASSERT_FALSE(id.empty()) << run;
    EXPECT_THAT(leftovers_after(id, std::chrono::seconds(30)), IsEmpty()) << run;
  }
  EXPECT_THAT(read(suite / "summary.md"), HasSubstr("2 interrupted. Exit code 130."));
}

// The stress test (label stress, run apart: ctest --preset stress) and its control: the
// same shipped scenarios far past what this machine holds at once, and then at the
// suite's default concurrency.
const std::vector<std::string> kStressScenarios{
    "scenarios/integration/health-checks.yaml",   "scenarios/integration/end-to-end.yaml",
    "scenarios/integration/logging-flow.yaml",    "scenarios/integration/metrics-flow.yaml",
    "scenarios/chaos/prometheus-recovery.yaml",   "scenarios/chaos/loki-recovery.yaml",
    "scenarios/chaos/service-kill.yaml",          "scenarios/chaos/prometheus-pause.yaml",
    "scenarios/chaos/alert-on-service-kill.yaml", "scenarios/chaos/grafana-recovery.yaml"};

struct SuiteOutcome {
  ProcessResult process;
  fs::path suite;
  std::vector<nlohmann::json> reports;  // each run's report.json, in order
};

SuiteOutcome run_stress_suite(const std::string& name, std::optional<int> jobs) {
  const auto root = fresh_report_root(name);
  std::vector<std::string> argv{UNBROKEN_BIN, "run",          "--images",
                                "offline",    "--report-dir", root.string()};
  if (jobs) argv.insert(argv.end(), {"--jobs", std::to_string(*jobs)});
  for (const auto& scenario : kStressScenarios) argv.push_back(source(scenario));
  BoostProcessRunner runner;
  SuiteOutcome outcome{runner.run({argv, {}, Millis(840'000)}), {}, {}};
  outcome.suite = suite_dir_in(root);
  if (outcome.suite.empty()) return outcome;
  for (const auto& entry : fs::directory_iterator(outcome.suite)) {
    if (!fs::exists(entry.path() / "report.json")) continue;
    outcome.reports.push_back(
        nlohmann::json::parse(read(entry.path() / "report.json"), nullptr, false));
    const auto id = run_id_of(entry.path());
    EXPECT_FALSE(id.empty()) << entry.path();
    EXPECT_THAT(leftovers_after(id, kReapBound), IsEmpty()) << entry.path();
  }
  return outcome;
}

// Ten runs at once on a machine whose default is two per core: the harness may lose its
// ability to observe, and must then say so — inconclusive, with the pressure it saw in the
// run's self-observation — but never fail a system it could not watch, nor error.
TEST(Stress, ManyRunsPastWhatTheMachineHoldsAreNeverFailedOrErrored) {
  const auto outcome = run_stress_suite("stress", static_cast<int>(kStressScenarios.size()));
  ASSERT_EQ(outcome.reports.size(), kStressScenarios.size()) << outcome.process.out;
  for (const auto& report : outcome.reports) {
    const auto scenario = report["scenario"].value("name", "?");
    for (const auto& v : report["verdicts"]) {
      const auto status = v.value("status", "");
      EXPECT_TRUE(status == "passed" || status == "inconclusive")
          << scenario << ": " << v.value("check", "") << " " << status << ": "
          << v.value("reason", "");
    }
    if (report.value("status", "") == "inconclusive") {
      // The reader can see why: the host's pressure was recorded at its peak.
      const auto& peak = report["self_observation"]["host_peak"];
      EXPECT_TRUE(peak.contains("load1") || peak.contains("cpu_waiting_percent"))
          << scenario << ": " << report["self_observation"].dump();
    }
  }
  // The suite's last line, for the figures: where its summary is.
  const auto& out = outcome.process.out;
  const auto last = out.rfind("suite:");
  std::cout << out.substr(last == std::string::npos ? 0 : last) << std::flush;
}

// The control: the same scenarios at the suite's default concurrency all pass.
TEST(Stress, TheSameRunsAtTheDefaultConcurrencyAllPass) {
  const auto outcome = run_stress_suite("stress-control", std::nullopt);
  EXPECT_EQ(outcome.process.exit_code, 0) << outcome.process.out;
  ASSERT_EQ(outcome.reports.size(), kStressScenarios.size()) << outcome.process.out;
  for (const auto& report : outcome.reports) {
    EXPECT_EQ(report.value("status", ""), "passed") << report["scenario"].value("name", "?");
  }
  EXPECT_THAT(outcome.process.out, HasSubstr("a further run starts only while CPU pressure"));
}

}  // namespace
}  // namespace unbroken::e2e
