#include "harness/runtime/run_sweeper.h"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "harness/core/run_id.h"

namespace unbroken {
namespace {

constexpr Millis kTimeout{60'000};

// The lines `argv` lists. When the engine does not answer, what exists is unknown: the
// failure is added to `unlisted` (or, without it, thrown), never read as "nothing".
std::vector<std::string> list(ProcessRunner& runner, std::vector<std::string> argv,
                              std::vector<std::string>* unlisted = nullptr) {
  const auto what = fmt::format("{} {}", argv.at(0), argv.at(1));
  const auto result = runner.run({std::move(argv), {}, kTimeout});
  if (result.ok()) return output_lines(result.out);
  const auto error = fmt::format(
      "{}: {}", what, result.timed_out ? "timed out" : result.err.substr(0, result.err.find('\n')));
  if (!unlisted) throw std::runtime_error("cannot list the runs' resources: " + error);
  unlisted->push_back(error);
  return {};
}

std::vector<std::string> listing(const char* kind, const std::string& filter,
                                 const std::string& format) {
  if (std::string(kind) == "container")
    return {"docker", "ps", "--all", "--filter", filter, "--format", format};
  return {"docker", kind, "ls", "--filter", filter, "--format", format};
}

// Docker 20.10 may keep the endpoint of a container it has removed (seen for minutes), and
// refuses to remove the network ("has active endpoints"): each endpoint it still lists is
// disconnected by force, and the removal retried, for this long.
constexpr Millis kEndpointReleaseBound{15'000};
constexpr Millis kEndpointRetryInterval{250};

void remove_network(ProcessRunner& runner, const std::string& id) {
  const auto deadline = std::chrono::steady_clock::now() + kEndpointReleaseBound;
  while (true) {
    const auto result = runner.run({{"docker", "network", "rm", id}, {}, kTimeout});
    if (result.ok() || result.err.find("active endpoints") == std::string::npos ||
        std::chrono::steady_clock::now() >= deadline) {
      return;
    }
    std::vector<std::string> not_inspected;  // gone meanwhile: the next `rm` says so
    const auto endpoints = list(runner,
                                {"docker", "network", "inspect", "--format",
                                 "{{range $id, $e := .Containers}}{{$e.Name}}\n{{end}}", id},
                                &not_inspected);
    for (const auto& endpoint : endpoints) {
      runner.run({{"docker", "network", "disconnect", "--force", id, endpoint}, {}, kTimeout});
    }
    std::this_thread::sleep_for(kEndpointRetryInterval);  // polling, bounded by `deadline`
  }
}

}  // namespace

std::map<std::string, int> labelled_runs(ProcessRunner& runner) {
  std::map<std::string, int> runs;
  const auto format =
      fmt::format("{{{{.Label \"{}\"}}}} {{{{.Label \"{}\"}}}}", kRunLabel, kPidLabel);
  for (const char* kind : {"container", "network", "volume"}) {
    for (const auto& line :
         list(runner, listing(kind, std::string("label=") + kRunLabel, format))) {
      std::istringstream in(line);
      std::string run_id;
      int pid = 0;
      in >> run_id >> pid;
      if (!run_id.empty()) runs[run_id] = std::max(runs[run_id], pid);
    }
  }
  return runs;
}

Leftovers remove_run(ProcessRunner& runner, const std::string& run_id) {
  const auto filter = fmt::format("label={}={}", kRunLabel, run_id);
  std::vector<std::string> unlisted;
  const auto ids = [&](const char* kind) {
    return list(runner, listing(kind, filter, "{{.ID}}"), &unlisted);
  };
  const auto names = [&](const char* kind) {
    return list(runner, listing(kind, filter, "{{.Name}}"), &unlisted);
  };
  const auto docker = [&](std::vector<std::string> argv) {
    runner.run({std::move(argv), {}, kTimeout});
  };
  const auto containers = ids("container");
  const auto networks = ids("network");
  const auto volumes = names("volume");
  // Nothing there, by listings the engine answered: the sweep is clean as it stands. (After
  // a teardown, and in the reaper's final sweep, this is the usual case; listing again
  // would cost three more CLI processes a run.)
  if (containers.empty() && networks.empty() && volumes.empty() && unlisted.empty()) return {};
  for (const auto& id : containers) docker({"docker", "rm", "--force", "--volumes", id});
  for (const auto& id : networks) remove_network(runner, id);
  for (const auto& name : volumes) docker({"docker", "volume", "rm", "--force", name});
  unlisted.clear();  // what counts is whether the final listings were answered
  Leftovers left{ids("container"), ids("network"), names("volume"), {}};
  left.unlisted = std::move(unlisted);
  return left;
}

bool process_alive(int pid) {
  if (pid <= 0) return false;
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

}  // namespace unbroken
