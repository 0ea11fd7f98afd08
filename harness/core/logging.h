// Logging setup: the console shows progress (through listeners, not this logger); the
// detailed log goes to <report dir>/harness.log and, at warning level and above, stderr.
#pragma once

#include <filesystem>

namespace unbroken {

// Routes spdlog's default logger to `log_file` (debug level) and stderr (warnings).
void setup_logging(const std::filesystem::path& log_file, bool verbose);
// A stderr-only logger for commands that write no report.
void setup_console_logging(bool verbose);

}  // namespace unbroken
