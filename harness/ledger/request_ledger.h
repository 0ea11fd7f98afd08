// RequestLedger: ground truth of what the load driver asked the workload to do and what
// it saw happen. Request `seq` carries trace id trace_id_for(run id, seq), so before any
// backend is queried the ledger knows every trace, and every log line, that must exist.
// Every request ends in exactly one outcome:
//   succeeded   HTTP 200: every service of the chain served it and counted it
//   rejected    an HTTP answer other than 200, or the connection was refused
//   unknown     sent but no answer (timeout, reset): the workload may or may not have
//               served it, so checks allow for it explicitly
// Records are 24 bytes (request_record.h). Up to kResidentRecords they are held in memory;
// a bigger plan spills them to a file, when one is named (record_store.h), and the ledger
// keeps only the newest kSendWindowRecords of them resident while the driver sends.
// Thread-safety: the counters may be read at any time; records() only after the driver
// that writes them has finished (each record is written by one worker). plan() while
// nothing else uses the ledger: it invalidates records() and record().
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "harness/ledger/record_store.h"
#include "harness/ledger/request_record.h"

namespace unbroken {

// Records held in memory before a ledger spills to its file: 3 MiB.
inline constexpr std::size_t kResidentRecords = 131'072;
// While sending, a spilled ledger keeps this many records behind the newest sent
// resident: more than 60 s of sends at 1,000/s, longer than any request stays unanswered.
inline constexpr std::size_t kSendWindowRecords = 65'536;

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
  // `spill_file`: where records go past `resident_bound` (nullopt: they stay in memory).
  explicit RequestLedger(std::string run_id = "unbroken",
                         std::optional<std::filesystem::path> spill_file = std::nullopt,
                         std::size_t resident_bound = kResidentRecords)
      : run_id_(std::move(run_id)), records_(std::move(spill_file), resident_bound) {}

  // Plans `requests` more requests; returns the seq of the first. Throws HarnessError when
  // a spill file is needed and cannot be made.
  std::uint64_t plan(std::uint64_t requests);
  const RequestRecord& record(std::uint64_t seq) const { return records_[seq]; }
  void record_sent(std::uint64_t seq, TimePoint at);
  void record_success(std::uint64_t seq, TimePoint answered_at);
  void record_rejected(std::uint64_t seq, const std::string& reason);
  void record_unknown(std::uint64_t seq, const std::string& reason);
  LedgerTotals totals() const;
  std::span<const RequestRecord> records() const { return records_.all(); }
  bool spilled() const { return records_.spilled(); }
  // Takes a spilled ledger's records out of resident memory (a reader that went through
  // them calls it when done); the next access reads them back. No effect in memory.
  void release_memory() const { records_.release(0, records_.size()); }
  const std::string& run_id() const { return run_id_; }
  // Request `seq`'s trace id, and the span id of the driver's root span in it.
  std::string trace_id(std::uint64_t seq) const;
  std::string driver_span_id(std::uint64_t seq) const;
  // The planned request whose trace id is `trace_id`; nullopt for any other id.
  std::optional<std::uint64_t> seq_of(const std::string& trace_id) const;

 private:
  void count_reason(const std::string& reason);

  std::string run_id_;
  RecordStore records_;
  std::atomic<std::uint64_t> released_below_{0};
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> succeeded_{0};
  std::atomic<std::uint64_t> rejected_{0};
  std::atomic<std::uint64_t> unknown_{0};
  mutable std::mutex reasons_mutex_;
  std::map<std::string, std::uint64_t> reasons_;
};

}  // namespace unbroken
