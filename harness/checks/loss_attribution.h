// Loss attribution for item-by-item checks (traces, log lines): an item whose request was
// sent inside a declared fault window, or within `recovery_allowance` after its heal, may
// be lost for a reason the scenario announced; any other loss is unexpected. Also the
// `judge` scope: "all" requests, or only those sent after the last declared heal plus the
// allowance ("after_heal": for backends that are known to lose what they held, such as
// Jaeger's memory store).
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
  bool allow_loss_in_windows = true;
  bool judge_after_heal_only = false;

  // Reads recovery_allowance, allow_loss_in_windows (true|false), judge (all|after_heal).
  static LossPolicy from(const Params& params);
  nlohmann::json to_json() const;
};

// The declared window that excuses a loss of an item sent at `sent_at`, if any.
std::optional<std::size_t> excusing_window(TimePoint sent_at,
                                           const std::vector<FaultWindow>& windows,
                                           Millis recovery_allowance);

// The requests a check judges: succeeded ones, in the policy's scope.
std::vector<const RequestRecord*> judged_requests(const RequestLedger& ledger,
                                                  const std::vector<FaultWindow>& windows,
                                                  const LossPolicy& policy);

}  // namespace unbroken
