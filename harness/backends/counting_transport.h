// CountingTransport: an HttpTransport that passes every exchange on to another and counts
// what became of them: how many were asked, how many got no answer at all (TransportError:
// refused, reset, timed out), and how long the slowest answer took. The runner sends its
// backend queries and service probes through one, so a report can say how often the
// harness's own questions went unanswered: the pressure a verdict was reached under.
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>

#include "harness/backends/http_transport.h"

namespace unbroken {

struct ExchangeCounts {
  std::uint64_t asked = 0;
  std::uint64_t unanswered = 0;  // no HTTP response at all
  Millis slowest{0};             // the longest wait for an answer that came
  nlohmann::json to_json() const {
    return {{"asked", asked}, {"unanswered", unanswered}, {"slowest_answer_ms", slowest.count()}};
  }
};

class CountingTransport final : public HttpTransport {
 public:
  explicit CountingTransport(HttpTransport& inner) : inner_(inner) {}

  using HttpTransport::get;
  HttpResponse get(const std::string& base_url, const std::string& path, const QueryParams& params,
                   const RequestHeaders& headers, Millis timeout) override {
    return count([&] { return inner_.get(base_url, path, params, headers, timeout); });
  }
  using HttpTransport::send;
  HttpResponse send(const std::string& method, const std::string& base_url, const std::string& path,
                    const std::string& body, const RequestHeaders& headers,
                    Millis timeout) override {
    return count([&] { return inner_.send(method, base_url, path, body, headers, timeout); });
  }

  ExchangeCounts counts() const {
    std::lock_guard lock(mutex_);
    return counts_;
  }

 private:
  template <typename Exchange>
  HttpResponse count(const Exchange& exchange) {
    const auto began = std::chrono::steady_clock::now();
    try {
      auto response = exchange();
      const auto took =
          std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - began);
      std::lock_guard lock(mutex_);
      ++counts_.asked;
      counts_.slowest = std::max(counts_.slowest, took);
      return response;
    } catch (const TransportError&) {
      std::lock_guard lock(mutex_);
      ++counts_.asked;
      ++counts_.unanswered;
      throw;
    }
  }

  HttpTransport& inner_;
  mutable std::mutex mutex_;
  ExchangeCounts counts_;
};

}  // namespace unbroken
