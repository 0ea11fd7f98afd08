// Parsing of `docker inspect <container>` output, kept pure so it is unit-tested on
// recorded JSON. Throws HarnessError when the JSON is not what docker prints.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "harness/runtime/runtime.h"

namespace unbroken {

ServiceState parse_container_state(const std::string& inspect_json);
// The 127.0.0.1 host binding of `container_port`/tcp, or nullopt when it is not published
// (for example while the container is stopped).
std::optional<Endpoint> parse_published_port(const std::string& inspect_json, int container_port);

// Every host port the inspected containers are configured to publish (HostConfig.PortBindings),
// whether they run or not: a stopped container takes its ports back when it starts again.
std::set<std::string> parse_configured_host_ports(const std::string& inspect_json);

// The name of the volume mounted at `container_path`, or nullopt (none, or a bind mount).
std::optional<std::string> parse_mounted_volume(const std::string& inspect_json,
                                                const std::string& container_path);
// The size limit of a tmpfs volume from `docker volume inspect` (Options.o "size=64m,..."),
// or nullopt when it has none.
std::optional<std::int64_t> parse_volume_size_limit(const std::string& volume_inspect_json);

// Bytes used, from the MemUsage column of `docker stats` ("5.605MiB / 6MiB").
std::int64_t parse_memory_usage(const std::string& mem_usage);

}  // namespace unbroken
