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
  // A succeeded request: from its send to its answer, in whole milliseconds rounded up
  // (the padding after `outcome` holds it).
  std::uint32_t answered_after_ms = 0;

  TimePoint answered_at() const { return sent_at + Millis(answered_after_ms); }
};

}  // namespace unbroken
