#include "harness/checks/logs_completeness.h"

#include <fmt/format.h>

#include <map>

#include "harness/checks/item_report.h"
#include "harness/checks/workload_log.h"

namespace unbroken {
namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;

std::string selector() {
  std::string services;
  for (const char* s : kWorkloadChain) services += (services.empty() ? "" : "|") + std::string(s);
  return "{service=~\"" + services + "\"}";
}

}  // namespace

std::vector<LogLine> read_workload_logs(const CheckContext& ctx) {
  return ctx.loki.query_all(selector(), to_unix_ns(ctx.stack_ready) - 60 * kNsPerSecond,
                            to_unix_ns(ctx.now) + kNsPerSecond);
}

LogsCompleteness::LogsCompleteness(const CheckSpec& spec, const System& system)
    : policy_(LossPolicy::from(spec.params, system.backends.loki->service)) {
  spec.params.expect_only({"recover_within", "buffer_allowance", "allow_loss_in_windows", "judge"},
                          "check 'logs.completeness'");
}

bool LogsCompleteness::settled(const CheckContext& ctx) {
  if (!ctx.requests) return true;
  const auto judged = judged_requests(*ctx.requests, ctx.windows, policy_);
  if (judged.empty()) return true;
  // Settled once the newest judged request's lines are all in Loki.
  const auto seq = judged.back()->seq;
  std::size_t found = 0;
  for (const auto& l : read_workload_logs(ctx)) {
    const auto log = parse_workload_log(l.line);
    found += log && log->seq == static_cast<std::int64_t>(seq) ? 1 : 0;
  }
  return found >= std::size(kWorkloadChain);
}

Verdict LogsCompleteness::evaluate(const CheckContext& ctx) {
  if (!ctx.requests) return Verdict::errored(name(), "the run has no request ledger");
  const auto lines = read_workload_logs(ctx);
  const auto& records = ctx.requests->records();
  std::map<std::pair<std::string, std::int64_t>, int> copies;
  ItemReport report;
  const SignalPath unknown_path{"logs of no known request", {}};
  for (const auto& l : lines) {
    const auto log = parse_workload_log(l.line);
    if (!log || log->seq < 0 || static_cast<std::size_t>(log->seq) >= records.size()) {
      report.add({"unexpected",
                  l.line.substr(0, 120),
                  "not a line for a request the driver sent",
                  {},
                  {unknown_path.name, std::nullopt, std::nullopt}});
      continue;
    }
    ++copies[{log->service, log->seq}];
    const auto& r = records[static_cast<std::size_t>(log->seq)];
    if (log->trace_id != r.trace_id) {
      report.add(
          {"broken",
           fmt::format("{} seq {}", log->service, log->seq),
           fmt::format("names trace {} but the request's trace is {}", log->trace_id, r.trace_id),
           r.sent_at,
           {ctx.paths.logs.path_of(log->service).name, std::nullopt, std::nullopt}});
    }
  }
  const auto judged = judged_requests(*ctx.requests, ctx.windows, policy_);
  LossAttributor attributor(ctx.windows, policy_.reach);
  for (const auto& [key, n] : copies) {
    const auto& r = records[static_cast<std::size_t>(key.second)];
    attributor.arrived(ctx.paths.logs.path_of(key.first), r.sent_at);
  }
  for (const auto& [key, n] : copies) {
    if (n > 1) {
      const auto& r = records[static_cast<std::size_t>(key.second)];
      report.add({"duplicated", fmt::format("{} seq {}", key.first, key.second),
                  fmt::format("stored {} times", n), r.sent_at,
                  attributor.attribute(ctx.paths.logs.path_of(key.first), r.sent_at)});
    }
  }
  for (const auto* r : judged) {
    for (const char* service : kWorkloadChain) {
      if (copies.count({service, static_cast<std::int64_t>(r->seq)})) continue;
      report.add({"lost", fmt::format("{} seq {}", service, r->seq), "not in Loki", r->sent_at,
                  attributor.attribute(ctx.paths.logs.path_of(service), r->sent_at)});
    }
  }
  const auto expected = judged.size() * std::size(kWorkloadChain);
  nlohmann::json evidence{{"selector", selector()},
                          {"lines_read", lines.size()},
                          {"lines_expected", expected},
                          {"policy", policy_.to_json()},
                          {"recoveries", attributor.recoveries()},
                          {"problems", report.to_json(ctx.windows, policy_)}};
  if (judged.empty())
    return Verdict::inconclusive(name(), "no succeeded request to judge", evidence);
  const auto summary = report.summary(ctx.windows, policy_);
  if (report.unexcused(policy_) > 0) {
    return Verdict::failed(name(),
                           fmt::format("{} of {} expected log lines: {}", report.unexcused(policy_),
                                       expected, summary),
                           evidence);
  }
  return Verdict::passed(
      name(),
      report.empty()
          ? fmt::format("all {} expected log lines are in Loki exactly once", expected)
          : fmt::format("no unexcused problem among {} expected log lines: {}", expected, summary),
      evidence);
}

}  // namespace unbroken
