// grafana.dashboards, grafana.datasources and grafana.available against a fake Grafana
// (and Prometheus) behind the fake transport: each passes on a healthy Grafana and fails,
// naming the reason, on a seeded defect.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "harness/checks/evaluate_check.h"
#include "harness/checks/grafana_available.h"
#include "harness/checks/grafana_dashboards.h"
#include "harness/checks/grafana_datasources.h"
#include "tests/fakes/fake_clock.h"
#include "tests/unit/checks/check_test_support.h"

namespace unbroken {
namespace {

using nlohmann::json;
using testing::FakeHttpTransport;
using ::testing::HasSubstr;
using testing::RecordedRequest;
using testing::spec;

constexpr double kGrafanaT = 1'795'000'000;  // observation starts here; the run id is "test-run"
constexpr std::int64_t kMs = 1000;

// What the fake Grafana holds; tests seed defects by changing it.
struct FakeGrafana {
  int health_status = 200;
  // Set: /api/health gets no answer — refused (true) or timed out (false).
  std::optional<bool> health_unanswered_refused;
  std::set<std::string> dashboards{"unbroken-run", "unbroken-run-test-run"};
  bool dashboard_selects_faults = true;
  std::vector<json> annotations;
  std::size_t samples_through_proxy = 3;
  std::size_t samples_direct = 3;
  bool prometheus_silent = false;  // Prometheus itself (not through Grafana) times out

  FakeHttpTransport transport{[this](const RecordedRequest& r) { return answer(r); }};

  static std::string matrix(std::size_t n) {
    json values = json::array();
    for (std::size_t i = 0; i < n; ++i)
      values.push_back({kGrafanaT + 20 + static_cast<double>(i), "1"});  // after the heal
    json result = json::array();
    if (n > 0) result.push_back({{"metric", {{"job", "gateway"}}}, {"values", values}});
    return json{{"status", "success"}, {"data", {{"resultType", "matrix"}, {"result", result}}}}
        .dump();
  }

