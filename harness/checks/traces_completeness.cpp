#include "harness/checks/traces_completeness.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "harness/checks/item_report.h"
#include "harness/checks/trace_eviction.h"
#include "harness/checks/trace_fetch.h"
#include "harness/checks/trace_search.h"

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

// During the load traces are looked up this many requests at a time, each step checking
// the time left, through a search of the entry service over the times they were sent: one
// answer carries up to kTraceSearchPage whole traces, where a GET carries one.
constexpr std::uint64_t kLookupsPerStep = 500;
// How long after its send a request's entry span may start and still be found by its
// step's search; one that starts later is fetched after the load instead.
constexpr Millis kEntrySpanSlack{250};
// How many of the traces seen complete during the load are fetched again at evaluate() to
// show that Jaeger still holds them as they were.
constexpr std::size_t kMarksSampled = 32;

// Whether the marks left during the load may stand in for fetches, and from when.
struct MarkUse {
  bool usable = false;
  TimePoint looked_after{};  // only marks from a look after this count
  std::size_t sampled = 0;   // marks fetched again to show Jaeger still holds them
  std::string note;          // why none count, when none does
  nlohmann::json to_json(std::size_t seen, std::size_t taken) const {
    return {{"seen_complete", seen},
            {"taken", taken},
            {"sampled_again", sampled},
            {"note", note.empty() ? nlohmann::json(nullptr) : nlohmann::json(note)}};
  }
};

