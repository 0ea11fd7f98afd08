// LossPolicy: how an item-by-item check (traces, log lines) applies the attribution rules
// (attribution.h): how far a declared window's excuse reaches (`buffer_allowance` before
// the injection, `recover_within` at most after the heal), whether losses in windows are
// excused at all, and the `judge` scope: "all" requests, or only those sent after the last
// declared heal of a fault on the check's backend plus `recover_within` ("after_heal": for
// backends that are known to lose what they held, such as Jaeger's memory store; faults
// elsewhere do not move it).
#pragma once

#include <string>
#include <vector>

#include "harness/checks/attribution.h"
#include "harness/checks/fault_window.h"
#include "harness/core/params.h"
#include "harness/ledger/request_ledger.h"

namespace unbroken {

struct LossPolicy {
  Reach reach;
  bool allow_loss_in_windows = true;
  bool judge_after_heal_only = false;
  std::string backend;  // the service whose heals `after_heal` waits for ("jaeger")

  // Reads recover_within, buffer_allowance, allow_loss_in_windows (true|false), judge
  // (all|after_heal).
  static LossPolicy from(const Params& params, std::string backend);
  // recover_within, buffer_allowance, allow_loss_in_windows, judge.
  static ParamDecls parameters();
  nlohmann::json to_json() const;
};

// The requests a check judges: succeeded ones, in the policy's scope.
std::vector<const RequestRecord*> judged_requests(const RequestLedger& ledger,
                                                  const std::vector<FaultWindow>& windows,
                                                  const LossPolicy& policy);

// Why judged_requests chose none, for an inconclusive verdict: "no succeeded request to
// judge", and with judge: after_heal, which heal set the line and when the last succeeded
// request was sent against it (a slow heal can leave the load no time after it).
std::string why_none_judged(const RequestLedger& ledger, const std::vector<FaultWindow>& windows,
                            const LossPolicy& policy);

}  // namespace unbroken