  HttpResponse answer(const RecordedRequest& r) {
    if (r.path == "/api/health") {
      if (health_unanswered_refused) {
        throw TransportError(*health_unanswered_refused ? "Connection refused" : "Read timed out",
                             !*health_unanswered_refused);
      }
      return {health_status, R"({"database":"ok"})"};
    }
    if (r.path == "/api/v1/query") {
      if (prometheus_silent) throw TransportError(r.base_url + r.path + ": timed out", true);
      return {200, matrix(samples_direct)};
    }
    if (r.path == "/api/datasources/proxy/uid/unbroken-prometheus/api/v1/query")
      return {200, matrix(samples_through_proxy)};
    if (r.path == "/api/datasources")
      return {200, R"([{"uid":"unbroken-prometheus","name":"Prometheus","type":"prometheus"}])"};
    if (r.path == "/api/datasources/uid/unbroken-prometheus/health")
      return {200, R"({"status":"OK","message":"fine"})"};
    const std::string prefix = "/api/dashboards/uid/";
    if (r.path.rfind(prefix, 0) == 0) {
      const auto uid = r.path.substr(prefix.size());
      if (!dashboards.count(uid)) return {404, R"({"message":"Dashboard not found"})"};
      json tags = dashboard_selects_faults ? json{"unbroken", "fault"} : json{"nothing-matches"};
      json dashboard{
          {"uid", uid},
          {"annotations",
           {{"list", {{{"enable", true}, {"target", {{"type", "tags"}, {"tags", tags}}}}}}}}};
      return {200, json{{"dashboard", dashboard}}.dump()};
    }
    if (r.path == "/api/annotations") {
      json found = json::array();
      for (const auto& a : annotations) {
        bool all = true;
        for (auto [it, end] = r.params.equal_range("tags"); it != end; ++it) {
          const auto& have = a["tags"];
          all = all && std::find(have.begin(), have.end(), it->second) != have.end();
        }
        if (all) found.push_back(a);
      }
      return {200, found.dump()};
    }
    return {404, R"({"message":"Not found"})"};
  }
};

CheckContext grafana_context(FakeGrafana& g, bool with_fault) {
  auto& t = g.transport;
  CheckContext ctx{
      .prometheus = PrometheusClient(t, "http://127.0.0.1:9090"),
      .jaeger = JaegerClient(t, "http://127.0.0.1:16686"),
      .loki = LokiClient(t, "http://127.0.0.1:3100"),
      .webhook = WebhookClient(t, "http://127.0.0.1:8080"),
      .grafana = GrafanaClient(t, "http://127.0.0.1:3000", {}),
      .alertmanager = AlertmanagerClient(t, "http://127.0.0.1:9093"),
      .stack_ready = from_unix_seconds(kGrafanaT - 5),
      .observe_from = from_unix_seconds(kGrafanaT),
      .observe_to = from_unix_seconds(kGrafanaT + 30),
      .now = from_unix_seconds(kGrafanaT + 35),
      .scrape_interval = Millis(1000),
      .http = &t,
      .service_url = [](const std::string& service) { return "http://" + service + ":1"; },
      .run_id = "test-run"};
  if (with_fault) {
    ctx.windows = {{"kill grafana with SIGKILL", "grafana", from_unix_seconds(kGrafanaT + 10),
                    from_unix_seconds(kGrafanaT + 18), true, true}};
  }
  return ctx;
}

// The marks a run writes: "run started", and one region per fault window.
void write_marks(FakeGrafana& g, bool with_fault) {
  const auto t0 = static_cast<std::int64_t>(kGrafanaT) * kMs;
  g.annotations.push_back({{"id", 1},
                           {"time", t0},
                           {"timeEnd", t0},
                           {"tags", {"unbroken", "run-started", "run:test-run"}}});
  if (with_fault) {
    g.annotations.push_back({{"id", 2},
                             {"time", t0 + 10 * kMs},
                             {"timeEnd", t0 + 18 * kMs},
                             {"tags", {"unbroken", "fault", "run:test-run", "target:grafana"}}});
  }
}

TEST(GrafanaDashboards, PassesWhenDashboardsAndOneAnnotationPerWindowAreThere) {
  FakeGrafana g;
  write_marks(g, true);
  GrafanaDashboards check(spec("grafana.dashboards", {}), reference_system());
  const auto v = check.evaluate(grafana_context(g, true));
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
}

TEST(GrafanaDashboards, FailsWhenTheRunsDashboardWasDeleted) {
  FakeGrafana g;
  write_marks(g, true);
  g.dashboards.erase("unbroken-run-test-run");
  GrafanaDashboards check(spec("grafana.dashboards", {}), reference_system());
  const auto v = check.evaluate(grafana_context(g, true));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("the run's dashboard 'unbroken-run-test-run'"));
}

TEST(GrafanaDashboards, FailsWhenAFaultWindowHasNoAnnotationOrTwo) {
  FakeGrafana g;
  write_marks(g, false);  // the fault's annotation never written
  GrafanaDashboards check(spec("grafana.dashboards", {}), reference_system());
  auto v = check.evaluate(grafana_context(g, true));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("0 annotation(s) for the fault window"));

  FakeGrafana twice;
  write_marks(twice, true);
  auto copy = twice.annotations.back();
  copy["id"] = 3;
  twice.annotations.push_back(copy);
  v = check.evaluate(grafana_context(twice, true));
  EXPECT_THAT(v.reason, HasSubstr("2 annotation(s) for the fault window"));
}

TEST(GrafanaDashboards, FailsWhenTheDashboardsAnnotationQueryMissesTheFaults) {
  FakeGrafana g;
  write_marks(g, true);
  g.dashboard_selects_faults = false;
  GrafanaDashboards check(spec("grafana.dashboards", {}), reference_system());
  const auto v = check.evaluate(grafana_context(g, true));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("does not select 1 fault annotation(s)"));
}

TEST(GrafanaDashboards, FailsWhenTheRunStartedAnnotationWasLost) {
  FakeGrafana g;
  write_marks(g, true);
  g.annotations.erase(g.annotations.begin());
  GrafanaDashboards check(spec("grafana.dashboards", {}), reference_system());
  const auto v = check.evaluate(grafana_context(g, true));
  EXPECT_THAT(v.reason, HasSubstr("0 'run started' annotation(s)"));
}

