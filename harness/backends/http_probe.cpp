#include "harness/backends/http_probe.h"

#include <spdlog/spdlog.h>

#include "harness/core/poll.h"

namespace unbroken {
namespace {
constexpr Millis kRequestTimeout{2000};
}

bool wait_http_ok(HttpTransport& http, const Clock& clock, const std::string& base_url,
                  const HttpProbe& probe) {
  const auto deadline = clock.now() + probe.timeout;
  return poll_until(
      clock, deadline,
      [&] {
        try {
          const auto response = http.get(base_url, probe.path, {}, kRequestTimeout);
          if (response.status == 200) return true;
          spdlog::debug("probe {}{}: HTTP {}", base_url, probe.path, response.status);
        } catch (const TransportError& e) {
          spdlog::debug("probe {}{}: {}", base_url, probe.path, e.what());
        }
        return false;
      },
      Backoff{Millis{50}, Millis{500}, 1.5});
}

}  // namespace unbroken
