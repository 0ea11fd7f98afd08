// Fuzz target: WebhookClient reading the input as the receiver's notification log.
// Contract: BackendError or TransportError.
#include "harness/backends/webhook_client.h"
#include "tests/fuzz/backend_answer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace unbroken;
  auto http = fuzz::answer_of(data, size);
  fuzz::ask_expecting_contract(
      [&] { WebhookClient(http, "http://webhook.invalid").notifications(); });
  return 0;
}
