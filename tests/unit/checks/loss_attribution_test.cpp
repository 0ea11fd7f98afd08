// The attribution rules (attribution.h), each beside the case where the verdict flips.
#include "harness/checks/loss_attribution.h"

#include <gtest/gtest.h>

#include "harness/checks/attribution.h"

namespace unbroken {
// Named for this file, not anonymous: the ci preset's unity batches put test files side by
// side, and a name another file defines there would clash.
namespace loss_attribution_test {

using std::chrono::seconds;

const TimePoint kT0 = TimePoint(seconds(1'795'000'000));
const SignalPath kOrdersSpans{"spans of orders",
                              {"orders", "faultproxy", "faultproxy->jaeger", "jaeger"}};
const SignalPath kGatewaySpans{"spans of gateway",
                               {"gateway", "faultproxy", "faultproxy->jaeger", "jaeger"}};
const SignalPath kOrdersLogs{"logs of orders",
                             {"orders", "faultproxy", "faultproxy->loki", "loki"}};

FaultWindow window(const std::string& target, int from_s, int to_s, bool declared = true,
                   bool verified = true, const std::string& site = "") {
  return {"kill " + target, target, kT0 + seconds(from_s), kT0 + seconds(to_s), declared,
          verified,         site};
}

Reach reach(int recover_within_s, int before_ms = 0) {
  return {Millis(before_ms), Millis(recover_within_s * 1000)};
}

TEST(Attribution, ADeclaredVerifiedFaultOnThePathExcusesWhatItsWindowReaches) {
  const std::vector<FaultWindow> w{window("orders", 10, 20)};
  const LossAttributor a(w, reach(5));
  EXPECT_EQ(a.attribute(kOrdersSpans, kT0 + seconds(15)).excused_by, 0u);
  EXPECT_EQ(a.attribute(kOrdersSpans, kT0 + seconds(24)).excused_by, 0u);
  EXPECT_FALSE(a.attribute(kOrdersSpans, kT0 + seconds(26)).excused());
  EXPECT_FALSE(a.attribute(kOrdersSpans, kT0 + seconds(9)).excused());
}

TEST(Attribution, AFaultOffTheItemsPathExcusesNothing) {
  // orders killed: gateway's spans do not pass orders, so their loss is unexpected.
  const std::vector<FaultWindow> w{window("orders", 10, 20)};
  const LossAttributor a(w, reach(5));
  const auto gateway = a.attribute(kGatewaySpans, kT0 + seconds(15));
  EXPECT_FALSE(gateway.excused());
  EXPECT_EQ(gateway.explain(w),
            "unexpected: no declared, verified fault on its path (spans of gateway) reaches it");
  EXPECT_EQ(a.attribute(kOrdersSpans, kT0 + seconds(15)).explain(w),
            "excused by kill orders (on spans of orders)");
}

TEST(Attribution, AProxyLinkFaultExcusesOnlyThePathThroughThatLink) {
  const std::vector<FaultWindow> w{window("loki", 10, 20, true, true, "faultproxy->loki")};
  const LossAttributor a(w, reach(5));
  EXPECT_TRUE(a.attribute(kOrdersLogs, kT0 + seconds(12)).excused());
  EXPECT_FALSE(a.attribute(kOrdersSpans, kT0 + seconds(12)).excused());
}

TEST(Attribution, AnUndeclaredFaultOnThePathMakesALossUnexpectedEvenInADeclaredWindow) {
  // Declared: orders killed 10–20. Undeclared: orders killed again at 22–23, inside the
  // declared window's recovery.
  const std::vector<FaultWindow> both{window("orders", 10, 20), window("orders", 22, 23, false)};
  const auto blamed = LossAttributor(both, reach(15)).attribute(kOrdersSpans, kT0 + seconds(22));
  EXPECT_FALSE(blamed.excused());
  EXPECT_EQ(blamed.blamed_on, 1u);
  EXPECT_EQ(blamed.explain(both),
            "unexpected: undeclared kill orders on its path (spans of orders)");
  const std::vector<FaultWindow> declared_only{both[0]};
  EXPECT_TRUE(LossAttributor(declared_only, reach(15))
                  .attribute(kOrdersSpans, kT0 + seconds(22))
                  .excused());
}

TEST(Attribution, AnUndeclaredFaultOffThePathBlamesNothing) {
  const std::vector<FaultWindow> w{window("orders", 10, 20), window("gateway", 12, 13, false)};
  EXPECT_EQ(LossAttributor(w, reach(5)).attribute(kOrdersSpans, kT0 + seconds(12)).excused_by, 0u);
}

TEST(Attribution, AFaultWhoseEffectWasNotVerifiedExcusesNothing) {
  const std::vector<FaultWindow> unverified{window("orders", 10, 20, true, false)};
  EXPECT_FALSE(
      LossAttributor(unverified, reach(5)).attribute(kOrdersSpans, kT0 + seconds(15)).excused());
  const std::vector<FaultWindow> verified{window("orders", 10, 20, true, true)};
  EXPECT_TRUE(
      LossAttributor(verified, reach(5)).attribute(kOrdersSpans, kT0 + seconds(15)).excused());
}

TEST(Attribution, TheExcuseEndsAtTheFirstSignOfRecoveryOnThatPath) {
  const std::vector<FaultWindow> w{window("orders", 10, 20)};
  LossAttributor a(w, reach(15));
  EXPECT_TRUE(a.attribute(kOrdersSpans, kT0 + seconds(25)).excused());
  a.arrived(kOrdersSpans, kT0 + seconds(23));  // the path works again from 23 s
  EXPECT_TRUE(a.attribute(kOrdersSpans, kT0 + seconds(22)).excused());
  EXPECT_FALSE(a.attribute(kOrdersSpans, kT0 + seconds(25)).excused());
  // Another path's recovery says nothing of this one.
  a.arrived(kOrdersLogs, kT0 + seconds(21));
  EXPECT_TRUE(a.attribute(kOrdersSpans, kT0 + seconds(22)).excused());
  const auto recoveries = a.recoveries();
  ASSERT_EQ(recoveries.size(), 2u);
  EXPECT_EQ(recoveries[1]["path"], "spans of orders");
  EXPECT_DOUBLE_EQ(recoveries[1]["seconds_after_heal"].get<double>(), 3.0);
  EXPECT_TRUE(recoveries[1]["within_bound"].get<bool>());
}

TEST(Attribution, TheBufferAllowanceExcusesWhatWasSentJustBeforeTheFault) {
  const std::vector<FaultWindow> w{window("orders", 10, 20)};
  const LossAttributor a(w, reach(5, 1000));
  EXPECT_TRUE(a.attribute(kOrdersSpans, kT0 + Millis(9'200)).excused());
  EXPECT_FALSE(a.attribute(kOrdersSpans, kT0 + Millis(8'900)).excused());
}

TEST(LossPolicy, AfterHealJudgesOnlyRequestsSentAfterTheHealAndBound) {
  RequestLedger ledger("run");
  ledger.plan(3);
  const int offsets[] = {5, 22, 30};
  for (std::uint64_t seq = 0; seq < 3; ++seq) {
    ledger.record_sent(seq, kT0 + seconds(offsets[seq]));
    ledger.record_success(seq, kT0 + seconds(offsets[seq]));
  }
  const std::vector<FaultWindow> w{window("jaeger", 10, 20)};
  LossPolicy policy;
  policy.reach.recover_within = Millis(5000);
  policy.backend = "jaeger";
  EXPECT_EQ(judged_requests(ledger, w, policy).size(), 3u);
  policy.judge_after_heal_only = true;
  const auto judged = judged_requests(ledger, w, policy);
  ASSERT_EQ(judged.size(), 1u);
  EXPECT_EQ(judged[0]->seq, 2u);
  // A fault on another service does not move the line: Loki's heal says nothing of Jaeger.
  policy.backend = "loki";
  EXPECT_EQ(judged_requests(ledger, w, policy).size(), 3u);
}

// When after_heal leaves nothing to judge, the reason names the heal that set the line and
// how far short of it the load stopped; judging all, it has no line to name.
TEST(LossPolicy, NothingJudgedAfterALateHealSaysWhichHealSetTheLine) {
  RequestLedger ledger("run");
  ledger.plan(1);
  ledger.record_sent(0, kT0 + seconds(30));
  ledger.record_success(0, kT0 + seconds(30));
  const std::vector<FaultWindow> w{window("jaeger", 10, 28)};
  LossPolicy policy;
  policy.reach.recover_within = Millis(10'000);
  policy.backend = "jaeger";
  policy.judge_after_heal_only = true;
  ASSERT_TRUE(judged_requests(ledger, w, policy).empty());
  EXPECT_EQ(why_none_judged(ledger, w, policy),
            "no succeeded request to judge: judge: after_heal counts only requests sent from "
            "2026-11-18T11:07:18.000Z on (kill jaeger: its heal acted at "
            "2026-11-18T11:07:08.000Z, plus recover_within 10s), and the last succeeded request "
            "was sent 8s before that");
  policy.judge_after_heal_only = false;
  EXPECT_EQ(why_none_judged(RequestLedger("empty"), w, policy), "no succeeded request to judge");
}

TEST(LossPolicy, OnlySucceededRequestsAreJudged) {
  RequestLedger ledger("run");
  ledger.plan(2);
  ledger.record_sent(0, kT0);
  ledger.record_rejected(0, "HTTP 502");
  ledger.record_sent(1, kT0);
  ledger.record_success(1, kT0);
  EXPECT_EQ(judged_requests(ledger, {}, LossPolicy{}).size(), 1u);
}

TEST(LossPolicy, RejectsUnknownValuesAtTheirLocation) {
  Params params(SourceLocation{"s.yaml", 3, 5});
  params.set("judge", {"sometimes", SourceLocation{"s.yaml", 4, 12}});
  EXPECT_THROW(LossPolicy::from(params, "loki"), ConfigError);
}

}  // namespace loss_attribution_test
}  // namespace unbroken
