// logs.completeness in process: a ledger of requests and a Loki stand-in answering
// query_range from a table of lines. Each rule beside its seeded defect: a lost line inside
// a declared, verified kill on its path is excused; the same loss under a kill off its path
// fails; a line naming the wrong trace and a line stored twice are never excused; nothing
// succeeded is inconclusive.
#include "harness/checks/logs_completeness.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/checks/workload_log.h"
#include "harness/ledger/request_ledger.h"
#include "tests/unit/checks/check_test_support.h"
#include "tests/unit/checks/fake_query_apis.h"

namespace unbroken {
namespace {

using testing::FakeLoki;
using ::testing::HasSubstr;
using testing::StoredLine;
using testing::workload_line;

constexpr double kStart = 1'700'000'000;  // the load's first request, unix seconds

class LogsCompletenessTest : public ::testing::Test {
 protected:
  // 60 requests, one a second, every one succeeded and its three lines in Loki.
  void SetUp() override {
    testing::succeed_one_a_second(ledger, 60, kStart);
    for (std::uint64_t seq = 0; seq < 60; ++seq) {
      const auto sent = kStart + static_cast<double>(seq);
      for (const char* service : kWorkloadChain) {
        loki.lines.push_back({service, static_cast<std::int64_t>(sent * 1e9),
                              workload_line(service, ledger.record(seq), ledger.trace_id(seq))});
      }
    }
  }
  void lose(const std::string& service, std::uint64_t seq) {
    std::erase_if(loki.lines, [&](const StoredLine& l) {
      return l.service == service &&
             l.line.find(fmt::format("\"seq\":{},", seq)) != std::string::npos;
    });
  }
  FaultWindow kill(const std::string& target, double from, double to) {
    return testing::verified_window("kill " + target + " with SIGKILL", target, kStart, from, to);
  }
  // Judged as the reference workload's lines (match: workload), or with `params` instead.
  Verdict evaluate(std::vector<FaultWindow> windows, RequestLedger* requests = nullptr,
                   std::map<std::string, std::string> params = {
                       {"services", "gateway, orders, inventory"}, {"match", "workload"}}) {
    auto ctx = testing::context_over(prom, kStart, kStart + 60, nullptr, &loki.transport);
    ctx.requests = requests ? requests : &ledger;
    ctx.windows = std::move(windows);
    params["recover_within"] = "5s";
    LogsCompleteness check(testing::spec("logs.completeness", params), reference_system());
    return check.evaluate(ctx);
  }
  Verdict evaluate_by_trace_id(std::map<std::string, std::string> params = {}) {
    params["services"] = "gateway, orders, inventory";
    return evaluate({}, nullptr, params);
  }

  RequestLedger ledger{"test-run"};
  FakeLoki loki;
  testing::FakePrometheus prom;
};

TEST_F(LogsCompletenessTest, EveryLineOnceIsAPass) {
  const auto v = evaluate({});
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("all 180 expected log lines are in Loki exactly once"));
}

TEST_F(LogsCompletenessTest, ALostLineUnderADeclaredKillOnItsPathIsExcusedAndNamed) {
  lose("orders", 20);
  const auto v = evaluate({kill("orders", 19.5, 22)});
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("kill orders with SIGKILL"));
}

TEST_F(LogsCompletenessTest, TheSameLossUnderAKillOffItsPathFails) {
  lose("orders", 20);
  const auto v = evaluate({kill("inventory", 19.5, 22)});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("1 of 180 expected log lines"));
}

TEST_F(LogsCompletenessTest, ALineNamingTheWrongTraceIsNeverExcused) {
  for (auto& l : loki.lines) {
    if (l.service == "orders" && l.line.find("\"seq\":20,") != std::string::npos) {
      l.line = workload_line("orders", ledger.record(20), ledger.trace_id(21));
    }
  }
  const auto v = evaluate({kill("orders", 19.5, 22)});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.evidence.dump(), HasSubstr("names trace " + ledger.trace_id(21)));
}

