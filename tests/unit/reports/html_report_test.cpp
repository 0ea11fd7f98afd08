#include "harness/reports/html_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace unbroken {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// A run of 60 s: load from +5 s, prometheus killed at +20 s (declared, verified) and
// healed at +30 s, one metric gap it excused, and a trace lost that nothing excused.
json report() {
  return json::parse(R"({
    "run_id": "20261201-100000-beef", "seed": 42, "images": "offline", "status": "failed",
    "scenario": {"name": "prometheus-recovery", "file": "/s/p.yaml",
                 "text": "name: prometheus-recovery # <b>bold</b>\n"},
    "started_at": "2026-12-01T10:00:00.000Z", "finished_at": "2026-12-01T10:01:00.000Z",
    "engine": {"name": "docker", "version": "20.10.24", "compose": "docker-compose 1.29.2"},
    "harness": {"version": "0.1.0"},
    "backends": {"loki": {"service": "loki", "image": "unbroken.invalid/loki-standin:offline",
                          "stand_in": true}},
    "ledger": {"sent": 3, "succeeded": 2, "rejected": 1, "unknown": 0},
    "load": {"started_at": "2026-12-01T10:00:05.000Z",
             "per_second": [[0, 2, 1, 1, 0], [1, 1, 1, 0, 0]]},
    "timeline": [{"at": "2026-12-01T10:00:04.000Z", "phase": "stack ready", "detail": "ready"}],
    "faults": [{"description": "kill prometheus with SIGKILL", "declared": true,
                "injected_at": "2026-12-01T10:00:20.000Z", "healed_at": "2026-12-01T10:00:30.000Z",
                "inject_effect": {"verified": true, "observation": "prometheus is exited",
                                  "observed_at": "2026-12-01T10:00:20.500Z"},
                "heal_effect": {"verified": true, "observation": "prometheus is running",
                                "observed_at": "2026-12-01T10:00:31.000Z"}},
               {"description": "pause loki", "declared": false,
                "injected_at": "2026-12-01T10:00:40.000Z", "healed_at": null,
                "inject_effect": {"verified": false, "observation": "no effect seen"},
                "heal_effect": null}],
    "verdicts": [
      {"check": "metrics.continuity", "status": "passed", "reason": "1 gap excused",
       "seconds": 0.4,
       "evidence": {"series": [{"labels": "job=gateway", "gaps": [
           {"from": "2026-12-01T10:00:20.000Z", "to": "2026-12-01T10:00:37.000Z",
            "seconds": 17.0, "expected": true,
            "attribution": "excused by kill prometheus with SIGKILL"}],
           "time_to_recover": [{"fault_window": "kill prometheus with SIGKILL",
                                "seconds_after_heal": 7.0}]}]}},
      {"check": "metrics.accounting", "status": "passed", "reason": "ok",
       "evidence": {"series": 3}},
      {"check": "traces.completeness", "status": "failed", "reason": "1 trace <lost>",
       "evidence": {"problems": {"lost": {"count": 3, "excused": 0, "first": [
           {"item": "trace 0af7", "detail": "no span", "sent_at": "2026-12-01T10:00:10.000Z",
            "attribution": "unexpected: no fault on its path", "excused": false}]}},
         "recoveries": [{"fault": "kill prometheus with SIGKILL", "seconds_after_heal": null}]}}
    ]})");
}

TEST(HtmlReport, TheTimelineDrawsTheLoadEachFaultAndEachChecksLossesInTime) {
  const auto html = report_html(report());
  EXPECT_THAT(html, HasSubstr(R"(<svg id="timeline")"));
  EXPECT_THAT(html, HasSubstr(R"(<rect class="ok")")) << "the load's successes";
  EXPECT_THAT(html, HasSubstr(R"(<rect class="rejected")"));
  EXPECT_THAT(html, HasSubstr(R"(<rect class="window declared verified")"));
  EXPECT_THAT(html, HasSubstr("recovered 7.0 s after heal"));
  EXPECT_THAT(html, HasSubstr("<title>verified: prometheus is exited</title>"));
}

TEST(HtmlReport, LossesAreColouredByAttributionAndNameWhatExcusedThem) {
  const auto html = report_html(report());
  EXPECT_THAT(html, HasSubstr(R"(<rect class="excused")"));
  EXPECT_THAT(html, HasSubstr("excused by kill prometheus with SIGKILL</title>"));
  EXPECT_THAT(html, HasSubstr(R"(<line class="item unexpected")"));
  EXPECT_THAT(html, HasSubstr("unexpected: no fault on its path"));
  EXPECT_THAT(html, HasSubstr("1 of 3 shown")) << "the report keeps the first items only";
}

// Only declared faults may excuse: an undeclared one, or one whose effect was never seen,
// must look different at a glance.
TEST(HtmlReport, AnUndeclaredOrUnverifiedFaultIsDrawnApart) {
  const auto html = report_html(report());
  EXPECT_THAT(html, HasSubstr(R"(<rect class="window undeclared unverified")"));
  EXPECT_THAT(html, HasSubstr("UNDECLARED"));
}

TEST(HtmlReport, NamesStandInsAndEscapesEverythingTheRunSaid) {
  const auto html = report_html(report());
  EXPECT_THAT(html, HasSubstr("STAND-INS, not the real systems:</b> loki"));
  EXPECT_THAT(html, HasSubstr("1 trace &lt;lost&gt;"));
  EXPECT_THAT(html, HasSubstr("# &lt;b&gt;bold&lt;/b&gt;")) << "the scenario as written, escaped";
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("src="))) << "self-contained: nothing fetched";
  EXPECT_THAT(html, Not(HasSubstr("href=")));
}

TEST(HtmlReport, AReportWithoutLoadOrTimesStillRenders) {
  auto partial = report();
  partial.erase("load");
  partial["faults"][0]["inject_effect"] = nullptr;
  EXPECT_THAT(report_html(partial), HasSubstr("no load ran"));
  partial.erase("started_at");
  EXPECT_THAT(report_html(partial), HasSubstr("This run has no timeline."));
}

}  // namespace
}  // namespace unbroken
