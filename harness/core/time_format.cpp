#include "harness/core/time_format.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdio>
#include <ctime>

namespace unbroken {

std::string format_rfc3339(TimePoint t) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(ms);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", seconds,
                     static_cast<int>((ms - seconds).count()));
}

std::optional<TimePoint> parse_rfc3339(const std::string& text) {
  std::tm fields{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &fields.tm_year, &fields.tm_mon,
                  &fields.tm_mday, &fields.tm_hour, &fields.tm_min, &fields.tm_sec,
                  &consumed) != 6 ||
      consumed != 19) {
    return std::nullopt;
  }
  std::chrono::nanoseconds fraction{0};
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    long long scale = 100'000'000;
    for (++at; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); ++at) {
      fraction += std::chrono::nanoseconds((text[at] - '0') * scale);
      scale /= 10;
    }
  }
  if (at + 1 != text.size() || text[at] != 'Z') return std::nullopt;
  fields.tm_year -= 1900;
  fields.tm_mon -= 1;
  const auto seconds = ::timegm(&fields);
  return std::chrono::time_point_cast<TimePoint::duration>(
      std::chrono::system_clock::from_time_t(seconds) + fraction);
}

}  // namespace unbroken
