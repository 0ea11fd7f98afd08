// Fuzz target: the Prometheus text exposition reader (metrics.exposition reads a
// service's /metrics with it). Contract: BackendError.
#include <string>

#include "harness/backends/backend_error.h"
#include "harness/backends/exposition_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    unbroken::parse_exposition(std::string(reinterpret_cast<const char*>(data), size),
                               "gateway /metrics");
  } catch (const unbroken::BackendError&) {
  }
  return 0;
}
