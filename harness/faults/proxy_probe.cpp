#include "harness/faults/proxy_probe.h"

#include <fmt/format.h>

namespace unbroken {

std::string ProxyProbe::to_string() const {
  return answered ? fmt::format("answered {} in {}ms", status, elapsed.count())
                  : fmt::format("no answer after {}ms ({})", elapsed.count(), error);
}

FaultProxyClient fault_proxy_client(FaultContext& context) {
  if (!context.http) throw HarnessError("proxy faults need an HTTP transport in their context");
  const auto& proxy = *context.system.fault_proxy;
  return FaultProxyClient(*context.http,
                          context.runtime.endpoint(proxy.service, proxy.api_port).base_url());
}

ProxyProbe probe_through_proxy(FaultContext& context, const ProxiedPath& path, Millis timeout) {
  if (!context.http) throw HarnessError("proxy faults need an HTTP transport in their context");
  const auto url = context.runtime.endpoint(path.proxy_service, path.listen_port).base_url();
  ProxyProbe probe;
  const auto began = context.clock.now();
  try {
    const auto response = context.http->get(url, path.probe_path, {}, timeout);
    probe.answered = true;
    probe.status = response.status;
  } catch (const TransportError& e) {
    probe.error = e.what();
  }
  probe.elapsed = std::chrono::duration_cast<Millis>(context.clock.now() - began);
  return probe;
}

ProxiedPath proxied_path_for(const FaultSpec& spec, const System& system) {
  const auto* path = system.proxied_path(spec.target);
  if (!path) {
    throw ConfigError(
        spec.where, fmt::format("fault '{}' acts on a path through the fault proxy; target "
                                "'{}' is not one of system '{}' (proxied paths: {})",
                                spec.kind, spec.target, system.name, system.proxied_path_names()));
  }
  return *path;
}

}  // namespace unbroken
