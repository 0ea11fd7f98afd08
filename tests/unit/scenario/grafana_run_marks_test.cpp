// GrafanaRunMarks against a fake Grafana: what it writes (the run's copy of the system's run
// dashboard when there is one, the run started annotation, one region per fault window) and that a
// Grafana that never answers is retried for the patience, then recorded as an error without
// throwing.
#include "harness/scenario/grafana_run_marks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_http_transport.h"

namespace unbroken {
namespace {

using nlohmann::json;
using testing::FakeClock;
using testing::FakeHttpTransport;
using ::testing::HasSubstr;
using testing::RecordedRequest;

const json kProvisioned{
    {"uid", "unbroken-run"}, {"title", "unbroken run"}, {"id", 1}, {"version", 1}};

TEST(GrafanaRunMarks, WritesTheRunsDashboardAndAnnotationsWithTheRunsTags) {
  FakeHttpTransport http([](const RecordedRequest& r) -> HttpResponse {
    if (r.path == "/api/dashboards/uid/unbroken-run")
      return {200, json{{"dashboard", kProvisioned}}.dump()};
    if (r.path == "/api/dashboards/db") return {200, R"({"uid":"x","status":"success"})"};
    if (r.path == "/api/annotations") return {200, R"({"id":7,"message":"Annotation added"})"};
    return {404, "{}"};
  });
  FakeClock clock;
  GrafanaRunMarks marks("r1", "unbroken-run", clock, Millis(5000));
  const auto connect = [&] {
    return GrafanaClient(http, "http://127.0.0.1:3000", {"admin", "pw"});
  };
  const auto t0 = clock.now();
  marks.run_started(connect, t0);
  marks.fault_window(
      connect, {"kill grafana", "grafana", t0 + Millis(1000), t0 + Millis(4000), true}, false);

  ASSERT_EQ(marks.marks().size(), 3u);
  for (const auto& m : marks.marks()) EXPECT_EQ(m.error, "") << m.what;
  EXPECT_EQ(marks.marks()[2].annotation_id, 7);
  std::vector<json> posted;
  for (const auto& r : http.requests()) {
    if (r.method == "POST") posted.push_back(json::parse(r.body));
    EXPECT_EQ(r.headers.count("Authorization"), 1u) << r.path;
  }
  ASSERT_EQ(posted.size(), 3u);
  EXPECT_EQ(posted[0]["dashboard"]["uid"], "unbroken-run-r1");
  EXPECT_FALSE(posted[0]["dashboard"].contains("id"));
  EXPECT_EQ(posted[1]["tags"], json({"unbroken", "run-started", "run:r1"}));
  const auto start_ms = std::chrono::duration_cast<Millis>(t0.time_since_epoch()).count();
  EXPECT_EQ(posted[2]["time"], start_ms + 1000);
  EXPECT_EQ(posted[2]["timeEnd"], start_ms + 4000);
  EXPECT_EQ(posted[2]["tags"], json({"unbroken", "fault", "run:r1", "target:grafana"}));
  EXPECT_EQ(posted[2]["dashboardUID"], "unbroken-run");
}

TEST(GrafanaRunMarks, WithoutARunDashboardOnlyTheOrganisationsAnnotationsAreWritten) {
  FakeHttpTransport http([](const RecordedRequest& r) -> HttpResponse {
    if (r.path == "/api/annotations") return {200, R"({"id":7,"message":"Annotation added"})"};
    return {404, "{}"};
  });
  FakeClock clock;
  GrafanaRunMarks marks("r1", std::nullopt, clock, Millis(5000));
  const auto connect = [&] { return GrafanaClient(http, "http://127.0.0.1:3000", {}); };
  const auto t0 = clock.now();
  marks.run_started(connect, t0);
  marks.fault_window(connect, {"kill loki", "loki", t0, t0 + Millis(1000), true}, false);

  ASSERT_EQ(marks.marks().size(), 2u);  // no dashboard copied, nothing waited for
  for (const auto& m : marks.marks()) EXPECT_EQ(m.error, "") << m.what;
  EXPECT_EQ(clock.now(), t0);
  for (const auto& r : http.requests()) {
    EXPECT_EQ(r.path, "/api/annotations");
    EXPECT_FALSE(json::parse(r.body).contains("dashboardUID")) << r.body;
  }
}

TEST(GrafanaRunMarks, AGrafanaThatNeverAnswersIsRetriedThenRecordedNotThrown) {
  FakeHttpTransport http([](const RecordedRequest&) -> HttpResponse {
    throw TransportError("connection refused", false);
  });
  FakeClock clock;
  GrafanaRunMarks marks("r1", "unbroken-run", clock, Millis(5000));
  const auto connect = [&] { return GrafanaClient(http, "http://127.0.0.1:3000", {}); };
  const auto t0 = clock.now();
  EXPECT_NO_THROW(
      marks.fault_window(connect, {"kill loki", "loki", t0, t0 + Millis(1000), true}, false));
  ASSERT_EQ(marks.marks().size(), 1u);
  EXPECT_THAT(marks.marks()[0].error, HasSubstr("connection refused"));
  EXPECT_GT(http.requests().size(), 2u);      // retried
  EXPECT_GE(clock.now() - t0, Millis(5000));  // for the whole patience
}

// Grafana itself stopped by another fault still in force: the healed window's mark waits
// instead of holding the timeline for the patience, and is written once Grafana is free.
TEST(GrafanaRunMarks, AMarkWhileAFaultHoldsGrafanaDownWaitsAndIsWrittenWhenItIsFree) {
  bool grafana_up = false;
  FakeHttpTransport http([&](const RecordedRequest&) -> HttpResponse {
    if (!grafana_up) throw TransportError("connection refused", false);
    return {200, R"({"id":9,"message":"Annotation added"})"};
  });
  FakeClock clock;
  GrafanaRunMarks marks("r1", std::nullopt, clock, Millis(5000));
  const auto connect = [&] { return GrafanaClient(http, "http://127.0.0.1:3000", {}); };
  const auto t0 = clock.now();
  marks.fault_window(connect, {"stop loki", "loki", t0, t0 + Millis(8000), true}, true);
  EXPECT_EQ(clock.now(), t0);  // nothing waited for
  EXPECT_TRUE(http.requests().empty());
  ASSERT_EQ(marks.marks().size(), 1u);
  EXPECT_THAT(marks.marks()[0].error, HasSubstr("a fault held Grafana down"));

  grafana_up = true;
  marks.fault_window(connect, {"stop grafana", "grafana", t0, t0 + Millis(9000), true}, false);
  ASSERT_EQ(marks.marks().size(), 2u);
  for (const auto& m : marks.marks()) EXPECT_EQ(m.annotation_id, 9) << m.what << ": " << m.error;
}

// The control: a mark that waited for Grafana until the timeline ended is written by flush.
TEST(GrafanaRunMarks, AMarkStillWaitingWhenTheTimelineEndsIsWrittenByFlush) {
  FakeHttpTransport http([](const RecordedRequest&) -> HttpResponse {
    return {200, R"({"id":4,"message":"Annotation added"})"};
  });
  FakeClock clock;
  GrafanaRunMarks marks("r1", std::nullopt, clock, Millis(5000));
  const auto connect = [&] { return GrafanaClient(http, "http://127.0.0.1:3000", {}); };
  const auto t0 = clock.now();
  marks.fault_window(connect, {"stop loki", "loki", t0, t0 + Millis(8000), true}, true);
  marks.flush(connect);
  ASSERT_EQ(marks.marks().size(), 1u);
  EXPECT_EQ(marks.marks()[0].annotation_id, 4);
  EXPECT_EQ(marks.marks()[0].error, "");
}

}  // namespace
}  // namespace unbroken
