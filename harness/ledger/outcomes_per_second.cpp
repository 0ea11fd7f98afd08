#include "harness/ledger/outcomes_per_second.h"

#include <chrono>

namespace unbroken {

std::vector<SecondOfLoad> outcomes_per_second(std::span<const RequestRecord> records,
                                              TimePoint from) {
  std::vector<SecondOfLoad> seconds;
  for (const auto& r : records) {
    if (r.outcome == RequestOutcome::kNotSent) continue;
    const auto second = std::chrono::floor<std::chrono::seconds>(r.sent_at - from).count();
    if (second < 0) continue;
    while (static_cast<std::int64_t>(seconds.size()) <= second)
      seconds.push_back({static_cast<std::int64_t>(seconds.size())});
    auto& s = seconds[static_cast<std::size_t>(second)];
    ++s.sent;
    switch (r.outcome) {
      case RequestOutcome::kSucceeded:
        ++s.succeeded;
        break;
      case RequestOutcome::kRejected:
        ++s.rejected;
        break;
      case RequestOutcome::kUnknown:
      case RequestOutcome::kPending:
        ++s.unknown;
        break;
      case RequestOutcome::kNotSent:
        break;
    }
  }
  return seconds;
}

nlohmann::json to_json(const std::vector<SecondOfLoad>& seconds) {
  auto out = nlohmann::json::array();
  for (const auto& s : seconds)
    out.push_back({s.second, s.sent, s.succeeded, s.rejected, s.unknown});
  return out;
}

}  // namespace unbroken
