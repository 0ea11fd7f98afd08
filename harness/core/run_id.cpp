#include "harness/core/run_id.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace unbroken {

std::string make_run_id(TimePoint start, std::uint32_t entropy) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(start);
  return fmt::format("{:%Y%m%d-%H%M%S}-{:04x}", seconds, entropy & 0xffffu);
}

std::string compose_project_for(const std::string& run_id) {
  return "unbroken-" + run_id;
}

}  // namespace unbroken
