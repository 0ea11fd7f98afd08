// RFC 3339 rendering of instants for reports and logs ("2026-11-22T10:15:00.123Z").
#pragma once

#include <string>

#include "harness/core/time.h"

namespace unbroken {

std::string format_rfc3339(TimePoint t);

}  // namespace unbroken
