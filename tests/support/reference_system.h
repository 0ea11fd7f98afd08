// The reference system (compose/system.yaml), loaded once, for tests that need a System.
#pragma once

#include <filesystem>

#include "harness/system/system_loader.h"

namespace unbroken {

inline const System& reference_system() {
  static const System system =
      load_system(std::filesystem::path(UNBROKEN_SOURCE_DIR) / "compose/system.yaml");
  return system;
}

}  // namespace unbroken
