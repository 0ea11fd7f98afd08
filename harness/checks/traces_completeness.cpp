#include "harness/checks/traces_completeness.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "harness/checks/item_report.h"
#include "harness/checks/trace_fetch.h"

namespace unbroken {
namespace {

std::string item_name(const RequestLedger& ledger, const RequestRecord& r) {
  return fmt::format("seq {} (trace {})", r.seq, ledger.trace_id(r.seq));
}

const char* report_kind(TraceProblem::Kind kind) {
  switch (kind) {
    case TraceProblem::Kind::kMissing:
      return "incomplete";
    case TraceProblem::Kind::kBrokenLink:
      return "broken";
    case TraceProblem::Kind::kDuplicated:
      return "duplicated";
    case TraceProblem::Kind::kExtra:
      break;
  }
  return "unexpected";
}

// The path a whole trace takes: every declared service's spans path.
SignalPath trace_path(const SignalPaths& paths, const std::vector<std::string>& services) {
  std::vector<SignalPath> parts;
  for (const auto& service : services) parts.push_back(paths.spans.path_of(service));
  return merge_paths("spans of the whole trace", parts);
}

}  // namespace

ParamDecls TracesCompleteness::parameters() {
  return TraceExpectation::parameters() + LossPolicy::parameters() +
         ParamDecls{{"max_traces_searched", ParamType::kNumber, "100000", false,
                     "how many of the entry service's traces are searched for ones the driver "
                     "never started"}};
}

TracesCompleteness::TracesCompleteness(const CheckSpec& spec, const System& system)
    : policy_(LossPolicy::from(spec.params, system.backends.jaeger->service)),
      expected_(TraceExpectation::from(spec.params, "traces.completeness")),
      max_traces_searched_(
          static_cast<int>(spec.params.number_or("max_traces_searched", 100'000))) {
  system.require_services(expected_.services(), spec.params.where(), "traces.completeness");
}

bool TracesCompleteness::settled(const CheckContext& ctx) {
  // Settled once the newest judged trace is complete: exporters send in order.
  if (!ctx.requests) return true;
  const auto judged = judged_requests(*ctx.requests, ctx.windows, policy_);
  if (judged.empty()) return true;
  const auto* newest = judged.back();
  const auto trace = ctx.jaeger.trace(ctx.requests->trace_id(newest->seq));
  return trace && expected_.problems(*trace, ctx.requests->driver_span_id(newest->seq)).empty();
}

Verdict TracesCompleteness::evaluate(const CheckContext& ctx) {
  if (!ctx.requests) return Verdict::errored(name(), "the run has no request ledger");
  const auto judged = judged_requests(*ctx.requests, ctx.windows, policy_);
  std::vector<std::string> ids;
  const auto& ledger = *ctx.requests;
  for (const auto* r : judged) ids.push_back(ledger.trace_id(r->seq));
  const auto traces = fetch_traces(ctx.jaeger, ids);

  const auto whole = trace_path(ctx.paths, expected_.services());
  LossAttributor attributor(ctx.windows, policy_.reach);
  for (const auto* r : judged) {
    const auto& trace = traces.at(ledger.trace_id(r->seq));
    if (!trace) continue;
    const auto arrived = expected_.arrived(*trace, ledger.driver_span_id(r->seq));
    for (const auto& service : arrived)
      attributor.arrived(ctx.paths.spans.path_of(service), r->sent_at);
    if (arrived.size() == expected_.services().size()) attributor.arrived(whole, r->sent_at);
  }
  ItemReport report;
  for (const auto* r : judged) {
    const auto& trace = traces.at(ledger.trace_id(r->seq));
    if (!trace) {
      report.add({"lost", item_name(ledger, *r), "not in Jaeger", r->sent_at,
                  attributor.attribute(whole, r->sent_at)});
      continue;
    }
    for (const auto& p : expected_.problems(*trace, ledger.driver_span_id(r->seq))) {
      const auto path = p.service.empty() ? whole : ctx.paths.spans.path_of(p.service);
      report.add({report_kind(p.kind), item_name(ledger, *r), p.text, r->sent_at,
                  attributor.attribute(path, r->sent_at)});
    }
  }
  // Unexpected: traces of the entry service in Jaeger that the driver never started.
  const auto found =
      ctx.jaeger.find_traces(expected_.entry(), ctx.stack_ready, ctx.now, max_traces_searched_);
  for (const auto& t : found) {
    if (!ledger.seq_of(t.trace_id))
      report.add({"unexpected",
                  "trace " + t.trace_id,
                  "not started by the load driver",
                  {},
                  {whole.name, std::nullopt, std::nullopt}});
  }

  // With judge: after_heal, what became of the earlier traces is reported, not judged.
  std::string earlier;
  nlohmann::json not_judged = nullptr;
  if (policy_.judge_after_heal_only) {
    std::vector<std::string> earlier_ids;
    for (const auto& r : ctx.requests->records()) {
      if (r.outcome == RequestOutcome::kSucceeded &&
          r.sent_at < (judged.empty() ? ctx.now : judged.front()->sent_at)) {
        earlier_ids.push_back(ledger.trace_id(r.seq));
      }
    }
    std::size_t kept = 0;
    for (const auto& [id, trace] : fetch_traces(ctx.jaeger, earlier_ids)) kept += trace ? 1 : 0;
    not_judged = {{"traces", earlier_ids.size()},
                  {"still_in_jaeger", kept},
                  {"gone", earlier_ids.size() - kept}};
    earlier = fmt::format("; not judged: {} of {} earlier traces are gone",
                          earlier_ids.size() - kept, earlier_ids.size());
  }
  nlohmann::json evidence{{"judged_traces", judged.size()},
                          {"not_judged_before_heal", not_judged},
                          {"expected", expected_.to_json()},
                          {"traces_found_by_search", found.size()},
                          {"policy", policy_.to_json()},
                          {"recoveries", policy_.judge_after_heal_only
                                             ? nlohmann::json("not measured: judge after_heal "
                                                              "looks only at requests sent after "
                                                              "the bound")
                                             : attributor.recoveries()},
                          {"problems", report.to_json(ctx.windows, policy_)}};
  if (judged.empty())
    return Verdict::inconclusive(name(), "no succeeded request to judge", evidence);
  const auto summary = report.summary(ctx.windows, policy_);
  if (report.unexcused(policy_) > 0) {
    return Verdict::failed(name(),
                           fmt::format("{} problem(s) among {} traces judged: {}{}",
                                       report.unexcused(policy_), judged.size(), summary, earlier),
                           evidence);
  }
  return Verdict::passed(
      name(),
      report.empty()
          ? fmt::format("all {} traces judged are complete in Jaeger{}", judged.size(), earlier)
          : fmt::format("no unexcused loss among {} traces judged: {}{}", judged.size(), summary,
                        earlier),
      evidence);
}

}  // namespace unbroken