// A system whose Grafana provisions no run dashboard (as a user's usually does not).
System without_run_dashboard() {
  auto system = reference_system();
  system.backends.grafana->run_dashboard.reset();
  return system;
}

TEST(GrafanaDashboards, NeedsItsDashboardsWhenTheSystemHasNoRunDashboard) {
  try {
    GrafanaDashboards check(spec("grafana.dashboards", {}), without_run_dashboard());
    FAIL() << "a check with nothing to look for was accepted";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("needs 'dashboards'"));
    EXPECT_THAT(e.what(), HasSubstr("declares no grafana run_dashboard"));
  }
}

TEST(GrafanaDashboards, WithoutARunDashboardNoRunCopyIsExpected) {
  FakeGrafana g;
  write_marks(g, true);
  g.dashboards.erase("unbroken-run-test-run");
  GrafanaDashboards check(spec("grafana.dashboards", {{"dashboards", "unbroken-run"}}),
                          without_run_dashboard());
  const auto v = check.evaluate(grafana_context(g, true));
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_FALSE(v.evidence["dashboards"].contains("unbroken-run-test-run"));
}

TEST(GrafanaDatasources, PassesWhenTheProxyReturnsWhatPrometheusHolds) {
  FakeGrafana g;
  GrafanaDatasources check(spec("grafana.datasources", {{"datasources", "unbroken-prometheus"}}),
                           reference_system());
  const auto v = check.evaluate(grafana_context(g, true));
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  // The query went through Grafana's proxy, with credentials.
  const auto requests = g.transport.requests();
  EXPECT_TRUE(std::any_of(requests.begin(), requests.end(), [](const RecordedRequest& r) {
    return r.path.find("/api/datasources/proxy/uid/unbroken-prometheus") == 0 &&
           r.headers.count("Authorization") == 1;
  }));
}

TEST(GrafanaDatasources, FailsWhenTheProxyReturnsNothingOrLessThanPrometheus) {
  FakeGrafana g;
  g.samples_through_proxy = 0;
  GrafanaDatasources check(spec("grafana.datasources", {{"datasources", "unbroken-prometheus"}}),
                           reference_system());
  auto v = check.evaluate(grafana_context(g, true));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("no sample of up{job=\"gateway\"} through Grafana"));
  g.samples_through_proxy = 2;
  v = check.evaluate(grafana_context(g, true));
  EXPECT_THAT(v.reason, HasSubstr("2 samples of up{job=\"gateway\"} through Grafana, 3 from"));
}

// Beside it: a heal that acted as the load ended (a busy engine took 15 s to start Grafana
// again) leaves a range in which Prometheus itself holds no sample. Grafana returning none
// is then no fault of Grafana's: nothing to judge, naming the heal and the range.
TEST(GrafanaDatasources, NothingInTheSourceItselfAfterTheHealIsInconclusiveNotFailed) {
  FakeGrafana g;
  g.samples_through_proxy = 0;
  g.samples_direct = 0;
  GrafanaDatasources check(spec("grafana.datasources", {{"datasources", "unbroken-prometheus"}}),
                           reference_system());
  auto ctx = grafana_context(g, true);
  ctx.windows.front().end = ctx.observe_to - Millis(200);
  const auto v = check.evaluate(ctx);
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("nothing to read through Grafana after the last heal (kill "
                                  "grafana with SIGKILL: it acted at"));
  EXPECT_THAT(v.reason, HasSubstr("200ms before the observation ended"));
  EXPECT_THAT(v.reason, HasSubstr("'unbroken-prometheus': Prometheus itself has no sample of "
                                  "up{job=\"gateway\"}"));
}

