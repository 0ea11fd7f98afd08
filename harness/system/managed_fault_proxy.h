// The fault proxy unbroken adds to a run's project when the system declares proxied paths
// but its compose files do not run a proxy (FaultProxy::managed): a compose file with one
// service, kManagedFaultProxy, on the image UNBROKEN_FAULTPROXY_IMAGE (default
// unbroken.invalid/faultproxy:dev), its control API and every path's listen port published on
// 127.0.0.1 with a port the engine picks, and its configuration — one proxy per path,
// listening on all addresses and forwarding to the path's upstream — mounted read-only
// from the run directory. The services whose signals pass through the proxy start after it
// (depends_on), so their first export does not meet a closed port: a shipper with a circuit
// breaker (winston-loki's is 60 s) would otherwise drop the run's first lines.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/system/system.h"

namespace unbroken {

// "loki (:3100 → loki:3100), jaeger (…)", for the console.
std::string describe_paths(const FaultProxy& proxy);

// The proxy's configuration file: [{"name", "listen", "upstream"}, ...].
std::string managed_fault_proxy_config(const FaultProxy& proxy);

// The declared services that emit a signal whose path passes through the proxy, sorted.
std::vector<std::string> services_behind_proxy(const System& system);

// The compose file that adds the proxy and makes each of `started_after` depend on it.
// `config` is the configuration file's absolute path; `compose_version` is the user's
// files' `version` ("" for none), which compose v1 wants the same in every file.
std::string managed_fault_proxy_compose(const FaultProxy& proxy,
                                        const std::filesystem::path& config, std::uint64_t seed,
                                        const std::string& compose_version,
                                        const std::vector<std::string>& started_after);

}  // namespace unbroken
