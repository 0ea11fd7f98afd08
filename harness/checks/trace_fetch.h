// Fetching many traces by id from Jaeger, in parallel (each id is one GET; the HTTP
// transport is thread-safe). Absent traces map to nullopt.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/backends/jaeger_client.h"

namespace unbroken {

std::map<std::string, std::optional<TraceRecord>> fetch_traces(const JaegerClient& jaeger,
                                                               const std::vector<std::string>& ids,
                                                               int threads = 8);

}  // namespace unbroken
