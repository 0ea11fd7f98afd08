#include "harness/scenario/scenario_files.h"

#include <fmt/format.h>

#include <algorithm>

#include "harness/core/errors.h"

namespace unbroken {

std::vector<std::filesystem::path> scenario_files(const std::vector<std::filesystem::path>& paths) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  const auto add = [&files](const fs::path& file) {
    if (std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
  };
  for (const auto& path : paths) {
    std::error_code error;  // a name that cannot be looked up is neither
    if (fs::is_regular_file(path, error)) {
      add(path.lexically_normal());
    } else if (fs::is_directory(path, error)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(path); it != fs::end(it); ++it) {
        const auto& entry = *it;
        if (entry.is_directory() && entry.path().filename().string().starts_with(".")) {
          it.disable_recursion_pending();
          continue;
        }
        const auto extension = entry.path().extension();
        if (entry.is_regular_file() && (extension == ".yaml" || extension == ".yml"))
          found.push_back(entry.path().lexically_normal());
      }
      if (found.empty()) {
        throw ConfigError(
            fmt::format("{}: no scenario file (*.yaml, *.yml) in this directory", path.string()));
      }
      std::sort(found.begin(), found.end());
      for (const auto& file : found) add(file);
    } else {
      throw ConfigError(fmt::format("{}: no such scenario file or directory{}", path.string(),
                                    error ? " (" + error.message() + ")" : ""));
    }
  }
  if (files.empty()) throw ConfigError("no scenario file given");
  return files;
}

}  // namespace unbroken
