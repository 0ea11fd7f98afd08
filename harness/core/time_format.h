// RFC 3339 rendering of instants for reports and logs ("2026-11-22T10:15:00.123Z"), and
// reading it back from a report.
#pragma once

#include <optional>
#include <string>

#include "harness/core/time.h"

namespace unbroken {

std::string format_rfc3339(TimePoint t);

// Reads what format_rfc3339 writes (UTC, "Z", optional fraction of up to nanoseconds);
// nullopt for anything else.
std::optional<TimePoint> parse_rfc3339(const std::string& text);

}  // namespace unbroken
