#include "harness/core/malloc_arenas.h"

#include <gtest/gtest.h>
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <barrier>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace unbroken {
namespace malloc_arenas_test {
namespace {

constexpr int kThreads = 8;
void* volatile blocks[kThreads];

// The heaps malloc_info lists: one per arena in use.
int heaps_in_use() {
  char* text = nullptr;
  std::size_t size = 0;
  FILE* out = open_memstream(&text, &size);
  malloc_info(0, out);
  std::fclose(out);
  const std::string info(text, size);
  std::free(text);
  int heaps = 0;
  for (auto at = info.find("<heap nr="); at != std::string::npos;
       at = info.find("<heap nr=", at + 1))
    ++heaps;
  return heaps;
}

// In a child process (the limit is process-wide and cannot be undone): kThreads threads,
// all alive at once, each allocate; returns how many arenas malloc then kept.
int arenas_after_threads(bool limited) {
  const pid_t child = fork();
  if (child == 0) {
    unsetenv("MALLOC_ARENA_MAX");
    if (limited) limit_malloc_arenas();
    std::barrier all_allocated(kThreads + 1);
    std::barrier counted(kThreads + 1);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        blocks[i] = std::malloc(4096);  // through a volatile: the compiler may not elide it
        all_allocated.arrive_and_wait();
        counted.arrive_and_wait();
        std::free(blocks[i]);
      });
    }
    all_allocated.arrive_and_wait();
    const int heaps = heaps_in_use();
    counted.arrive_and_wait();
    for (auto& t : threads) t.join();
    _exit(heaps);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(MallocArenas, UnlimitedEachThreadGetsAnArenaOfItsOwn) {
  EXPECT_GT(arenas_after_threads(false), kMallocArenas);
}

TEST(MallocArenas, LimitedTheThreadsShareTwo) {
  EXPECT_EQ(arenas_after_threads(true), kMallocArenas);
}

}  // namespace
}  // namespace malloc_arenas_test
}  // namespace unbroken
