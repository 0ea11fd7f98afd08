// alertmanager.persistence against a fake Alertmanager behind the fake transport: a silence
// that survives a restart passes; one a restart lost, or gave back changed, fails naming the
// fault; a process that never restarted, or an Alertmanager that gave no answer before the
// faults, leaves nothing to judge.
#include "harness/checks/alertmanager_persistence.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "tests/unit/checks/check_test_support.h"

namespace unbroken {
namespace {

using nlohmann::json;
using testing::FakeHttpTransport;
using ::testing::HasSubstr;
using testing::RecordedRequest;
using testing::spec;

// What the fake Alertmanager holds; tests restart it and seed defects by changing it.
struct FakeAlertmanager {
  std::string started = "2026-12-02T11:00:00.000Z";
  std::map<std::string, json> silences;
  bool answers = true;
  int next_id = 1;

  FakeHttpTransport transport{[this](const RecordedRequest& r) { return answer(r); }};

  void restart(bool keep_silences) {
    started = "2026-12-02T11:00:20.000Z";
    if (!keep_silences) silences.clear();
  }

  HttpResponse answer(const RecordedRequest& r) {
    if (!answers) throw TransportError("connection refused", false);
    if (r.path == "/api/v2/status") return {200, json{{"uptime", started}}.dump()};
    if (r.path == "/api/v2/silences" && r.method == "POST") {
      auto silence = json::parse(r.body);
      const auto id = fmt::format("5c0f6a4e-0000-4000-8000-{:012}", next_id++);
      silence["id"] = id;
      silence["status"] = {{"state", "active"}};
      silences[id] = silence;
      return {200, json{{"silenceID", id}}.dump()};
    }
    const std::string prefix = "/api/v2/silence/";
    if (r.path.rfind(prefix, 0) == 0) {
      const auto it = silences.find(r.path.substr(prefix.size()));
      if (it == silences.end()) return {404, R"("silence not found")"};
      return {200, it->second.dump()};
    }
    return {404, "not found"};
  }
};

class AlertmanagerPersistenceTest : public ::testing::Test {
 protected:
  FakeAlertmanager alertmanager;
  AlertmanagerPersistence check{spec("alertmanager.persistence", {}), reference_system()};

  CheckContext context(bool with_stop) {
    auto& t = alertmanager.transport;
    CheckContext ctx{.prometheus = PrometheusClient(t, "http://127.0.0.1:9090"),
                     .jaeger = JaegerClient(t, "http://127.0.0.1:16686"),
                     .loki = LokiClient(t, "http://127.0.0.1:3100"),
                     .webhook = WebhookClient(t, "http://127.0.0.1:8080"),
                     .grafana = GrafanaClient(t, "http://127.0.0.1:3000", {}),
                     .alertmanager = AlertmanagerClient(t, "http://127.0.0.1:9093"),
                     .now = from_unix_seconds(1'795'000'005),
                     .run_id = "test-run"};
    if (with_stop) {
      ctx.windows = {{"stop alertmanager (grace 10s)", "alertmanager",
                      from_unix_seconds(1'795'000'010), from_unix_seconds(1'795'000'018), true,
                      true}};
    }
    return ctx;
  }
};

TEST_F(AlertmanagerPersistenceTest, ASilenceThatSurvivesTheRestartPasses) {
  check.before_faults(context(false));
  ASSERT_EQ(alertmanager.silences.size(), 1u);
  const auto written = alertmanager.silences.begin()->second;
  EXPECT_THAT(written.dump(), HasSubstr(R"("value":"test-run")"));
  alertmanager.restart(/*keep_silences=*/true);
  const auto verdict = check.evaluate(context(true));
  EXPECT_EQ(verdict.status, VerdictStatus::kPassed) << verdict.reason;
  EXPECT_THAT(verdict.reason, HasSubstr("stop alertmanager (grace 10s)"));
}

TEST_F(AlertmanagerPersistenceTest, ASilenceTheRestartLostFailsNamingTheFault) {
  check.before_faults(context(false));
  alertmanager.restart(/*keep_silences=*/false);
  const auto verdict = check.evaluate(context(true));
  EXPECT_EQ(verdict.status, VerdictStatus::kFailed) << verdict.reason;
  EXPECT_THAT(verdict.reason, HasSubstr("is gone after stop alertmanager (grace 10s)"));
  EXPECT_THAT(verdict.reason, HasSubstr("did not keep its state"));
}

TEST_F(AlertmanagerPersistenceTest, ASilenceThatCameBackExpiredFails) {
  check.before_faults(context(false));
  alertmanager.restart(/*keep_silences=*/true);
  alertmanager.silences.begin()->second["status"]["state"] = "expired";
  const auto verdict = check.evaluate(context(true));
  EXPECT_EQ(verdict.status, VerdictStatus::kFailed) << verdict.reason;
  EXPECT_THAT(verdict.reason, HasSubstr("came back changed"));
  EXPECT_THAT(verdict.reason, HasSubstr("its state is expired"));
}

TEST_F(AlertmanagerPersistenceTest, AnAlertmanagerThatNeverRestartedIsInconclusiveNeverPassed) {
  check.before_faults(context(false));
  const auto verdict = check.evaluate(context(false));
  EXPECT_EQ(verdict.status, VerdictStatus::kInconclusive) << verdict.reason;
  EXPECT_THAT(verdict.reason, HasSubstr("never restarted"));
}

TEST_F(AlertmanagerPersistenceTest, NoAnswerBeforeTheFaultsIsInconclusiveNeverFailed) {
  alertmanager.answers = false;
  check.before_faults(context(false));
  alertmanager.answers = true;
  alertmanager.restart(/*keep_silences=*/false);
  const auto verdict = check.evaluate(context(true));
  EXPECT_EQ(verdict.status, VerdictStatus::kInconclusive) << verdict.reason;
  EXPECT_THAT(verdict.reason, HasSubstr("no silence could be written"));
  EXPECT_THAT(verdict.reason, HasSubstr("connection refused"));
}

TEST_F(AlertmanagerPersistenceTest, ARestartNoDeclaredFaultExplainsIsNamedAsSuch) {
  check.before_faults(context(false));
  alertmanager.restart(/*keep_silences=*/false);
  const auto verdict = check.evaluate(context(false));
  EXPECT_EQ(verdict.status, VerdictStatus::kFailed) << verdict.reason;
  EXPECT_THAT(verdict.reason, HasSubstr("a restart no declared fault explains"));
}

}  // namespace
}  // namespace unbroken
