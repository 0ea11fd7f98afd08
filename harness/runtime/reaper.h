// Reaper: a separate process started with each run that removes the run's containers,
// networks and volumes if the harness dies — however it dies, SIGKILL included. The
// harness holds the write end of a pipe to the reaper's stdin; the kernel closes it when
// the harness exits for any reason; at end of file the reaper sweeps the run by its label
// (see run_sweeper.h) and exits. After a normal teardown there is nothing left to sweep.
// The reaper runs in its own process group, so a Ctrl-C at the terminal does not reach it.
#pragma once

#include <boost/process/child.hpp>
#include <boost/process/pipe.hpp>
#include <filesystem>
#include <string>

namespace unbroken {

class Reaper {
 public:
  // Starts `<exe> reap --run-id <run_id> --log <log_file>`.
  Reaper(const std::filesystem::path& exe, const std::string& run_id,
         const std::filesystem::path& log_file);
  // Closes the pipe and waits (bounded) for the reaper's final sweep.
  ~Reaper();
  Reaper(const Reaper&) = delete;
  Reaper& operator=(const Reaper&) = delete;

 private:
  boost::process::opstream to_reaper_;
  boost::process::child child_;
};

// The reaper's side (`unbroken reap`): blocks until its stdin reaches end of file, then
// removes everything labelled with `run_id`, logging to `log_file`. Returns an exit code.
int run_reaper(const std::string& run_id, const std::filesystem::path& log_file);

}  // namespace unbroken
