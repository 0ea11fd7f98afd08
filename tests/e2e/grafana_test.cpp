// End-to-end: Grafana in the loop (offline: the project's Grafana stand-in) — a killed
// Grafana comes back with its dashboards, annotations and data sources; the whole stack
// with nothing injected passes every check; health endpoints, the up series and the
// target-down alert agree on an outage; and two defects — Grafana's data directory on a
// tmpfs, and the run's dashboard deleted mid-run — fail grafana.dashboards by name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "harness/runtime/boost_process_runner.h"
#include "tests/e2e/e2e_support.h"

namespace unbroken::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(Grafana, AKilledGrafanaIsBackWithDashboardsAnnotationsAndDataSources) {
  const auto run =
      run_scenario("scenarios/chaos/grafana-recovery.yaml", fresh_report_root("grafana-kill"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  // Its checks read Grafana, which the reference stack starts only when needed (beside it,
  // Flows.TracingFlowPasses leaves it out).
  EXPECT_TRUE(run.report["services"].contains("grafana"));
  EXPECT_EQ(run.report["services_not_started"], nlohmann::json::array({"alertmanager", "webhook"}));
  EXPECT_EQ(verdict(run.report, "grafana.available")["status"], "passed");
  const auto& dashboards = verdict(run.report, "grafana.dashboards");
  EXPECT_EQ(dashboards["status"], "passed") << dashboards.dump(2);
  // One annotation for the one fault window, written with its injection and heal times.
  ASSERT_EQ(dashboards["evidence"]["fault_annotations"].size(), 1u);
  EXPECT_EQ(dashboards["evidence"]["fault_annotations"][0]["annotation_ids"].size(), 1u);
  EXPECT_EQ(dashboards["evidence"]["fault_annotations_not_selected"].size(), 0u);
  EXPECT_EQ(verdict(run.report, "grafana.datasources")["status"], "passed");
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

TEST(Grafana, TheWholeStackWithNothingInjectedPassesEveryCheck) {
  const auto run =
      run_scenario("scenarios/integration/integration.yaml", fresh_report_root("integration"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.report["verdicts"].size(), 8u) << run.out;
  for (const auto& v : run.report["verdicts"]) EXPECT_EQ(v["status"], "passed") << v.dump(2);
}

TEST(Grafana, HealthEndpointsAndMetricsAgreeOnAnOutage) {
  const auto run = run_scenario("scenarios/integration/metrics-health-correlation.yaml",
                                fresh_report_root("correlation"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(verdict(run.report, "health.semantics")["status"], "passed");
  EXPECT_EQ(verdict(run.report, "alerts.fire")["status"], "passed");
}

TEST(Grafana, DataOnATmpfsLosesTheRunsDashboardAndAnnotationOnRestart) {
  const auto run = run_scenario("tests/e2e/scenarios/grafana-data-dropped.yaml",
                                fresh_report_root("grafana-tmpfs"));
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_EQ(verdict(run.report, "grafana.available")["status"], "passed");
  const auto& v = verdict(run.report, "grafana.dashboards");
  EXPECT_EQ(v["status"], "failed");
  EXPECT_THAT(v["reason"].get<std::string>(), HasSubstr("the run's dashboard"));
  EXPECT_THAT(v["reason"].get<std::string>(), HasSubstr("0 'run started' annotation(s)"));
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
}

// Finds the Grafana of the run whose directory appears under `report_root` (by its run id,
// never another run's), waits for the run's own dashboard and deletes it through Grafana's
// API. Returns what happened.
std::string delete_the_runs_dashboard(const std::string& password,
                                      const std::filesystem::path& report_root) {
  BoostProcessRunner docker;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  std::string last = "no run directory yet";  // what the last poll saw, for the failure
  std::string this_run;
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));  // polling a live run
    if (this_run.empty()) this_run = run_id_in(report_root);
    if (this_run.empty()) continue;
    const auto ps = docker.run({{"docker", "ps", "--filter", "label=io.unbroken.run=" + this_run,
                                 "--filter", "label=com.docker.compose.service=grafana", "--format",
                                 "{{.ID}} {{.Label \"io.unbroken.run\"}}"},
                                {},
                                Millis(10'000)});
    const auto space = ps.out.find(' ');
    last = "docker ps exit " + std::to_string(ps.exit_code) + (ps.timed_out ? " (timed out)" : "") +
           ", out '" + ps.out + "', err '" + ps.err + "'";
    if (ps.ok() && space != std::string::npos) {
      const auto container = ps.out.substr(0, space);
      auto run_id = ps.out.substr(space + 1);
      run_id.erase(run_id.find_last_not_of("\r\n ") + 1);
      const auto port = docker.run({{"docker", "port", container, "3000/tcp"}, {}, Millis(10'000)});
      const auto colon = port.out.find(':');
      last = "run " + run_id + ": docker port said '" + port.out + "'";
      if (port.ok() && colon != std::string::npos) {
        httplib::Client grafana("127.0.0.1", std::stoi(port.out.substr(colon + 1)));
        grafana.set_basic_auth("admin", password.c_str());
        const auto path = "/api/dashboards/uid/unbroken-run-" + run_id;
        const auto got = grafana.Get(path.c_str());
        last = "run " + run_id + ": GET " + path + " answered " +
               (got ? std::to_string(got->status) : httplib::to_string(got.error()));
        if (got && got->status == 200) {
          const auto deleted = grafana.Delete(path.c_str());
          return deleted && deleted->status == 200 ? "deleted" : "the DELETE was refused";
        }
      }
    }
  }
  return "the run's dashboard never appeared (last poll: " + last + ")";
}

TEST(Grafana, TheRunsDashboardDeletedMidRunFailsGrafanaDashboards) {
  const std::string password = "e2e-dashboard-deleted";
  ::setenv("UNBROKEN_GRAFANA_ADMIN_PASSWORD", password.c_str(), 1);
  std::string deletion;
  const auto report_root = fresh_report_root("grafana-deleted");
  std::thread deleter([&] { deletion = delete_the_runs_dashboard(password, report_root); });
  const auto run = run_scenario("tests/e2e/scenarios/grafana-dashboard-deleted.yaml", report_root);
  deleter.join();
  ::unsetenv("UNBROKEN_GRAFANA_ADMIN_PASSWORD");
  ASSERT_EQ(deletion, "deleted") << run.out;
  ASSERT_FALSE(run.report.is_null()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const auto& v = verdict(run.report, "grafana.dashboards");
  EXPECT_EQ(v["status"], "failed");
  EXPECT_THAT(v["reason"].get<std::string>(),
              HasSubstr("the run's dashboard 'unbroken-run-" + run.run_id));
  EXPECT_EQ(verdict(run.report, "grafana.datasources")["status"], "passed");
  EXPECT_THAT(labelled_leftovers(run.run_id), IsEmpty());
  // The admin password reached Grafana (the deletion used it) but no file of the report.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(report_root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text.find(password), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace unbroken::e2e
