#include "harness/core/malloc_arenas.h"

#include <malloc.h>

#include <cstdlib>

namespace unbroken {

void limit_malloc_arenas() {
  if (std::getenv("MALLOC_ARENA_MAX") != nullptr) return;
  mallopt(M_ARENA_MAX, kMallocArenas);
}

}  // namespace unbroken
