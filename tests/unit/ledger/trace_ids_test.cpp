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

TEST(TraceIds, MapBackToTheirSeqWithoutATable) {
  for (std::uint64_t seq : {0ULL, 1ULL, 2ULL, 4095ULL, 600'000ULL, ~0ULL}) {
    EXPECT_EQ(seq_of_trace_id("20261122-101500-beef", trace_id_for("20261122-101500-beef", seq)),
              seq);
  }
}

TEST(TraceIds, AnIdThisRunDidNotMakeMapsToNoSeq) {
  const auto id = trace_id_for("20261122-101500-beef", 7);
  EXPECT_EQ(seq_of_trace_id("20261122-101500-cafe", id), std::nullopt) << "another run's";
  auto changed = id;
  changed[3] = changed[3] == '0' ? '1' : '0';
  EXPECT_EQ(seq_of_trace_id("20261122-101500-beef", changed), std::nullopt) << "its high half";
  EXPECT_EQ(seq_of_trace_id("20261122-101500-beef", id.substr(16)), std::nullopt);
  EXPECT_EQ(seq_of_trace_id("20261122-101500-beef", id.substr(0, 31) + "x"), std::nullopt);
}

TEST(RequestLedger, FindsTheRequestOfATraceIdOnlyAmongThosePlanned) {
  RequestLedger ledger("run-a");
  ledger.plan(10);
  EXPECT_EQ(ledger.seq_of(ledger.trace_id(9)), 9u);
  EXPECT_EQ(ledger.seq_of(trace_id_for("run-a", 10)), std::nullopt) << "not planned";
  EXPECT_EQ(ledger.seq_of(trace_id_for("run-b", 3)), std::nullopt);
  // Every low half is some seq's (it is a bijection), almost always far past those planned.
  auto changed = ledger.trace_id(3);
  changed[31] = changed[31] == '0' ? '1' : '0';
  EXPECT_EQ(ledger.seq_of(changed), std::nullopt);
  EXPECT_EQ(sizeof(RequestRecord), 24u) << "ids are derived, never stored";
}

TEST(RequestLedger, KnowsEveryTraceIdBeforeAnythingIsSent) {
  RequestLedger ledger("run-a");
  EXPECT_EQ(ledger.plan(5), 0u);
  EXPECT_EQ(ledger.plan(5), 5u);
  EXPECT_EQ(ledger.records().size(), 10u);
  EXPECT_EQ(ledger.trace_id(7), trace_id_for("run-a", 7));
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
