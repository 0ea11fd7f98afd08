#include "harness/checks/trace_fetch.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "harness/core/interrupt.h"

namespace unbroken {

std::map<std::string, std::optional<TraceRecord>> fetch_traces(const JaegerClient& jaeger,
                                                               const std::vector<std::string>& ids,
                                                               int threads) {
  std::vector<std::optional<TraceRecord>> found(ids.size());
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (auto i = next.fetch_add(1); i < ids.size(); i = next.fetch_add(1)) {
        try {
          found[i] = jaeger.trace(ids[i]);
        } catch (...) {
          std::lock_guard lock(failure_mutex);
          if (!failure) failure = std::current_exception();
          next = ids.size();
        }
      }
    });
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  std::map<std::string, std::optional<TraceRecord>> result;
  for (std::size_t i = 0; i < ids.size(); ++i) result.emplace(ids[i], std::move(found[i]));
  return result;
}

void visit_traces(
    const JaegerClient& jaeger, std::size_t count,
    const std::function<std::string(std::size_t)>& id_of,
    const std::function<void(std::size_t, const std::optional<TraceRecord>&)>& visit) {
  for (std::size_t first = 0; first < count; first += kTracesPerChunk) {
    throw_if_interrupted();  // thousands of traces stop at the next chunk after Ctrl-C
    const auto last = std::min(count, first + kTracesPerChunk);
    std::vector<std::string> ids;
    for (auto i = first; i < last; ++i) ids.push_back(id_of(i));
    const auto traces = fetch_traces(jaeger, ids);
    for (auto i = first; i < last; ++i) visit(i, traces.at(ids[i - first]));
  }
}

}  // namespace unbroken
