#include "harness/backends/loki_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "harness/backends/backend_query.h"
#include "harness/core/interrupt.h"

namespace unbroken {
namespace {

constexpr Millis kLokiQueryTimeout{30'000};

using SeenKey = std::pair<std::map<std::string, std::string>, std::string>;

}  // namespace

LokiClient::LokiClient(HttpTransport& http, std::string base_url)
    : http_(http), base_url_(std::move(base_url)) {}

std::vector<LogLine> LokiClient::page(const std::string& logql, std::int64_t start_ns,
                                      std::int64_t end_ns, int limit,
                                      LokiDirection direction) const {
  const auto response =
      http_.get(base_url_, "/loki/api/v1/query_range",
                {{"query", logql},
                 {"start", std::to_string(start_ns)},
                 {"end", std::to_string(end_ns)},
                 {"limit", std::to_string(limit)},
                 {"direction", direction == LokiDirection::kForward ? "forward" : "backward"}},
                kLokiQueryTimeout);
  auto lines = parse_loki_streams(response.body, response.status);
  if (static_cast<int>(lines.size()) > limit) {
    throw BackendError(
        fmt::format("{} entries answered where at most {} were asked for", lines.size(), limit));
  }
  for (const auto& e : lines) {
    if (e.ts_ns < start_ns || e.ts_ns > end_ns) {
      throw BackendError(fmt::format("an entry at {} ns lies outside the asked range [{}, {}]",
                                     e.ts_ns, start_ns, end_ns));
    }
  }
  // The body groups entries by stream; order them by time across streams.
  std::stable_sort(lines.begin(), lines.end(), [direction](const LogLine& a, const LogLine& b) {
    return direction == LokiDirection::kForward ? a.ts_ns < b.ts_ns : a.ts_ns > b.ts_ns;
  });
  return lines;
}

std::vector<LogLine> LokiClient::query_range(const std::string& logql, std::int64_t start_ns,
                                             std::int64_t end_ns, int limit,
                                             LokiDirection direction) const {
  return asking("Loki", "query_range " + logql,
                [&] { return page(logql, start_ns, end_ns, limit, direction); });
}

std::vector<LogLine> LokiClient::query_all(const std::string& logql, std::int64_t start_ns,
                                           std::int64_t end_ns, int page_size,
                                           int max_pages) const {
  std::vector<LogLine> all;
  for_each_entry(
      logql, start_ns, end_ns, [&](const LogLine& e) { all.push_back(e); }, page_size, max_pages);
  return all;
}

void LokiClient::for_each_entry(const std::string& logql, std::int64_t start_ns,
                                std::int64_t end_ns,
                                const std::function<void(const LogLine&)>& visit, int page_size,
                                int max_pages) const {
  asking("Loki", "query_range " + logql,
         [&] { read_pages(logql, start_ns, end_ns, page_size, max_pages, visit); });
}

void LokiClient::read_pages(const std::string& logql, std::int64_t start_ns, std::int64_t end_ns,
                            int page_size, int max_pages,
                            const std::function<void(const LogLine&)>& visit) const {
  std::int64_t cursor = start_ns;
  std::multiset<SeenKey> read_at_cursor;  // entries already read at exactly `cursor`
  for (int pages = 0;; ++pages) {
    throw_if_interrupted();  // a long read stops at the next page after Ctrl-C
    if (pages == max_pages) {
      throw BackendError(
          fmt::format("more than {} pages of {} entries; no more were read", max_pages, page_size));
    }
    const auto page = this->page(logql, cursor, end_ns, page_size, LokiDirection::kForward);
    auto already_read = read_at_cursor;
    for (const auto& e : page) {
      if (e.ts_ns == cursor) {
        const auto it = already_read.find({e.stream, e.line});
        if (it != already_read.end()) {
          already_read.erase(it);
          continue;
        }
      }
      visit(e);
    }
    if (static_cast<int>(page.size()) < page_size) return;
    if (page.front().ts_ns == page.back().ts_ns) {
      throw BackendError(fmt::format(
          "more than {} log entries share the timestamp {} ns; no page can get past them",
          page_size, page.back().ts_ns));
    }
    cursor = page.back().ts_ns;
    read_at_cursor.clear();
    for (const auto& e : page) {
      if (e.ts_ns == cursor) read_at_cursor.insert({e.stream, e.line});
    }
  }
}

}  // namespace unbroken
