// scenario_files: the scenario files a suite runs, from the paths given on the command
// line. A file is taken as it is; a directory gives the *.yaml and *.yml files in it and
// in its subdirectories (hidden ones skipped), sorted by path. Order is kept and a file
// named twice runs once.
// Throws ConfigError for a path that does not exist, and when no scenario file is found.
#pragma once

#include <filesystem>
#include <vector>

namespace unbroken {

std::vector<std::filesystem::path> scenario_files(const std::vector<std::filesystem::path>& paths);

}  // namespace unbroken
