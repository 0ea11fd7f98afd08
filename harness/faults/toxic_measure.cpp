#include "harness/faults/toxic_measure.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "harness/core/byte_size.h"

namespace unbroken {
namespace {

constexpr Millis kAnswerTimeout{2'000};
constexpr double kBiteMs = 200;             // the delay a bandwidth probe is sized for
constexpr double kLeastObservableMs = 50;   // below this, noise hides a bandwidth limit
constexpr double kSlowCloseShare = 0.8;     // of `delay`
constexpr int kMaxRequests = 400;           // answers one probe connection asks for
constexpr std::int64_t kMaxBody = 16LL << 20;
constexpr int kSample = 20;                 // connections sampled below toxicity 1

int requests_for(double bytes, std::int64_t per_answer) {
  if (per_answer <= 0) return 1;
  return static_cast<int>(std::clamp(std::ceil(bytes / static_cast<double>(per_answer)), 1.0,
                                     static_cast<double>(kMaxRequests)));
}

}  // namespace

ToxicMeasure::ToxicMeasure(nlohmann::json toxic) : toxic_(std::move(toxic)) {}

std::int64_t ToxicMeasure::attribute(const char* name) const {
  return toxic_["attributes"].value(name, std::int64_t{0});
}

bool ToxicMeasure::downstream() const { return toxic_.value("stream", "downstream") != "upstream"; }

void ToxicMeasure::calibrate(ConnectionProber& prober, const Endpoint& endpoint,
                             const std::string& path) {
  const auto kind = toxic_["type"].get<std::string>();
  plan_ = ConnectionPlan{endpoint, path, 1, 0, kAnswerTimeout};
  const auto plain = prober.run({plan_}).front();
  if (plain.answers == 0) {
    unobservable_ = "before the toxic, the proxy's path gave no answer: " + plain.to_string();
    return;
  }
  const auto ms = [](std::int64_t value) { return Millis{value}; };
  if (kind == "latency") {
    plan_.deadline += ms(attribute("latency") + attribute("jitter"));
  } else if (kind == "timeout" || kind == "reset_peer") {
    plan_.deadline += ms(attribute("timeout"));
  } else if (kind == "slow_close") {
    plan_.deadline += ms(attribute("delay"));
  } else if (kind == "bandwidth") {
    const auto rate = static_cast<double>(attribute("rate"));  // KB/s: bytes per ms
    if (downstream()) {
      plan_.requests = requests_for(rate * kBiteMs, plain.bytes_received);
    } else {
      plan_.body_bytes = std::clamp(static_cast<std::int64_t>(rate * kBiteMs), std::int64_t{1},
                                    kMaxBody);
    }
    plan_.deadline += Millis{static_cast<std::int64_t>(4 * kBiteMs)} + kAnswerTimeout;
  } else if (kind == "limit_data") {
    const auto limit = attribute("bytes");
    if (downstream()) {
      plan_.requests = requests_for(static_cast<double>(limit) + 1, plain.bytes_received) + 1;
    } else {
      plan_.body_bytes = std::min(limit + 1, kMaxBody);
    }
    plan_.deadline += kAnswerTimeout;
  }
  baseline_ = prober.run({plan_}).front();
  unobservable_.clear();
  const auto carried = downstream() ? baseline_.bytes_received : baseline_.bytes_sent;
  if (kind == "bandwidth") {
    expected_delay_ms_ = static_cast<double>(carried) / static_cast<double>(attribute("rate"));
    if (expected_delay_ms_ < kLeastObservableMs) {
      unobservable_ = fmt::format(
          "a rate of {} KB/s delays the {} bytes a probe carries {} by {:.0f}ms, under the {:.0f}ms "
          "that can be observed: it barely acts on this path",
          attribute("rate"), carried, toxic_.value("stream", "downstream"), expected_delay_ms_,
          kLeastObservableMs);
    }
  } else if (kind == "limit_data" && carried <= attribute("bytes")) {
    unobservable_ = fmt::format(
        "a probe carries at most {} {} on one connection here; a limit of {} is never reached",
        format_byte_size(carried), toxic_.value("stream", "downstream"),
        format_byte_size(attribute("bytes")));
  }
}

bool ToxicMeasure::affected(const ConnectionTrace& trace) const {
  const auto kind = toxic_["type"].get<std::string>();
  if (kind == "latency") {
    return trace.first_answer.count() >= attribute("latency") - attribute("jitter");
  }
  if (kind == "timeout" || kind == "reset_peer") return trace.connected && trace.answers == 0;
  if (kind == "bandwidth") {
    return trace.last_answer.count() >= 0 &&
           static_cast<double>(trace.last_answer.count()) >=
               static_cast<double>(baseline_.last_answer.count()) + expected_delay_ms_ / 2;
  }
  if (kind == "slow_close") {
    return trace.closed.count() >= 0 && trace.last_answer.count() >= 0 &&
           static_cast<double>((trace.closed - trace.last_answer).count()) >=
               kSlowCloseShare * static_cast<double>(attribute("delay"));
  }
  if (kind == "limit_data") return trace.answers < baseline_.answers;
  return false;
}

ToxicMeasure::Result ToxicMeasure::measure(ConnectionProber& prober) const {
  if (!unobservable_.empty()) return {false, unobservable_};
  const auto toxicity = toxic_.value("toxicity", 1.0);
  const int connections = toxicity >= 1.0 ? 1 : kSample;
  const auto traces = prober.run(std::vector<ConnectionPlan>(connections, plan_));
  const auto hit = std::find_if(traces.begin(), traces.end(),
                                [&](const ConnectionTrace& t) { return affected(t); });
  const auto affected_count = std::count_if(
      traces.begin(), traces.end(), [&](const ConnectionTrace& t) { return affected(t); });
  const auto before = baseline_.to_string();
  if (connections == 1) {
    return {affected_count == 1,
            fmt::format("through the proxy: {} (before: {}){}", traces.front().to_string(), before,
                        affected_count == 1 ? "" : "; the toxic did not show")};
  }
  const auto share = static_cast<double>(affected_count) / connections;
  const auto tolerance =
      std::max(3 * std::sqrt(toxicity * (1 - toxicity) / connections), 1.0 / connections);
  const bool shown = affected_count > 0 && std::abs(share - toxicity) <= tolerance;
  return {shown,
          fmt::format("{} of {} connections through the proxy affected (toxicity {} ± {:.2f}){}; "
                      "before: {}{}",
                      affected_count, connections, toxicity, tolerance,
                      hit == traces.end() ? "" : "; e.g. " + hit->to_string(), before,
                      shown ? "" : "; the toxic did not show as declared")};
}

}  // namespace unbroken
