// Images that only this machine can hold. The images the project builds are named under
// the registry host `unbroken.invalid` (RFC 6761: .invalid never resolves), so no public
// registry can serve anything in their place, and compose is told never to pull them. A
// missing one is refused before `up`, saying how to build it, instead of compose failing
// on a registry that cannot exist.
#pragma once

#include <string>
#include <vector>

namespace unbroken {

inline constexpr const char* kLocalOnlyRegistry = "unbroken.invalid/";

// The distinct `image:` values of a `compose config` output (its resolved YAML) whose
// registry host is kLocalOnlyRegistry, in order of first appearance.
std::vector<std::string> local_only_images(const std::string& compose_config);

// Of `wanted`, those not in `present` (the `docker image ls` lines "repository:tag").
std::vector<std::string> missing_images(const std::vector<std::string>& wanted,
                                        const std::vector<std::string>& present);

}  // namespace unbroken
