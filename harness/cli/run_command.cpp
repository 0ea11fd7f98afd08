#include "harness/cli/run_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <sstream>

#include "harness/backends/httplib_transport.h"
#include "harness/checks/check_registry.h"
#include "harness/cli/image_set.h"
#include "harness/cli/recover_command.h"
#include "harness/cli/replay_command.h"
#include "harness/core/clock.h"
#include "harness/core/errors.h"
#include "harness/core/interrupt.h"
#include "harness/core/logging.h"
#include "harness/core/run_id.h"
#include "harness/faults/fault_registry.h"
#include "harness/reports/console_reporter.h"
#include "harness/reports/html_report.h"
#include "harness/reports/json_reporter.h"
#include "harness/reports/junit_reporter.h"
#include "harness/reports/progress_file.h"
#include "harness/reports/unstarted_report.h"
#include "harness/runtime/boost_process_runner.h"
#include "harness/runtime/docker_runtime.h"
#include "harness/runtime/reaper.h"
#include "harness/scenario/random_choices.h"
#include "harness/scenario/runner.h"
#include "harness/scenario/scenario_loader.h"
#include "harness/system/compose_file.h"
#include "harness/system/system_loader.h"

namespace unbroken {
namespace {

// The system a scenario runs against: the one it names, else --system, else
// $UNBROKEN_SYSTEM, else ./compose/system.yaml, else the source tree's reference system.
std::filesystem::path resolve_system_file(const Scenario& scenario,
                                          const std::filesystem::path& given) {
  if (!scenario.system_file.empty()) {
    std::error_code error;  // a name too long to look up does not exist either
    if (!std::filesystem::is_regular_file(scenario.system_file, error)) {
      throw ConfigError(scenario.system_where, fmt::format("system file {} does not exist",
                                                           scenario.system_file.string()));
    }
    return scenario.system_file;
  }
  std::filesystem::path file = given;
  if (file.empty()) {
    if (const char* env = std::getenv("UNBROKEN_SYSTEM")) file = env;
  }
  if (file.empty()) {
    file = std::filesystem::exists("compose/system.yaml")
               ? std::filesystem::path("compose/system.yaml")
               : std::filesystem::path(UNBROKEN_SOURCE_DIR "/compose/system.yaml");
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    throw ConfigError(fmt::format("system file {} does not exist (set --system)", file.string()));
  }
  return std::filesystem::absolute(file);
}

// Every override a scenario applies must exist, relative to its system's directory, and
// keep the run isolated (system_loader.h refuses the same in the system's own files). The
// alerting rules are read again with the overrides applied: one may replace them.
void apply_overrides(const Scenario& scenario, System& system) {
  auto files = system.compose_files;
  for (const auto& o : scenario.stack.overrides) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(system.dir() / o.path, error)) {
      throw ConfigError(o.where, fmt::format("override file {} does not exist",
                                             (system.dir() / o.path).string()));
    }
    files.push_back(system.dir() / o.path);
  }
  if (scenario.stack.overrides.empty()) return;
  const auto model = read_compose_files(files);
  if (const auto problems = model.all_isolation_problems(); !problems.empty()) {
    throw ConfigError(fmt::format("{}", fmt::join(problems, "\n")));
  }
  if (system.backends.prometheus) {
    system.alert_rules = read_alert_rules(model, system.backends.prometheus->service);
  }
}

// Grafana's admin credentials: the environment variables the system file names when set,
// else "admin" and a password drawn for this run (each run's Grafana is its own, created
// with an empty database).
GrafanaCredentials grafana_credentials(const System& system, std::random_device& entropy) {
  GrafanaCredentials credentials;
  const auto& grafana = system.backends.grafana;
  if (!grafana) return credentials;
  if (const char* user = std::getenv(grafana->user_env.c_str())) credentials.user = user;
  if (const char* password = std::getenv(grafana->password_env.c_str())) {
    credentials.password = password;
  } else {
    credentials.password = fmt::format("{:08x}{:08x}{:08x}", entropy(), entropy(), entropy());
  }
  return credentials;
}

