#include "harness/cli/run_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <random>

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
#include "harness/reports/json_reporter.h"
#include "harness/reports/junit_reporter.h"
#include "harness/runtime/boost_process_runner.h"
#include "harness/runtime/docker_runtime.h"
#include "harness/runtime/reaper.h"
#include "harness/scenario/random_choices.h"
#include "harness/scenario/runner.h"
#include "harness/scenario/scenario_loader.h"
#include "harness/scenario/signal_paths_loader.h"

namespace unbroken {
namespace {

// --compose-dir, else $UNBROKEN_COMPOSE_DIR, else ./compose, else the source tree's.
std::filesystem::path resolve_compose_dir(const std::filesystem::path& given) {
  std::filesystem::path dir = given;
  if (dir.empty()) {
    if (const char* env = std::getenv("UNBROKEN_COMPOSE_DIR")) dir = env;
  }
  if (dir.empty())
    dir = std::filesystem::exists("compose/stack.yml") ? "compose" : UNBROKEN_SOURCE_DIR "/compose";
  if (!std::filesystem::exists(dir / "stack.yml")) {
    throw ConfigError("no stack.yml in compose directory " + dir.string() + " (set --compose-dir)");
  }
  return std::filesystem::absolute(dir);
}

// Grafana's admin credentials: $UNBROKEN_GRAFANA_ADMIN_USER and
// $UNBROKEN_GRAFANA_ADMIN_PASSWORD when set, else "admin" and a password drawn for this run
// (each run's Grafana is its own, created with an empty database).
GrafanaCredentials grafana_credentials(std::random_device& entropy) {
  GrafanaCredentials credentials;
  if (const char* user = std::getenv("UNBROKEN_GRAFANA_ADMIN_USER")) credentials.user = user;
  if (const char* password = std::getenv("UNBROKEN_GRAFANA_ADMIN_PASSWORD")) {
    credentials.password = password;
  } else {
    credentials.password = fmt::format("{:08x}{:08x}{:08x}", entropy(), entropy(), entropy());
  }
  return credentials;
}

}  // namespace

ExitCode run_command(const RunOptions& options) {
  auto scenario = load_scenario(options.scenario);
  const auto compose_dir = resolve_compose_dir(options.compose_dir);
  const auto images = load_image_set(compose_dir, options.images);
  const auto paths = load_signal_paths(compose_dir / "signal-paths.yaml");

  BoostProcessRunner processes;
  DockerRuntime runtime(processes);  // asks Docker nothing until the stack goes up
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
    const auto plan = runner.plan(scenario);
    std::cout << fmt::format("{}: valid scenario '{}' ({} images from {})\n",
                             options.scenario.string(), scenario.name, options.images,
                             (compose_dir / "stack.yml").string());
    for (const auto& line : plan) std::cout << "  " << line << '\n';
    if (!random_choices.empty()) {
      std::cout << fmt::format(
          "  seed {}{} drew:\n", seed,
          options.seed || scenario.seed ? "" : " (random; pass --seed to fix)");
      for (const auto& line : random_choices) std::cout << "    " << line << '\n';
    }
    return ExitCode::kPassed;
  }

  RunSetup setup;
  setup.seed = seed;
  setup.random_choices = random_choices;
  setup.run_id = make_run_id(WallClock::now(), entropy());
  setup.report_dir = options.report_root / setup.run_id;
  setup.compose_dir = compose_dir;
  setup.compose_env = images;
  setup.paths = paths;
  setup.image_set = options.images;
  setup.grafana_credentials = grafana_credentials(entropy);
  std::filesystem::create_directories(setup.report_dir);
  setup_logging(setup.report_dir / "harness.log", options.verbose);

  install_interrupt_handlers();
  // Every run starts by removing what dead runs left, then arms its own reaper.
  recover_dead_runs(processes, std::cout);
  const Reaper reaper(std::filesystem::read_symlink("/proc/self/exe"), setup.run_id,
                      std::filesystem::absolute(setup.report_dir / "reaper.log"));

  ConsoleReporter console(std::cout);
  JsonReporter json;
  JunitReporter junit;
  runner.add_listener(console);
  runner.add_listener(json);
  runner.add_listener(junit);
  const auto record = runner.run(scenario, setup);
  spdlog::info("harness peak RSS {} KiB", record.peak_rss_kib);
  return record.exit_code;
}

}  // namespace unbroken