// And a Prometheus that does not answer the direct question is no evidence against
// Grafana: inconclusive, naming the question, where Grafana's proxy still answers.
TEST(GrafanaDatasources, APrometheusThatDoesNotAnswerIsInconclusiveNotFailed) {
  FakeGrafana g;
  g.prometheus_silent = true;
  GrafanaDatasources check(spec("grafana.datasources", {{"datasources", "unbroken-prometheus"}}),
                           reference_system());
  testing::FakeClock clock;
  const auto v = evaluate_check(check, grafana_context(g, true), clock);
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("could not look: Prometheus, /api/v1/query up{job=\"gateway\"}"));
}

TEST(GrafanaDatasources, FailsWhenAProvisionedDataSourceIsMissing) {
  FakeGrafana g;
  GrafanaDatasources check(
      spec("grafana.datasources",
           {{"datasources", "unbroken-prometheus,unbroken-loki,unbroken-jaeger"}}),
      reference_system());
  const auto v = check.evaluate(grafana_context(g, false));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("data source 'unbroken-loki' is not in Grafana"));
}

TEST(GrafanaAvailable, PassesWhenGrafanaIsHealthyAndNoFaultTargetedIt) {
  FakeGrafana g;
  GrafanaAvailable check(spec("grafana.available", {}), reference_system());
  const auto v = check.evaluate(grafana_context(g, false));
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("no fault targeted Grafana"));
}

TEST(GrafanaAvailable, FailsWhenGrafanaIsUnhealthyAtTheEnd) {
  FakeGrafana g;
  g.health_status = 503;
  GrafanaAvailable check(spec("grafana.available", {}), reference_system());
  const auto v = check.evaluate(grafana_context(g, false));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("answers 503"));
}

TEST(GrafanaAvailable, FailsWhenAGrafanaFaultWasNeverSeenRecovered) {
  FakeGrafana g;
  GrafanaAvailable check(spec("grafana.available", {}), reference_system());
  // The heal hook never ran (Grafana never came back): the window is unrecovered.
  const auto v = check.evaluate(grafana_context(g, true));
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("was not healthy within 30s"));
}

// No answer is not an answer: a /api/health that timed out at the end says nothing about
// Grafana, and the reason quotes the host's pressure; beside it, a refused connection
// (nothing listens) fails.
TEST(GrafanaAvailable, AHealthProbeThatTimedOutAtTheEndIsInconclusive) {
  FakeGrafana g;
  g.health_unanswered_refused = false;
  GrafanaAvailable check(spec("grafana.available", {}), reference_system());
  auto ctx = grafana_context(g, false);
  ctx.host_pressure = [] {
    return HostPressure{.load1 = 9.0, .cores = 2, .cpu_waiting_percent = 70};
  };
  const auto v = check.evaluate(ctx);
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("gave no answer at the end of the run: Read timed out"));
  EXPECT_THAT(v.reason, HasSubstr("host load 9.0 on 2 cores, CPU pressure 70%"));
}

TEST(GrafanaAvailable, AGrafanaThatRefusesConnectionsAtTheEndFails) {
  FakeGrafana g;
  g.health_unanswered_refused = true;
  GrafanaAvailable check(spec("grafana.available", {}), reference_system());
  const auto v = check.evaluate(grafana_context(g, false));
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("refuses connections at the end of the run"));
}

// After a Grafana fault: every probe timing out leaves the window unobserved, not failed;
// every probe refused is a Grafana that did not come back.
TEST(GrafanaAvailable, ProbesAfterTheHealThatAllTimedOutAreInconclusive) {
  for (const bool refused : {false, true}) {
    FakeGrafana g;
    testing::FakeClock clock;
    GrafanaAvailable check(spec("grafana.available", {}), reference_system());
    auto ctx = grafana_context(g, true);
    ctx.clock = &clock;
    g.health_unanswered_refused = refused;
    check.on_fault_healed(ctx, "grafana");
    g.health_unanswered_refused.reset();  // answers again by the end
    const auto v = check.evaluate(ctx);
    if (refused) {
      EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
      EXPECT_THAT(v.reason, HasSubstr("was not healthy within 30s"));
    } else {
      EXPECT_EQ(v.status, VerdictStatus::kInconclusive) << v.reason;
      EXPECT_THAT(v.reason, HasSubstr("no probe of /api/health got an answer within 30s"));
    }
  }
}

}  // namespace
}  // namespace unbroken