// The run, or with dry_run its plan. Sets `report_dir` as soon as the run has one.
ExitCode run_or_plan(const RunOptions& options, std::ostream& out,
                     std::filesystem::path& report_dir) {
  auto scenario = options.scenario_text ? parse_scenario(*options.scenario_text, options.scenario)
                                        : load_scenario(options.scenario);
  auto system = load_system(resolve_system_file(scenario, options.system));
  apply_overrides(scenario, system);
  const auto images = load_image_set(system, options.images);

  BoostProcessRunner processes;
  DockerRuntime runtime(processes);  // asks Docker nothing until a real run begins
  HttplibTransport http;
  SystemClock clock;
  FaultRegistry faults;
  register_builtin_faults(faults);
  CheckRegistry checks;
  register_builtin_checks(checks);
  Runner runner(runtime, http, clock, faults, checks);

  std::random_device entropy;
  const auto seed =
      options.seed.value_or(scenario.seed.value_or((std::uint64_t{entropy()} << 32) | entropy()));
  const auto random_choices = draw_random_choices(scenario, seed);
  if (options.expected_faults) check_replayed_faults(*options.expected_faults, scenario);

  if (options.dry_run) {
    const auto plan = runner.plan(scenario, system);
    out << fmt::format("{}: valid scenario '{}' against system '{}' ({}; {} images)\n",
                       options.scenario.string(), scenario.name, system.name, system.file.string(),
                       images.name);
    for (const auto& line : plan) out << "  " << line << '\n';
    if (!random_choices.empty()) {
      out << fmt::format("  seed {}{} drew:\n", seed,
                         options.seed || scenario.seed ? "" : " (random; pass --seed to fix)");
      for (const auto& line : random_choices) out << "    " << line << '\n';
    }
    return ExitCode::kPassed;
  }

  RunSetup setup;
  setup.seed = seed;
  setup.random_choices = random_choices;
  setup.run_id = make_run_id(WallClock::now(), entropy());
  setup.report_dir = options.run_dir.empty() ? options.report_root / setup.run_id : options.run_dir;
  setup.system = system;
  setup.compose_env = images.variables;
  setup.image_set = images.name;
  setup.grafana_credentials = grafana_credentials(system, entropy);
  std::filesystem::create_directories(setup.report_dir);
  report_dir = setup.report_dir;
  setup_logging(setup.report_dir / "harness.log", options.verbose);

  install_interrupt_handlers();
  // Every run starts by removing what dead runs left, then arms its own reaper. A missing
  // engine is found first (exit 2), so the sweep never reads "no answer" as "nothing left".
  runtime.engine();
  recover_dead_runs(processes, out);
  // This very binary, even when a rebuild has replaced its file since the run began.
  const Reaper reaper("/proc/self/exe", setup.run_id,
                      std::filesystem::absolute(setup.report_dir / "reaper.log"));

  // A live progress line only on a terminal; a log or a CI page gets the event lines.
  const bool terminal = &out == &std::cout && isatty(STDOUT_FILENO);
  winsize window{};
  const bool sized = terminal && ioctl(STDOUT_FILENO, TIOCGWINSZ, &window) == 0 && window.ws_col;
  ConsoleReporter console(out, terminal, sized ? window.ws_col : 80);
  JsonReporter json;
  JunitReporter junit;
  HtmlReporter html;
  ProgressFileReporter progress;
  runner.add_listener(console);
  runner.add_listener(progress);
  runner.add_listener(json);
  runner.add_listener(junit);
  runner.add_listener(html);
  const auto record = runner.run(scenario, setup);
  spdlog::info("harness peak RSS {} KiB", record.peak_rss_kib);
  return record.exit_code;
}

// The exit code main() gives `error`, so the report a failed start leaves says the same.
ExitCode exit_code_of(const std::exception& error) {
  if (dynamic_cast<const ConfigError*>(&error)) return ExitCode::kUsage;
  if (dynamic_cast<const Interrupted*>(&error)) return ExitCode::kInterrupted;
  if (dynamic_cast<const NotReadyError*>(&error)) return ExitCode::kInconclusive;
  return ExitCode::kHarnessError;
}

// A run that ends before its runner wrote a report still leaves one, so CI shows why.
void report_the_unstarted_run(const RunOptions& options, std::filesystem::path report_dir,
                              ExitCode exit_code, const std::string& message) {
  if (options.dry_run) return;
  if (report_dir.empty()) {
    std::random_device entropy;
    report_dir = options.run_dir.empty()
                     ? options.report_root / make_run_id(WallClock::now(), entropy())
                     : options.run_dir;
  }
  if (std::filesystem::exists(report_dir / "report.json")) return;
  write_report_of_a_run_without_one(report_dir, options.scenario, exit_code, message);
}

}  // namespace

ExitCode run_command(const RunOptions& options, std::ostream& out) {
  std::filesystem::path report_dir;
  try {
    return run_or_plan(options, out, report_dir);
  } catch (const std::exception& e) {
    report_the_unstarted_run(options, report_dir, exit_code_of(e), e.what());
    throw;
  }
}

void validate_run(const RunOptions& options) {
  auto dry_run = options;
  dry_run.dry_run = true;
  std::ostringstream plan;
  run_command(dry_run, plan);
}

}  // namespace unbroken
