// correlation.trace_logs in process: every judged request's log lines in a Loki stand-in
// must resolve to their service's span in a Jaeger stand-in. Each rule beside its seeded
// defect: a span lost under a declared, verified kill on that service's span path is
// excused; the same loss under a fault on the log path only (Loki) fails; a line naming
// another request's trace is never excused; no line to correlate is inconclusive. The same
// lines read as a user's (match: trace_id, the span from a JSON field or a regex) resolve
// alike, and a line that names no span is broken, naming its request.
#include "harness/checks/trace_log_correlation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "harness/checks/workload_log.h"
#include "tests/unit/checks/check_test_support.h"
#include "tests/unit/checks/fake_query_apis.h"

namespace unbroken {
namespace {

using ::testing::HasSubstr;

constexpr double kCorrelationStart = 1'700'000'000;

class TraceLogCorrelationTest : public ::testing::Test {
 protected:
  // 30 requests, one a second: complete traces, and three lines each naming their span.
  void SetUp() override {
    testing::succeed_one_a_second(ledger, 30, kCorrelationStart);
    for (std::uint64_t seq = 0; seq < 30; ++seq) {
      const auto sent = kCorrelationStart + static_cast<double>(seq);
      const auto& r = ledger.record(seq);
      jaeger.traces[ledger.trace_id(seq)] = testing::complete_trace(ledger, seq);
      for (const char* service : kWorkloadChain) {
        loki.lines.push_back({service, static_cast<std::int64_t>(sent * 1e9),
                              testing::workload_line(service, r, ledger.trace_id(seq))});
      }
    }
  }
  void lose_orders_spans(std::uint64_t seq) {
    auto& spans = jaeger.traces[ledger.trace_id(seq)].spans;
    std::erase_if(spans, [](const SpanRecord& s) { return s.service == "orders"; });
  }
  FaultWindow kill(const std::string& target, double from, double to) {
    return testing::verified_window("kill " + target + " with SIGKILL", target, kCorrelationStart,
                                    from, to);
  }
  // The reference workload's lines, keyed by seq (match: workload).
  Verdict evaluate(std::vector<FaultWindow> windows) {
    return evaluate_with(std::move(windows), {{"match", "workload"}});
  }
  // The same lines tied to their request by trace id, as a user's lines are.
  Verdict evaluate_by_trace_id(std::map<std::string, std::string> params = {}) {
    return evaluate_with({}, std::move(params));
  }
  Verdict evaluate_with(std::vector<FaultWindow> windows,
                        std::map<std::string, std::string> params) {
    auto ctx = testing::context_over(prom, kCorrelationStart, kCorrelationStart + 30,
                                     &jaeger.transport, &loki.transport);
    ctx.requests = &ledger;
    ctx.windows = std::move(windows);
    return check(std::move(params)).evaluate(ctx);
  }
  bool settled() {
    auto ctx = testing::context_over(prom, kCorrelationStart, kCorrelationStart + 30,
                                     &jaeger.transport, &loki.transport);
    ctx.requests = &ledger;
    return check({{"match", "workload"}}).settled(ctx);
  }
  TraceLogCorrelation check(std::map<std::string, std::string> params) {
    params["services"] = "gateway, orders, inventory";
    params["recover_within"] = "5s";
    return TraceLogCorrelation(testing::spec("correlation.trace_logs", params), reference_system());
  }

  RequestLedger ledger{"test-run"};
  testing::FakeJaeger jaeger;
  testing::FakeLoki loki;
  testing::FakePrometheus prom;
};

// Settling waits for the spans the last lines name: with the newest request's orders span
// still on its way (a busy exporter), correlating now would call it lost.
TEST_F(TraceLogCorrelationTest, ItIsNotSettledWhileTheNewestRequestsTraceLacksAServicesSpan) {
  lose_orders_spans(29);
  EXPECT_FALSE(settled());
}

// Beside it: once every service's span of the newest request is in, it is settled.
TEST_F(TraceLogCorrelationTest, ItIsSettledOnceTheNewestRequestsTraceHoldsEveryServicesSpan) {
  lose_orders_spans(10);  // an older loss is the verdict's business, not settling's
  EXPECT_TRUE(settled());
}

TEST_F(TraceLogCorrelationTest, EveryLineResolvingToItsSpanIsAPass) {
  const auto v = evaluate({});
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("all 90 log lines resolve to their span in Jaeger"));
}

TEST_F(TraceLogCorrelationTest, ASpanLostUnderADeclaredKillOnItsPathIsExcused) {
  lose_orders_spans(10);
  const auto v = evaluate({kill("orders", 9.5, 12)});
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
}

TEST_F(TraceLogCorrelationTest, TheSameLossUnderAFaultOnTheLogPathOnlyFails) {
  lose_orders_spans(10);
  const auto v = evaluate({kill("loki", 9.5, 12)});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("1 of 90 log lines do not resolve to their span"));
}

TEST_F(TraceLogCorrelationTest, ALineNamingAnotherRequestsTraceIsNeverExcused) {
  for (auto& l : loki.lines) {
    if (l.service == "orders" && l.line.find("\"seq\":10,") != std::string::npos) {
      l.line = testing::workload_line("orders", ledger.record(10), ledger.trace_id(11));
    }
  }
  const auto v = evaluate({kill("orders", 9.5, 12)});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.evidence.dump(), HasSubstr("names trace " + ledger.trace_id(11)));
}

TEST_F(TraceLogCorrelationTest, LinesTiedByTraceIdResolveToTheSpanTheirFieldNames) {
  const auto v = evaluate_by_trace_id();
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("all 90 log lines resolve"));
}

TEST_F(TraceLogCorrelationTest, ALineThatNamesNoSpanIsBrokenNamingItsRequest) {
  auto& line = loki.lines[3 * 20 + 1];  // orders, seq 20
  auto doc = nlohmann::json::parse(line.line);
  doc.erase("span_id");
  line.line = doc.dump();
  const auto v = evaluate_by_trace_id();
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.evidence.dump(), HasSubstr("orders seq 20"));
  EXPECT_THAT(v.evidence.dump(), HasSubstr("names no span"));
}

TEST_F(TraceLogCorrelationTest, SpanIdsFoundByARegexInPlainTextLines) {
  for (auto& l : loki.lines) {
    const auto doc = nlohmann::json::parse(l.line);
    l.line = "trace=" + doc["trace_id"].get<std::string>() +
             " span=" + doc["span_id"].get<std::string>();
  }
  EXPECT_EQ(evaluate_by_trace_id(
                {{"trace_id_regex", "trace=([0-9a-f]+)"}, {"span_id_regex", "span=([0-9a-f]+)"}})
                .status,
            VerdictStatus::kPassed);
  // Read with a regex that finds no span, every line is broken.
  const auto v = evaluate_by_trace_id(
      {{"trace_id_regex", "trace=([0-9a-f]+)"}, {"span_id_regex", "spanid=([0-9a-f]+)"}});
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.reason, HasSubstr("90 of 90 log lines do not resolve"));
}

TEST_F(TraceLogCorrelationTest, NoLineToCorrelateIsInconclusive) {
  loki.lines.clear();
  const auto v = evaluate({});
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive);
  EXPECT_THAT(v.reason, HasSubstr("no log line of a judged request to correlate"));
}

}  // namespace
}  // namespace unbroken
