// Fuzz target: LokiClient reading the input as a query_range page, alone and while paging.
// Contract: BackendError or TransportError.
#include "harness/backends/loki_client.h"
#include "tests/fuzz/backend_answer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace unbroken;
  auto http = fuzz::answer_of(data, size);
  const LokiClient loki(http, "http://loki.invalid");
  fuzz::ask_expecting_contract([&] {
    loki.query_range("{job=\"x\"}", 0, 4'000'000'000'000'000'000, 5000, LokiDirection::kBackward);
  });
  fuzz::ask_expecting_contract(
      [&] { loki.query_all("{job=\"x\"}", 0, 4'000'000'000'000'000'000, 2, 50); });
  return 0;
}
