// What a suite (`unbroken run <file|dir>...`) writes besides each run's own directory:
// summary.md (also for $GITHUB_STEP_SUMMARY) and index.html, built from each run's
// report.json; the merged junit.xml comes from junit_reporter.h. Pure functions.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/core/exit_code.h"

namespace unbroken {

// One scenario of a suite, as the suite saw it end.
struct SuiteRun {
  std::filesystem::path scenario_file;
  std::filesystem::path run_dir;  // relative to the suite's directory
  ExitCode exit_code = ExitCode::kHarnessError;
  double seconds = 0;
  // The run's report.json; when the run wrote none (it could not start, or crashed), the
  // document from report_of_a_run_without_one (unstarted_report.h).
  nlohmann::json report;
};

struct SuiteFacts {
  std::size_t jobs = 1;
  double seconds = 0;
  ExitCode exit_code = ExitCode::kPassed;
  std::string jobs_why;       // where the figure came from ("--jobs", "two per core: …")
  std::size_t held_back = 0;  // times the next run waited because the host was under pressure
};

std::string suite_summary_markdown(const std::vector<SuiteRun>& runs, const SuiteFacts& facts);
std::string suite_index_html(const std::vector<SuiteRun>& runs, const SuiteFacts& facts);

}  // namespace unbroken
