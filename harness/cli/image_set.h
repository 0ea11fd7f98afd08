// Image sets: compose/images/<name>.env lists the image variables of one set ("official",
// "offline"). Variables already set in the environment win, so a user can pin one image.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace unbroken {

// Reads <compose_dir>/images/<name>.env (KEY=VALUE lines, # comments) minus variables
// already in the environment. Throws ConfigError naming the sets available.
std::map<std::string, std::string> load_image_set(const std::filesystem::path& compose_dir,
                                                  const std::string& name);

}  // namespace unbroken
