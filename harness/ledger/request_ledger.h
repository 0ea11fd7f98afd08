// RequestLedger: ground truth of what the load driver asked the workload to do and what
// it saw happen. Every request ends in exactly one outcome:
//   succeeded   HTTP 200: the workload counted it before answering
//   rejected    an HTTP answer other than 200, or the connection was refused: not counted
//   unknown     sent but no answer (timeout, reset): the workload may or may not have
//               counted it, so accounting allows for it explicitly
// Thread-safe: the driver's workers record concurrently.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace unbroken {

struct LedgerTotals {
  std::uint64_t planned = 0;
  std::uint64_t sent = 0;
  std::uint64_t succeeded = 0;
  std::uint64_t rejected = 0;
  std::uint64_t unknown = 0;
  std::map<std::string, std::uint64_t> failure_reasons;  // "HTTP 503", "connection refused", ...

  bool complete() const { return sent == succeeded + rejected + unknown; }
  nlohmann::json to_json() const;
};

class RequestLedger {
 public:
  void plan(std::uint64_t requests) { planned_.fetch_add(requests); }
  void record_sent() { sent_.fetch_add(1); }
  void record_success() { succeeded_.fetch_add(1); }
  void record_rejected(const std::string& reason);
  void record_unknown(const std::string& reason);
  LedgerTotals totals() const;

 private:
  void count_reason(const std::string& reason);

  std::atomic<std::uint64_t> planned_{0};
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> succeeded_{0};
  std::atomic<std::uint64_t> rejected_{0};
  std::atomic<std::uint64_t> unknown_{0};
  mutable std::mutex reasons_mutex_;
  std::map<std::string, std::uint64_t> reasons_;
};

}  // namespace unbroken
