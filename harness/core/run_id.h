// Run identity: every container, network and volume of a run carries the label
// io.unbroken.run=<run id>, and the compose project is unbroken-<run id>.
#pragma once

#include <cstdint>
#include <string>

#include "harness/core/time.h"

namespace unbroken {

inline constexpr const char* kRunLabel = "io.unbroken.run";

// "20261122-101500-4f2a": UTC start time plus 4 hex digits from `entropy`. Lowercase,
// digits and dashes only, so it is a valid compose project name and label value.
std::string make_run_id(TimePoint start, std::uint32_t entropy);

std::string compose_project_for(const std::string& run_id);

}  // namespace unbroken
