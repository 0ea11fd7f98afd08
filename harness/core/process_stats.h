// Resource figures of the harness process itself, for reports and benchmarks.
#pragma once

namespace unbroken {

// Peak resident set size of this process so far, in KiB (getrusage ru_maxrss).
long peak_rss_kib();

// CPU time this process has used so far, user and system, in seconds (getrusage).
double cpu_seconds();

}  // namespace unbroken
