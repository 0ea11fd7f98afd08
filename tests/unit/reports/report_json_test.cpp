#include "harness/reports/report_json.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

TEST(ReportJson, AFaultWindowSaysWhetherItWasVerifiedAndWhatItActedOn) {
  RunRecord record;
  record.scenario_file = "scenarios/chaos/slow-link.yaml";
  record.report_dir = "reports/run";
  const auto t0 = TimePoint(std::chrono::seconds(1'795'000'000));
  record.windows.push_back({"latency on the proxied path to loki", "loki", t0,
                            t0 + std::chrono::seconds(10), true, true, "faultproxy->loki"});
  record.windows.push_back(
      {"kill orders", "orders", t0, t0 + std::chrono::seconds(5), false, false, ""});
  const auto doc = report_json(record);
  ASSERT_EQ(doc["fault_windows"].size(), 2u);
  EXPECT_EQ(doc["fault_windows"][0]["verified"], true);
  EXPECT_EQ(doc["fault_windows"][0]["acted_on"], "faultproxy->loki");
  EXPECT_EQ(doc["fault_windows"][1]["verified"], false);
  EXPECT_EQ(doc["fault_windows"][1]["acted_on"], "orders");
}

// Every report says what each backend ran, and whether that was a stand-in or the real one.
TEST(ReportJson, EachBackendSaysWhetherItWasTheRealSystemOrAStandIn) {
  RunRecord record;
  record.scenario_file = "scenarios/chaos/loki-stop.yaml";
  record.harness_version = "0.1.0";
  record.engine = {"docker", "20.10.24", "docker-compose 1.29.2"};
  record.service_images["loki"] = {"unbroken.invalid/loki-standin:offline", "sha256:eb25", "loki"};
  record.service_images["prometheus"] = {"unbroken.invalid/prometheus:offline", "sha256:d243", ""};
  record.backends = {{"loki", "loki"}, {"prometheus", "prometheus"}, {"jaeger", "jaeger"}};
  const auto doc = report_json(record);
  EXPECT_EQ(doc["harness"]["version"], "0.1.0");
  EXPECT_EQ(doc["engine"]["name"], "docker");
  EXPECT_EQ(doc["services"]["loki"]["image_id"], "sha256:eb25");
  EXPECT_EQ(doc["services"]["loki"]["stand_in_for"], "loki");
  EXPECT_TRUE(doc["services"]["prometheus"]["stand_in_for"].is_null());
  EXPECT_EQ(doc["backends"]["loki"]["stand_in"], true);
  EXPECT_EQ(doc["backends"]["prometheus"]["stand_in"], false);
  EXPECT_EQ(doc["backends"]["prometheus"]["image"], "unbroken.invalid/prometheus:offline");
  // A backend whose container was never seen is neither real nor a stand-in: unknown.
  EXPECT_TRUE(doc["backends"]["jaeger"]["stand_in"].is_null());
}

// A report carries what is needed to replay and to draw the run: the scenario as written,
// and the load's outcomes per second from its start.
TEST(ReportJson, CarriesTheScenarioTextAndTheLoadPerSecond) {
  RunRecord record;
  record.scenario_file = "scenarios/chaos/loki-stop.yaml";
  record.scenario_text = "name: loki-stop\n";
  record.load_started = TimePoint(std::chrono::seconds(1'795'000'000));
  record.load_per_second = {{0, 50, 49, 1, 0}, {1, 50, 50, 0, 0}};
  const auto doc = report_json(record);
  EXPECT_EQ(doc["scenario"]["text"], "name: loki-stop\n");
  EXPECT_EQ(doc["load"]["started_at"], "2026-11-18T11:06:40.000Z");
  EXPECT_EQ(doc["load"]["per_second"], nlohmann::json::parse("[[0,50,49,1,0],[1,50,50,0,0]]"));
}

}  // namespace
}  // namespace unbroken
