#include "harness/checks/loss_attribution.h"

#include <gtest/gtest.h>

#include "harness/checks/item_report.h"

namespace unbroken {
namespace {

const TimePoint kT0 = TimePoint(std::chrono::seconds(1'795'000'000));

LossPolicy policy_with(Millis recovery_allowance, Millis buffer_allowance = Millis(0)) {
  LossPolicy policy;
  policy.recovery_allowance = recovery_allowance;
  policy.buffer_allowance = buffer_allowance;
  return policy;
}

std::vector<FaultWindow> one_window(bool declared = true) {
  return {{"kill jaeger with SIGKILL", "jaeger", kT0 + std::chrono::seconds(10),
           kT0 + std::chrono::seconds(20), declared}};
}

TEST(LossAttribution, AnItemSentInsideTheWindowOrItsAllowanceIsExcused) {
  const auto w = one_window();
  EXPECT_EQ(excusing_window(kT0 + std::chrono::seconds(15), w, policy_with(Millis(5000))), 0u);
  EXPECT_EQ(excusing_window(kT0 + std::chrono::seconds(24), w, policy_with(Millis(5000))), 0u);
  EXPECT_FALSE(excusing_window(kT0 + std::chrono::seconds(26), w, policy_with(Millis(5000))));
  EXPECT_FALSE(excusing_window(kT0 + std::chrono::seconds(9), w, policy_with(Millis(5000))));
  EXPECT_FALSE(excusing_window(kT0 + std::chrono::seconds(15), one_window(false),
                               policy_with(Millis(5000))));
}

TEST(LossAttribution, TheBufferAllowanceExcusesWhatWasSentJustBeforeTheFault) {
  const auto w = one_window();
  const auto policy = policy_with(Millis(5000), Millis(1000));
  EXPECT_EQ(excusing_window(kT0 + std::chrono::milliseconds(9'200), w, policy), 0u);
  EXPECT_FALSE(excusing_window(kT0 + std::chrono::milliseconds(8'900), w, policy));
}

TEST(LossAttribution, AfterHealJudgesOnlyRequestsSentAfterTheHealAndAllowance) {
  RequestLedger ledger("run");
  ledger.plan(3);
  const int offsets[] = {5, 22, 30};
  for (std::uint64_t seq = 0; seq < 3; ++seq) {
    ledger.record_sent(seq, kT0 + std::chrono::seconds(offsets[seq]));
    ledger.record_success(seq);
  }
  LossPolicy policy;
  policy.recovery_allowance = Millis(5000);
  policy.backend = "jaeger";
  EXPECT_EQ(judged_requests(ledger, one_window(), policy).size(), 3u);
  policy.judge_after_heal_only = true;
  const auto judged = judged_requests(ledger, one_window(), policy);
  ASSERT_EQ(judged.size(), 1u);
  EXPECT_EQ(judged[0]->seq, 2u);
  // A fault on another service does not move the line: Loki's heal says nothing of Jaeger.
  policy.backend = "loki";
  EXPECT_EQ(judged_requests(ledger, one_window(), policy).size(), 3u);
}

TEST(LossAttribution, OnlySucceededRequestsAreJudged) {
  RequestLedger ledger("run");
  ledger.plan(2);
  ledger.record_sent(0, kT0);
  ledger.record_rejected(0, "HTTP 502");
  ledger.record_sent(1, kT0);
  ledger.record_success(1);
  EXPECT_EQ(judged_requests(ledger, {}, LossPolicy{}).size(), 1u);
}

TEST(ItemReport, SaysWhenEveryProblemOfAKindIsExcused) {
  ItemReport report;
  EXPECT_EQ(report.summary(LossPolicy{}), "nothing missing");
  report.add({"lost", "orders seq 1", "not in Loki", kT0, 0});
  report.add({"lost", "orders seq 2", "not in Loki", kT0, 0});
  EXPECT_EQ(report.summary(LossPolicy{}), "2 lost (all inside fault windows: excused)");
}

TEST(ItemReport, WindowsExcuseLossesButNeverDuplicates) {
  ItemReport report;
  report.add({"lost", "orders seq 1", "not in Loki", kT0, 0});
  report.add({"duplicated", "orders seq 2", "stored 2 times", kT0, 0});
  report.add({"lost", "orders seq 3", "not in Loki", kT0, std::nullopt});
  LossPolicy policy;
  EXPECT_EQ(report.unexcused(policy), 2u);
  EXPECT_EQ(report.summary(policy), "2 lost (1 inside fault windows), 1 duplicated");
  policy.allow_loss_in_windows = false;
  EXPECT_EQ(report.unexcused(policy), 3u);
  const auto json = report.to_json(one_window(), policy);
  EXPECT_EQ(json["lost"]["count"], 2);
  EXPECT_EQ(json["lost"]["outside_fault_windows"], 1);
  EXPECT_EQ(json["lost"]["first"][0]["fault_window"], "kill jaeger with SIGKILL");
}

TEST(LossPolicy, RejectsUnknownValuesAtTheirLocation) {
  Params params(SourceLocation{"s.yaml", 3, 5});
  params.set("judge", {"sometimes", SourceLocation{"s.yaml", 4, 12}});
  EXPECT_THROW(LossPolicy::from(params, "loki"), ConfigError);
}

}  // namespace
}  // namespace unbroken
