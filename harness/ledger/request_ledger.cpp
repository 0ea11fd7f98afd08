#include "harness/ledger/request_ledger.h"

#include <algorithm>
#include <limits>

#include "harness/ledger/trace_ids.h"

namespace unbroken {

nlohmann::json LedgerTotals::to_json() const {
  return {{"planned", planned},   {"sent", sent},       {"succeeded", succeeded},
          {"rejected", rejected}, {"unknown", unknown}, {"failure_reasons", failure_reasons}};
}

std::uint64_t RequestLedger::plan(std::uint64_t requests) {
  const auto first = records_.size();
  records_.resize(first + requests);
  return first;
}

std::string RequestLedger::trace_id(std::uint64_t seq) const {
  return trace_id_for(run_id_, seq);
}

std::string RequestLedger::driver_span_id(std::uint64_t seq) const {
  return driver_span_id_for(run_id_, seq);
}

std::optional<std::uint64_t> RequestLedger::seq_of(const std::string& trace_id) const {
  const auto seq = seq_of_trace_id(run_id_, trace_id);
  if (!seq || *seq >= records_.size()) return std::nullopt;
  return seq;
}

void RequestLedger::count_reason(const std::string& reason) {
  std::lock_guard lock(reasons_mutex_);
  ++reasons_[reason];
}

void RequestLedger::record_sent(std::uint64_t seq, TimePoint at) {
  records_[seq].sent_at = at;
  records_[seq].outcome = RequestOutcome::kPending;
  sent_.fetch_add(1);
  // A spilled ledger lets go of the records well behind the sends, one window at a time;
  // a late outcome written there reads its page back.
  if (records_.spilled() && seq % kSendWindowRecords == 0 && seq >= 2 * kSendWindowRecords) {
    const auto below = seq - kSendWindowRecords;
    records_.release(released_below_.exchange(below), below);
  }
}

void RequestLedger::record_success(std::uint64_t seq, TimePoint answered_at) {
  auto& record = records_[seq];
  const auto took = std::chrono::ceil<Millis>(answered_at - record.sent_at).count();
  record.answered_after_ms = static_cast<std::uint32_t>(
      std::clamp<std::int64_t>(took, 0, std::numeric_limits<std::uint32_t>::max()));
  record.outcome = RequestOutcome::kSucceeded;
  succeeded_.fetch_add(1);
}

void RequestLedger::record_rejected(std::uint64_t seq, const std::string& reason) {
  records_[seq].outcome = RequestOutcome::kRejected;
  count_reason(reason);
  rejected_.fetch_add(1);
}

void RequestLedger::record_unknown(std::uint64_t seq, const std::string& reason) {
  records_[seq].outcome = RequestOutcome::kUnknown;
  count_reason(reason);
  unknown_.fetch_add(1);
}

LedgerTotals RequestLedger::totals() const {
  LedgerTotals t;
  t.planned = records_.size();
  t.sent = sent_.load();
  t.succeeded = succeeded_.load();
  t.rejected = rejected_.load();
  t.unknown = unknown_.load();
  std::lock_guard lock(reasons_mutex_);
  t.failure_reasons = reasons_;
  return t;
}

}  // namespace unbroken
