// What the proxy faults share: the fault proxy's control client, and one GET through the
// proxy's published port on a path, timed — the measurement behind their proof of effect.
#pragma once

#include <string>

#include "harness/backends/fault_proxy_client.h"
#include "harness/faults/fault.h"
#include "harness/system/system.h"

namespace unbroken {

struct ProxyProbe {
  bool answered = false;  // an HTTP response came back (any status)
  int status = 0;
  Millis elapsed{0};
  std::string error;  // why not, when not answered
  std::string to_string() const;
};

// Throws ConfigError when the context has no HTTP transport (a wiring error).
FaultProxyClient fault_proxy_client(FaultContext& context);
ProxyProbe probe_through_proxy(FaultContext& context, const ProxiedPath& path, Millis timeout);
// Validates a proxy fault's target; throws ConfigError naming the proxied paths.
ProxiedPath proxied_path_for(const FaultSpec& spec, const System& system);

}  // namespace unbroken
