#include "harness/checks/trace_log_correlation.h"

#include <fmt/format.h>

#include <set>

#include "harness/checks/item_report.h"
#include "harness/checks/logs_completeness.h"
#include "harness/checks/trace_fetch.h"
#include "harness/checks/workload_log.h"

namespace unbroken {
namespace {

// The reference workload's lines: every service of its chain.
std::string workload_selector() {
  std::string services;
  for (const char* s : kWorkloadChain) services += (services.empty() ? "" : "|") + std::string(s);
  return "{service=~\"" + services + "\"}";
}

}  // namespace

TraceLogCorrelation::TraceLogCorrelation(const CheckSpec& spec, const System& system)
    : policy_(LossPolicy::from(spec.params, system.backends.jaeger->service)) {
  spec.params.expect_only({"recover_within", "buffer_allowance", "allow_loss_in_windows", "judge"},
                          "check 'correlation.trace_logs'");
}

Verdict TraceLogCorrelation::evaluate(const CheckContext& ctx) {
  if (!ctx.requests) return Verdict::errored(name(), "the run has no request ledger");
  const auto& records = ctx.requests->records();
  std::set<std::uint64_t> judged_seqs;
  for (const auto* r : judged_requests(*ctx.requests, ctx.windows, policy_))
    judged_seqs.insert(r->seq);

  std::vector<WorkloadLog> logs;
  std::set<std::string> ids;
  for (const auto& l : read_run_logs(ctx, workload_selector())) {
    const auto log = parse_workload_log(l.line);
    if (!log || log->seq < 0 || !judged_seqs.count(static_cast<std::uint64_t>(log->seq))) continue;
    logs.push_back(*log);
    ids.insert(log->trace_id);
  }
  const auto traces = fetch_traces(ctx.jaeger, {ids.begin(), ids.end()});
  // A line resolves through two paths: its own to Loki (it was read, so that one held) and
  // its service's spans to Jaeger.
  LossAttributor attributor(ctx.windows, policy_.reach);
  ItemReport report;
  for (const auto& log : logs) {
    const auto& r = records[static_cast<std::size_t>(log.seq)];
    const auto window = attributor.attribute(ctx.paths.spans.path_of(log.service), r.sent_at);
    const auto item = fmt::format("{} seq {}", log.service, log.seq);
    if (log.trace_id != r.trace_id) {
      report.add(
          {"broken", item,
           fmt::format("names trace {} but the request's trace is {}", log.trace_id, r.trace_id),
           r.sent_at, window});
      continue;
    }
    const auto& trace = traces.at(log.trace_id);
    bool has_span = false;
    if (trace) {
      for (const auto& s : trace->spans)
        has_span = has_span || (s.span_id == log.span_id && s.service == log.service);
    }
    if (!has_span) {
      report.add(
          {"lost", item,
           trace ? fmt::format("trace {} has no {} span {}", log.trace_id, log.service, log.span_id)
                 : fmt::format("trace {} is not in Jaeger", log.trace_id),
           r.sent_at, window});
    }
  }
  nlohmann::json evidence{{"log_lines_checked", logs.size()},
                          {"traces_fetched", ids.size()},
                          {"policy", policy_.to_json()},
                          {"problems", report.to_json(ctx.windows, policy_)}};
  if (logs.empty())
    return Verdict::inconclusive(name(), "no log line of a judged request to correlate", evidence);
  if (report.unexcused(policy_) > 0) {
    return Verdict::failed(
        name(),
        fmt::format("{} of {} log lines do not resolve to their span: {}",
                    report.unexcused(policy_), logs.size(), report.summary(ctx.windows, policy_)),
        evidence);
  }
  return Verdict::passed(
      name(), fmt::format("all {} log lines resolve to their span in Jaeger", logs.size()),
      evidence);
}

}  // namespace unbroken
