// Load evidence: a run judges a pipeline only if the workload really ran through it. Of
// the requests sent outside every fault window (from injection to `recover_within` after
// the heal), at least kMinSucceededShare must have succeeded, and at least one request in
// all; otherwise the checks' evidence is too thin and the run is inconclusive: the load
// driver, the workload or the machine did not do its job, and no pass may rest on it.
#pragma once

#include <optional>
#include <vector>

#include "harness/checks/fault_window.h"
#include "harness/core/verdict.h"
#include "harness/ledger/request_ledger.h"

namespace unbroken {

inline constexpr double kMinSucceededShare = 0.9;

// An inconclusive "load" verdict when the load did not do its job; nothing otherwise.
std::optional<Verdict> judge_load(const RequestLedger& ledger,
                                  const std::vector<FaultWindow>& windows, Millis recover_within);

}  // namespace unbroken
