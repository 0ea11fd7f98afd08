#include "harness/faults/proxy_down_fault.h"

#include <fmt/format.h>

#include "harness/core/poll.h"

namespace unbroken {
namespace {

constexpr Millis kProxyDownProbeTimeout{2'000};

}  // namespace

ParamDecls ProxyDownFault::parameters() {
  return {};
}

ProxyDownFault::ProxyDownFault(const FaultSpec& spec, FaultContext& context)
    : context_(context), path_(proxied_path_for(spec, context.system)) {}

std::string ProxyDownFault::describe() const {
  return fmt::format("down: the proxied path to {}", path_.name);
}

void ProxyDownFault::inject() {
  fault_proxy_client(context_).set_enabled(path_.name, false);
}

void ProxyDownFault::heal() {
  fault_proxy_client(context_).set_enabled(path_.name, true);
}

Effect ProxyDownFault::verify_effect(FaultPhase phase, Millis timeout) {
  const bool want_answer = phase == FaultPhase::kHealed;
  ProxyProbe probe;
  const bool seen = poll_until(context_.clock, context_.clock.now() + timeout, [&] {
    probe = probe_through_proxy(context_, path_, kProxyDownProbeTimeout);
    return probe.answered == want_answer;
  });
  return {seen,
          fmt::format("through the proxy: {}{}", probe.to_string(),
                      seen          ? ""
                      : want_answer ? " (expected an answer)"
                                    : " (expected none)"),
          context_.clock.now()};
}

}  // namespace unbroken
