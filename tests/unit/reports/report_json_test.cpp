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

}  // namespace
}  // namespace unbroken
