// Load evidence: a run judges a pipeline only if the workload really ran through it, as
// declared. The run is inconclusive, and no pass may rest on it, when
// - no request succeeded;
// - more than kMaxLateSendShare of the sends left more than kLateSendBound behind their
//   schedule (load_driver.h): the load the checks would judge is not the one declared, and
//   requests meant for a fault window may have been sent after it;
// - of the requests sent outside every fault window (from injection to `recover_within`
//   after the heal), fewer than kMinSucceededShare succeeded.
// The load driver, the workload or the machine did not do its job.
#pragma once

#include <optional>
#include <vector>

#include "harness/checks/fault_window.h"
#include "harness/core/verdict.h"
#include "harness/ledger/request_ledger.h"
#include "harness/workload/load_driver.h"

namespace unbroken {

inline constexpr double kMinSucceededShare = 0.9;
inline constexpr double kMaxLateSendShare = 0.01;

// An inconclusive "load" verdict when the load did not do its job; nothing otherwise.
std::optional<Verdict> judge_load(const RequestLedger& ledger, const LoadStats& schedule,
                                  const std::vector<FaultWindow>& windows, Millis recover_within);

}  // namespace unbroken
