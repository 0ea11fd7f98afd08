// Fuzz target: JaegerClient reading the input as a trace, a trace search and the service
// list. Contract: BackendError or TransportError.
#include <chrono>

#include "harness/backends/jaeger_client.h"
#include "tests/fuzz/backend_answer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace unbroken;
  auto http = fuzz::answer_of(data, size);
  const JaegerClient jaeger(http, "http://jaeger.invalid");
  const auto now = std::chrono::system_clock::now();
  fuzz::ask_expecting_contract([&] { jaeger.trace("0af7651916cd43dd8448eb211c80319c"); });
  fuzz::ask_expecting_contract(
      [&] { jaeger.find_traces("gateway", now - std::chrono::minutes(5), now, 100); });
  fuzz::ask_expecting_contract([&] { jaeger.services(); });
  return 0;
}
