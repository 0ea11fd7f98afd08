// traces.completeness in process: a ledger of requests and a Jaeger stand-in answering its
// query API from a table of traces. Each attribution rule with its seeded defect beside
// it: a lost span inside a declared, verified kill on its path is excused; the same loss
// under a fault off its path, or under no fault, fails; a duplicated span is never
// excused; nothing succeeded is inconclusive.
#include "harness/checks/traces_completeness.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/ledger/request_ledger.h"
#include "tests/unit/checks/check_test_support.h"
#include "tests/unit/checks/fake_query_apis.h"

namespace unbroken {
namespace {

using testing::complete_trace;
using testing::FakeJaeger;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr double kStart = 1'700'000'000;  // the load's first request, unix seconds

class TracesCompletenessTest : public ::testing::Test {
 protected:
  // 60 requests, one a second, every one succeeded and its trace complete in Jaeger.
  void SetUp() override {
    testing::succeed_one_a_second(ledger, 60, kStart);
    for (const auto& r : ledger.records())
      jaeger.traces[ledger.trace_id(r.seq)] = complete_trace(ledger, r.seq);
  }
  // Drops inventory's span from the trace of request `seq` (inventory's export was lost).
  void lose_inventory_span(std::uint64_t seq) {
    auto& spans = jaeger.traces[ledger.trace_id(seq)].spans;
    spans.pop_back();
  }
  FaultWindow window(const std::string& fault, const std::string& target, double from, double to,
                     bool declared = true) {
    return testing::verified_window(fault, target, kStart, from, to, declared);
  }
  // Judged as the reference workload's exact chain, or with `shape: spans`.
  Verdict evaluate(std::vector<FaultWindow> windows, const std::string& shape = "chain",
                   const std::string& min_spans = "") {
    auto ctx = testing::context_over(prom, kStart, kStart + 60, &jaeger.transport);
    ctx.requests = &ledger;
    ctx.ledger = ledger.totals();
    ctx.windows = std::move(windows);
    auto spec = testing::spec(
        "traces.completeness",
        {{"recover_within", "5s"}, {"services", "gateway, orders, inventory"}, {"shape", shape}});
    if (!min_spans.empty()) spec.params.set("min_spans", {min_spans, spec.where});
    TracesCompleteness check(spec, reference_system());
    return check.evaluate(ctx);
  }

  RequestLedger ledger{"test-run"};
  FakeJaeger jaeger;
  testing::FakePrometheus prom;
};

TEST_F(TracesCompletenessTest, EveryTraceCompleteIsAPass) {
  const auto v = evaluate({});
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("all 60 traces judged are complete"));
}

TEST_F(TracesCompletenessTest, ALostSpanUnderADeclaredKillOnItsPathIsExcusedAndNamed) {
  lose_inventory_span(20);
  lose_inventory_span(21);
  const auto v = evaluate({window("kill inventory with SIGKILL", "inventory", 19.5, 22)});
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("kill inventory with SIGKILL"));
}

TEST_F(TracesCompletenessTest, TheSameLossUnderAFaultOffItsPathFails) {
  lose_inventory_span(20);
  lose_inventory_span(21);
  const auto v = evaluate({window("kill grafana with SIGKILL", "grafana", 19.5, 22)});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.evidence.dump(), HasSubstr("no declared, verified fault on its path"));
}

TEST_F(TracesCompletenessTest, TheSameLossUnderNoFaultFails) {
  lose_inventory_span(20);
  const auto v = evaluate({});
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("1 problem(s) among 60 traces judged"));
}

TEST_F(TracesCompletenessTest, LosingTheOldestTracesNamesAStoreEvictingThemAndStillFails) {
  for (std::uint64_t seq = 0; seq < 20; ++seq) jaeger.traces.erase(ledger.trace_id(seq));
  const auto v = evaluate({});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("the 20 lost traces are the oldest of 60 judged"));
  EXPECT_THAT(v.reason, HasSubstr("evicting its oldest when full"));
  EXPECT_EQ(v.evidence["eviction"]["oldest_first"], true);
}

