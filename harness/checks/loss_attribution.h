// Loss attribution for item-by-item checks (traces, log lines): an item whose request was
// sent inside a declared fault window, within `recovery_allowance` after its heal, or within
// `buffer_allowance` before its injection, may
// be lost for a reason the scenario announced; any other loss is unexpected. Also the
// `judge` scope: "all" requests, or only those sent after the last declared heal of a fault
// on the check's backend plus the allowance ("after_heal": for backends that are known to
// lose what they held, such as Jaeger's memory store; faults elsewhere do not move it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/checks/fault_window.h"
#include "harness/core/params.h"
#include "harness/ledger/request_ledger.h"

namespace unbroken {

struct LossPolicy {
  Millis recovery_allowance{15'000};
  // Losses of requests sent this long before a window are excused too: what a killed
  // process had buffered for export (up to its export interval) dies with it.
  Millis buffer_allowance{0};
  bool allow_loss_in_windows = true;
  bool judge_after_heal_only = false;
  std::string backend;  // the service whose heals `after_heal` waits for ("jaeger")

  // Reads recovery_allowance, buffer_allowance, allow_loss_in_windows (true|false), judge
  // (all|after_heal).
  static LossPolicy from(const Params& params, std::string backend);
  nlohmann::json to_json() const;
};

// The declared window that excuses a loss of an item sent at `sent_at` under `policy`
// (from buffer_allowance before it to recovery_allowance after it), if any.
std::optional<std::size_t> excusing_window(TimePoint sent_at,
                                           const std::vector<FaultWindow>& windows,
                                           const LossPolicy& policy);

// The requests a check judges: succeeded ones, in the policy's scope.
std::vector<const RequestRecord*> judged_requests(const RequestLedger& ledger,
                                                  const std::vector<FaultWindow>& windows,
                                                  const LossPolicy& policy);

}  // namespace unbroken
