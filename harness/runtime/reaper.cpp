#include "harness/runtime/reaper.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <csignal>
#include <fstream>

#include "harness/core/time_format.h"
#include "harness/runtime/boost_process_runner.h"
#include "harness/runtime/run_sweeper.h"

namespace unbroken {
namespace {

constexpr auto kFinalSweepWait = std::chrono::seconds(30);

struct NewProcessGroup : boost::process::extend::handler {
  template <typename Executor>
  void on_exec_setup(Executor&) const {
    ::setpgid(0, 0);
  }
};

}  // namespace

Reaper::Reaper(const std::filesystem::path& exe, const std::string& run_id,
               const std::filesystem::path& log_file)
    : child_(boost::process::exe = exe.string(),
             boost::process::args = {"reap", "--run-id", run_id, "--log", log_file.string()},
             boost::process::std_in<to_reaper_, boost::process::std_out> boost::process::null,
             boost::process::std_err > boost::process::null, NewProcessGroup{}) {}

Reaper::~Reaper() {
  to_reaper_.pipe().close();
  std::error_code ignored;
  if (!child_.wait_for(kFinalSweepWait, ignored)) {
    spdlog::warn("the reaper did not finish its final sweep within {}s; leaving it running",
                 kFinalSweepWait.count());
    child_.detach();
  }
}

int run_reaper(const std::string& run_id, const std::filesystem::path& log_file) {
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGHUP, SIG_IGN);
  std::ofstream log(log_file, std::ios::app);
  log << format_rfc3339(WallClock::now()) << " reaper for run " << run_id << " watching pid "
      << ::getppid() << std::endl;
  char buffer[256];
  while (::read(STDIN_FILENO, buffer, sizeof buffer) > 0) {
  }
  log << format_rfc3339(WallClock::now()) << " the harness is gone; sweeping the run" << std::endl;
  BoostProcessRunner runner;
  const auto leftovers = remove_run(runner, run_id);
  log << format_rfc3339(WallClock::now()) << " sweep done; "
      << (leftovers.empty() ? "nothing remains" : "still there: " + leftovers.to_string())
      << std::endl;
  return leftovers.empty() ? 0 : 4;
}

}  // namespace unbroken
