#include "harness/core/process_stats.h"

#include <sys/resource.h>

namespace unbroken {

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace unbroken
