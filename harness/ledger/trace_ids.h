// Deterministic trace identity: the load driver derives request `seq`'s trace id and its
// own (root) span id from the run id, so the ledger knows every trace id before anything
// is queried, and a run replayed with the same id asks for the same traces.
#pragma once

#include <cstdint>
#include <string>

namespace unbroken {

// 32 lowercase hex chars, never all zeros.
std::string trace_id_for(const std::string& run_id, std::uint64_t seq);
// 16 lowercase hex chars, never all zeros: the span id the driver puts in traceparent.
std::string driver_span_id_for(const std::string& run_id, std::uint64_t seq);

}  // namespace unbroken
