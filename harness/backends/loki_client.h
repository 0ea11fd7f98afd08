// LokiClient: the typed client for Loki's query API. query_all() reads every entry of a
// range however many there are, paging forward by timestamp as logcli does: the next page
// starts at the last timestamp seen (start is inclusive) and the entries already read at
// that exact nanosecond are skipped. Throws TransportError / BackendError.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "harness/backends/http_transport.h"
#include "harness/backends/loki_response.h"

namespace unbroken {

enum class LokiDirection { kForward, kBackward };

class LokiClient {
 public:
  // Loki's default max_entries_limit_per_query.
  static constexpr int kMaxPageSize = 5000;
  // query_all reads no more pages than this (50 million entries at the default page size):
  // a backend that answers full pages forever ends in a BackendError, not a hang.
  static constexpr int kMaxPages = 10'000;

  LokiClient(HttpTransport& http, std::string base_url);

  // One query_range page: entries with start <= ts < end, at most `limit`, sorted by time
  // in `direction`. A page with more than `limit` entries, or one outside the range, is a
  // BackendError.
  std::vector<LogLine> query_range(const std::string& logql, std::int64_t start_ns,
                                   std::int64_t end_ns, int limit, LokiDirection direction) const;
  // Every entry with start <= ts < end, oldest first. Throws BackendError when more than
  // `page_size` entries share one nanosecond (no page could get past them) or when the
  // entries fill more than `max_pages` pages.
  std::vector<LogLine> query_all(const std::string& logql, std::int64_t start_ns,
                                 std::int64_t end_ns, int page_size = kMaxPageSize,
                                 int max_pages = kMaxPages) const;
  // The same entries, each given to `visit` as its page arrives: no more than one page is
  // held, however many entries the range has.
  void for_each_entry(const std::string& logql, std::int64_t start_ns, std::int64_t end_ns,
                      const std::function<void(const LogLine&)>& visit,
                      int page_size = kMaxPageSize, int max_pages = kMaxPages) const;

 private:
  // query_range and query_all without naming Loki and the query in what they throw (the
  // public calls add that once).
  std::vector<LogLine> page(const std::string& logql, std::int64_t start_ns, std::int64_t end_ns,
                            int limit, LokiDirection direction) const;
  void read_pages(const std::string& logql, std::int64_t start_ns, std::int64_t end_ns,
                  int page_size, int max_pages,
                  const std::function<void(const LogLine&)>& visit) const;

  HttpTransport& http_;
  std::string base_url_;
};

}  // namespace unbroken
