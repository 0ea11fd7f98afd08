#include "harness/cli/suite_command.h"

#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <thread>

#include "harness/core/clock.h"
#include "harness/core/errors.h"
#include "harness/core/interrupt.h"
#include "harness/core/run_id.h"
#include "harness/core/suite_jobs.h"
#include "harness/reports/junit_reporter.h"
#include "harness/reports/suite_report.h"
#include "harness/reports/unstarted_report.h"
#include "harness/runtime/boost_process_runner.h"
#include "harness/runtime/docker_engine.h"
#include "harness/scenario/scenario_loader.h"

namespace unbroken {
namespace {

namespace fs = std::filesystem;
namespace bp = boost::process;
using Seconds = std::chrono::duration<double>;

// Each run in a process group of its own: the suite alone receives a terminal's Ctrl-C
// and passes it on once, so no run sees the signal twice.
struct OwnProcessGroup : bp::extend::handler {
  template <typename Executor>
  void on_exec_setup(Executor&) const {
    ::setpgid(0, 0);
  }
};

// This very binary, even when a rebuild has replaced the file since it started.
constexpr const char* kSelf = "/proc/self/exe";

struct Slot {
  std::size_t index = 0;
  bp::child child;
  std::chrono::steady_clock::time_point started;
  bool signalled = false;
};

std::vector<std::string> run_arguments(const SuiteOptions& options, const fs::path& scenario,
                                       const fs::path& run_dir) {
  std::vector<std::string> args{"run", scenario.string(), "--run-dir", run_dir.string()};
  const auto& run = options.run;
  if (run.images) args.insert(args.end(), {"--images", *run.images});
  if (!run.system.empty()) args.insert(args.end(), {"--system", run.system.string()});
  if (run.seed) args.insert(args.end(), {"--seed", std::to_string(*run.seed)});
  if (run.verbose) args.emplace_back("--verbose");
  return args;
}

// What a run that wrote no report.json said last: the tail of its console.
std::string console_tail(const fs::path& console) {
  std::ifstream in(console);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  const auto from = lines.size() > 5 ? lines.size() - 5 : 0;
  std::string tail;
  for (auto i = from; i < lines.size(); ++i) tail += (tail.empty() ? "" : " | ") + lines[i];
  return tail.empty() ? "it printed nothing" : tail;
}

ExitCode exit_code_of(int native_status) {
  if (WIFEXITED(native_status)) return static_cast<ExitCode>(WEXITSTATUS(native_status));
  return ExitCode::kHarnessError;  // killed by a signal: the run could not finish
}

// Starts scenario `index` as its own `unbroken run` in its own directory, its console
// going to console.log there. When it cannot start, `run` says why and nullopt is returned.
std::optional<Slot> start_run(const SuiteOptions& options, std::size_t index,
                              const fs::path& suite_dir, SuiteRun& run) {
  const auto& scenario = options.scenarios[index];
  run.scenario_file = scenario;
  run.run_dir = fmt::format("{:02}-{}", index + 1, scenario.stem().string());
  try {
    fs::create_directories(suite_dir / run.run_dir);
    const auto console = (suite_dir / run.run_dir / "console.log").string();
    return Slot{
        index,
        bp::child(kSelf, bp::args(run_arguments(options, scenario, suite_dir / run.run_dir)),
                  bp::std_in<bp::null, (bp::std_out & bp::std_err)> console, OwnProcessGroup{}),
        std::chrono::steady_clock::now()};
  } catch (const std::exception& e) {
    run.exit_code = ExitCode::kHarnessError;
    run.report = report_of_a_run_without_one(scenario, run.exit_code,
                                             fmt::format("could not start: {}", e.what()));
    return std::nullopt;
  }
}

// The report.json the run wrote, or one that says it wrote none and what it printed last.
nlohmann::json report_of(const SuiteRun& run, const fs::path& suite_dir) {
  std::ifstream report(suite_dir / run.run_dir / "report.json");
  const auto doc = nlohmann::json::parse(report, nullptr, false);
  if (!doc.is_discarded() && doc.is_object()) return doc;
  return report_of_a_run_without_one(
      run.scenario_file, run.exit_code,
      fmt::format("the run wrote no report.json (exit {}): {}", static_cast<int>(run.exit_code),
                  console_tail(suite_dir / run.run_dir / "console.log")));
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) std::cerr << "error: could not write " << path.string() << '\n';
}

fs::path new_suite_dir(const fs::path& report_root) {
  std::random_device entropy;
  const auto dir = report_root / ("suite-" + make_run_id(WallClock::now(), entropy()));
  fs::create_directories(dir);
  return dir;
}

// junit.xml, summary.md (and $GITHUB_STEP_SUMMARY) and index.html of the suite.
void write_suite_reports(const fs::path& suite_dir, const std::vector<SuiteRun>& runs,
                         const SuiteFacts& facts) {
  std::vector<nlohmann::json> reports;
  for (const auto& run : runs) reports.push_back(run.report);
  write_file(suite_dir / "junit.xml", junit_xml(reports));
  const auto summary = suite_summary_markdown(runs, facts);
  write_file(suite_dir / "summary.md", summary);
  write_file(suite_dir / "index.html", suite_index_html(runs, facts));
  if (const char* step_summary = std::getenv("GITHUB_STEP_SUMMARY");
      step_summary && *step_summary) {
    std::ofstream(step_summary, std::ios::app) << summary << '\n';
  }
}

// Every scenario checked, and the engine found, before anything starts. On a problem the
// suite's reports name it (each bad scenario errored, the others not started), and a
// ConfigError carrying every problem is thrown: exit 2.
void check_before_starting(const SuiteOptions& options) {
  const auto& scenarios = options.scenarios;
  std::vector<std::string> problems(scenarios.size());
  std::string all;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    auto run = options.run;
    run.scenario = scenarios[i];
    try {
      validate_run(run);
    } catch (const ConfigError& e) {
      problems[i] = e.what();
      all += (all.empty() ? "" : "\n") + problems[i];
    }
  }
  if (all.empty()) {
    try {
      BoostProcessRunner processes;
      DockerEngine::detect(processes);
    } catch (const ConfigError& e) {
      all = e.what();
      problems.assign(scenarios.size(), all);
    }
  }
  if (all.empty()) return;
  const auto suite_dir = new_suite_dir(options.run.report_root);
  std::vector<SuiteRun> runs(scenarios.size());
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    runs[i].scenario_file = scenarios[i];
    runs[i].run_dir = "(not started)";
    runs[i].exit_code = ExitCode::kUsage;
    runs[i].report = report_of_a_run_without_one(
        scenarios[i], ExitCode::kUsage,
        problems[i].empty() ? "not started: another scenario of the suite is invalid"
                            : problems[i]);
  }
  write_suite_reports(suite_dir, runs, {0, 0, ExitCode::kUsage});
  throw ConfigError(all + "\nnothing started; the suite's reports are in " + suite_dir.string());
}

}  // namespace

