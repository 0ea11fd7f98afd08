// outcomes_per_second: the load as a person reads it on a timeline — for each second of
// the load, how many requests were sent and how each ended — from the ledger's records.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "harness/core/time.h"
#include "harness/ledger/request_ledger.h"

namespace unbroken {

struct SecondOfLoad {
  std::int64_t second = 0;  // whole seconds after `from`
  std::uint32_t sent = 0;
  std::uint32_t succeeded = 0;
  std::uint32_t rejected = 0;
  std::uint32_t unknown = 0;
};

// One entry per second from `from` to the last request sent, in order, empty seconds
// included. Requests never sent are not counted.
std::vector<SecondOfLoad> outcomes_per_second(std::span<const RequestRecord> records,
                                              TimePoint from);

// [[second, sent, succeeded, rejected, unknown], ...]: compact, for report.json.
nlohmann::json to_json(const std::vector<SecondOfLoad>& seconds);

}  // namespace unbroken
