#include "harness/scenario/runner.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <mutex>

#include "harness/backends/http_probe.h"
#include "harness/backends/prometheus_client.h"
#include "harness/backends/tcp_probe.h"
#include "harness/checks/evaluate_check.h"
#include "harness/checks/load_evidence.h"
#include "harness/core/duration.h"
#include "harness/core/errors.h"
#include "harness/core/interrupt.h"
#include "harness/core/poll.h"
#include "harness/core/process_stats.h"
#include "harness/core/run_id.h"
#include "harness/core/ticker.h"
#include "harness/core/version.h"
#include "harness/faults/connection_probe.h"
#include "harness/faults/fault_journal.h"
#include "harness/runtime/run_sweeper.h"
#include "harness/scenario/during_load_verification.h"
#include "harness/scenario/grafana_run_marks.h"
#include "harness/scenario/load_progress.h"
#include "harness/scenario/prepared_scenario.h"
#include "harness/scenario/scrape_interval.h"
#include "harness/scenario/services_to_start.h"
#include "harness/system/compose_file.h"
#include "harness/system/env_file.h"
#include "harness/system/managed_fault_proxy.h"
#include "harness/workload/load_driver.h"

namespace unbroken {
namespace {

// How long after a heal requests may still fail without weakening the load's evidence.
constexpr Millis kLoadRecoverWithin{15'000};
// An injection or a heal this much later than planned is said so on the console.
constexpr Millis kLateAction{1'000};
// A heal seen to act this long after it was issued is said so on the console.
constexpr Millis kSlowHeal{2'000};
// How often the live progress line is redrawn.
constexpr Millis kProgressPeriod{1'000};
// How long the harness keeps trying to write a mark into Grafana (it may be restarting).
constexpr Millis kGrafanaMarkPatience{20'000};

// Lines of a not-ready service's container log kept in the report.
constexpr std::size_t kLogTailLines = 20;

// A service that never became ready, with what the report says of it: the probe, its last
// answer and the tail of the container's log.
class ServiceNotReady : public NotReadyError {
 public:
  ServiceNotReady(const std::string& what, nlohmann::json what_was_seen)
      : NotReadyError(what), evidence(std::move(what_was_seen)) {}
  nlohmann::json evidence;
};

// The last `lines` lines of `log`.
std::vector<std::string> tail_lines(const std::string& log, std::size_t lines) {
  std::vector<std::string> all;
  std::size_t start = 0;
  while (start < log.size()) {
    const auto end = log.find('\n', start);
    all.push_back(log.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (all.size() > lines) all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(lines));
  return all;
}

// One step of the fault timeline: inject or heal fault `index` at `at` after load start.
struct TimelineAction {
  Millis at;
  std::size_t index;
  bool inject;
};

std::vector<TimelineAction> plan_actions(const std::vector<FaultSpec>& timeline) {
  std::vector<TimelineAction> actions;
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    actions.push_back({timeline[i].at, i, true});
    actions.push_back({timeline[i].at + timeline[i].duration, i, false});
  }
  // At the same instant heals go first, so back-to-back faults do not overlap.
  std::stable_sort(actions.begin(), actions.end(), [](const auto& a, const auto& b) {
    return a.at != b.at ? a.at < b.at : (!a.inject && b.inject);
  });
  return actions;
}

// One fault of the timeline as the run carries it out: the fault that acts, what the run
// records of it (in record_.faults, which outlives it) and whether it is in force now —
// so a teardown heals exactly what is still in force.
struct ScheduledFault {
  std::unique_ptr<Fault> fault;
  FaultRecord* record = nullptr;
  bool in_force = false;
};

// All the state of one run; Runner::run creates one per call.
class ScenarioRun {
 public:
  ScenarioRun(Runtime& runtime, HttpTransport& http, const Clock& clock,
              const std::vector<RunListener*>& listeners, const Scenario& scenario,
              const RunSetup& setup)
      : runtime_(runtime),
        http_(http),
        clock_(clock),
        listeners_(listeners),
        scenario_(scenario),
        setup_(setup),
        journal_(setup.report_dir / "fault-journal.jsonl"),
        ledger_(setup.run_id, setup.report_dir / "requests.ledger"),
        driver_(http, ledger_) {}

  void build(const FaultRegistry& faults, const CheckRegistry& checks);
  RunRecord execute();

 private:
  void event(const std::string& phase, const std::string& detail, std::optional<TimePoint> at = {});
  // Calls `tell` on every listener; one that throws is logged and the run goes on, so a
  // broken reporter can never skip a fault's heal or the teardown.
  template <typename Tell>
  void tell_listeners(const Tell& tell) {
    for (auto* l : listeners_) {
      try {
        tell(*l);
      } catch (const std::exception& e) {
        spdlog::error("a run listener failed and was skipped: {}", e.what());
      }
    }
  }
  void stack_up();
  // What the stack runs on: the engine, each service's image (and whether it is one of the
  // project's stand-ins), and which service serves each backend role.
  void record_images(const std::vector<std::string>& services);
  void warm_up();
  void await_scraped();
  void run_timeline();
  void inject(ScheduledFault& scheduled, Millis late);
  // `late`: how long after it was due the heal is issued (an earlier action ran long).
  void heal(ScheduledFault& scheduled, Millis late);
  // The fault's verify_effect, stamped with when it was observed if the fault did not say.
  Effect observe_effect(Fault& fault, FaultPhase phase);
  void await_ready(const SystemService& service, const char* context);
  // After a verified heal: the target is ready again, or a failed recovery is judged.
  void await_recovery(const FaultRecord& fr);
  void settle();
  void verify();
  void add_verdict(Verdict verdict);
  void add_fault_verdicts();
  // Calls `hook` of every check with the fault's target; a check that throws is logged.
  void notify_checks(void (Check::*hook)(const CheckContext&, const std::string&),
                     const std::string& target);
  // Calls while_running of every check that watches the stack continuously.
  void watch_checks();
  void teardown();
  void start_progress();
  // An inject or heal whose engine command failed: the fault's effect is unknown.
  void could_not_complete(FaultRecord& fr, FaultPhase phase, const std::exception& e);
  void set_in_force(const std::string& description, bool in_force);
  // Finds where Jaeger is published now, for what the checks do during the load.
  void refresh_jaeger_url();
  CheckContext check_context();
  PrometheusClient prometheus();
  GrafanaClient grafana();
  std::string url_of(const std::string& service);
  std::string url_of(const BackendEndpoint& backend);
  // url_of the role's backend, or an unusable ".invalid" URL naming why while it has no
  // published port (killed, partitioned) or the system has none, so a check context can be
  // built in the middle of a fault and for any system.
  std::string url_while_faulted(BackendRole role);
  // Keeps the slowest engine command of the faults (`what`, begun at `began`) in the record.
  void note_fault_command(const std::string& what, TimePoint began);
  // Whether a fault still in force targets `service`.
  bool fault_in_force_on(const std::string& service) const;

  Runtime& runtime_;
  CountingTransport http_;  // the harness's own queries and probes, counted
  const Clock& clock_;
  const std::vector<RunListener*>& listeners_;
  const Scenario& scenario_;
  const RunSetup& setup_;
  FaultJournal journal_;
  RequestLedger ledger_;
  LoadDriver driver_;
  LoadTarget load_;                    // where the load goes (set by build)
  BeastConnectionProber connections_;  // measures proxy toxics through the proxy
  FaultContext fault_context_{runtime_, clock_, setup_.system, &http_, &connections_};
  std::vector<ScheduledFault> scheduled_;  // the timeline's faults, in its order
  std::vector<std::unique_ptr<Check>> checks_;
  bool stack_started_ = false;
  bool has_grafana_ = false;
  // The faults in force, by description, for the progress line (read from its thread).
  std::mutex in_force_mutex_;
  std::vector<std::string> in_force_;
  GrafanaRunMarks grafana_marks_{
      setup_.run_id,
      setup_.system.backends.grafana ? setup_.system.backends.grafana->run_dashboard : std::nullopt,
      clock_, kGrafanaMarkPatience};
  RunRecord record_;
  // Where Jaeger is published, for during_load_ (read from its thread).
  std::mutex jaeger_url_mutex_;
  std::string jaeger_url_;
  // The checks' work while the load runs, and the live progress line; last, so that they
  // stop before what they read.
  DuringLoadVerification during_load_{ledger_, http_, clock_};
  Ticker progress_;
};

void ScenarioRun::build(const FaultRegistry& faults, const CheckRegistry& checks) {
  auto prepared = prepare_scenario(scenario_, faults, checks, fault_context_);
  load_ = load_target(scenario_, setup_.system);
  record_.services_not_started = services_left_out(scenario_, setup_.system, checks);
  checks_ = std::move(prepared.checks);
  for (std::size_t i = 0; i < prepared.faults.size(); ++i) {
    const auto& spec = scenario_.timeline[i];
    FaultRecord fr;
    fr.kind = spec.kind;
    fr.target = spec.target;
    fr.description = prepared.faults[i]->describe();
    fr.declared = spec.declared;
    fr.planned_at = spec.at;
    fr.planned_duration = spec.duration;
    record_.faults.push_back(fr);
  }
  // Every record is in place: the pointers into record_.faults stay valid from here on.
  for (std::size_t i = 0; i < prepared.faults.size(); ++i) {
    scheduled_.push_back({std::move(prepared.faults[i]), &record_.faults[i]});
  }
}

void ScenarioRun::event(const std::string& phase, const std::string& detail,
                        std::optional<TimePoint> at) {
  record_.timeline.push_back({at.value_or(clock_.now()), phase, detail});
  spdlog::info("{}: {}", phase, detail);
  tell_listeners([&](RunListener& l) { l.on_event(record_, record_.timeline.back()); });
}

std::string ScenarioRun::url_while_faulted(BackendRole role) {
  const auto* backend = setup_.system.backend(role);
  if (!backend) return fmt::format("http://no-{}-in-this-system.invalid", to_string(role));
  try {
    return url_of(*backend);
  } catch (const HarnessError&) {
    // Down or cut off by a fault: a URL that fails at once, naming why, if ever used.
    return "http://" + backend->service + "-is-unreachable.invalid";
  }
}

std::string ScenarioRun::url_of(const std::string& service) {
  const auto* declared = setup_.system.service(service);
  if (!declared || declared->port == 0) {
    throw HarnessError(
        fmt::format("service {} declares no API port in system '{}'", service, setup_.system.name));
  }
  return runtime_.endpoint(service, declared->port).base_url();
}

std::string ScenarioRun::url_of(const BackendEndpoint& backend) {
  return runtime_.endpoint(backend.service, backend.port).base_url();
}

PrometheusClient ScenarioRun::prometheus() {
  return PrometheusClient(http_, url_of(*setup_.system.backends.prometheus));
}

GrafanaClient ScenarioRun::grafana() {
  return GrafanaClient(http_, url_while_faulted(BackendRole::kGrafana), setup_.grafana_credentials);
}

void ScenarioRun::await_ready(const SystemService& service, const char* context) {
  const auto& probe = *service.ready;
  const auto began = clock_.now();
  const auto timeout = scenario_.stack.ready_timeout;
  ReadinessWait wait;
  switch (probe.kind) {
    case ReadinessProbe::Kind::kHttp:
      wait = wait_http_ok(http_, clock_, runtime_.endpoint(service.name, probe.port).base_url(),
                          {probe.path, timeout});
      break;
    case ReadinessProbe::Kind::kTcp: {
      const auto endpoint = runtime_.endpoint(service.name, probe.port);
      wait = wait_tcp_open(clock_, endpoint.host, endpoint.port, timeout);
      break;
    }
    case ReadinessProbe::Kind::kHealthcheck:
      wait.ready = poll_until(clock_, clock_.now() + timeout, [&] {
        wait.last_answer = "container health: " + runtime_.state(service.name).health;
        return runtime_.state(service.name).health == "healthy";
      });
      break;
  }
  if (!wait.ready) {
    nlohmann::json evidence{
        {"service", service.name}, {"probe", probe.to_string()}, {"last_answer", wait.last_answer}};
    try {
      evidence["log_tail"] = tail_lines(
          runtime_.log_tail(service.name, static_cast<int>(kLogTailLines)), kLogTailLines);
    } catch (const std::exception& e) {
      evidence["log_tail_error"] = e.what();
    }
    throw ServiceNotReady(
        fmt::format("{} was not ready ({}) within {} {}; last answer: {}", service.name,
                    probe.to_string(), format_duration(timeout), context,
                    wait.last_answer.empty() ? "none" : wait.last_answer),
        std::move(evidence));
  }
  spdlog::info("{} ready {} after {}", service.name, context,
               format_duration(std::chrono::duration_cast<Millis>(clock_.now() - began)));
}

void ScenarioRun::stack_up() {
  const auto& system = setup_.system;
  StackSpec spec{setup_.run_id, system.compose_files, setup_.compose_env};
  if (system.env_file) spec.env.merge(read_env_file(*system.env_file));  // image sets win
  spec.env["UNBROKEN_SEED"] = std::to_string(setup_.seed);
  if (const auto& grafana = system.backends.grafana) {
    spec.env[grafana->user_env] = setup_.grafana_credentials.user;
    spec.env[grafana->password_env] = setup_.grafana_credentials.password;
  }
  if (!scenario_.workload_defects.empty()) {
    spec.env["UNBROKEN_WORKLOAD_DEFECTS"] = scenario_.workload_defects;
    event("stack up", "SEEDED DEFECTS in the workload: " + scenario_.workload_defects);
  }
  for (const auto& o : scenario_.stack.overrides)
    spec.compose_files.push_back(system.dir() / o.path);
  if (system.fault_proxy && system.fault_proxy->managed) {
    const auto run_dir = std::filesystem::absolute(setup_.report_dir);
    const auto config = run_dir / "faultproxy-proxies.json";
    std::ofstream(config) << managed_fault_proxy_config(*system.fault_proxy);
    const auto proxy_file = run_dir / "compose-fault-proxy.yml";
    std::ofstream(proxy_file) << managed_fault_proxy_compose(
        *system.fault_proxy, config, setup_.seed, read_compose_files(system.compose_files).version,
        services_behind_proxy(system));
    spec.compose_files.push_back(proxy_file);
    event("stack up",
          fmt::format("adding unbroken's fault proxy ({}) on the path(s) {}",
                      system.fault_proxy->service, describe_paths(*system.fault_proxy)));
  }
  const auto model = read_compose_files(spec.compose_files);
  // The run's labels on everything the files create, without touching them.
  const auto labels_file = setup_.report_dir / "compose-run-labels.yml";
  std::ofstream(labels_file) << labels_override(
      model, {{kRunLabel, setup_.run_id}, {kPidLabel, std::to_string(::getpid())}});
  spec.compose_files.push_back(labels_file);
  const auto& left_out = record_.services_not_started;
  if (!left_out.empty()) {
    for (const auto& [name, service] : model.services) {
      if (std::find(left_out.begin(), left_out.end(), name) == left_out.end()) {
        spec.services.push_back(name);
      }
    }
  }
  event("stack up",
        fmt::format("starting compose project unbroken-{} of system '{}' ({} images){}",
                    setup_.run_id, system.name, setup_.image_set,
                    left_out.empty() ? ""
                                     : fmt::format("; not starting {}: declared start: "
                                                   "when_needed, and no check, fault or "
                                                   "parameter of this scenario needs them",
                                                   fmt::join(left_out, ", "))));
  try {
    runtime_.up(spec);
  } catch (const ConfigError&) {
    throw;  // no engine: nothing was created
  } catch (...) {
    stack_started_ = true;  // compose may have created part of the stack
    throw;
  }
  stack_started_ = true;
  const auto services = runtime_.services();
  record_images(services);
  for (const auto& name : services) {
    if (system.backends.grafana && name == system.backends.grafana->service) has_grafana_ = true;
    const auto* service = system.service(name);
    if (!service) continue;
    if (service->ready) await_ready(*service, "at start");
    if (service->port != 0) record_.endpoints[name] = url_of(name);
  }
  record_.stack_ready = clock_.now();
  event("stack ready",
        fmt::format("ready after {}", format_duration(std::chrono::duration_cast<Millis>(
                                          *record_.stack_ready - record_.started))));
}

// Waits until Prometheus scrapes the load's target successfully (a job of the system's
// signals.metrics that starts at it; any job when none does), then checks the scrape
// interval the scenario assumes.
void ScenarioRun::await_scraped() {
  const auto jobs = setup_.system.jobs_scraping(load_.service);
  const auto selector =
      jobs.empty() ? std::string("up") : fmt::format("up{{job=~\"{}\"}}", fmt::join(jobs, "|"));
  const auto scraped_what = jobs.empty()
                                ? std::string("any target")
                                : fmt::format("{} (job {})", load_.service, fmt::join(jobs, ", "));
  const auto since = *record_.load_started;
  const bool scraped = poll_until(clock_, since + scenario_.warmup_timeout, [&] {
    for (const auto& s : prometheus().raw_samples(selector, since, clock_.now())) {
      for (const auto& p : s.samples) {
        if (p.value == 1.0) return true;
      }
    }
    return false;
  });
  if (!scraped) {
    throw NotReadyError(fmt::format("Prometheus did not scrape {} successfully within {}",
                                    scraped_what, format_duration(scenario_.warmup_timeout)));
  }
  require_scrape_interval(parse_scrape_intervals(prometheus().loaded_config()),
                          scenario_.stack.scrape_interval, scenario_.stack.scrape_interval_where);
  record_.observe_from = clock_.now();
  event("warm-up", fmt::format("Prometheus is scraping {}; observation starts", scraped_what));
}

void ScenarioRun::record_images(const std::vector<std::string>& services) {
  record_.engine = runtime_.engine_identity();
  std::vector<std::string> stand_ins;
  for (const auto& name : services) {
    const auto state = runtime_.state(name);
    record_.service_images[name] = {state.image, state.image_id, state.stand_in_for};
    if (!state.stand_in_for.empty()) {
      stand_ins.push_back(fmt::format("{} ({})", name, state.image));
    }
  }
  const auto& system = setup_.system;
  for (const auto role : {BackendRole::kPrometheus, BackendRole::kJaeger, BackendRole::kLoki,
                          BackendRole::kGrafana, BackendRole::kAlertmanager}) {
    if (const auto* backend = system.backend(role)) {
      record_.backends.push_back({to_string(role), backend->service});
    }
  }
  event("stack up",
        fmt::format("on {} {} with {}; {}", record_.engine.name, record_.engine.version,
                    record_.engine.compose,
                    stand_ins.empty() ? std::string("no stand-in: every image is what it names")
                                      : fmt::format("STAND-INS, not the real systems: {}",
                                                    fmt::join(stand_ins, ", "))));
}

void ScenarioRun::warm_up() {
  record_.load_started = clock_.now();
  driver_.start(runtime_.endpoint(load_.service, load_.port).base_url(), load_.plan);
  start_progress();
  refresh_jaeger_url();
  std::vector<Check*> checks;
  for (auto& check : checks_) checks.push_back(check.get());
  during_load_.start(checks, [this] {
    std::lock_guard lock(jaeger_url_mutex_);
    return jaeger_url_;
  });
  event("warm-up", fmt::format("load started: {} requests/s for {} ({} requests) to {}:{}: {}",
                               load_.plan.rate_per_s, format_duration(load_.plan.duration),
                               load_.plan.total_requests(), load_.service, load_.port,
                               describe_requests(load_.plan)));
  if (!setup_.system.backends.prometheus) {
    record_.observe_from = clock_.now();
    event("warm-up", "the system has no Prometheus; observation starts");
  } else {
    await_scraped();
  }
  if (has_grafana_) {
    grafana_marks_.run_started([this] { return grafana(); }, *record_.observe_from);
  }
}

void ScenarioRun::start_progress() {
  progress_.start(kProgressPeriod, [this] {
    LoadProgress progress{
        .elapsed = std::chrono::duration_cast<Millis>(clock_.now() - *record_.load_started),
        .planned = load_.plan.duration,
        .counted = ledger_.totals()};
    {
      std::lock_guard lock(in_force_mutex_);
      progress.faults_in_force = in_force_;
    }
    // Read only after progress_.stop(), which waits for this tick.
    record_.host_peak.raise_to(read_host_pressure());
    ++record_.host_samples;
    tell_listeners([&](RunListener& l) { l.on_load_progress(progress); });
  });
}

void ScenarioRun::set_in_force(const std::string& description, bool in_force) {
  std::lock_guard lock(in_force_mutex_);
  std::erase(in_force_, description);
  if (in_force) in_force_.push_back(description);
}

void ScenarioRun::refresh_jaeger_url() {
  auto url = url_while_faulted(BackendRole::kJaeger);
  std::lock_guard lock(jaeger_url_mutex_);
  jaeger_url_ = std::move(url);
}

void ScenarioRun::inject(ScheduledFault& scheduled, Millis late) {
  auto& fr = *scheduled.record;
  if (late > kLateAction) {
    event("fault injected",
          fmt::format("{} is {} late: the run was busy before it (it is held "
                      "for its whole {} from now)",
                      fr.description, format_duration(late), format_duration(fr.planned_duration)));
  }
  journal_.record(clock_.now(), "inject", fr.description, fr.target);
  fr.injected_at = clock_.now();
  scheduled.in_force = true;
  set_in_force(fr.description, true);
  try {
    scheduled.fault->inject();
  } catch (const HarnessError& e) {
    note_fault_command("inject " + fr.description, *fr.injected_at);
    could_not_complete(fr, FaultPhase::kInjected, e);
    return;  // still in force: its heal is attempted when due, and at teardown
  }
  note_fault_command("inject " + fr.description, *fr.injected_at);
  fr.inject_effect = observe_effect(*scheduled.fault, FaultPhase::kInjected);
  journal_.record(clock_.now(), fr.inject_effect.verified ? "injected" : "inject-unverified",
                  fr.description, fr.target, fr.inject_effect.observation);
  if (fr.inject_effect.verified) notify_checks(&Check::on_fault_injected, fr.target);
  event("fault injected",
        fmt::format("{}{} — {}: {}", fr.description, fr.declared ? "" : " (undeclared)",
                    fr.inject_effect.verified ? "verified" : "NOT verified",
                    fr.inject_effect.observation),
        fr.injected_at);
}

void ScenarioRun::heal(ScheduledFault& scheduled, Millis late) {
  auto& fr = *scheduled.record;
  if (late > kLateAction) {
    event("healed",
          fmt::format(
              "{} is healed {} late: the run was busy before it (it was held "
              "for {}, not {})",
              fr.description, format_duration(late),
              format_duration(std::chrono::duration_cast<Millis>(clock_.now() - *fr.injected_at)),
              format_duration(fr.planned_duration)));
  }
  journal_.record(clock_.now(), "heal", fr.description, fr.target);
  fr.healed_at = clock_.now();
  try {
    scheduled.fault->heal();
  } catch (const HarnessError& e) {
    note_fault_command("heal " + fr.description, *fr.healed_at);
    could_not_complete(fr, FaultPhase::kHealed, e);
    record_.windows.push_back({fr.description, fr.target, *fr.injected_at,
                               fr.heal_effect.observed_at, fr.declared, false,
                               scheduled.fault->acts_on()});
    return;  // still in force: teardown tries again
  }
  note_fault_command("heal " + fr.description, *fr.healed_at);
  scheduled.in_force = false;
  set_in_force(fr.description, false);
  // A restarted Jaeger may be published on another port.
  const auto& jaeger = setup_.system.backends.jaeger;
  if (jaeger && fr.target == jaeger->service) refresh_jaeger_url();
  fr.heal_effect = observe_effect(*scheduled.fault, FaultPhase::kHealed);
  journal_.record(clock_.now(), fr.heal_effect.verified ? "healed" : "heal-unverified",
                  fr.description, fr.target, fr.heal_effect.observation);
  // The window closes when the heal is seen to have acted, not when it was issued: a heal
  // that takes the engine 20 s leaves the fault in force for those 20 s.
  record_.windows.push_back({fr.description, fr.target, *fr.injected_at, fr.heal_effect.observed_at,
                             fr.declared, fr.inject_effect.verified, scheduled.fault->acts_on()});
  const auto heal_took = fr.heal_effect.observed_at - *fr.healed_at;
  event(
      "healed",
      fmt::format("{} — {}: {}{}", fr.description,
                  fr.heal_effect.verified ? "verified" : "NOT verified", fr.heal_effect.observation,
                  heal_took > kSlowHeal
                      ? fmt::format(" ({} after the heal was issued; the fault's window "
                                    "lasts until then)",
                                    format_duration(std::chrono::duration_cast<Millis>(heal_took)))
                      : ""),
      fr.healed_at);
  if (fr.heal_effect.verified) await_recovery(fr);
  if (has_grafana_) {
    grafana_marks_.fault_window([this] { return grafana(); }, record_.windows.back(),
                                fault_in_force_on(setup_.system.backends.grafana->service));
  }
}

Effect ScenarioRun::observe_effect(Fault& fault, FaultPhase phase) {
  auto effect = fault.verify_effect(phase, scenario_.verify_timeout);
  if (effect.observed_at == TimePoint{}) effect.observed_at = clock_.now();
  return effect;
}

void ScenarioRun::note_fault_command(const std::string& what, TimePoint began) {
  const auto took = std::chrono::duration_cast<Millis>(clock_.now() - began);
  if (took < record_.slowest_fault_command) return;
  record_.slowest_fault_command = took;
  record_.slowest_fault_command_was = what;
}

void ScenarioRun::could_not_complete(FaultRecord& fr, FaultPhase phase, const std::exception& e) {
  const bool injecting = phase == FaultPhase::kInjected;
  const std::string action = injecting ? "inject" : "heal";
  if (fr.error.empty())
    fr.error = fmt::format("{} could not complete: {} ({})", action, e.what(),
                           read_host_pressure().describe());
  auto& effect = injecting ? fr.inject_effect : fr.heal_effect;
  effect = {false, fr.error, clock_.now()};
  journal_.record(clock_.now(), action + "-failed", fr.description, fr.target, e.what());
  event(injecting ? "fault injected" : "healed",
        fmt::format("{} — NOT verified: {}", fr.description, fr.error));
}

void ScenarioRun::await_recovery(const FaultRecord& fr) {
  try {
    const auto* service = setup_.system.service(fr.target);
    if (service && service->ready) await_ready(*service, "after heal");
  } catch (const ServiceNotReady& e) {
    // The fault is gone but the service did not come back: a failed recovery, judged as
    // such, while the run goes on so the checks can say what was lost.
    add_verdict(Verdict::failed("recovery: " + fr.target, e.what(), e.evidence));
    return;
  }
  if (fr.target == load_.service) {
    driver_.retarget(runtime_.endpoint(load_.service, load_.port).base_url());
  }
  notify_checks(&Check::on_fault_healed, fr.target);
}

void ScenarioRun::notify_checks(void (Check::*hook)(const CheckContext&, const std::string&),
                                const std::string& target) {
  // One context for all checks: building one asks the engine for every endpoint.
  const auto context = check_context();
  for (auto& check : checks_) {
    try {
      ((*check).*hook)(context, target);
    } catch (const std::exception& e) {
      spdlog::warn("{} could not watch the fault on {}: {}", check->name(), target, e.what());
    }
  }
}

void ScenarioRun::watch_checks() {
  const auto context = check_context();
  for (auto& check : checks_) {
    if (!check->watches_continuously()) continue;
    try {
      check->while_running(context);
    } catch (const std::exception& e) {
      spdlog::warn("{} could not watch the stack: {}", check->name(), e.what());
    }
  }
}

void ScenarioRun::run_timeline() {
  // The checks' baseline is taken as late as possible: right before the first injection.
  bool baseline_taken = false;
  const auto take_baseline = [&] {
    const auto context = check_context();
    for (auto& check : checks_) check->before_faults(context);
    baseline_taken = true;
  };
  const bool watched = std::any_of(checks_.begin(), checks_.end(),
                                   [](const auto& c) { return c->watches_continuously(); });
  for (const auto& action : plan_actions(scenario_.timeline)) {
    const auto due = *record_.load_started + action.at;
    while (watched && baseline_taken && clock_.now() + kWatchInterval < due) {
      if (!clock_.wait_until(clock_.now() + kWatchInterval)) throw Interrupted();
      watch_checks();
    }
    if (!clock_.wait_until(due)) throw Interrupted();
    if (!baseline_taken) take_baseline();
    auto& scheduled = scheduled_[action.index];
    if (action.inject) {
      inject(scheduled, std::chrono::duration_cast<Millis>(clock_.now() - due));
      continue;
    }
    // A fault injected late is still held for its whole `for`: what the scenario declares.
    const auto held_until = *scheduled.record->injected_at + scheduled.record->planned_duration;
    if (!clock_.wait_until(held_until)) throw Interrupted();
    heal(scheduled, std::chrono::duration_cast<Millis>(clock_.now() - std::max(due, held_until)));
  }
  if (!baseline_taken) take_baseline();
  if (has_grafana_) grafana_marks_.flush([this] { return grafana(); });
}

bool ScenarioRun::fault_in_force_on(const std::string& service) const {
  return std::any_of(scheduled_.begin(), scheduled_.end(), [&](const ScheduledFault& s) {
    return s.in_force && s.record->target == service;
  });
}

CheckContext ScenarioRun::check_context() {
  const auto now = clock_.now();
  using enum BackendRole;
  return CheckContext{
      .prometheus = PrometheusClient(http_, url_while_faulted(kPrometheus)),
      .jaeger = JaegerClient(http_, url_while_faulted(kJaeger)),
      .loki = LokiClient(http_, url_while_faulted(kLoki)),
      .webhook = WebhookClient(http_, url_while_faulted(kNotifications)),
      .grafana = grafana(),
      .alertmanager = AlertmanagerClient(http_, url_while_faulted(kAlertmanager)),
      .ledger = ledger_.totals(),
      .requests = record_.load_ended ? &ledger_ : nullptr,
      .windows = record_.windows,
      .paths = setup_.system.signals,
      .stack_ready = record_.stack_ready.value_or(now),
      .observe_from = record_.observe_from.value_or(now),
      .observe_to = record_.load_ended.value_or(now),
      .now = now,
      .scrape_interval = scenario_.stack.scrape_interval,
      .http = &http_,
      .clock = &clock_,
      .service_url = [this](const std::string& service) { return url_of(service); },
      .published_url = [this](const std::string& service,
                              int port) { return runtime_.endpoint(service, port).base_url(); },
      .run_id = setup_.run_id,
      .host_pressure = read_host_pressure};
}

void ScenarioRun::settle() {
  record_.load = driver_.wait();
  progress_.stop();
  during_load_.stop();
  record_.during_load = during_load_.counts();
  if (record_.load_started)  // the driver has finished writing the records
    record_.load_per_second = outcomes_per_second(ledger_.records(), *record_.load_started);
  ledger_.release_memory();  // each reader of a spilled ledger lets go of it when done
  throw_if_interrupted();
  record_.load_ended = clock_.now();
  record_.ledger = ledger_.totals();
  event("settling", fmt::format("load done: {} sent, {} succeeded, {} rejected, {} unknown",
                                record_.ledger.sent, record_.ledger.succeeded,
                                record_.ledger.rejected, record_.ledger.unknown));
  const auto began = clock_.now();
  const bool settled = poll_until(
      clock_, began + scenario_.settle_timeout,
      [&] {
        const auto ctx = check_context();
        const bool all =
            std::all_of(checks_.begin(), checks_.end(), [&](auto& c) { return c->settled(ctx); });
        ledger_.release_memory();
        return all;
      },
      Backoff{Millis{500}, Millis{2000}, 1.5});
  const auto took = format_duration(std::chrono::duration_cast<Millis>(clock_.now() - began));
  event("settling", settled ? fmt::format("settled after {}", took)
                            : fmt::format("not settled after {}; verifying anyway", took));
}

void ScenarioRun::add_verdict(Verdict verdict) {
  record_.verdicts.push_back(std::move(verdict));
  tell_listeners([&](RunListener& l) { l.on_verdict(record_, record_.verdicts.back()); });
}

void ScenarioRun::verify() {
  event("verifying", fmt::format("{} check(s)", checks_.size()));
  for (auto& check : checks_) {
    throw_if_interrupted();
    add_verdict(evaluate_check(*check, check_context(), clock_));
    ledger_.release_memory();
  }
  if (auto load = judge_load(ledger_, record_.load, record_.windows, kLoadRecoverWithin))
    add_verdict(*load);
}

void ScenarioRun::add_fault_verdicts() {
  for (const auto& fr : record_.faults) {
    const auto name = "fault: " + fr.description;
    nlohmann::json evidence{{"inject", fr.inject_effect.observation},
                            {"heal", fr.heal_effect.observation}};
    const auto verdict_of = [&fr](Verdict verdict) {
      if (fr.injected_at && fr.healed_at)
        verdict.seconds = std::chrono::duration<double>(*fr.healed_at - *fr.injected_at).count();
      return verdict;
    };
    if (!fr.error.empty()) {
      // An engine command that failed or timed out is no defect of the harness: what the
      // fault did is unknown, so it excuses nothing, and its verdict is inconclusive.
      add_verdict(verdict_of(Verdict::inconclusive(name, fr.error, evidence)));
    } else if (!fr.injected_at) {
      add_verdict(verdict_of(
          Verdict::inconclusive(name, "the run ended before this fault was applied", evidence)));
    } else if (!fr.healed_at) {
      add_verdict(verdict_of(Verdict::inconclusive(name,
                                                   "the run ended while this fault was in force; "
                                                   "teardown heals it (see fault-journal.jsonl)",
                                                   evidence)));
    } else if (!fr.inject_effect.verified || !fr.heal_effect.verified) {
      add_verdict(verdict_of(Verdict::inconclusive(
          name,
          fmt::format("effect not verified: {}", !fr.inject_effect.verified
                                                     ? fr.inject_effect.observation
                                                     : fr.heal_effect.observation),
          evidence)));
    } else {
      add_verdict(
          verdict_of(Verdict::passed(name, "took effect and was healed, both verified", evidence)));
    }
  }
}

void ScenarioRun::teardown() {
  driver_.stop();
  driver_.wait();
  progress_.stop();
  during_load_.stop();
  for (auto& scheduled : scheduled_) {
    if (!scheduled.in_force) continue;
    auto& fr = *scheduled.record;
    try {
      journal_.record(clock_.now(), "heal", fr.description, fr.target, "teardown");
      scheduled.fault->heal();
      journal_.record(clock_.now(), "healed", fr.description, fr.target, "teardown");
    } catch (const std::exception& e) {
      if (fr.error.empty())
        fr.error = std::string("heal at teardown could not complete: ") + e.what();
      journal_.record(clock_.now(), "heal-failed", fr.description, fr.target, e.what());
    }
  }
  if (!stack_started_) return;
  try {
    std::filesystem::create_directories(setup_.report_dir / "logs");
    runtime_.save_logs(setup_.report_dir / "logs");
  } catch (const std::exception& e) {
    spdlog::warn("could not save container logs: {}", e.what());
  }
  const auto leftovers = runtime_.down();
  if (!leftovers.empty()) {
    record_.leftovers.push_back(leftovers.to_string());
    add_verdict(
        Verdict::errored("teardown", "resources of this run remain: " + leftovers.to_string()));
  }
}

RunRecord ScenarioRun::execute() {
  record_.run_id = setup_.run_id;
  record_.scenario_name = scenario_.name;
  record_.scenario_file = scenario_.file;
  record_.scenario_text = scenario_.text;
  record_.system_name = setup_.system.name;
  record_.system_file = setup_.system.file;
  record_.seed = setup_.seed;
  record_.random_choices = setup_.random_choices;
  record_.report_dir = setup_.report_dir;
  record_.image_set = setup_.image_set;
  record_.harness_version = harness_version();
  record_.started = clock_.now();
  tell_listeners([&](RunListener& l) { l.on_run_start(record_); });
  for (const auto& choice : setup_.random_choices) event("seed", choice);
  try {
    stack_up();
    warm_up();
    run_timeline();
    settle();
    verify();
  } catch (const Interrupted&) {
    record_.interrupted = true;
  } catch (const ConfigError&) {
    // Configuration the run could not have known before touching Docker (no engine, a
    // compose file that does not load): clean up, then report it as a usage error.
    teardown();
    throw;
  } catch (const ServiceNotReady& e) {
    add_verdict(Verdict::inconclusive("stack", e.what(), e.evidence));
  } catch (const NotReadyError& e) {
    add_verdict(Verdict::inconclusive("stack", e.what()));
  } catch (const std::exception& e) {
    if (interrupt_requested()) {
      record_.interrupted = true;
    } else {
      add_verdict(Verdict::errored("harness", e.what()));
    }
  }
  if (record_.interrupted) {
    // The report counts what was sent before the interrupt: the schedule stops, and the
    // requests in flight end within their timeout.
    driver_.stop();
    record_.load = driver_.wait();
    record_.ledger = ledger_.totals();
    event("interrupted", fmt::format("signal {}; {} requests had been sent; cleaning up",
                                     interrupt_signal(), record_.ledger.sent));
  }
  add_fault_verdicts();
  event("teardown", "saving container logs, removing the stack");
  teardown();
  record_.grafana_marks = grafana_marks_.marks();
  record_.backend_exchanges = http_.counts();
  record_.finished = clock_.now();
  record_.peak_rss_kib = peak_rss_kib();
  record_.cpu_seconds = cpu_seconds();
  record_.status = overall_status(record_.verdicts);
  record_.exit_code = record_.interrupted ? ExitCode::kInterrupted : exit_code_for(record_.status);
  tell_listeners([&](RunListener& l) { l.on_run_end(record_); });
  return record_;
}

}  // namespace

Runner::Runner(Runtime& runtime, HttpTransport& http, const Clock& clock,
               const FaultRegistry& faults, const CheckRegistry& checks)
    : runtime_(runtime),
      http_(http),
      clock_(clock),
      fault_registry_(faults),
      check_registry_(checks) {}

std::vector<std::string> Runner::plan(const Scenario& scenario, const System& system) const {
  FaultContext context{runtime_, clock_, system, &http_};
  return describe_plan(scenario, system,
                       prepare_scenario(scenario, fault_registry_, check_registry_, context),
                       fault_registry_, check_registry_);
}

RunRecord Runner::run(const Scenario& scenario, const RunSetup& setup) {
  ScenarioRun run(runtime_, http_, clock_, listeners_, scenario, setup);
  run.build(fault_registry_, check_registry_);
  return run.execute();
}

}  // namespace unbroken
