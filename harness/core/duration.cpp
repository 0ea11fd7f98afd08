#include "harness/core/duration.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace unbroken {
namespace {

constexpr std::string_view kExpected =
    "a duration such as 500ms, 10s, 2m or 1m30s (units: ms, s, m, h)";

double unit_ms(std::string_view unit) {
  if (unit == "ms") return 1.0;
  if (unit == "s") return 1000.0;
  if (unit == "m") return 60'000.0;
  if (unit == "h") return 3'600'000.0;
  return -1.0;
}

[[noreturn]] void reject(std::string_view text) {
  throw std::invalid_argument(fmt::format("'{}' is not {}", text, kExpected));
}

}  // namespace

Millis parse_duration(std::string_view text) {
  if (text.empty()) reject(text);
  double total_ms = 0;
  std::size_t pos = 0;
  bool any_unit = false;
  while (pos < text.size()) {
    double value = 0;
    const auto* begin = text.data() + pos;
    const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ec != std::errc{} || end == begin || value < 0 || !std::isfinite(value)) reject(text);
    pos = static_cast<std::size_t>(end - text.data());
    std::size_t unit_end = pos;
    while (unit_end < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_end]))) {
      ++unit_end;
    }
    const auto unit = text.substr(pos, unit_end - pos);
    if (unit.empty()) {
      // A bare number means seconds, and only on its own.
      if (any_unit || pos != text.size()) reject(text);
      total_ms += value * 1000.0;
      break;
    }
    const double factor = unit_ms(unit);
    if (factor < 0) reject(text);
    total_ms += value * factor;
    any_unit = true;
    pos = unit_end;
  }
  return Millis(static_cast<Millis::rep>(std::llround(total_ms)));
}

std::string format_duration(Millis d) {
  const auto ms = d.count();
  if (ms % 60'000 == 0 && ms != 0) return fmt::format("{}m", ms / 60'000);
  if (ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
  if (ms < 1000) return fmt::format("{}ms", ms);
  return fmt::format("{:.3g}s", static_cast<double>(ms) / 1000.0);
}

}  // namespace unbroken
