// The load driver alone, open loop, against a trivial HTTP server on 127.0.0.1 (a child
// process, so the driver's CPU is this process's): at each rate, how far behind schedule
// its sends left (p50, p99 as bucket bounds, and the worst), what it sent and had answered,
// and the CPU it used. Prints the highest rate held with p99 lateness ≤ 5 ms.
// Not a test; prints figures.
// Usage: build/<preset>/tests/driver_bench [seconds per rate] [rate ...]
//        (default: 5 s at 1000 2000 5000 10000 15000 20000 requests/s)
#include <fmt/format.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "harness/backends/httplib_transport.h"
#include "harness/core/poll.h"
#include "harness/core/process_stats.h"
#include "harness/workload/load_driver.h"
#include "tests/support/free_port.h"

namespace unbroken {
namespace {

constexpr Micros kHeldP99{5'000};

// Serves GET /work with 200 "ok" on `port` until killed; never returns.
[[noreturn]] void serve(int port) {
  httplib::Server server;
  // As the reference workload serves: no Nagle wait on a small answer (else each keep-alive
  // exchange waits out the client's delayed ACK, ~40 ms), and one thread per keep-alive
  // connection the driver's workers hold, with some to spare.
  server.set_tcp_nodelay(true);
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.Get("/work", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server.listen("127.0.0.1", port);
  std::_Exit(1);
}

std::string ms(std::optional<Micros> d) {
  return d ? fmt::format("≤{:.1f}", static_cast<double>(d->count()) / 1000.0) : "beyond";
}

int run(int argc, char** argv) {
  const double seconds_per_rate = argc > 1 ? std::atof(argv[1]) : 5.0;
  std::vector<double> rates;
  for (int i = 2; i < argc; ++i) rates.push_back(std::atof(argv[i]));
  if (rates.empty()) rates = {1000, 2000, 5000, 10000, 15000, 20000};

  const int port = testing::free_port();
  const pid_t server = fork();
  if (server == 0) serve(port);
  const std::string url = fmt::format("http://127.0.0.1:{}", port);
  HttplibTransport http;
  const SystemClock clock;
  const bool up = poll_until(clock, clock.now() + Millis(5'000), [&] {
    try {
      return http.get(url, "/work", {}, {}, Millis(500)).status == 200;
    } catch (const TransportError&) {
      return false;
    }
  });
  if (!up) {
    fmt::print(stderr, "the local server on {} did not answer\n", url);
    kill(server, SIGKILL);
    return 1;
  }

  LoadPlan plan;
  RequestTemplate get;
  get.path = "/work";
  plan.requests = {get};
  plan.duration = Millis(static_cast<long long>(seconds_per_rate * 1000));
  fmt::print("load driver alone, {:.0f} s per rate, against {}\n", seconds_per_rate, url);
  fmt::print("{:>8} {:>8} {:>9} {:>9} {:>9} {:>10} {:>10} {:>10} {:>9}\n", "rate/s", "workers",
             "planned", "sent", "answered", "p50 ms", "p99 ms", "worst ms", "CPU %");
  std::optional<double> held;
  for (const double rate : rates) {
    plan.rate_per_s = rate;
    RequestLedger ledger;
    LoadDriver driver(http, ledger);
    const double cpu_before = cpu_seconds();
    const auto wall_before = std::chrono::steady_clock::now();
    driver.start(url, plan);
    const auto stats = driver.wait();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_before).count();
    const double cpu = cpu_seconds() - cpu_before;
    const auto totals = ledger.totals();
    const auto p99 = stats.lateness.quantile_at_most(0.99);
    fmt::print("{:>8.0f} {:>8} {:>9} {:>9} {:>9} {:>10} {:>10} {:>10} {:>9.0f}\n", rate,
               plan.workers, totals.planned, totals.sent, totals.succeeded,
               ms(stats.lateness.quantile_at_most(0.5)), ms(p99), stats.max_lateness.count(),
               100 * cpu / wall);
    if (p99 && *p99 <= kHeldP99 && totals.succeeded == totals.planned) held = rate;
  }
  kill(server, SIGKILL);
  waitpid(server, nullptr, 0);
  if (held) {
    fmt::print("highest rate held with p99 lateness ≤ 5 ms and every request answered: {:.0f}/s\n",
               *held);
  } else {
    fmt::print("no rate was held with p99 lateness ≤ 5 ms and every request answered\n");
  }
  return 0;
}

}  // namespace
}  // namespace unbroken

int main(int argc, char** argv) {
  return unbroken::run(argc, argv);
}
