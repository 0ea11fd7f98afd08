#include "harness/checks/load_evidence.h"

#include <gtest/gtest.h>

namespace unbroken {
namespace {

using std::chrono::seconds;

const TimePoint kLoadT0 = TimePoint(seconds(1'795'000'000));

// 100 requests, one a second from kLoadT0; those in [fail_from, fail_to) fail.
void fill(RequestLedger& ledger, std::uint64_t fail_from, std::uint64_t fail_to) {
  ledger.plan(100);
  for (std::uint64_t seq = 0; seq < 100; ++seq) {
    ledger.record_sent(seq, kLoadT0 + seconds(seq));
    if (seq >= fail_from && seq < fail_to) {
      ledger.record_rejected(seq, "HTTP 502");
    } else {
      ledger.record_success(seq, kLoadT0 + seconds(seq));
    }
  }
}

// `sends` sends, the last `late` of them `late_by` behind schedule and the others 40 ms.
LoadStats schedule(int sends, int late, Millis late_by) {
  LoadStats stats;
  for (int i = 0; i < sends; ++i) stats.lateness.record(i < sends - late ? Millis(40) : late_by);
  stats.max_lateness = late > 0 ? late_by : Millis(40);
  return stats;
}

const LoadStats kOnSchedule = schedule(100, 0, Millis(0));

const std::vector<FaultWindow> kWindow{
    {"kill orders", "orders", kLoadT0 + seconds(20), kLoadT0 + seconds(30), true, true}};

TEST(LoadEvidence, FailuresInsideFaultWindowsLeaveTheEvidenceIntact) {
  RequestLedger ledger;
  fill(ledger, 20, 40);
  EXPECT_FALSE(judge_load(ledger, kOnSchedule, kWindow, Millis(15'000)));
}

TEST(LoadEvidence, TooFewSuccessesOutsideFaultWindowsIsInconclusive) {
  // Requests 50–79 fail, after the window and its recovery (20 s–45 s): 30 of the 74 outside.
  RequestLedger ledger;
  fill(ledger, 50, 80);
  const auto verdict = judge_load(ledger, kOnSchedule, kWindow, Millis(15'000));
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->status, VerdictStatus::kInconclusive);
  EXPECT_NE(verdict->reason.find("only 44 of 74 requests sent outside fault windows succeeded"),
            std::string::npos)
      << verdict->reason;
}

TEST(LoadEvidence, NothingSucceededIsInconclusive) {
  RequestLedger ledger;
  fill(ledger, 0, 100);
  const auto verdict = judge_load(ledger, kOnSchedule, {}, Millis(15'000));
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->status, VerdictStatus::kInconclusive);
  EXPECT_NE(verdict->reason.find("no request succeeded"), std::string::npos);
}

TEST(LoadEvidence, ADriverFarBehindItsScheduleIsInconclusiveNamingTheBound) {
  RequestLedger ledger;
  fill(ledger, 100, 100);
  const auto behind = schedule(100, 2, Millis(3'200));
  const auto verdict = judge_load(ledger, behind, {}, Millis(15'000));
  ASSERT_TRUE(verdict);
  EXPECT_EQ(verdict->status, VerdictStatus::kInconclusive);
  EXPECT_NE(verdict->reason.find("the load driver sent 2 of 100 requests more than 1s behind "
                                 "schedule (2.0%, at worst 3.2s late; the bound is 1%)"),
            std::string::npos)
      << verdict->reason;
  EXPECT_EQ(verdict->evidence["late_sends"], 2);
}

TEST(LoadEvidence, ADriverLateWithinTheBoundLeavesTheEvidenceIntact) {
  // One send in a hundred past the bound is within it: the declared load ran.
  RequestLedger ledger;
  fill(ledger, 100, 100);
  const auto one_late = schedule(100, 1, Millis(1'500));
  EXPECT_FALSE(judge_load(ledger, one_late, {}, Millis(15'000)));
}

}  // namespace
}  // namespace unbroken