TEST_F(LogsCompletenessTest, TwoWrongLinesOfOneRequestAreOneBrokenItem) {
  for (auto& l : loki.lines) {
    if (l.service == "orders" && l.line.find("\"seq\":20,") != std::string::npos) {
      l.line = workload_line("orders", ledger.record(20), ledger.trace_id(21));
      loki.lines.push_back(l);  // stored again, after other requests' lines
      break;
    }
  }
  const auto v = evaluate({});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_EQ(v.evidence["problems"]["broken"]["count"], 1) << v.evidence.dump();
  EXPECT_EQ(v.evidence["problems"]["duplicated"]["count"], 1) << v.evidence.dump();
}

TEST_F(LogsCompletenessTest, ALineStoredTwiceIsNeverExcused) {
  loki.lines.push_back(loki.lines[60]);
  const auto v = evaluate({kill("gateway", 19.5, 22)});
  EXPECT_EQ(v.status, VerdictStatus::kFailed) << v.reason;
  EXPECT_THAT(v.evidence.dump(), HasSubstr("stored 2 times"));
}

TEST_F(LogsCompletenessTest, NothingSucceededIsInconclusive) {
  RequestLedger none{"test-run"};
  none.plan(5);
  for (std::uint64_t seq = 0; seq < 5; ++seq) {
    none.record_sent(seq, from_unix_seconds(kStart + static_cast<double>(seq)));
    none.record_rejected(seq, "HTTP 503");
  }
  loki.lines.clear();
  const auto v = evaluate({}, &none);
  EXPECT_EQ(v.status, VerdictStatus::kInconclusive);
  EXPECT_THAT(v.reason, HasSubstr("no succeeded request to judge"));
}

TEST_F(LogsCompletenessTest, LinesTiedToTheirRequestByTraceIdPass) {
  const auto v = evaluate_by_trace_id();
  EXPECT_EQ(v.status, VerdictStatus::kPassed) << v.reason;
  EXPECT_THAT(v.reason, HasSubstr("all 180 expected log lines"));
}

TEST_F(LogsCompletenessTest, ALineWithoutItsTraceIdIsLostNamingTheRequest) {
  auto& line = loki.lines[3 * 20 + 1];  // orders, seq 20
  line.line = workload_line("orders", ledger.record(20), "");
  const auto v = evaluate_by_trace_id();
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.evidence.dump(), HasSubstr("orders seq 20 (trace " + ledger.trace_id(20) + ")"));
  EXPECT_EQ(v.evidence["lines_of_no_request"], 1);
}

TEST_F(LogsCompletenessTest, ATraceIdFoundByARegexTiesAPlainTextLine) {
  for (auto& l : loki.lines) {
    const auto doc = nlohmann::json::parse(l.line);
    l.line = "handled order trace=" + doc["trace_id"].get<std::string>() + " ok";
  }
  EXPECT_EQ(evaluate_by_trace_id({{"trace_id_regex", "trace=([0-9a-f]{32})"}}).status,
            VerdictStatus::kPassed);
  // The same lines read by the default JSON field tie to nothing: every line is lost.
  EXPECT_EQ(evaluate_by_trace_id().status, VerdictStatus::kFailed);
}

TEST_F(LogsCompletenessTest, FewerLinesThanEachRequestMustLeaveAreLost) {
  const auto v = evaluate_by_trace_id({{"lines_per_request", "2"}});
  EXPECT_EQ(v.status, VerdictStatus::kFailed);
  EXPECT_THAT(v.evidence.dump(), HasSubstr("1 of 2 lines in Loki"));
}

TEST(LogExpectation, ServicesAreRequiredAndARegexNeedsAGroup) {
  EXPECT_THROW(LogExpectation::from(testing::spec("l", {}).params, "logs.completeness"),
               ConfigError);
  EXPECT_THROW(
      LogExpectation::from(
          testing::spec("l", {{"services", "a"}, {"trace_id_regex", "t=[0-9a-f]+"}}).params,
          "logs.completeness"),
      ConfigError);
  EXPECT_NO_THROW(LogExpectation::from(
      testing::spec("l", {{"services", "a"}, {"trace_id_regex", "t=([0-9a-f]+)"}}).params,
      "logs.completeness"));
}

}  // namespace
}  // namespace unbroken
