// Fetching many traces by id from Jaeger, in parallel (each id is one GET; the HTTP
// transport is thread-safe). Absent traces map to nullopt.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/backends/jaeger_client.h"

namespace unbroken {

std::map<std::string, std::optional<TraceRecord>> fetch_traces(const JaegerClient& jaeger,
                                                               const std::vector<std::string>& ids,
                                                               int threads = 8);

// The traces of `count` ids, id_of(0) … id_of(count - 1), fetched a chunk at a time and
// each given to `visit` with its index (nullopt: not in Jaeger) before the next chunk is
// fetched: however many there are, no more than one chunk of traces is held.
inline constexpr std::size_t kTracesPerChunk = 512;
void visit_traces(const JaegerClient& jaeger, std::size_t count,
                  const std::function<std::string(std::size_t)>& id_of,
                  const std::function<void(std::size_t, const std::optional<TraceRecord>&)>& visit);

}  // namespace unbroken
