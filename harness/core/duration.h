// Human durations in scenario files and on the command line: "500ms", "10s", "2m",
// "1m30s", or a bare number of seconds. Throws std::invalid_argument with the expected
// form when the text is not a duration.
#pragma once

#include <string>
#include <string_view>

#include "harness/core/time.h"

namespace unbroken {

Millis parse_duration(std::string_view text);
// Formats as the shortest of "1.5s", "250ms", "2m".
std::string format_duration(Millis d);

}  // namespace unbroken
