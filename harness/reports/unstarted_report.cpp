#include "harness/reports/unstarted_report.h"

#include <fstream>
#include <iostream>

#include "harness/reports/junit_reporter.h"
#include "harness/reports/report_json.h"

namespace unbroken {

nlohmann::json report_of_a_run_without_one(const std::filesystem::path& scenario_file,
                                           ExitCode exit_code, const std::string& message) {
  using nlohmann::json;
  const bool interrupted = exit_code == ExitCode::kInterrupted;
  return {{"schema_version", kReportSchemaVersion},
          {"scenario", {{"name", scenario_file.stem().string()}, {"file", scenario_file.string()}}},
          {"status", interrupted ? "interrupted" : "errored"},
          {"exit_code", static_cast<int>(exit_code)},
          {"verdicts", json::array({{{"check", "run"},
                                     {"status", "errored"},
                                     {"reason", message},
                                     {"seconds", 0.0},
                                     {"evidence", json::object()}}})}};
}

void write_report_of_a_run_without_one(const std::filesystem::path& dir,
                                       const std::filesystem::path& scenario_file,
                                       ExitCode exit_code, const std::string& message) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  const auto report = report_of_a_run_without_one(scenario_file, exit_code, message);
  std::ofstream(dir / "report.json") << report.dump(2) << '\n';
  std::ofstream junit(dir / "junit.xml");
  junit << junit_xml(std::vector<nlohmann::json>{report});
  if (error || !junit) std::cerr << "error: could not write a report in " << dir.string() << '\n';
}

}  // namespace unbroken
