// Loki query API response parsing (/loki/api/v1/query_range with resultType "streams").
// Timestamps arrive as strings of nanoseconds. Throws BackendError for an error answer
// (Loki answers most query errors as plain text) or a body that is not the API's JSON.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "harness/backends/backend_error.h"

namespace unbroken {

struct LogLine {
  std::map<std::string, std::string> stream;
  std::int64_t ts_ns = 0;
  std::string line;
};

// The entries of every stream, flattened, in the order the body lists them.
std::vector<LogLine> parse_loki_streams(const std::string& body, int http_status);

}  // namespace unbroken
