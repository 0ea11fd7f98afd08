#include "harness/cli/image_set.h"

#include <fmt/format.h>

#include <cstdlib>

#include "harness/core/errors.h"
#include "harness/system/env_file.h"

namespace unbroken {
namespace {

std::string set_names(const System& system) {
  std::string names;
  for (const auto& [name, file] : system.image_sets) names += (names.empty() ? "" : ", ") + name;
  return names.empty() ? "none" : names;
}

}  // namespace

ImageSet load_image_set(const System& system, const std::optional<std::string>& name) {
  const auto chosen = name.value_or("official");
  const auto found = system.image_sets.find(chosen);
  if (found == system.image_sets.end()) {
    if (!name) return {"compose", {}};
    throw ConfigError(fmt::format("unknown image set '{}': system '{}' ({}) declares: {}", chosen,
                                  system.name, system.file.string(), set_names(system)));
  }
  ImageSet set{chosen, {}};
  for (auto& [key, value] : read_env_file(found->second)) {
    if (std::getenv(key.c_str()) == nullptr) set.variables[key] = value;
  }
  return set;
}

}  // namespace unbroken
