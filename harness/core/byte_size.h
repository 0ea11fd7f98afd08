// Byte sizes in scenario files: "64MiB", "512KiB", "1GiB", "100MB", "4096" (bytes), also
// docker's "64m"/"1g" (binary). Throws std::invalid_argument naming the expected form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace unbroken {

std::int64_t parse_byte_size(std::string_view text);
// "64MiB", "1.5GiB", "512B": the largest binary unit that keeps the number >= 1.
std::string format_byte_size(std::int64_t bytes);

}  // namespace unbroken
