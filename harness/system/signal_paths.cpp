#include "harness/system/signal_paths.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace unbroken {

bool SignalPath::passes(const std::string& hop) const {
  return std::find(hops.begin(), hops.end(), hop) != hops.end();
}

std::string SignalPath::to_string() const {
  return fmt::format("{}", fmt::join(hops, " → "));
}

SignalPath SignalRoutes::path_of(const std::string& emitter) const {
  const auto found = by_emitter.find(emitter);
  if (found == by_emitter.end()) {
    return {fmt::format("{} of {} (not in the path model)", signal, emitter), {backend}};
  }
  return {fmt::format("{} of {}", signal, emitter), found->second};
}

SignalPath merge_paths(std::string name, const std::vector<SignalPath>& paths) {
  SignalPath merged{std::move(name), {}};
  for (const auto& path : paths) {
    for (const auto& hop : path.hops) {
      if (!merged.passes(hop)) merged.hops.push_back(hop);
    }
  }
  return merged;
}

}  // namespace unbroken
