// How many heaps (arenas) glibc's malloc keeps for the harness's threads.
// By default glibc gives threads up to 8 arenas per core, and memory freed in one arena
// stays with it: the load driver's workers and verification's fetch threads each leave
// freed pages behind, and the harness's resident memory grows with the run although what
// it holds does not (a 300,000-request soak peaked at 66 MiB, 47 MiB of it anonymous; with
// two arenas at 45 MiB, 26 MiB anonymous: tests/bench/README.md).
#pragma once

namespace unbroken {

inline constexpr int kMallocArenas = 2;

// Limits malloc to kMallocArenas arenas, unless MALLOC_ARENA_MAX is set in the environment
// (the user's choice stands). Call first thing in main, before any thread starts: a thread
// keeps the arena it was given.
void limit_malloc_arenas();

}  // namespace unbroken
