#include "harness/backends/http_probe.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "harness/core/poll.h"

namespace unbroken {
namespace {
constexpr Millis kRequestTimeout{2000};
constexpr std::size_t kBodyShown = 200;  // of a not-ready answer's body, in the report
}  // namespace

ReadinessWait wait_http_ok(HttpTransport& http, const Clock& clock, const std::string& base_url,
                           const HttpProbe& probe) {
  const auto deadline = clock.now() + probe.timeout;
  ReadinessWait outcome;
  outcome.ready = poll_until(
      clock, deadline,
      [&] {
        try {
          const auto response = http.get(base_url, probe.path, {}, kRequestTimeout);
          outcome.last_answer = fmt::format("HTTP {}", response.status);
          if (response.status == 200) return true;
          if (!response.body.empty()) {
            outcome.last_answer += ": " + response.body.substr(0, kBodyShown);
          }
        } catch (const TransportError& e) {
          outcome.last_answer = e.what();
        }
        spdlog::debug("probe {}{}: {}", base_url, probe.path, outcome.last_answer);
        return false;
      },
      Backoff{Millis{50}, Millis{500}, 1.5});
  return outcome;
}

}  // namespace unbroken