TEST_F(TracesCompletenessTest, LosingTracesScatteredThroughTheRunNamesNoEviction) {
  for (std::uint64_t seq = 0; seq < 60; seq += 3) jaeger.traces.erase(ledger.trace_id(seq));
  const auto v = evaluate({});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("20 lost"));
  EXPECT_THAT(v.reason, Not(HasSubstr("evicting")));
  EXPECT_EQ(v.evidence["eviction"]["oldest_first"], false);
}

TEST_F(TracesCompletenessTest, ATraceWithTwoThingsWrongIsOneIncompleteTrace) {
  lose_inventory_span(20);  // no inventory span, and 4 spans where 5 are expected
  const auto v = evaluate({}, "spans", "5");
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("1 problem(s) among 60 traces judged: 1 incomplete"));
  EXPECT_THAT(v.evidence.dump(),
              HasSubstr("no inventory span; 4 spans where at least 5 were expected"));
}

TEST_F(TracesCompletenessTest, AnUndeclaredFaultOnThePathInsideADeclaredWindowFails) {
  lose_inventory_span(20);
  const auto v = evaluate({window("kill inventory with SIGKILL", "inventory", 19.5, 22),
                           window("pause inventory", "inventory", 19.8, 21, false)});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.evidence.dump(), HasSubstr("undeclared"));
}

TEST_F(TracesCompletenessTest, ADuplicatedSpanIsNeverExcused) {
  auto& spans = jaeger.traces[ledger.trace_id(20)].spans;
  spans.push_back(spans.back());
  const auto v = evaluate({window("kill inventory with SIGKILL", "inventory", 19.5, 22)});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.evidence.dump(), HasSubstr("duplicated"));
}

TEST_F(TracesCompletenessTest, NothingSucceededIsInconclusive) {
  RequestLedger none{"test-run"};
  none.plan(10);
  for (std::uint64_t seq = 0; seq < 10; ++seq) {
    none.record_sent(seq, from_unix_seconds(kStart + static_cast<double>(seq)));
    none.record_unknown(seq, "timeout");
  }
  auto ctx = testing::context_over(prom, kStart, kStart + 60, &jaeger.transport);
  ctx.requests = &none;
  TracesCompleteness check(testing::spec("traces.completeness", {{"services", "gateway"}}),
                           reference_system());
  const auto v = check.evaluate(ctx);
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive);
  EXPECT_THAT(v.reason, HasSubstr("no succeeded request to judge"));
}

TEST_F(TracesCompletenessTest, AnyOtelShapedTreeUnderTheDriversSpanPassesTheSpansShape) {
  const auto v = evaluate({}, "spans");
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
}

TEST_F(TracesCompletenessTest, ASpanThatDidNotContinueTheDriversTraceFailsTheSpansShape) {
  auto& spans = jaeger.traces[ledger.trace_id(7)].spans;
  spans.back().parent_span_id = "";  // inventory started a trace of its own
  const auto v = evaluate({}, "spans");
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("1 broken"));
  EXPECT_THAT(v.evidence.dump(), HasSubstr("is a root: the driver's trace was not continued"));
}

TEST_F(TracesCompletenessTest,
       AServiceWithoutASpanFailsTheSpansShapeUnlessAFaultOnItsPathExcusesIt) {
  lose_inventory_span(20);
  const auto unexcused = evaluate({}, "spans");
  EXPECT_EQ(unexcused.status, VerdictStatus::kFailed);
  EXPECT_THAT(unexcused.evidence.dump(), HasSubstr("no inventory span"));
  EXPECT_THAT(unexcused.evidence.dump(), HasSubstr("seq 20"));
  const auto excused = evaluate({window("kill inventory", "inventory", 19, 22)}, "spans");
  EXPECT_EQ(excused.status, VerdictStatus::kPassed) << excused.reason;
}

TEST(TraceExpectation, ServicesAreRequiredAndTheShapeIsChecked) {
  EXPECT_THROW(TraceExpectation::from(testing::spec("t", {}).params, "t"), ConfigError);
  EXPECT_THROW(TraceExpectation::from(
                   testing::spec("t", {{"services", "a"}, {"shape", "tree"}}).params, "t"),
               ConfigError);
  EXPECT_NO_THROW(TraceExpectation::from(testing::spec("t", {{"services", "a"}}).params, "t"));
}

}  // namespace
}  // namespace unbroken
