#include "harness/checks/logs_completeness.h"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "harness/checks/item_report.h"

namespace unbroken {
namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;

}  // namespace

void visit_run_logs(const CheckContext& ctx, const std::string& selector,
                    const std::function<void(const LogLine&)>& visit) {
  ctx.loki.for_each_entry(selector, to_unix_ns(ctx.stack_ready) - 60 * kNsPerSecond,
                          to_unix_ns(ctx.now) + kNsPerSecond, visit);
}

ParamDecls LogsCompleteness::parameters() {
  return LogExpectation::parameters(false) + LossPolicy::parameters();
}

LogsCompleteness::LogsCompleteness(const CheckSpec& spec, const System& system)
    : policy_(LossPolicy::from(spec.params, system.backends.loki->service)),
      expected_(LogExpectation::from(spec.params, "logs.completeness")) {
  system.require_services(expected_.services(), spec.params.where(), "logs.completeness");
}

bool LogsCompleteness::settled(const CheckContext& ctx) {
  if (!ctx.requests) return true;
  const auto judged = judged_requests(*ctx.requests, ctx.windows, policy_);
  if (judged.empty()) return true;
  // Settled once the newest judged request's lines are all in Loki.
  const auto seq = judged.back()->seq;
  std::size_t found = 0;
  visit_run_logs(ctx, expected_.selector(), [&](const LogLine& l) {
    const auto owner = expected_.owner(l, *ctx.requests);
    found += owner && owner->seq == seq ? 1 : 0;
  });
  return found >=
         expected_.services().size() * static_cast<std::size_t>(expected_.lines_per_request());
}

Verdict LogsCompleteness::evaluate(const CheckContext& ctx) {
  if (!ctx.requests) return Verdict::errored(name(), "the run has no request ledger");
  const auto& records = ctx.requests->records();
  const int wanted = expected_.lines_per_request();
  // How many lines each service logged for each seq: a count per planned request.
  std::map<std::string, std::vector<std::uint32_t>> copies;
  const auto copies_of = [&](const std::string& service, std::uint64_t seq) -> std::uint32_t {
    const auto found = copies.find(service);
    return found == copies.end() ? 0 : found->second[seq];
  };
  std::size_t not_judged = 0;  // match trace_id: lines of no request the driver sent
  std::map<std::string, std::vector<bool>> broken_reported;  // per service, per seq
  ItemReport report;
  const SignalPath unknown_path{"logs of no known request", {}};
  std::size_t lines_read = 0;
  visit_run_logs(ctx, expected_.selector(), [&](const LogLine& l) {
    ++lines_read;
    const auto owner = expected_.owner(l, *ctx.requests);
    if (!owner) {
      if (!expected_.keyed_by_seq()) {
        ++not_judged;
        return;
      }
      report.add({"unexpected",
                  l.line.substr(0, 120),
                  "not a line for a request the driver sent",
                  {},
                  {unknown_path.name, std::nullopt, std::nullopt}});
      return;
    }
    auto& counts = copies[owner->service];
    counts.resize(records.size());
    ++counts[owner->seq];
    const auto& r = records[owner->seq];
    const auto trace_id = ctx.requests->trace_id(owner->seq);
    if (owner->trace_id != trace_id) {
      // One broken item per request and service, however many of its lines are wrong.
      auto& reported = broken_reported[owner->service];
      reported.resize(records.size());
      if (reported[owner->seq]) return;
      reported[owner->seq] = true;
      report.add(
          {"broken",
           fmt::format("{} seq {}", owner->service, owner->seq),
           fmt::format("names trace {} but the request's trace is {}", owner->trace_id, trace_id),
           r.sent_at,
           {ctx.paths.logs.path_of(owner->service).name, std::nullopt, std::nullopt}});
    }
  });
  const auto judged = judged_requests(*ctx.requests, ctx.windows, policy_);
  LossAttributor attributor(ctx.windows, policy_.reach);
  for (const auto& [service, counts] : copies) {
    for (std::uint64_t seq = 0; seq < counts.size(); ++seq) {
      if (counts[seq] > 0)
        attributor.arrived(ctx.paths.logs.path_of(service), records[seq].sent_at);
    }
  }
  for (const auto& [service, counts] : copies) {
    for (std::uint64_t seq = 0; seq < counts.size(); ++seq) {
      const auto n = counts[seq];
      if (std::cmp_less_equal(n, wanted)) continue;
      const auto& r = records[seq];
      report.add({"duplicated",
                  fmt::format("{} seq {} (trace {})", service, seq, ctx.requests->trace_id(seq)),
                  wanted == 1 ? fmt::format("stored {} times", n)
                              : fmt::format("{} lines where {} were expected", n, wanted),
                  r.sent_at, attributor.attribute(ctx.paths.logs.path_of(service), r.sent_at)});
    }
  }
  for (const auto* r : judged) {
    for (const auto& service : expected_.services()) {
      const auto have = copies_of(service, r->seq);
      if (std::cmp_greater_equal(have, wanted)) continue;
      report.add(
          {"lost",
           fmt::format("{} seq {} (trace {})", service, r->seq, ctx.requests->trace_id(r->seq)),
           have == 0 ? std::string("not in Loki")
                     : fmt::format("{} of {} lines in Loki", have, wanted),
           r->sent_at, attributor.attribute(ctx.paths.logs.path_of(service), r->sent_at)});
    }
  }
  const auto expected =
      judged.size() * expected_.services().size() * static_cast<std::size_t>(wanted);
  nlohmann::json evidence{{"expected", expected_.to_json()},
                          {"lines_read", lines_read},
                          {"lines_of_no_request", not_judged},
                          {"lines_expected", expected},
                          {"policy", policy_.to_json()},
                          {"recoveries", attributor.recoveries()},
                          {"problems", report.to_json(ctx.windows, policy_)}};
  if (judged.empty())
    return Verdict::inconclusive(name(), why_none_judged(*ctx.requests, ctx.windows, policy_),
                                 evidence);
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
