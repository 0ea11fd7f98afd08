// Fuzz target: GrafanaClient reading the input as each answer it asks for. Contract:
// BackendError or TransportError (health() answers an unreachable Grafana as no status).
#include "harness/backends/grafana_client.h"
#include "tests/fuzz/backend_answer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace unbroken;
  auto http = fuzz::answer_of(data, size);
  const GrafanaClient grafana(http, "http://grafana.invalid", {"admin", "secret"});
  fuzz::ask_expecting_contract([&] { grafana.health(); });
  fuzz::ask_expecting_contract([&] { grafana.datasources(); });
  fuzz::ask_expecting_contract([&] { grafana.datasource_health("prometheus"); });
  fuzz::ask_expecting_contract([&] { grafana.search_dashboards(); });
  fuzz::ask_expecting_contract([&] { grafana.dashboard("unbroken-run"); });
  fuzz::ask_expecting_contract([&] { grafana.save_dashboard({{"title", "run"}}); });
  fuzz::ask_expecting_contract([&] { grafana.add_annotation({}); });
  fuzz::ask_expecting_contract([&] { grafana.annotations({}); });
  return 0;
}
