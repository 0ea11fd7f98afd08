// Parsing of `docker inspect <container>` output, kept pure so it is unit-tested on
// recorded JSON. Throws HarnessError when the JSON is not what docker prints.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "harness/runtime/runtime.h"

namespace unbroken {

ServiceState parse_container_state(const std::string& inspect_json);
// The 127.0.0.1 host binding of `container_port`/tcp, or nullopt when it is not published
// (for example while the container is stopped).
std::optional<Endpoint> parse_published_port(const std::string& inspect_json, int container_port);

// Bytes used, from the MemUsage column of `docker stats` ("5.605MiB / 6MiB").
std::int64_t parse_memory_usage(const std::string& mem_usage);

}  // namespace unbroken
