#include "harness/runtime/boost_process_runner.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <cerrno>
#include <future>
#include <sstream>

#include "harness/core/errors.h"

namespace unbroken {
namespace {

// Starts the child in a process group of its own, so a Ctrl-C at the terminal reaches the
// harness alone: the harness decides when to stop, and its teardown commands run to the end.
struct OwnProcessGroup : boost::process::extend::handler {
  template <typename Executor>
  void on_exec_setup(Executor&) const {
    ::setpgid(0, 0);
  }
};

// Before main and before any thread, in every program that runs commands.
[[maybe_unused]] const bool kStandardDescriptorsOpen = open_closed_standard_descriptors();

}  // namespace

bool open_closed_standard_descriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    const int opened = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (opened != -1 && opened != fd) {
      ::dup2(opened, fd);
      ::close(opened);
    }
  }
  return true;
}

std::vector<std::string> output_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string Command::to_string() const {
  return fmt::format("{}", fmt::join(argv, " "));
}

namespace {

// Both output streams go to the file in the order they are written; nothing is held.
ProcessResult run_into_file(const Command& command, const boost::filesystem::path& exe,
                            const boost::process::environment& env) {
  namespace bp = boost::process;
  const std::vector<std::string> args(command.argv.begin() + 1, command.argv.end());
  spdlog::debug("exec: {} > {}", command.to_string(), command.output_file.string());
  // The exit is awaited on an io_context, as run() awaits its output, and not with
  // child::wait_for: that waits for a SIGCHLD in the calling thread, which another thread's
  // command can take, leaving it to wait out its whole timeout (seen with logs saved at once).
  boost::asio::io_context io;
  bp::child child(exe, bp::args(args),
                  bp::std_in<bp::null, (bp::std_out & bp::std_err)> command.output_file.string(),
                  env, io, bp::on_exit([](int, const std::error_code&) {}), OwnProcessGroup{});
  ProcessResult result;
  std::error_code error;
  io.run_for(command.timeout);
  if (!io.stopped()) {
    result.timed_out = true;
    child.terminate(error);
    io.run();
  }
  child.wait(error);
  result.exit_code = result.timed_out ? -1 : child.exit_code();
  return result;
}

}  // namespace

ProcessResult BoostProcessRunner::run(const Command& command) {
  namespace bp = boost::process;
  if (command.argv.empty()) throw HarnessError("empty command");
  // A name is looked up on PATH; a path (with a '/') is used as it is.
  const auto& program = command.argv.front();
  const auto exe = program.find('/') == std::string::npos
                       ? bp::search_path(program)
                       : (boost::filesystem::exists(program) ? boost::filesystem::path(program)
                                                             : boost::filesystem::path());
  if (exe.empty()) {
    throw ConfigError(fmt::format("'{}' was not found on PATH (run ./bootstrap to install it)",
                                  command.argv.front()));
  }
  // A copy: this_process::environment() is the harness's own, and writing to it would
  // setenv() in the harness (a race between a suite's runs, and a leak into every later
  // command).
  bp::environment env = boost::this_process::environment();
  for (const auto& [key, value] : command.env) env[key] = value;

  if (!command.output_file.empty()) return run_into_file(command, exe, env);

  boost::asio::io_context io;
  std::future<std::string> out;
  std::future<std::string> err;
  const std::vector<std::string> args(command.argv.begin() + 1, command.argv.end());
  spdlog::debug("exec: {}", command.to_string());
  bp::child child(exe, bp::args(args), bp::std_in<bp::null, bp::std_out> out, bp::std_err > err,
                  env, io, OwnProcessGroup{});

  ProcessResult result;
  io.run_for(command.timeout);
  if (!io.stopped()) {
    result.timed_out = true;
    std::error_code ignored;
    child.terminate(ignored);
    io.run();
  }
  child.wait();
  result.exit_code = result.timed_out ? -1 : child.exit_code();
  result.out = out.get();
  result.err = err.get();
  if (!result.ok()) {
    spdlog::debug("exit {}{}: {}", result.exit_code, result.timed_out ? " (timed out)" : "",
                  result.err);
  }
  return result;
}

}  // namespace unbroken
