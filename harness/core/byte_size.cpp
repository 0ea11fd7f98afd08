#include "harness/core/byte_size.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <stdexcept>
#include <utility>

namespace unbroken {
namespace {

constexpr std::array<std::pair<std::string_view, std::int64_t>, 13> kUnits{{
    {"", 1},
    {"B", 1},
    {"KiB", 1LL << 10},
    {"MiB", 1LL << 20},
    {"GiB", 1LL << 30},
    {"KB", 1'000},
    {"MB", 1'000'000},
    {"GB", 1'000'000'000},
    {"k", 1LL << 10},
    {"m", 1LL << 20},
    {"g", 1LL << 30},
    {"kB", 1'000},
    {"TiB", 1LL << 40},
}};

}  // namespace

std::int64_t parse_byte_size(std::string_view text) {
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (error == std::errc() && number >= 0) {
    for (const auto& [name, factor] : kUnits) {
      if (unit == name) return number * factor;
    }
  }
  throw std::invalid_argument(fmt::format(
      "'{}' is not a size (expected e.g. 64MiB, 512KiB, 1GiB or a number of bytes)", text));
}

std::string format_byte_size(std::int64_t bytes) {
  constexpr std::array<std::string_view, 4> kNames{"B", "KiB", "MiB", "GiB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < kNames.size()) {
    value /= 1024.0;
    ++unit;
  }
  return unit == 0 ? fmt::format("{}B", bytes) : fmt::format("{:.3g}{}", value, kNames[unit]);
}

}  // namespace unbroken
