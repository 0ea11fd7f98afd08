// Fuzz target: PrometheusClient reading the input as every answer it asks for (query,
// raw samples, config, rules, targets). Contract: BackendError or TransportError.
#include <chrono>

#include "harness/backends/prometheus_client.h"
#include "tests/fuzz/backend_answer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace unbroken;
  auto http = fuzz::answer_of(data, size);
  const PrometheusClient prometheus(http, "http://prometheus.invalid");
  const auto now = std::chrono::system_clock::now();
  fuzz::ask_expecting_contract([&] { prometheus.query("up", now); });
  fuzz::ask_expecting_contract(
      [&] { prometheus.raw_samples("up", now - std::chrono::minutes(90), now); });
  fuzz::ask_expecting_contract([&] { prometheus.loaded_config(); });
  fuzz::ask_expecting_contract([&] { prometheus.alerting_rules(); });
  fuzz::ask_expecting_contract([&] { prometheus.active_targets(); });
  return 0;
}
