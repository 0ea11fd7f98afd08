// Verification throughput: how fast the harness parses Prometheus' raw-sample answers and
// judges continuity. Not a test; run build/<preset>/tests/verify_bench (see README.md here).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "harness/backends/prometheus_response.h"
#include "harness/checks/gaps.h"

namespace unbroken {
namespace {

constexpr double kStart = 1'795'000'000;

// A matrix answer: `series` series scraped every second for `samples` seconds, with a
// 10-sample gap in the middle of each.
std::string matrix(int series, int samples) {
  std::string body = R"({"status":"success","data":{"resultType":"matrix","result":[)";
  for (int s = 0; s < series; ++s) {
    body += fmt::format(R"({}{{"metric":{{"job":"gateway","instance":"i{}"}},"values":[)",
                        s ? "," : "", s);
    for (int i = 0; i < samples; ++i) {
      if (i >= samples / 2 && i < samples / 2 + 10) continue;
      body += fmt::format(R"({}[{:.3f},"{}"])", i ? "," : "", kStart + i, i);
    }
    body += "]}";
  }
  return body + "]}}";
}

void BM_ParseRawSamples(benchmark::State& state) {
  const auto body = matrix(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  for (auto _ : state) benchmark::DoNotOptimize(parse_prometheus_result(body, 200));
  state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(1));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}
BENCHMARK(BM_ParseRawSamples)->Args({1, 3600})->Args({100, 3600})->Unit(benchmark::kMillisecond);

void BM_FindAndAttributeGaps(benchmark::State& state) {
  const auto series = parse_prometheus_result(matrix(1, static_cast<int>(state.range(0))), 200);
  const std::vector<FaultWindow> windows{{"kill", "prometheus", from_unix_seconds(kStart + 100),
                                          from_unix_seconds(kStart + 110), true, true}};
  const SignalPath path{"metrics of gateway", {"gateway", "prometheus"}};
  for (auto _ : state) {
    const auto gaps =
        find_gaps(series[0].samples, kStart, kStart + static_cast<double>(state.range(0)), 2.5);
    benchmark::DoNotOptimize(attribute_gaps(gaps, path, windows, 2.5, Millis(15'000)));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_FindAndAttributeGaps)->Arg(3600)->Arg(86'400);

}  // namespace
}  // namespace unbroken

BENCHMARK_MAIN();
