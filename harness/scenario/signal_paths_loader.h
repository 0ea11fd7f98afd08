// Loads a system's signal path model (compose/signal-paths.yaml for the reference stack; the
// format is described in that file). Errors are ConfigErrors at file:line:col.
#pragma once

#include <filesystem>
#include <string>

#include "harness/checks/signal_paths.h"

namespace unbroken {

SignalPaths load_signal_paths(const std::filesystem::path& file);
// Parses `text` as if it were the contents of `file_name` (for tests).
SignalPaths parse_signal_paths(const std::string& text, const std::filesystem::path& file_name);

}  // namespace unbroken
