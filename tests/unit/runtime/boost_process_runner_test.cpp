// BoostProcessRunner in a program started with stdin closed, as CI runners start it: the
// standard descriptors are reopened on /dev/null before any command runs, and a command's
// output still arrives, captured or written to a file.
#include "harness/runtime/boost_process_runner.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <string>
#include <vector>

namespace unbroken {
namespace {

bool is_dev_null(int fd) {
  struct stat of_fd {};
  struct stat of_null {};
  return ::fstat(fd, &of_fd) == 0 && ::stat("/dev/null", &of_null) == 0 &&
         of_fd.st_rdev == of_null.st_rdev && S_ISCHR(of_fd.st_mode);
}

// Runs in a forked child (a death test), so closing stdin does not touch the test runner.
[[noreturn]] void reopen_after_closing_stdin() {
  ::close(0);
  if (!open_closed_standard_descriptors() || !is_dev_null(0)) std::_Exit(1);
  const auto echo = BoostProcessRunner().run({{"echo", "hello"}, {}, Millis(10'000)});
  std::_Exit(echo.ok() && echo.out == "hello\n" ? 0 : 2);
}

TEST(BoostProcessRunnerDeathTest, AClosedStdinIsReopenedOnDevNull) {
  EXPECT_EXIT(reopen_after_closing_stdin(), ::testing::ExitedWithCode(0), "");
}

TEST(BoostProcessRunner, AnOpenStdinIsLeftAlone) {
  const int before = ::dup(0);
  ASSERT_NE(before, -1);
  struct stat was {};
  ASSERT_EQ(::fstat(0, &was), 0);
  EXPECT_TRUE(open_closed_standard_descriptors());
  struct stat is {};
  ASSERT_EQ(::fstat(0, &is), 0);
  EXPECT_EQ(was.st_ino, is.st_ino);
  EXPECT_EQ(was.st_dev, is.st_dev);
  ::close(before);
}

// A command's environment is its own: the harness's stays as it was, so the next command,
// or a neighbouring run of a suite, never inherits it (a host port chosen for one attempt
// was once reused by every later attempt this way).
TEST(BoostProcessRunner, ACommandsEnvironmentReachesItButNotTheHarness) {
  ASSERT_EQ(std::getenv("UNBROKEN_TEST_ONLY_VARIABLE"), nullptr);
  const auto printed =
      BoostProcessRunner().run({{"sh", "-c", "echo \"$UNBROKEN_TEST_ONLY_VARIABLE\""},
                                {{"UNBROKEN_TEST_ONLY_VARIABLE", "for the child"}},
                                Millis(10'000)});
  EXPECT_EQ(printed.out, "for the child\n");
  EXPECT_EQ(std::getenv("UNBROKEN_TEST_ONLY_VARIABLE"), nullptr);
  const auto next = BoostProcessRunner().run(
      {{"sh", "-c", "echo \"[$UNBROKEN_TEST_ONLY_VARIABLE]\""}, {}, Millis(10'000)});
  EXPECT_EQ(next.out, "[]\n");
}

// Output too long to hold (a soak's container logs) goes to a file as it comes: both
// streams, in the order written, and nothing of it in the result.
TEST(BoostProcessRunner, OutputSentToAFileIsWrittenThereAndNotHeld) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("unbroken-runner-test-" + std::to_string(::getpid()) + ".log");
  const auto result = BoostProcessRunner().run(
      {{"sh", "-c", "echo out; echo err >&2; echo again"}, {}, Millis(10'000), file});
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
  std::ifstream in(file);
  const std::string written((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(written, "out\nerr\nagain\n");
  std::filesystem::remove(file);
}

TEST(BoostProcessRunner, ACommandWritingToAFileIsStillStoppedAtItsTimeout) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("unbroken-runner-timeout-" + std::to_string(::getpid()) + ".log");
  const auto result = BoostProcessRunner().run({{"sleep", "30"}, {}, Millis(200), file});
  EXPECT_TRUE(result.timed_out);
  EXPECT_FALSE(result.ok());
  std::filesystem::remove(file);
}

// Beside it: commands writing to files from several threads at once each end when their
// process does. Each thread's wait must see its own child's exit, not lose it to another
// thread's (then it would wait out the whole 20 s timeout and report timed_out).
TEST(BoostProcessRunner, CommandsWritingToFilesFromSeveralThreadsEachEndWithTheirProcess) {
  constexpr int kCommands = 4;
  std::vector<std::filesystem::path> files;
  std::vector<std::future<ProcessResult>> results;
  for (int i = 0; i < kCommands; ++i) {
    files.push_back(std::filesystem::temp_directory_path() /
                    ("unbroken-runner-threads-" + std::to_string(::getpid()) + "-" +
                     std::to_string(i) + ".log"));
    results.push_back(std::async(std::launch::async, [file = files.back(), i] {
      return BoostProcessRunner().run(
          {{"sh", "-c", "sleep 0." + std::to_string(i + 1) + "; echo done"},
           {},
           Millis(20'000),
           file});
    }));
  }
  for (int i = 0; i < kCommands; ++i) {
    const auto result = results[i].get();
    EXPECT_FALSE(result.timed_out) << "command " << i;
    EXPECT_TRUE(result.ok()) << "command " << i;
    std::ifstream in(files[i]);
    const std::string written((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(written, "done\n") << "command " << i;
    std::filesystem::remove(files[i]);
  }
}

}  // namespace
}  // namespace unbroken
