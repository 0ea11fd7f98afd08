// TraceEviction: whether the traces a run lost are its oldest while every later one arrived:
// the mark of a store that evicts its oldest traces when full (Jaeger's memory store keeps
// max_traces, 100,000 in the v2 all-in-one configuration), not of a fault, which loses
// traces where and when it acts. It names a likely cause in a failing reason and the
// evidence; it never excuses a loss.
// The sign holds when at least kMinLost traces were lost, at least one later trace was kept,
// and at least 99 % of the lost are among the oldest judged (a store's insertion order and
// the send order differ at the edge by the traces in flight).
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace unbroken {

struct TraceEviction {
  static constexpr std::size_t kMinLost = 10;

  std::size_t lost = 0;          // traces judged and not in Jaeger
  std::size_t judged = 0;        // traces judged
  std::size_t among_oldest = 0;  // lost traces among the `lost` oldest judged

  // `lost_indices`: the lost traces' indices among the judged in send order, ascending.
  static TraceEviction seen_in(const std::vector<std::uint32_t>& lost_indices, std::size_t judged);
  bool seen() const;
  nlohmann::json to_json() const;
  // When seen: "; the 500 lost traces are the oldest of 600 judged and every later one
  // arrived: …"; otherwise empty.
  std::string reason_suffix() const;
};

}  // namespace unbroken
