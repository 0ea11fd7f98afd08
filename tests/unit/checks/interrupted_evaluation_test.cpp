// Ctrl-C during verification: an interrupt stops a check's evaluation at its next chunk of
// traces or page of lines, and evaluate_check throws it on instead of making it a verdict
// (asking() once turned it into an errored "answer of another shape", and the next check
// began). Without the interrupt, the same evaluations reach their verdicts.
#include <gtest/gtest.h>

#include <csignal>

#include "harness/checks/evaluate_check.h"
#include "harness/checks/logs_completeness.h"
#include "harness/checks/traces_completeness.h"
#include "harness/core/interrupt.h"
#include "tests/fakes/fake_clock.h"
#include "tests/unit/checks/check_test_support.h"
#include "tests/unit/checks/fake_query_apis.h"

namespace unbroken {
namespace {

constexpr double kStart = 1'700'000'000;

class InterruptedEvaluationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::succeed_one_a_second(ledger, 60, kStart);
    for (const auto& r : ledger.records())
      jaeger.traces[ledger.trace_id(r.seq)] = testing::complete_trace(ledger, r.seq);
  }
  void TearDown() override { request_interrupt(0); }
  CheckContext context() {
    auto ctx = testing::context_over(prom, kStart, kStart + 60, &jaeger.transport, &loki.transport);
    ctx.requests = &ledger;
    ctx.ledger = ledger.totals();
    return ctx;
  }
  const std::map<std::string, std::string> services{{"services", "gateway, orders, inventory"}};

  RequestLedger ledger{"test-run"};
  testing::FakeJaeger jaeger;
  testing::FakeLoki loki;
  testing::FakePrometheus prom;
  testing::FakeClock clock;
};

TEST_F(InterruptedEvaluationTest, TracesInterruptedStopWithoutAVerdict) {
  TracesCompleteness check(testing::spec("traces.completeness", services), reference_system());
  request_interrupt(SIGINT);
  EXPECT_THROW(evaluate_check(check, context(), clock), Interrupted);
}

TEST_F(InterruptedEvaluationTest, TracesNotInterruptedReachTheirVerdict) {
  TracesCompleteness check(testing::spec("traces.completeness", services), reference_system());
  EXPECT_EQ(evaluate_check(check, context(), clock).status, VerdictStatus::kPassed);
}

TEST_F(InterruptedEvaluationTest, LogsInterruptedStopWithoutAVerdict) {
  auto params = services;
  params["match"] = "workload";
  LogsCompleteness check(testing::spec("logs.completeness", params), reference_system());
  request_interrupt(SIGINT);
  EXPECT_THROW(evaluate_check(check, context(), clock), Interrupted);
}

TEST_F(InterruptedEvaluationTest, LogsNotInterruptedReachTheirVerdict) {
  auto params = services;
  params["match"] = "workload";
  LogsCompleteness check(testing::spec("logs.completeness", params), reference_system());
  // Loki holds no line: every expected one is lost.
  EXPECT_EQ(evaluate_check(check, context(), clock).status, VerdictStatus::kFailed);
}

}  // namespace
}  // namespace unbroken
