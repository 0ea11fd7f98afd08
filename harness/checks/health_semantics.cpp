#include "harness/checks/health_semantics.h"

#include <fmt/format.h>

#include "harness/core/duration.h"
#include "harness/core/poll.h"

namespace unbroken {
namespace {

constexpr Millis kProbeTimeout{1'000};

int status_of(const CheckContext& ctx, const std::string& url, const std::string& path) {
  try {
    return ctx.http->get(url, path, {}, kProbeTimeout).status;
  } catch (const TransportError&) {
    return 0;
  }
}

std::string show(int status) {
  return status == 0 ? "no answer" : std::to_string(status);
}

bool unanswered(int readyz, int healthz) {
  return readyz == 0 || healthz == 0;
}

// The last probe of a phase that did not reach `wanted_readyz` with /healthz 200 answered
// otherwise: evidence against the service, unlike a probe that got no answer.
bool answered_otherwise(int readyz, int healthz, int wanted_readyz) {
  return (readyz != 0 && readyz != wanted_readyz) || (healthz != 0 && healthz != 200);
}

}  // namespace

ParamDecls HealthSemantics::parameters() {
  return {
      {"service", ParamType::kText, "", true, "whose liveness and readiness endpoints are judged"},
      {"downstream", ParamType::kText, "", true, "the service it depends on: the fault's target"},
      {"within", ParamType::kDuration, "10s", false,
       "how soon readiness must follow the downstream's outage and recovery"}};
}

HealthSemantics::HealthSemantics(const CheckSpec& spec, const System& system)
    : service_(spec.params.required_string("service")),
      downstream_(spec.params.required_string("downstream")),
      within_(spec.params.duration_or("within", Millis(10'000))) {
  const auto* service = system.service(service_);
  if (!service || service->liveness_path.empty() || service->readiness_path.empty()) {
    throw ConfigError(spec.params.where(),
                      fmt::format("health.semantics: service '{}' must declare 'liveness' and "
                                  "'readiness' paths in system '{}' ({})",
                                  service_, system.name, system.file.string()));
  }
  system.require_services({downstream_}, spec.params.where(), "health.semantics: downstream");
  readiness_ = service->readiness_path;
  liveness_ = service->liveness_path;
}

HealthSemantics::Probe HealthSemantics::probe(const CheckContext& ctx) const {
  const auto url = ctx.service_url(service_);
  return {status_of(ctx, url, readiness_), status_of(ctx, url, liveness_)};
}

HealthSemantics::Watch HealthSemantics::watch(const CheckContext& ctx, int wanted_readyz) const {
  Watch w;
  w.watched = true;
  const auto began = ctx.clock->now();
  poll_until(
      *ctx.clock, began + within_,
      [&] {
        w.last = probe(ctx);
        ++w.probes;
        if (unanswered(w.last.readyz, w.last.healthz)) ++w.unanswered;
        if (w.last.healthz != 0 && w.last.healthz != 200) w.worst_healthz = w.last.healthz;
        if (w.last.readyz == wanted_readyz && w.last.healthz == 200) {
          w.readyz_changed_after = std::chrono::duration_cast<Millis>(ctx.clock->now() - began);
          return true;
        }
        return false;
      },
      Backoff{Millis{100}, Millis{500}, 1.5});
  if (!w.readyz_changed_after) w.pressure = ctx.pressure_now();
  return w;
}

void HealthSemantics::on_fault_injected(const CheckContext& ctx, const std::string& target) {
  if (target != downstream_ || during_.watched) return;
  during_ = watch(ctx, 503);
  downstream_down_ = true;
}

void HealthSemantics::while_running(const CheckContext& ctx) {
  if (!downstream_down_ || !during_.readyz_changed_after) return;
  const auto seen = probe(ctx);
  ++probes_while_down_;
  if (unanswered(seen.readyz, seen.healthz)) {
    ++unanswered_while_down_;
    if (!pressure_while_down_) pressure_while_down_ = ctx.pressure_now();
  }
  // No answer is no evidence either way; an answer is.
  if (seen.healthz != 0 && seen.healthz != 200 && !flapped_healthz_)
    flapped_healthz_ = seen.healthz;
  if (seen.readyz == 200) readyz_ready_again_ = true;
}

void HealthSemantics::on_fault_healed(const CheckContext& ctx, const std::string& target) {
  if (target != downstream_ || !during_.watched) return;
  downstream_down_ = false;
  if (!after_.watched) after_ = watch(ctx, 200);
}

Verdict HealthSemantics::evaluate(const CheckContext&) {
  const auto seen = [](const Watch& w) -> nlohmann::json {
    return {
        {"watched", w.watched},
        {"reached_after_ms", w.readyz_changed_after
                                 ? nlohmann::json(w.readyz_changed_after->count())
                                 : nlohmann::json(nullptr)},
        {"last_readyz", w.last.readyz},
        {"last_healthz", w.last.healthz},
        {"non_200_healthz",
         w.worst_healthz == 200 ? nlohmann::json(nullptr) : nlohmann::json(w.worst_healthz)},
        {"probes", w.probes},
        {"unanswered_probes", w.unanswered},
        {"pressure_when_undecided", w.pressure ? w.pressure->to_json() : nlohmann::json(nullptr)}};
  };
  nlohmann::json evidence{{"service", service_},
                          {"downstream", downstream_},
                          {"within_ms", within_.count()},
                          {"while_down", seen(during_)},
                          {"probes_while_down", probes_while_down_},
                          {"unanswered_while_down", unanswered_while_down_},
                          {"after_heal", seen(after_)}};
  // "orders /readyz gave no answer 10s after inventory went down (3 of 12 probes
  // unanswered; host load 9.5 on 2 cores)".
  const auto no_answer = [&](const Watch& w, const std::string& when) {
    return Verdict::inconclusive(
        name(),
        fmt::format("{} {} gave no answer {} ({} of {} probes unanswered; {}): no answer is no "
                    "evidence either way",
                    service_, w.last.readyz == 0 ? readiness_ : liveness_, when, w.unanswered,
                    w.probes, w.pressure.value_or(HostPressure{}).describe()),
        evidence);
  };
  if (!during_.watched) {
    return Verdict::inconclusive(
        name(), fmt::format("no verified fault on {} to watch {} through", downstream_, service_),
        evidence);
  }
  if (during_.worst_healthz != 200) {
    return Verdict::failed(
        name(),
        fmt::format("{} {} answered {} while {} was down: liveness must not depend on a "
                    "downstream (a restart would not help)",
                    service_, liveness_, show(during_.worst_healthz), downstream_),
        evidence);
  }
  if (!during_.readyz_changed_after) {
    if (!answered_otherwise(during_.last.readyz, during_.last.healthz, 503))
      return no_answer(during_,
                       fmt::format("{} after {} went down", format_duration(within_), downstream_));
    return Verdict::failed(name(),
                           fmt::format("{} {} still answered {} {} after {} went down: it "
                                       "claims to be ready while it cannot serve",
                                       service_, readiness_, show(during_.last.readyz),
                                       format_duration(within_), downstream_),
                           evidence);
  }
  if (flapped_healthz_) {
    return Verdict::failed(
        name(),
        fmt::format("{} {} answered {} later while {} was down: liveness must not depend "
                    "on a downstream (a restart would not help)",
                    service_, liveness_, *flapped_healthz_, downstream_),
        evidence);
  }
  if (readyz_ready_again_) {
    return Verdict::failed(name(),
                           fmt::format("{} {} answered 200 again while {} was still down: "
                                       "it claims to be ready while it cannot serve",
                                       service_, readiness_, downstream_),
                           evidence);
  }
  // More than half the watch unanswered: too little seen to say /readyz stayed 503.
  if (2 * unanswered_while_down_ > probes_while_down_) {
    return Verdict::inconclusive(
        name(),
        fmt::format("{} of {} probes of {} while {} was down got no answer ({} at the first): "
                    "too few answers to judge its health endpoints through the fault",
                    unanswered_while_down_, probes_while_down_, service_, downstream_,
                    pressure_while_down_.value_or(HostPressure{}).describe()),
        evidence);
  }
  if (after_.watched && !after_.readyz_changed_after &&
      !answered_otherwise(after_.last.readyz, after_.last.healthz, 200))
    return no_answer(after_,
                     fmt::format("{} after {} recovered", format_duration(within_), downstream_));
  if (!after_.watched || !after_.readyz_changed_after) {
    return Verdict::failed(
        name(),
        fmt::format("{} did not answer {} and {} with 200 within {} of {} recovering "
                    "(last {} {}, {} {})",
                    service_, readiness_, liveness_, format_duration(within_), downstream_,
                    readiness_, show(after_.last.readyz), liveness_, show(after_.last.healthz)),
        evidence);
  }
  return Verdict::passed(
      name(),
      fmt::format("{} {} turned 503 {} after {} went down and 200 {} after it recovered; "
                  "{} stayed 200",
                  service_, readiness_, format_duration(*during_.readyz_changed_after), downstream_,
                  format_duration(*after_.readyz_changed_after), liveness_),
      evidence);
}

}  // namespace unbroken
