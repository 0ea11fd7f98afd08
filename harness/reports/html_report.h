// report.html: one run for a person, rendered from its report.json document alone, so a
// saved report can be rendered again anywhere. Self-contained: inline CSS and SVG, no
// script, nothing fetched. It shows
//   - a timeline picture: the load's outcomes per second; each fault (declared or not) as
//     its window with inject, heal and verified marks and its measured time to recover;
//     each check's gaps and lost items placed in time, coloured by attribution (excused,
//     with the window that excused it, or unexpected);
//   - the verdict table with each check's evidence;
//   - the scenario as written.
// HtmlReporter writes <report dir>/report.html when a run ends.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "harness/scenario/run_listener.h"

namespace unbroken {

std::string report_html(const nlohmann::json& report);

// Renders the report.json at `report` into `html` (`unbroken render`). Throws ConfigError
// when `report` is not a run's report.json.
void write_report_html(const std::filesystem::path& report, const std::filesystem::path& html);

class HtmlReporter final : public RunListener {
 public:
  void on_run_end(const RunRecord& record) override;
};

}  // namespace unbroken
