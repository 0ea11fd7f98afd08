// RequestRecord: one planned request in the ledger, 24 bytes. Its trace and span ids are
// derived from the run id and seq when asked for (trace_ids.h), never stored.
#pragma once

#include <cstdint>

#include "harness/core/time.h"

namespace unbroken {

enum class RequestOutcome : std::uint8_t { kNotSent, kPending, kSucceeded, kRejected, kUnknown };

struct RequestRecord {
  std::uint64_t seq = 0;
  TimePoint sent_at{};
  RequestOutcome outcome = RequestOutcome::kNotSent;
};

}  // namespace unbroken
