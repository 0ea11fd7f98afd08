#include "harness/ledger/request_ledger.h"

namespace unbroken {

nlohmann::json LedgerTotals::to_json() const {
  return {{"planned", planned},   {"sent", sent},       {"succeeded", succeeded},
          {"rejected", rejected}, {"unknown", unknown}, {"failure_reasons", failure_reasons}};
}

void RequestLedger::count_reason(const std::string& reason) {
  std::lock_guard lock(reasons_mutex_);
  ++reasons_[reason];
}

void RequestLedger::record_rejected(const std::string& reason) {
  count_reason(reason);
  rejected_.fetch_add(1);
}

void RequestLedger::record_unknown(const std::string& reason) {
  count_reason(reason);
  unknown_.fetch_add(1);
}

LedgerTotals RequestLedger::totals() const {
  LedgerTotals t;
  t.planned = planned_.load();
  t.sent = sent_.load();
  t.succeeded = succeeded_.load();
  t.rejected = rejected_.load();
  t.unknown = unknown_.load();
  std::lock_guard lock(reasons_mutex_);
  t.failure_reasons = reasons_;
  return t;
}

}  // namespace unbroken
