#include "harness/checks/alertmanager_persistence.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>

#include "harness/backends/backend_error.h"
#include "harness/core/time_format.h"

namespace unbroken {
namespace {

// Long enough to outlast any run, so the silence is still active when it is read back.
constexpr auto kSilenceLifetime = std::chrono::hours(24);

nlohmann::json describe(const Silence& s) {
  nlohmann::json matchers = nlohmann::json::array();
  for (const auto& m : s.matchers) {
    matchers.push_back(fmt::format("{}{}{}\"{}\"", m.name, m.is_equal ? "" : "!",
                                   m.is_regex ? "~" : "=", m.value));
  }
  return {{"id", s.id},
          {"state", s.state},
          {"matchers", matchers},
          {"comment", s.comment},
          {"starts_at", format_rfc3339(s.starts_at)},
          {"ends_at", format_rfc3339(s.ends_at)}};
}

// What differs between the silence written and the one read back; empty when nothing.
std::string changes(const Silence& written, const Silence& now) {
  std::vector<std::string> what;
  if (now.state != "active") what.push_back(fmt::format("its state is {}", now.state));
  if (now.matchers != written.matchers) what.push_back("its matchers changed");
  if (now.ends_at != written.ends_at) {
    what.push_back(fmt::format("it now ends at {}", format_rfc3339(now.ends_at)));
  }
  if (now.comment != written.comment) what.push_back("its comment changed");
  return fmt::format("{}", fmt::join(what, ", "));
}

}  // namespace

AlertmanagerPersistence::AlertmanagerPersistence(const CheckSpec&, const System& system)
    : service_(system.backends.alertmanager ? system.backends.alertmanager->service
                                            : "alertmanager") {}

void AlertmanagerPersistence::before_faults(const CheckContext& ctx) {
  try {
    started_before_ = ctx.alertmanager.started_at();
    const std::vector<SilenceMatcher> matchers{{"alertname", "UnbrokenPersistenceProbe"},
                                               {"unbroken_run", ctx.run_id}};
    const auto id = ctx.alertmanager.create_silence(
        matchers, ctx.now, ctx.now + kSilenceLifetime, "unbroken",
        fmt::format("unbroken run {}: written before the faults; must survive a restart",
                    ctx.run_id));
    // Read back once, so the end compares with what Alertmanager itself stored.
    written_ = ctx.alertmanager.silence(id);
    if (!written_)
      not_written_ = fmt::format("silence {} was not found right after it was written", id);
  } catch (const TransportError& e) {
    not_written_ = e.what();
  } catch (const BackendError& e) {
    not_written_ = e.what();
  }
}

Verdict AlertmanagerPersistence::evaluate(const CheckContext& ctx) {
  nlohmann::json evidence{{"service", service_}};
  std::vector<std::string> acted;
  for (const auto& w : ctx.windows) {
    if (w.acted_on() == service_) acted.push_back(w.fault);
  }
  evidence["faults_on_alertmanager"] = acted;
  if (!written_) {
    return Verdict::inconclusive(
        name(),
        fmt::format("no silence could be written before the faults, so there is nothing to "
                    "compare: {}",
                    not_written_.empty() ? "the run reached no fault" : not_written_),
        evidence);
  }
  evidence["written"] = describe(*written_);
  const auto started_after = ctx.alertmanager.started_at();
  evidence["process_started"] = {format_rfc3339(*started_before_), format_rfc3339(started_after)};
  if (started_after == *started_before_) {
    return Verdict::inconclusive(
        name(),
        fmt::format("{} never restarted during the run (its process started at {} before and "
                    "after the faults): its persistence was not exercised",
                    service_, format_rfc3339(started_after)),
        evidence);
  }
  const auto across = acted.empty() ? std::string("a restart no declared fault explains")
                                    : fmt::format("{}", fmt::join(acted, "; "));
  const auto now = ctx.alertmanager.silence(written_->id);
  if (!now) {
    return Verdict::failed(
        name(),
        fmt::format("the silence written before the faults ({}) is gone after {}: {} did not "
                    "keep its state across the restart",
                    written_->id, across, service_),
        evidence);
  }
  evidence["at_end"] = describe(*now);
  if (const auto changed = changes(*written_, *now); !changed.empty()) {
    return Verdict::failed(
        name(),
        fmt::format("the silence written before the faults ({}) came back changed after {}: {}",
                    written_->id, across, changed),
        evidence);
  }
  return Verdict::passed(
      name(),
      fmt::format("the silence written before the faults is still active and unchanged after "
                  "{} restarted ({})",
                  service_, across),
      evidence);
}

}  // namespace unbroken
