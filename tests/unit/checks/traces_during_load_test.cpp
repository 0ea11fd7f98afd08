// traces.completeness with a look at the traces during the load (verify_during_load): the
// verdict is the one a verification after the load alone gives, over the same data as it
// stands at the end, including when Jaeger changed after the look. Each rule that lets a
// mark stand in for a fetch has its seeded defect beside it: a fault on the trace's path
// that ended after the look, and a sampled mark Jaeger no longer holds, each make every
// such trace judged again (dropping either rule flips these verdicts to passed); with
// neither, the marks save the fetches.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <utility>

#include "harness/checks/traces_completeness.h"
#include "harness/ledger/request_ledger.h"
#include "tests/fakes/fake_clock.h"
#include "tests/unit/checks/check_test_support.h"
#include "tests/unit/checks/fake_query_apis.h"

namespace unbroken {
// Named for this file, not anonymous: the ci preset's unity batches put test files side by
// side, and a name another file defines there would clash.
namespace traces_during_load_test {

using testing::complete_trace;
using testing::FakeJaeger;
using ::testing::HasSubstr;

constexpr double kStart = 1'700'000'000;  // the load's first request, unix seconds
constexpr double kLookAt = 70;            // seconds after kStart: the look during the load

class TracesDuringLoadTest : public ::testing::Test {
 protected:
  // 60 requests, one a second, every one succeeded and its trace complete in Jaeger.
  void SetUp() override {
    testing::succeed_one_a_second(ledger, 60, kStart);
    for (const auto& r : ledger.records())
      jaeger.traces[ledger.trace_id(r.seq)] = complete_trace(ledger, r.seq);
  }
  std::unique_ptr<TracesCompleteness> make_check() {
    return std::make_unique<TracesCompleteness>(
        testing::spec("traces.completeness", {{"recover_within", "5s"},
                                              {"services", "gateway, orders, inventory"},
                                              {"shape", "chain"}}),
        reference_system());
  }
  // Looks at every request's trace kLookAt seconds into the run.
  void look_during_load(TracesCompleteness& check) {
    check.verify_during_load({.jaeger = JaegerClient(jaeger.transport, "http://127.0.0.1:16686"),
                              .ledger = &ledger,
                              .sent_before_horizon = 60,
                              .now = clock.now(),
                              .work_until = clock.now() + Millis{60'000},
                              .clock = &clock});
  }
  Verdict evaluate(TracesCompleteness& check, std::vector<FaultWindow> windows) {
    auto ctx = testing::context_over(prom, kStart, kStart + 60, &jaeger.transport);
    ctx.requests = &ledger;
    ctx.ledger = ledger.totals();
    ctx.windows = std::move(windows);
    return check.evaluate(ctx);
  }
  // The run verified twice: after the load alone, and having looked during it before
  // `after_look` changed Jaeger. Both over Jaeger as it stands at the end.
  std::pair<Verdict, Verdict> both_ways(
      const std::vector<FaultWindow>& windows, const std::function<void()>& after_look = [] {}) {
    auto looked = make_check();
    look_during_load(*looked);
    after_look();
    auto only_after = make_check();
    auto without_look = evaluate(*only_after, windows);
    auto with_look = evaluate(*looked, windows);
    return {std::move(without_look), std::move(with_look)};
  }
  static void expect_same(const Verdict& without_look, const Verdict& with_look) {
    EXPECT_EQ(without_look.status, with_look.status);
    EXPECT_EQ(without_look.reason, with_look.reason);
    for (const auto* key : {"problems", "recoveries", "eviction", "judged_traces"})
      EXPECT_EQ(without_look.evidence[key], with_look.evidence[key]) << key;
  }
  std::size_t fetches_by_id() const {
    std::size_t n = 0;
    for (const auto& r : jaeger.transport.requests()) n += r.path.starts_with("/api/traces/");
    return n;
  }
  void lose_inventory_span(std::uint64_t seq) {
    jaeger.traces[ledger.trace_id(seq)].spans.pop_back();
  }
  void duplicate_a_span(std::uint64_t seq) {
    auto& spans = jaeger.traces[ledger.trace_id(seq)].spans;
    spans.push_back(spans.back());
  }
  FaultWindow window(const std::string& fault, const std::string& target, double from, double to) {
    return testing::verified_window(fault, target, kStart, from, to);
  }

  RequestLedger ledger{"test-run"};
  FakeJaeger jaeger;
  testing::FakePrometheus prom;
  testing::FakeClock clock{from_unix_seconds(kStart + kLookAt)};  // the look's time
};

TEST_F(TracesDuringLoadTest, NothingWrongGivesTheSameVerdictEitherWay) {
  const auto [without_look, with_look] = both_ways({});
  EXPECT_EQ(with_look.status, VerdictStatus::kPassed) << with_look.reason;
  expect_same(without_look, with_look);
  EXPECT_EQ(with_look.evidence["during_load"]["taken"], 60);
}

TEST_F(TracesDuringLoadTest, LossesBeforeTheLookGiveTheSameVerdictEitherWay) {
  lose_inventory_span(20);
  jaeger.traces.erase(ledger.trace_id(33));
  duplicate_a_span(41);
  const auto [without_look, with_look] = both_ways({});
  EXPECT_EQ(with_look.status, VerdictStatus::kFailed);
  expect_same(without_look, with_look);
}

TEST_F(TracesDuringLoadTest, LossesExcusedByAFaultOnTheirPathAreExcusedTheSameEitherWay) {
  lose_inventory_span(20);
  lose_inventory_span(21);
  const auto [without_look, with_look] =
      both_ways({window("kill inventory with SIGKILL", "inventory", 19.5, 22)});
  EXPECT_EQ(with_look.status, VerdictStatus::kPassed) << with_look.reason;
  EXPECT_THAT(with_look.reason, HasSubstr("kill inventory with SIGKILL"));
  expect_same(without_look, with_look);
}

TEST_F(TracesDuringLoadTest, AStoreEvictingItsOldestAfterTheLookGivesTheSameVerdictEitherWay) {
  const auto [without_look, with_look] = both_ways({}, [&] {
    for (std::uint64_t seq = 0; seq < 20; ++seq) jaeger.traces.erase(ledger.trace_id(seq));
  });
  EXPECT_EQ(with_look.status, VerdictStatus::kFailed);
  EXPECT_THAT(with_look.reason, HasSubstr("evicting its oldest when full"));
  expect_same(without_look, with_look);
}

TEST_F(TracesDuringLoadTest, AJaegerKilledAfterTheLookGivesTheSameVerdictEitherWay) {
  const auto [without_look, with_look] = both_ways(
      {window("kill jaeger with SIGKILL", "jaeger", 72, 75)}, [&] { jaeger.traces.clear(); });
  EXPECT_EQ(with_look.status, VerdictStatus::kFailed);
  expect_same(without_look, with_look);
}

TEST_F(TracesDuringLoadTest, ASpanDuplicatedAfterTheLookUnderAFaultOnItsPathIsSeenEitherWay) {
  const auto [without_look, with_look] = both_ways(
      {window("kill orders with SIGKILL", "orders", 72, 75)}, [&] { duplicate_a_span(40); });
  EXPECT_EQ(with_look.status, VerdictStatus::kFailed);
  EXPECT_THAT(with_look.evidence.dump(), HasSubstr("duplicated"));
  expect_same(without_look, with_look);
}

// The window rule. Trace 2 is not among the marks sampled again (0, 1, 3, … of 60).
TEST_F(TracesDuringLoadTest, ATraceSeenCompleteIsJudgedAgainWhenAFaultOnItsPathEndedAfterTheLook) {
  auto check = make_check();
  look_during_load(*check);
  jaeger.traces.erase(ledger.trace_id(2));
  const auto v = evaluate(*check, {window("kill jaeger with SIGKILL", "jaeger", 72, 75)});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.evidence.dump(), HasSubstr("seq 2 "));
  EXPECT_EQ(v.evidence["during_load"]["taken"], 0);
}

TEST_F(TracesDuringLoadTest, ATraceSeenCompleteAfterEveryFaultOnItsPathEndedIsNotFetchedAgain) {
  auto check = make_check();
  look_during_load(*check);
  const auto looked = fetches_by_id();
  const auto v = evaluate(*check, {window("kill jaeger with SIGKILL", "jaeger", 62, 65),
                                   window("kill grafana with SIGKILL", "grafana", 72, 75)});
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_EQ(v.evidence["during_load"]["taken"], 60);
  EXPECT_EQ(v.evidence["during_load"]["sampled_again"], 32);
  EXPECT_EQ(fetches_by_id() - looked, 32U);  // the sample; no trace fetched for judging
}

// The sample rule: the oldest mark is always fetched again.
TEST_F(TracesDuringLoadTest, ATraceSeenCompleteThatJaegerNoLongerHoldsMakesEveryTraceJudgedAgain) {
  auto check = make_check();
  look_during_load(*check);
  jaeger.traces.erase(ledger.trace_id(0));
  const auto v = evaluate(*check, {});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.evidence.dump(), HasSubstr("seq 0 "));
  EXPECT_EQ(v.evidence["during_load"]["taken"], 0);
  EXPECT_THAT(v.evidence["during_load"]["note"].get<std::string>(), HasSubstr("is gone now"));
}

TEST_F(TracesDuringLoadTest, ALookThatGotNoAnswerLeavesNothingAndTheNextLookTriesAgain) {
  auto check = make_check();
  testing::FakeHttpTransport down([](const testing::RecordedRequest&) -> HttpResponse {
    throw TransportError("connection refused", false);
  });
  EXPECT_THROW(check->verify_during_load({.jaeger = JaegerClient(down, "http://127.0.0.1:1"),
                                          .ledger = &ledger,
                                          .sent_before_horizon = 60,
                                          .now = clock.now(),
                                          .work_until = clock.now() + Millis{60'000},
                                          .clock = &clock}),
               TransportError);
  look_during_load(*check);
  EXPECT_EQ(evaluate(*check, {}).evidence["during_load"]["taken"], 60);
}

TEST_F(TracesDuringLoadTest, ACallOutOfTimeReturnsAfterItsStepAndTheNextGoesOnFromThere) {
  RequestLedger long_run{"test-run"};
  testing::succeed_one_a_second(long_run, 1200, kStart);
  auto check = make_check();
  const auto call = [&] {
    return check->verify_during_load(
        {.jaeger = JaegerClient(jaeger.transport, "http://127.0.0.1:16686"),
         .ledger = &long_run,
         .sent_before_horizon = 1200,
         .now = clock.now(),
         .work_until = clock.now(),  // out of time from the start
         .clock = &clock});
  };
  EXPECT_EQ(call(), 500U);
  EXPECT_EQ(call(), 1000U);
}

TEST_F(TracesDuringLoadTest, TheLookSearchesTheEntryServiceOverTheSendsAndFetchesNoTraceById) {
  auto check = make_check();
  look_during_load(*check);
  EXPECT_EQ(fetches_by_id(), 0U);
  const auto search = jaeger.transport.requests().front();
  EXPECT_EQ(search.path, "/api/traces");
  const auto param = [&](const std::string& key) {
    const auto found = search.params.find(key);
    return found == search.params.end() ? std::string("(none)") : found->second;
  };
  EXPECT_EQ(param("service"), "gateway");
  EXPECT_EQ(param("start"), "1700000000000000") << "the search begins at the first send";
  EXPECT_EQ(param("end"), "1700000059250000") << "and ends 250 ms after the last";
  EXPECT_EQ(evaluate(*check, {}).evidence["during_load"]["taken"], 60);
}

}  // namespace traces_during_load_test
}  // namespace unbroken
