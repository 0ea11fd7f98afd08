#include "harness/reports/suite_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/reports/unstarted_report.h"

namespace unbroken {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

SuiteRun run(const std::string& name, const std::string& status, json verdicts,
             ExitCode exit_code) {
  SuiteRun r;
  r.scenario_file = "scenarios/chaos/" + name + ".yaml";
  r.run_dir = "01-" + name;
  r.exit_code = exit_code;
  r.seconds = 61.4;
  r.report = {{"scenario", {{"name", name}, {"file", r.scenario_file.string()}}},
              {"status", status},
              {"verdicts", std::move(verdicts)}};
  return r;
}

std::vector<SuiteRun> suite() {
  return {run("loki-stop", "passed",
              json::array({{{"check", "logs.completeness"}, {"status", "passed"}},
                           {{"check", "fault: stop loki"}, {"status", "passed"}}}),
              ExitCode::kPassed),
          run("jaeger-recovery", "failed",
              json::array({{{"check", "traces.completeness"},
                            {"status", "failed"},
                            {"reason", "25 spans | lost"}},
                           {{"check", "fault: kill jaeger"}, {"status", "passed"}}}),
              ExitCode::kFailed)};
}

TEST(SuiteSummary, HeadlineCountsEachStatusAndStatesTheJobsAndExitCode) {
  const auto md = suite_summary_markdown(suite(), {4, 130, ExitCode::kFailed});
  EXPECT_THAT(md, HasSubstr("2 scenario(s), 4 at a time, 130 s: 1 passed, 1 failed. Exit code 1."));
}

TEST(SuiteSummary, HeadlineSaysWhereTheJobsFigureCameFromAndWhenPressureLoweredIt) {
  const auto md =
      suite_summary_markdown(suite(), {4, 130, ExitCode::kFailed, "two per core: 2 core(s)", 3});
  EXPECT_THAT(md, HasSubstr("4 at a time (two per core: 2 core(s)), fewer 3 time(s) while the "
                            "host was under pressure, 130 s"));
}

TEST(SuiteSummary, EachRunIsARowAndEveryVerdictThatDidNotPassIsListedWithItsReason) {
  const auto md = suite_summary_markdown(suite(), {4, 130, ExitCode::kFailed});
  EXPECT_THAT(md, HasSubstr("| ✅ | loki-stop (`scenarios/chaos/loki-stop.yaml`) | passed | 61 s "
                            "| 1/1 | 1/1 | `01-loki-stop` |"));
  EXPECT_THAT(md, HasSubstr("### ❌ jaeger-recovery: failed"));
  EXPECT_THAT(md, HasSubstr("- **traces.completeness** failed: 25 spans \\| lost"));
  EXPECT_THAT(md, Not(HasSubstr("**logs.completeness**"))) << "passed verdicts are not listed";
}

TEST(SuiteSummary, ARunThatWroteNoReportIsErroredWithItsMessage) {
  SuiteRun crashed;
  crashed.scenario_file = "s/oom.yaml";
  crashed.run_dir = "02-oom";
  crashed.exit_code = ExitCode::kHarnessError;
  crashed.report =
      report_of_a_run_without_one(crashed.scenario_file, ExitCode::kHarnessError, "segfault");
  const auto md = suite_summary_markdown({crashed}, {1, 5, ExitCode::kHarnessError});
  EXPECT_THAT(md, HasSubstr("1 errored"));
  EXPECT_THAT(md, HasSubstr("- **run** errored: segfault"));
}

TEST(SuiteIndex, IsOnePageThatEscapesWhatRunsSaidAndLinksEachRunsFiles) {
  auto runs = suite();
  runs[1].report["verdicts"][0]["reason"] = "<script>alert(1)</script>";
  const auto html = suite_index_html(runs, {4, 130, ExitCode::kFailed});
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr(R"(<a href="01-jaeger-recovery/report.json">)"));
  EXPECT_THAT(html, Not(HasSubstr("http"))) << "nothing fetched from anywhere";
}

}  // namespace
}  // namespace unbroken
