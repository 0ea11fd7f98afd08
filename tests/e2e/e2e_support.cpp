#include "tests/e2e/e2e_support.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "harness/runtime/boost_process_runner.h"

namespace unbroken::e2e {

std::filesystem::path fresh_report_root(const std::string& test_name) {
  // The process id keeps two tests that ctest runs side by side apart.
  const auto root = std::filesystem::temp_directory_path() /
                    fmt::format("unbroken-e2e-{}-{}", test_name, getpid());
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  return root;
}

std::string run_id_in(const std::filesystem::path& report_root) {
  for (const auto& entry : std::filesystem::directory_iterator(report_root)) {
    if (entry.is_directory()) return entry.path().filename().string();
  }
  return {};
}

namespace {

// The report of `outcome`'s run in report_root, when it wrote one.
void read_report(RunOutcome& outcome, const std::filesystem::path& report_root) {
  if (outcome.run_id.empty()) return;
  std::ifstream in(report_root / outcome.run_id / "report.json");
  if (in) outcome.report = nlohmann::json::parse(in, nullptr, false);
}

// Runs `unbroken <args...>` to completion and reads the report of its run in report_root.
RunOutcome run_unbroken(std::vector<std::string> args, const std::filesystem::path& report_root,
                        std::map<std::string, std::string> env = {}) {
  args.insert(args.begin(), UNBROKEN_BIN);
  BoostProcessRunner runner;
  const auto result = runner.run({args, std::move(env), Millis(280'000)});
  RunOutcome outcome{result.exit_code, result.out, result.err, run_id_in(report_root), nullptr};
  read_report(outcome, report_root);
  return outcome;
}

}  // namespace

RunOutcome run_scenario(const std::string& scenario, const std::filesystem::path& report_root,
                        const std::string& docker_host) {
  std::map<std::string, std::string> env;
  if (!docker_host.empty()) env["DOCKER_HOST"] = docker_host;
  return run_unbroken({"run", "--images", "offline", "--report-dir", report_root.string(),
                       std::string(UNBROKEN_SOURCE_DIR) + "/" + scenario},
                      report_root, env);
}

RunOutcome replay_report(const std::filesystem::path& report,
                         const std::filesystem::path& report_root) {
  return run_unbroken({"replay", "--report-dir", report_root.string(), report.string()},
                      report_root);
}

const nlohmann::json& verdict(const nlohmann::json& report, const std::string& check) {
  for (const auto& v : report.at("verdicts")) {
    if (v.at("check") == check) return v;
  }
  throw std::runtime_error("no verdict for " + check + " in the report");
}

std::vector<std::string> host_ports_seen(const std::filesystem::path& report_root,
                                         const std::string& service, int container_port,
                                         const std::atomic<bool>& stop, std::string& last_poll) {
  BoostProcessRunner docker;
  std::vector<std::string> seen;
  std::string run_id;
  last_poll = "no run directory under " + report_root.string();
  while (!stop) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // polling a live run
    if (run_id.empty()) run_id = run_id_in(report_root);
    if (run_id.empty()) continue;
    const auto ps =
        docker.run({{"docker", "ps", "--quiet", "--filter", "label=io.unbroken.run=" + run_id,
                     "--filter", "label=com.docker.compose.service=" + service},
                    {},
                    Millis(10'000)});
    const auto ids = output_lines(ps.out);
    last_poll = "run " + run_id + ": docker ps exit " + std::to_string(ps.exit_code) + ", '" +
                ps.out + "' '" + ps.err + "'";
    if (ps.ok() && ids.size() == 1) {
      const auto port =
          docker.run({{"docker", "port", ids[0], std::to_string(container_port) + "/tcp"},
                      {},
                      Millis(10'000)});
      const auto lines = output_lines(port.out);
      last_poll += "; docker port '" + port.out + "' '" + port.err + "'";
      if (port.ok() && !lines.empty() && (seen.empty() || seen.back() != lines[0])) {
        seen.push_back(lines[0]);
      }
    }
  }
  return seen;
}

std::vector<std::string> labelled_leftovers(const std::string& run_id,
                                            const std::string& docker_host) {
  BoostProcessRunner runner;
  std::map<std::string, std::string> env;
  if (!docker_host.empty()) env["DOCKER_HOST"] = docker_host;
  const auto filter = "label=io.unbroken.run=" + run_id;
  std::vector<std::string> found;
  for (const auto& argv : std::vector<std::vector<std::string>>{
           {"docker", "ps", "--all", "--quiet", "--filter", filter},
           {"docker", "network", "ls", "--quiet", "--filter", filter},
           {"docker", "volume", "ls", "--quiet", "--filter", filter}}) {
    const auto result = runner.run({argv, env, Millis(30'000)});
    if (!result.ok()) {
      found.push_back("(" + argv[1] + " listing failed: " + result.err + ")");
      continue;
    }
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) found.push_back(argv[1] + " " + line);
    }
  }
  return found;
}

}  // namespace unbroken::e2e

#include <boost/process.hpp>
#include <csignal>

namespace unbroken::e2e {

namespace {

// SIGKILLs every process whose command line is `unbroken reap --run-id <run_id> ...`.
void kill_reaper_of(const std::string& run_id) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream in(entry.path() / "cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    if (cmdline.find("reap --run-id " + run_id) != std::string::npos) {
      ::kill(std::stoi(entry.path().filename().string()), SIGKILL);
    }
  }
}

}  // namespace

std::vector<std::string> leftovers_after(const std::string& run_id, std::chrono::seconds bound) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  auto left = labelled_leftovers(run_id);
  while (!left.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    left = labelled_leftovers(run_id);
  }
  return left;
}

RunOutcome interrupt_scenario(const std::string& scenario, const std::filesystem::path& report_root,
                              const std::string& marker, int signal, bool kill_reaper) {
  namespace bp = boost::process;
  bp::ipstream out;
  bp::child child(bp::exe = UNBROKEN_BIN,
                  bp::args = {"run", "--images", "offline", "--report-dir", report_root.string(),
                              std::string(UNBROKEN_SOURCE_DIR) + "/" + scenario},
                  bp::std_out > out, bp::std_err > bp::null);
  RunOutcome outcome;
  bool sent = false;
  for (std::string line; std::getline(out, line);) {
    outcome.out += line + "\n";
    if (!sent && line.find(marker) != std::string::npos) {
      if (kill_reaper) kill_reaper_of(run_id_in(report_root));
      ::kill(child.id(), signal);
      sent = true;
    }
  }
  child.wait();
  outcome.exit_code = child.exit_code();
  outcome.run_id = run_id_in(report_root);
  read_report(outcome, report_root);
  return outcome;
}

}  // namespace unbroken::e2e