ExitCode suite_command(const SuiteOptions& options) {
  const auto& scenarios = options.scenarios;
  std::cout << fmt::format("suite: checking {} scenario(s)\n", scenarios.size()) << std::flush;
  check_before_starting(options);

  SuiteJobs jobs;
  if (options.jobs) {
    jobs = {*options.jobs, "--jobs"};
  } else {
    jobs = default_suite_jobs(std::thread::hardware_concurrency(), available_memory(),
                              scenarios.size());
  }
  const auto suite_dir = new_suite_dir(options.run.report_root);
  std::cout << fmt::format("suite: {} scenario(s), {} at a time ({}); reports in {}\n",
                           scenarios.size(), jobs.jobs, jobs.why, suite_dir.string())
            << std::flush;

  // Reports keep the order given; runs start longest first (suite_jobs.h).
  std::vector<Millis> expected;
  for (const auto& scenario : scenarios) expected.push_back(load_scenario(scenario).load.duration);
  const auto order = longest_first(expected);

  install_interrupt_handlers();
  const auto began = std::chrono::steady_clock::now();
  std::vector<SuiteRun> runs(scenarios.size());
  std::vector<Slot> running;
  std::size_t next = 0, finished = 0;
  bool holding = false;   // the next run waits because the host is under pressure
  std::size_t holds = 0;  // how many times it did
  auto last_progress = began;
  while (finished < scenarios.size()) {
    if (interrupt_requested()) {
      for (; next < scenarios.size(); ++next, ++finished) {
        auto& run = runs[order[next]];
        run.scenario_file = scenarios[order[next]];
        run.run_dir = "(not started)";
        run.report = report_of_a_run_without_one(run.scenario_file, ExitCode::kInterrupted,
                                                 "not started: the suite was interrupted");
        run.exit_code = ExitCode::kInterrupted;
      }
      for (auto& slot : running) {
        if (slot.signalled) continue;
        ::kill(slot.child.id(), interrupt_signal() ? interrupt_signal() : SIGINT);
        slot.signalled = true;
      }
    }
    while (next < scenarios.size() && running.size() < jobs.jobs && !interrupt_requested()) {
      if (!options.jobs && !running.empty()) {
        // The default figure is what the machine holds when calm; a busy host takes fewer.
        if (const auto held = host_holds_back(read_host_pressure())) {
          if (!holding) {
            std::cout << fmt::format("suite: the next run waits for one to finish: {}\n", *held)
                      << std::flush;
            ++holds;
          }
          holding = true;
          break;
        }
      }
      holding = false;
      const auto index = order[next];
      std::cout << fmt::format("[start {}/{}] {}\n", next + 1, scenarios.size(),
                               scenarios[index].string())
                << std::flush;
      if (auto slot = start_run(options, index, suite_dir, runs[index])) {
        running.push_back(std::move(*slot));
      } else {
        ++finished;
        std::cout << fmt::format("[done {}/{}] errored      {}: {}\n", finished, scenarios.size(),
                                 scenarios[index].string(),
                                 runs[index].report["verdicts"][0].value("reason", ""))
                  << std::flush;
      }
      ++next;
    }
    for (auto it = running.begin(); it != running.end();) {
      std::error_code error;
      if (it->child.running(error)) {
        ++it;
        continue;
      }
      it->child.wait(error);
      auto& run = runs[it->index];
      run.exit_code = exit_code_of(it->child.native_exit_code());
      run.seconds = Seconds(std::chrono::steady_clock::now() - it->started).count();
      run.report = report_of(run, suite_dir);
      ++finished;
      std::cout << fmt::format("[done {}/{}] {:<12} {} in {:.0f} s → {}\n", finished,
                               scenarios.size(), run.report.value("status", "errored"),
                               run.scenario_file.string(), run.seconds,
                               (suite_dir / run.run_dir).string())
                << std::flush;
      it = running.erase(it);
    }
    const auto now = std::chrono::steady_clock::now();
    if (!running.empty() && now - last_progress >= std::chrono::seconds(30)) {
      std::string names;
      for (const auto& slot : running)
        names += (names.empty() ? "" : ", ") + scenarios[slot.index].stem().string();
      std::cout << fmt::format("suite: {:.0f} s, {} of {} done; running: {}\n",
                               Seconds(now - began).count(), finished, scenarios.size(), names)
                << std::flush;
      last_progress = now;
    }
    if (finished < scenarios.size()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  SuiteFacts facts;
  facts.jobs = jobs.jobs;
  facts.jobs_why = jobs.why;
  facts.held_back = holds;
  facts.seconds = Seconds(std::chrono::steady_clock::now() - began).count();
  for (const auto& run : runs) facts.exit_code = worse(facts.exit_code, run.exit_code);
  write_suite_reports(suite_dir, runs, facts);
  std::cout << fmt::format("suite: {} exit {} — {}\n", suite_dir.string(),
                           static_cast<int>(facts.exit_code), (suite_dir / "summary.md").string());
  return facts.exit_code;
}

}  // namespace unbroken
