#include "harness/checks/trace_log_correlation.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "harness/checks/item_report.h"
#include "harness/checks/logs_completeness.h"
#include "harness/checks/trace_fetch.h"

namespace unbroken {

ParamDecls TraceLogCorrelation::parameters() {
  auto lines = LogExpectation::parameters(true);
  std::erase_if(lines, [](const ParamDecl& d) { return d.name == "lines_per_request"; });
  return lines + LossPolicy::parameters();
}

TraceLogCorrelation::TraceLogCorrelation(const CheckSpec& spec, const System& system)
    : policy_(LossPolicy::from(spec.params, system.backends.jaeger->service)),
      lines_(LogExpectation::from(spec.params, "correlation.trace_logs")) {
  system.require_services(lines_.services(), spec.params.where(), "correlation.trace_logs");
}

bool TraceLogCorrelation::settled(const CheckContext& ctx) {
  if (!ctx.requests) return true;
  const auto judged = judged_requests(*ctx.requests, ctx.windows, policy_);
  if (judged.empty()) return true;
  const auto trace = ctx.jaeger.trace(ctx.requests->trace_id(judged.back()->seq));
  if (!trace) return false;
  return std::all_of(
      lines_.services().begin(), lines_.services().end(), [&](const std::string& service) {
        return std::any_of(trace->spans.begin(), trace->spans.end(),
                           [&](const SpanRecord& s) { return s.service == service; });
      });
}

Verdict TraceLogCorrelation::evaluate(const CheckContext& ctx) {
  if (!ctx.requests) return Verdict::errored(name(), "the run has no request ledger");
  const auto& records = ctx.requests->records();
  std::set<std::uint64_t> judged_seqs;
  for (const auto* r : judged_requests(*ctx.requests, ctx.windows, policy_))
    judged_seqs.insert(r->seq);

  std::vector<LineOwner> logs;
  std::set<std::string> ids;
  visit_run_logs(ctx, lines_.selector(), [&](const LogLine& l) {
    auto owner = lines_.owner(l, *ctx.requests);
    if (!owner || !judged_seqs.count(owner->seq)) return;
    ids.insert(owner->trace_id);
    logs.push_back(std::move(*owner));
  });
  const auto traces = fetch_traces(ctx.jaeger, {ids.begin(), ids.end()});
  // A line resolves through two paths: its own to Loki (it was read, so that one held) and
  // its service's spans to Jaeger.
  LossAttributor attributor(ctx.windows, policy_.reach);
  // A request's lines side by side, so that its reasons of one kind count as one item.
  std::stable_sort(logs.begin(), logs.end(), [](const LineOwner& a, const LineOwner& b) {
    return std::tie(a.service, a.seq) < std::tie(b.service, b.seq);
  });
  ItemReport report;
  for (const auto& log : logs) {
    const auto& r = records[log.seq];
    const auto window = attributor.attribute(ctx.paths.spans.path_of(log.service), r.sent_at);
    const auto item = fmt::format("{} seq {}", log.service, log.seq);
    const auto trace_id = ctx.requests->trace_id(log.seq);
    if (log.trace_id != trace_id) {
      report.add(
          {"broken", item,
           fmt::format("names trace {} but the request's trace is {}", log.trace_id, trace_id),
           r.sent_at, window});
      continue;
    }
    if (log.span_id.empty()) {
      report.add({"broken", item, "names no span", r.sent_at, window});
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
