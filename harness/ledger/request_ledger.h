// RequestLedger: ground truth of what the load driver asked the workload to do and what
// it saw happen. Request `seq` carries trace id trace_id_for(run id, seq), so before any
// backend is queried the ledger knows every trace, and every log line, that must exist.
// Every request ends in exactly one outcome:
//   succeeded   HTTP 200: every service of the chain served it and counted it
//   rejected    an HTTP answer other than 200, or the connection was refused
//   unknown     sent but no answer (timeout, reset): the workload may or may not have
//               served it, so checks allow for it explicitly
// Thread-safety: the counters may be read at any time; records() only after the driver
// that writes them has finished (each record is written by one worker).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/time.h"

namespace unbroken {

enum class RequestOutcome : std::uint8_t { kNotSent, kPending, kSucceeded, kRejected, kUnknown };

// 24 bytes a request: its trace and span ids are derived from the run id and seq when
// asked for (trace_ids.h), never stored.
struct RequestRecord {
  std::uint64_t seq = 0;
  TimePoint sent_at{};
  RequestOutcome outcome = RequestOutcome::kNotSent;
};

struct LedgerTotals {
  std::uint64_t planned = 0;
  std::uint64_t sent = 0;
  std::uint64_t succeeded = 0;
  std::uint64_t rejected = 0;
  std::uint64_t unknown = 0;
  std::map<std::string, std::uint64_t> failure_reasons;  // "HTTP 503", "Connection", ...

  bool complete() const { return sent == succeeded + rejected + unknown; }
  // The share of sent requests whose outcome is unknown (0 when none was sent).
  double unknown_share() const {
    return sent == 0 ? 0.0 : static_cast<double>(unknown) / static_cast<double>(sent);
  }
  nlohmann::json to_json() const;
};

class RequestLedger {
 public:
  explicit RequestLedger(std::string run_id = "unbroken") : run_id_(std::move(run_id)) {}

  // Plans `requests` more requests; returns the seq of the first.
  std::uint64_t plan(std::uint64_t requests);
  const RequestRecord& record(std::uint64_t seq) const { return records_[seq]; }
  void record_sent(std::uint64_t seq, TimePoint at);
  void record_success(std::uint64_t seq);
  void record_rejected(std::uint64_t seq, const std::string& reason);
  void record_unknown(std::uint64_t seq, const std::string& reason);
  LedgerTotals totals() const;
  const std::vector<RequestRecord>& records() const { return records_; }
  const std::string& run_id() const { return run_id_; }
  // Request `seq`'s trace id, and the span id of the driver's root span in it.
  std::string trace_id(std::uint64_t seq) const;
  std::string driver_span_id(std::uint64_t seq) const;
  // The planned request whose trace id is `trace_id`; nullopt for any other id.
  std::optional<std::uint64_t> seq_of(const std::string& trace_id) const;

 private:
  void count_reason(const std::string& reason);

  std::string run_id_;
  std::vector<RequestRecord> records_;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> succeeded_{0};
  std::atomic<std::uint64_t> rejected_{0};
  std::atomic<std::uint64_t> unknown_{0};
  mutable std::mutex reasons_mutex_;
  std::map<std::string, std::uint64_t> reasons_;
};

}  // namespace unbroken