// Whether the marks left during the load may stand in for fetches now: only those from a
// look after every fault window on the trace's path ended, and only when a sample of them is
// still complete in Jaeger (a store that lost data without a recorded fault, restarting by
// itself or evicting its oldest when full, shows it there).
MarkUse mark_use(const TracesSeenComplete& seen, const CheckContext& ctx, const SignalPath& whole,
                 const std::function<bool(const TraceRecord&, std::uint64_t seq)>& complete) {
  MarkUse use;
  if (seen.count() == 0) {
    use.note = "no trace was seen complete during the load";
    return use;
  }
  for (const auto& w : ctx.windows) {
    if (whole.passes(w.acted_on())) use.looked_after = std::max(use.looked_after, w.end);
  }
  const auto sample = seen.sample(kMarksSampled, use.looked_after);
  if (sample.empty()) {
    use.note =
        "every trace seen complete during the load was seen before a fault on its path "
        "ended: each is fetched again";
    return use;
  }
  std::vector<std::string> ids;
  for (const auto seq : sample) ids.push_back(ctx.requests->trace_id(seq));
  const auto now = fetch_traces(ctx.jaeger, ids);
  use.sampled = sample.size();
  for (std::size_t k = 0; k < sample.size(); ++k) {
    const auto& trace = now.at(ids[k]);
    if (!trace || !complete(*trace, sample[k])) {
      use.note = fmt::format(
          "trace {} was complete in Jaeger during the load and is {} now: every trace is "
          "fetched again",
          ids[k], trace ? "not complete" : "gone");
      return use;
    }
  }
  use.usable = true;
  return use;
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

bool TracesCompleteness::complete(const TraceRecord& trace,
                                  const std::string& driver_span_id) const {
  return expected_.problems(trace, driver_span_id).empty() &&
         expected_.arrived(trace, driver_span_id).size() == expected_.services().size();
}

std::uint64_t TracesCompleteness::verify_during_load(const DuringLoadContext& ctx) {
  if (!ctx.ledger || !ctx.clock) return seen_.looked_up_to();
  for (auto first = seen_.looked_up_to(); first < ctx.sent_before_horizon;
       first = seen_.looked_up_to()) {
    const auto end = std::min(ctx.sent_before_horizon, first + kLookupsPerStep);
    const auto looked_at = ctx.clock->now();
    std::optional<TimePoint> earliest;
    std::optional<TimePoint> latest;
    for (auto seq = first; seq < end; ++seq) {
      const auto& r = ctx.ledger->record(seq);
      if (r.outcome == RequestOutcome::kNotSent) continue;
      earliest = std::min(earliest.value_or(r.sent_at), r.sent_at);
      latest = std::max(latest.value_or(r.sent_at), r.sent_at);
    }
    std::vector<std::uint64_t> complete_seqs;
    if (earliest) {
      search_traces(ctx.jaeger, expected_.entry(), *earliest, *latest + kEntrySpanSlack,
                    [&](const TraceRecord& trace) {
                      const auto seq = ctx.ledger->seq_of(trace.trace_id);
                      if (seq && *seq >= first && *seq < end &&
                          complete(trace, ctx.ledger->driver_span_id(*seq)))
                        complete_seqs.push_back(*seq);
                      return true;
                    });
    }
    // A trace with spans in two slices of the search comes back twice.
    std::sort(complete_seqs.begin(), complete_seqs.end());
    complete_seqs.erase(std::unique(complete_seqs.begin(), complete_seqs.end()),
                        complete_seqs.end());
    seen_.looked_up(end, looked_at, complete_seqs);
    if (ctx.clock->now() >= ctx.work_until) break;
  }
  return seen_.looked_up_to();
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
  const auto& ledger = *ctx.requests;
  const auto judged = judged_requests(ledger, ctx.windows, policy_);

  // Each trace is judged as its chunk arrives and dropped; only what is wrong with it is
  // kept, to be attributed once every arrival is known. A trace not in Jaeger is kept as
  // its index among the judged, in send order.
  struct Finding {
    const RequestRecord* request;
    std::vector<TraceProblem> problems;
  };
  std::vector<std::uint32_t> lost;
  std::vector<Finding> findings;
  const auto whole = trace_path(ctx.paths, expected_.services());
  LossAttributor attributor(ctx.windows, policy_.reach);
  // A trace seen complete during the load arrived whole; the rest are fetched now.
  const auto marks = mark_use(seen_, ctx, whole, [&](const TraceRecord& trace, std::uint64_t seq) {
    return complete(trace, ledger.driver_span_id(seq));
  });
  std::vector<std::uint32_t> to_fetch;
  std::size_t taken = 0;
  for (std::size_t i = 0; i < judged.size(); ++i) {
    const auto* r = judged[i];
    const auto seen = marks.usable ? seen_.seen_at(r->seq) : std::nullopt;
    if (!seen || *seen <= marks.looked_after) {
      to_fetch.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    for (const auto& service : expected_.services())
      attributor.arrived(ctx.paths.spans.path_of(service), r->sent_at);
    attributor.arrived(whole, r->sent_at);
    ++taken;
  }
  visit_traces(
      ctx.jaeger, to_fetch.size(),
      [&](std::size_t k) { return ledger.trace_id(judged[to_fetch[k]]->seq); },
      [&](std::size_t k, const std::optional<TraceRecord>& trace) {
        const auto i = to_fetch[k];
        const auto* r = judged[i];
        if (!trace) {
          lost.push_back(i);
          return;
        }
        const auto driver_span = ledger.driver_span_id(r->seq);
        const auto arrived = expected_.arrived(*trace, driver_span);
        for (const auto& service : arrived)
          attributor.arrived(ctx.paths.spans.path_of(service), r->sent_at);
        if (arrived.size() == expected_.services().size()) attributor.arrived(whole, r->sent_at);
        auto problems = expected_.problems(*trace, driver_span);
        if (!problems.empty()) findings.push_back({r, std::move(problems)});
      });
  std::sort(lost.begin(), lost.end());
  ItemReport report;
  for (const auto i : lost) {
    const auto* r = judged[i];
    report.add({"lost", item_name(ledger, *r), "not in Jaeger", r->sent_at,
                attributor.attribute(whole, r->sent_at)});
  }
  for (auto& f : findings) {
    const auto* r = f.request;
    // One trace's reasons of one kind go to the report together, to count as one item.
    std::stable_sort(f.problems.begin(), f.problems.end(),
                     [](const TraceProblem& a, const TraceProblem& b) {
                       return std::string_view(report_kind(a.kind)) < report_kind(b.kind);
                     });
    for (const auto& p : f.problems) {
      const auto path = p.service.empty() ? whole : ctx.paths.spans.path_of(p.service);
      report.add({report_kind(p.kind), item_name(ledger, *r), p.text, r->sent_at,
                  attributor.attribute(path, r->sent_at)});
    }
  }
  const auto eviction = TraceEviction::seen_in(lost, judged.size());
  // Unexpected: traces of the entry service in Jaeger that the driver never started. The
  // search reads page by page; a trace found twice (at a slice's edge) counts once.
  std::vector<bool> found_started(ledger.records().size());
  std::set<std::string> not_started;
  std::size_t found = 0;
  const auto search = search_traces(ctx.jaeger, expected_.entry(), ctx.stack_ready, ctx.now,
                                    [&](const TraceRecord& t) {
                                      if (const auto seq = ledger.seq_of(t.trace_id)) {
                                        found += found_started[*seq] ? 0 : 1;
                                        found_started[*seq] = true;
                                      } else if (not_started.insert(t.trace_id).second) {
                                        ++found;
                                      }
                                      return std::cmp_less(found, max_traces_searched_);
                                    });
  for (const auto& id : not_started) {
    report.add({"unexpected",
                "trace " + id,
                "not started by the load driver",
                {},
                {whole.name, std::nullopt, std::nullopt}});
  }

  // With judge: after_heal, what became of the earlier traces is reported, not judged.
  std::string earlier;
  nlohmann::json not_judged = nullptr;
  if (policy_.judge_after_heal_only) {
    std::vector<std::uint64_t> earlier_seqs;
    for (const auto& r : ledger.records()) {
      if (r.outcome == RequestOutcome::kSucceeded &&
          r.sent_at < (judged.empty() ? ctx.now : judged.front()->sent_at)) {
        earlier_seqs.push_back(r.seq);
      }
    }
    std::size_t kept = 0;
    visit_traces(
        ctx.jaeger, earlier_seqs.size(),
        [&](std::size_t i) { return ledger.trace_id(earlier_seqs[i]); },
        [&](std::size_t, const std::optional<TraceRecord>& trace) { kept += trace ? 1 : 0; });
    not_judged = {{"traces", earlier_seqs.size()},
                  {"still_in_jaeger", kept},
                  {"gone", earlier_seqs.size() - kept}};
    earlier = fmt::format("; not judged: {} of {} earlier traces are gone",
                          earlier_seqs.size() - kept, earlier_seqs.size());
  }
  nlohmann::json evidence{
      {"judged_traces", judged.size()},
      {"not_judged_before_heal", not_judged},
      {"expected", expected_.to_json()},
      {"traces_found_by_search", found},
      {"trace_search",
       {{"pages", search.pages}, {"page_limit", kTraceSearchPage}, {"complete", search.complete}}},
      {"policy", policy_.to_json()},
      {"recoveries", policy_.judge_after_heal_only
                         ? nlohmann::json("not measured: judge after_heal "
                                          "looks only at requests sent after "
                                          "the bound")
                         : attributor.recoveries()},
      {"problems", report.to_json(ctx.windows, policy_)},
      {"eviction", eviction.to_json()},
      {"during_load", marks.to_json(seen_.count(), taken)}};
  if (judged.empty())
    return Verdict::inconclusive(name(), why_none_judged(ledger, ctx.windows, policy_), evidence);
  const auto summary = report.summary(ctx.windows, policy_);
  if (report.unexcused(policy_) > 0) {
    return Verdict::failed(
        name(),
        fmt::format("{} problem(s) among {} traces judged: {}{}{}", report.unexcused(policy_),
                    judged.size(), summary, eviction.reason_suffix(), earlier),
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
