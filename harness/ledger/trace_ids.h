// Deterministic trace identity: the load driver derives request `seq`'s trace id and its
// own (root) span id from the run id, so the ledger knows every trace id before anything
// is queried, and a run replayed with the same id asks for the same traces. Nothing needs
// storing: an id maps back to its seq.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace unbroken {

// 32 lowercase hex chars, never all zeros.
std::string trace_id_for(const std::string& run_id, std::uint64_t seq);
// The seq whose trace id (in run `run_id`) is `trace_id`, computed, not looked up: the low
// half is a bijection of seq. nullopt for an id this run did not make.
std::optional<std::uint64_t> seq_of_trace_id(const std::string& run_id,
                                             const std::string& trace_id);
// 16 lowercase hex chars, never all zeros: the span id the driver puts in traceparent.
std::string driver_span_id_for(const std::string& run_id, std::uint64_t seq);

}  // namespace unbroken
