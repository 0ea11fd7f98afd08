// ItemReport: losses that a declared fault on the path excuses are named with it, duplicated
// and broken items never are, and the report counts items, not reasons: one trace with two things
// wrong is one incomplete trace, and it is excused only when every one of its reasons is (a loss
// never passes because a second, excused reason joined it).
#include "harness/checks/item_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace unbroken {
namespace {

using std::chrono::seconds;
using ::testing::HasSubstr;

const TimePoint kT0 = TimePoint(seconds(1'795'000'000));
const std::vector<FaultWindow> kWindows{
    {"kill inventory with SIGKILL", "inventory", {}, {}, true, true, "inventory"}};

FaultWindow window(const std::string& target, int from_s, int to_s) {
  return {"kill " + target, target, kT0 + seconds(from_s), kT0 + seconds(to_s), true, true, ""};
}

ItemProblem incomplete(const std::string& detail, bool excused) {
  Attribution a{"spans of inventory", std::nullopt, std::nullopt};
  if (excused) a.excused_by = 0;
  return {"incomplete", "seq 7 (trace 4bf9)", detail, {}, a};
}

TEST(ItemReport, TwoReasonsOfOneItemCountOnceWithBothDetails) {
  ItemReport report;
  report.add(incomplete("no inventory span", false));
  report.add(incomplete("2 spans where at least 3", false));
  EXPECT_EQ(report.unexcused(LossPolicy{}), 1u);
  const auto doc = report.to_json(kWindows, LossPolicy{});
  EXPECT_EQ(doc["incomplete"]["count"], 1);
  EXPECT_EQ(doc["incomplete"]["first"][0]["detail"], "no inventory span; 2 spans where at least 3");
  EXPECT_THAT(report.summary(kWindows, LossPolicy{}), HasSubstr("1 incomplete"));
}

TEST(ItemReport, AnItemIsExcusedWhenEveryReasonIs) {
  ItemReport report;
  report.add(incomplete("no inventory span", true));
  report.add(incomplete("2 spans where at least 3", true));
  EXPECT_EQ(report.unexcused(LossPolicy{}), 0u);
}

TEST(ItemReport, OneUnexcusedReasonLeavesTheItemUnexcusedWhicheverComesFirst) {
  ItemReport excused_first;
  excused_first.add(incomplete("no inventory span", true));
  excused_first.add(incomplete("2 spans where at least 3", false));
  EXPECT_EQ(excused_first.unexcused(LossPolicy{}), 1u);
  ItemReport unexcused_first;
  unexcused_first.add(incomplete("2 spans where at least 3", false));
  unexcused_first.add(incomplete("no inventory span", true));
  EXPECT_EQ(unexcused_first.unexcused(LossPolicy{}), 1u);
}

TEST(ItemReport, ProblemsOfDifferentKindsOrItemsStaySeparate) {
  ItemReport report;
  report.add(incomplete("no inventory span", false));
  report.add({"broken", "seq 7 (trace 4bf9)", "parent unresolved", {}, {}});
  report.add({"incomplete", "seq 8 (trace 5ca0)", "no inventory span", {}, {}});
  EXPECT_EQ(report.unexcused(LossPolicy{}), 3u);
}

Attribution excused_by_window_0() {
  return {"logs of orders", 0, std::nullopt};
}
Attribution unexcused() {
  return {"logs of orders", std::nullopt, std::nullopt};
}

TEST(ItemReport, NamesTheFaultThatExcusedEveryProblemOfAKind) {
  const std::vector<FaultWindow> w{window("orders", 10, 20)};
  ItemReport report;
  EXPECT_EQ(report.summary(w, LossPolicy{}), "nothing missing");
  report.add({"lost", "orders seq 1", "not in Loki", kT0, excused_by_window_0()});
  report.add({"lost", "orders seq 2", "not in Loki", kT0, excused_by_window_0()});
  EXPECT_EQ(report.summary(w, LossPolicy{}), "2 lost (all excused: 2 by kill orders)");
  EXPECT_EQ(report.unexcused(LossPolicy{}), 0u);
}

TEST(ItemReport, DuplicatesAndBrokenItemsAreNeverExcusedEvenInsideAWindow) {
  const std::vector<FaultWindow> w{window("orders", 10, 20)};
  ItemReport report;
  report.add({"lost", "orders seq 1", "not in Loki", kT0, excused_by_window_0()});
  report.add({"duplicated", "orders seq 2", "stored 2 times", kT0, excused_by_window_0()});
  report.add({"broken", "orders seq 4", "names trace ab", kT0, excused_by_window_0()});
  report.add({"lost", "orders seq 3", "not in Loki", kT0, unexcused()});
  LossPolicy policy;
  EXPECT_EQ(report.unexcused(policy), 3u);
  EXPECT_EQ(report.summary(w, policy),
            "2 lost (1 excused: 1 by kill orders; 1 unexpected, e.g. orders seq 3: unexpected: "
            "no declared, verified fault on its path (logs of orders) reaches it), 1 broken (1 "
            "unexpected, e.g. orders seq 4: never excused), 1 duplicated (1 unexpected, e.g. "
            "orders seq 2: never excused)");
  policy.allow_loss_in_windows = false;
  EXPECT_EQ(report.unexcused(policy), 4u);
  const auto doc = report.to_json(w, policy);
  EXPECT_EQ(doc["lost"]["count"], 2);
  EXPECT_EQ(doc["lost"]["first"][0]["fault_window"], "kill orders");
  EXPECT_EQ(doc["duplicated"]["first"][0]["excused"], false);
}

TEST(ItemReport, CountsEveryItemButListsOnlyTheFirstOfEachKind) {
  const std::vector<FaultWindow> w{window("orders", 10, 20)};
  ItemReport report;
  for (int seq = 0; seq < 10'000; ++seq) {
    report.add({"lost", "orders seq " + std::to_string(seq), "not in Loki", kT0,
                seq % 2 ? unexcused() : excused_by_window_0()});
  }
  EXPECT_EQ(report.unexcused(LossPolicy{}), 5'000u);
  const auto doc = report.to_json(w, LossPolicy{});
  EXPECT_EQ(doc["lost"]["count"], 10'000);
  EXPECT_EQ(doc["lost"]["excused"], 5'000);
  ASSERT_EQ(doc["lost"]["first"].size(), ItemReport::kListed);
  EXPECT_EQ(doc["lost"]["first"][0]["item"], "orders seq 0");
  EXPECT_EQ(report.summary(w, LossPolicy{}),
            "10000 lost (5000 excused: 5000 by kill orders; 5000 unexpected, e.g. orders seq 1: "
            "unexpected: no declared, verified fault on its path (logs of orders) reaches it)");
}

TEST(ItemReport, TheSameItemAddedAgainAfterAnotherCountsAgain) {
  ItemReport report;
  report.add(incomplete("no inventory span", false));
  report.add({"incomplete", "seq 8 (trace 5ca0)", "no inventory span", {}, {}});
  report.add(incomplete("2 spans where at least 3", false));
  EXPECT_EQ(report.unexcused(LossPolicy{}), 3u);
}

TEST(ItemReport, AnUnknownKindIsRefused) {
  ItemReport report;
  EXPECT_THROW(report.add({"misplaced", "seq 1", "", {}, {}}), std::invalid_argument);
  EXPECT_TRUE(report.empty());
}

}  // namespace
}  // namespace unbroken
