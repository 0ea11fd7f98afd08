// Image sets: a system file's `images:` names env files of image variables, one per set
// ("official", "offline" for the reference system). Variables already set in the
// environment win, so a user can pin one image.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "harness/system/system.h"

namespace unbroken {

struct ImageSet {
  std::string name;  // as reported; "compose" when the compose files name their images
  std::map<std::string, std::string> variables;
};

// The set `name` of `system` (KEY=VALUE lines, # comments) minus variables already in the
// environment. Unset `name`: "official" when the system has it, else the images the compose
// files name. Throws ConfigError naming the sets available.
ImageSet load_image_set(const System& system, const std::optional<std::string>& name);

}  // namespace unbroken
