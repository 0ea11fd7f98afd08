// unbroken: the command line. Exit codes: 0 passed, 1 failed, 2 usage or configuration
// error, 3 inconclusive, 4 harness error, 130 interrupted (after cleanup).
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "harness/checks/check_registry.h"
#include "harness/cli/recover_command.h"
#include "harness/cli/replay_command.h"
#include "harness/cli/run_command.h"
#include "harness/cli/suite_command.h"
#include "harness/core/errors.h"
#include "harness/core/interrupt.h"
#include "harness/core/logging.h"
#include "harness/core/malloc_arenas.h"
#include "harness/core/version.h"
#include "harness/faults/fault_registry.h"
#include "harness/reports/html_report.h"
#include "harness/runtime/boost_process_runner.h"
#include "harness/runtime/docker_engine.h"
#include "harness/runtime/reaper.h"
#include "harness/scenario/scenario_files.h"
#include "harness/scenario/scenario_keys.h"
#include "harness/system/system_keys.h"

namespace {

int code(unbroken::ExitCode c) {
  return static_cast<int>(c);
}

}  // namespace

int main(int argc, char** argv) {
  using unbroken::ExitCode;
  unbroken::limit_malloc_arenas();  // before any thread starts
  // A reader that went away (`unbroken run … | head`) must not kill a run before its
  // teardown: writes to the closed pipe then fail quietly, and the run cleans up and
  // writes its report as always.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"unbroken: chaos validation for observability pipelines"};
  app.require_subcommand(1);
  app.fallthrough();  // -v after the subcommand's own options, as the README writes it
  app.set_version_flag("--version", std::string("unbroken ") + unbroken::harness_version());
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Show debug logs on stderr");

  unbroken::RunOptions run;
  std::vector<std::filesystem::path> run_paths;
  std::optional<std::size_t> jobs;
  auto* run_cmd = app.add_subcommand(
      "run",
      "Run a scenario: stack up, load, faults, verdicts. Several files or a directory run "
      "as a suite, in parallel, with one junit.xml, summary.md and index.html");
  run_cmd->add_option("scenarios", run_paths, "Scenario files (YAML) or directories of them")
      ->required()
      ->check(CLI::ExistingPath);
  run_cmd
      ->add_option("-j,--jobs", jobs,
                   "Runs of a suite at once (default: what the machine holds, stated)")
      ->check(CLI::PositiveNumber)
      ->envname("UNBROKEN_JOBS");
  auto* run_dir = run_cmd->add_option("--run-dir", run.run_dir);
  run_dir->group("");  // internal: a suite gives each run its directory
  run_cmd
      ->add_option(
          "--images", run.images,
          "Image set of the system: official (default) or offline for the reference system")
      ->envname("UNBROKEN_IMAGES");
  run_cmd->add_option("--report-dir", run.report_root, "Where run reports go (default: reports)")
      ->envname("UNBROKEN_REPORT_DIR");
  run_cmd
      ->add_option("--system", run.system,
                   "System file for scenarios that name none (default: compose/system.yaml)")
      ->envname("UNBROKEN_SYSTEM");
  run_cmd->add_option("--seed", run.seed,
                      "Seed for every random choice (default: scenario's, else random)");
  run_cmd->add_flag("--dry-run", run.dry_run,
                    "Validate and print the resolved plan; touch nothing");

  unbroken::RunOptions validate;
  auto* validate_cmd =
      app.add_subcommand("validate", "Check a scenario file without touching Docker");
  validate_cmd->add_option("scenario", validate.scenario, "Scenario file (YAML)")
      ->required()
      ->check(CLI::ExistingFile);
  validate_cmd
      ->add_option("--system", validate.system,
                   "System file for scenarios that name none (default: "
                   "compose/system.yaml)")
      ->envname("UNBROKEN_SYSTEM");
  validate_cmd->add_option("--images", validate.images, "Image set to check (default: official)")
      ->envname("UNBROKEN_IMAGES");

  unbroken::RunOptions replay;
  std::filesystem::path replay_report;
  auto* replay_cmd = app.add_subcommand(
      "replay", "Re-run a recorded run: same scenario, seed, images and fault sequence");
  replay_cmd->add_option("report", replay_report, "The run's report.json")
      ->required()
      ->check(CLI::ExistingFile);
  replay_cmd
      ->add_option("--report-dir", replay.report_root, "Where run reports go (default: reports)")
      ->envname("UNBROKEN_REPORT_DIR");
  replay_cmd
      ->add_option("--system", replay.system, "System file, when the report's is not where it was")
      ->envname("UNBROKEN_SYSTEM");
  replay_cmd->add_flag("--dry-run", replay.dry_run,
                       "Check that the seed still draws the recorded timeline; touch nothing");

  std::filesystem::path render_report;
  auto* render_cmd = app.add_subcommand(
      "render", "Write report.html beside a run's report.json (a saved one too)");
  render_cmd->add_option("report", render_report, "The run's report.json")
      ->required()
      ->check(CLI::ExistingFile);

  std::string reference_topic;
  auto* reference_cmd =
      app.add_subcommand("reference",
                         "Print, as Markdown, the keys every check, fault kind, scenario entry "
                         "or system file entry declares (scenarios/README.md)");
  reference_cmd->add_option("topic", reference_topic, "checks, faults, scenario or system")
      ->required()
      ->check(CLI::IsMember({"checks", "faults", "scenario", "system"}));

  auto* recover_cmd = app.add_subcommand(
      "recover", "Remove every container, network and volume left by runs whose harness is gone");
  std::string reap_run_id;
  std::string reap_log;
  auto* reap_cmd = app.add_subcommand("reap", "Internal: the per-run reaper process");
  reap_cmd->group("");  // hidden from --help
  reap_cmd->add_option("--run-id", reap_run_id)->required();
  reap_cmd->add_option("--log", reap_log)->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int exit = app.exit(e);
    return exit == 0 ? 0 : code(ExitCode::kUsage);
  }
  run.verbose = verbose;
  try {
    if (*run_cmd) {
      std::error_code error;  // a name that cannot be looked up is left to scenario_files
      const bool one_file =
          run_paths.size() == 1 && std::filesystem::is_regular_file(run_paths[0], error);
      if (one_file) {  // one run; --jobs is for suites
        run.scenario = run_paths[0];
        return code(unbroken::run_command(run));
      }
      unbroken::SuiteOptions suite{unbroken::scenario_files(run_paths), jobs, run};
      if (run.dry_run) {
        auto worst = ExitCode::kPassed;
        for (const auto& scenario : suite.scenarios) {
          run.scenario = scenario;
          worst = unbroken::worse(worst, unbroken::run_command(run));
        }
        return code(worst);
      }
      return code(unbroken::suite_command(suite));
    }
    if (*replay_cmd) {
      replay.verbose = verbose;
      return code(unbroken::run_command(unbroken::replay_options(replay_report, replay)));
    }
    if (*validate_cmd) {
      validate.dry_run = true;
      return code(unbroken::run_command(validate));
    }
    if (*reap_cmd) return unbroken::run_reaper(reap_run_id, reap_log);
    if (*render_cmd) {
      const auto html = render_report.parent_path() / "report.html";
      unbroken::write_report_html(render_report, html);
      std::cout << html.string() << '\n';
      return code(ExitCode::kPassed);
    }
    if (*reference_cmd) {
      if (reference_topic == "faults") {
        unbroken::FaultRegistry faults;
        unbroken::register_builtin_faults(faults);
        std::cout << faults.reference();
      } else if (reference_topic == "scenario") {
        std::cout << unbroken::scenario_keys_reference();
      } else if (reference_topic == "system") {
        std::cout << unbroken::system_keys_reference();
      } else {
        unbroken::CheckRegistry checks;
        unbroken::register_builtin_checks(checks);
        std::cout << checks.reference();
      }
      return code(ExitCode::kPassed);
    }
    if (*recover_cmd) {
      unbroken::setup_console_logging(verbose);
      unbroken::BoostProcessRunner processes;
      unbroken::DockerEngine::detect(processes);  // no engine: exit 2, nothing claimed
      const auto summary = unbroken::recover_dead_runs(processes, std::cout);
      std::cout << "recover: " << summary.runs_removed << " dead run(s) removed, "
                << summary.runs_alive << " live run(s) left alone\n";
      return code(summary.leftovers ? ExitCode::kHarnessError : ExitCode::kPassed);
    }
  } catch (const unbroken::ConfigError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return code(ExitCode::kUsage);
  } catch (const unbroken::Interrupted&) {
    return code(ExitCode::kInterrupted);
  } catch (const unbroken::NotReadyError& e) {
    std::cerr << "inconclusive: " << e.what() << '\n';
    return code(ExitCode::kInconclusive);
  } catch (const std::exception& e) {
    std::cerr << "harness error: " << e.what() << '\n';
    return code(ExitCode::kHarnessError);
  }
  return code(ExitCode::kUsage);
}
