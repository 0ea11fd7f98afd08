// Reports for a run that ended before it could write its own: a configuration error, a
// missing engine, a run that could not start or crashed. CI still finds a report.json and
// a junit.xml, with one errored testcase "run" that carries the message.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "harness/core/exit_code.h"

namespace unbroken {

// A report.json-shaped document: status "errored" (or "interrupted") from `exit_code`, the
// scenario named by its file, and one verdict "run" carrying `message`.
nlohmann::json report_of_a_run_without_one(const std::filesystem::path& scenario_file,
                                           ExitCode exit_code, const std::string& message);

// Writes that document as `dir`/report.json and its junit.xml beside it, creating `dir`.
// Never throws: a report that cannot be written is said on stderr.
void write_report_of_a_run_without_one(const std::filesystem::path& dir,
                                       const std::filesystem::path& scenario_file,
                                       ExitCode exit_code, const std::string& message);

}  // namespace unbroken
