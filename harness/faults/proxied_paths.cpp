#include "harness/faults/proxied_paths.h"

#include <array>

namespace unbroken {
namespace {

const std::array<ProxiedPath, 2> kPaths{{
    {"jaeger", 4318, "/"},
    {"loki", 3100, "/ready"},
}};

}  // namespace

std::optional<ProxiedPath> find_proxied_path(const std::string& target) {
  for (const auto& path : kPaths) {
    if (path.proxy == target) return path;
  }
  return std::nullopt;
}

std::string proxied_targets() {
  std::string names;
  for (const auto& path : kPaths) names += (names.empty() ? "" : ", ") + path.proxy;
  return names;
}

}  // namespace unbroken
