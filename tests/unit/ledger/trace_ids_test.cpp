#include "harness/ledger/trace_ids.h"

#include <gtest/gtest.h>

#include <set>

#include "harness/ledger/request_ledger.h"

namespace unbroken {
namespace {

TEST(TraceIds, AreDeterministicHexAndUniqueWithinARun) {
  std::set<std::string> ids;
  for (std::uint64_t seq = 0; seq < 100'000; ++seq) {
    const auto id = trace_id_for("20261122-101500-beef", seq);
    ASSERT_EQ(id.size(), 32u);
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 100'000u);
  EXPECT_EQ(trace_id_for("20261122-101500-beef", 7), trace_id_for("20261122-101500-beef", 7));
  EXPECT_NE(trace_id_for("20261122-101500-beef", 7), trace_id_for("20261122-101500-cafe", 7));
  EXPECT_EQ(driver_span_id_for("r", 3).size(), 16u);
}

TEST(RequestLedger, KnowsEveryTraceIdBeforeAnythingIsSent) {
  RequestLedger ledger("run-a");
  EXPECT_EQ(ledger.plan(5), 0u);
  EXPECT_EQ(ledger.plan(5), 5u);
  EXPECT_EQ(ledger.records().size(), 10u);
  EXPECT_EQ(ledger.record(7).trace_id, trace_id_for("run-a", 7));
  EXPECT_EQ(ledger.record(7).outcome, RequestOutcome::kNotSent);
  ledger.record_sent(7, TimePoint{});
  ledger.record_unknown(7, "Read");
  const auto totals = ledger.totals();
  EXPECT_EQ(totals.planned, 10u);
  EXPECT_EQ(totals.unknown, 1u);
  EXPECT_TRUE(totals.complete());
}

}  // namespace
}  // namespace unbroken
