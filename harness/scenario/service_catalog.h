// The stack services the harness knows how to reach and probe: the container port it
// talks to and the readiness endpoint it waits on. Services not listed are started by
// compose but not probed.
#pragma once

#include <optional>
#include <string>

#include "harness/backends/http_probe.h"

namespace unbroken {

struct ServiceInfo {
  std::string name;
  int port;  // container port the harness uses
  std::string ready_path;
};

std::optional<ServiceInfo> find_service(const std::string& name);

inline constexpr const char* kPrometheusService = "prometheus";
inline constexpr const char* kWorkloadService = "workload";

}  // namespace unbroken
