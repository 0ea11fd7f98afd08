#include "harness/checks/metrics_exposition.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <regex>
#include <stdexcept>

#include "harness/backends/exposition_text.h"

namespace unbroken {
namespace {

constexpr Millis kExpositionTimeout{10'000};
constexpr std::size_t kNamedAtMost = 5;  // problems named in a reason; the evidence has all

struct ScrapeUrl {
  std::string host;
  int port = 0;
  std::string path;
};

// "http://gateway:8080/metrics" -> {gateway, 8080, /metrics}; nullopt for anything else.
std::optional<ScrapeUrl> split_scrape_url(const std::string& url) {
  static const std::regex pattern(R"(^https?://([^/:]+):(\d+)(/[^?#]*)?)");
  std::smatch m;
  if (!std::regex_search(url, m, pattern)) return std::nullopt;
  return ScrapeUrl{m[1], std::stoi(m[2]), m[3].matched ? m[3].str() : "/metrics"};
}

// What target `t` exposes, read through the port its service publishes. Throws with the
// reason when it cannot be read.
Exposition read_exposition(const CheckContext& ctx, const PromTarget& t) {
  const auto url = split_scrape_url(t.scrape_url);
  if (!url) throw std::runtime_error("its scrape URL " + t.scrape_url + " names no host and port");
  if (!ctx.published_url) throw std::runtime_error("this run cannot reach services by port");
  const auto base = ctx.published_url(url->host, url->port);
  const auto answer = ctx.http->get(base, url->path, {}, {}, kExpositionTimeout);
  if (answer.status != 200)
    throw std::runtime_error(fmt::format("{}{} answered HTTP {}", base, url->path, answer.status));
  return parse_exposition(answer.body, t.scrape_url);
}

std::string selector_of(const PromTarget& t, const std::string& extra = "") {
  return fmt::format(R"({{job="{}",instance="{}"{}}})", t.job, t.instance, extra);
}

// The sample names stored for target `t` at any time in [from, to]. Prometheus's engine keeps
// __name__ through last_over_time ("acts like offset"), unlike other range functions.
std::set<std::string> stored_names(const CheckContext& ctx, const PromTarget& t) {
  const auto range = std::chrono::duration_cast<Millis>(ctx.now - ctx.observe_from).count() + 1;
  std::set<std::string> names;
  for (const auto& s : ctx.prometheus.query(
           fmt::format("count by (__name__) (last_over_time({}[{}ms]))", selector_of(t), range),
           ctx.now)) {
    const auto name = s.labels.find("__name__");
    if (name != s.labels.end()) names.insert(name->second);
  }
  return names;
}

Labels without(Labels labels, std::initializer_list<const char*> names) {
  for (const auto* n : names) labels.erase(n);
  return labels;
}

// Each stored scrape of histogram `family` of target `t`: its _count against its +Inf
// bucket at the same timestamp. Adds what disagrees to `problems`; returns how many
// scrapes were compared.
std::size_t compare_histogram(const CheckContext& ctx, const PromTarget& t,
                              const std::string& family, std::vector<std::string>& problems) {
  const auto counts =
      ctx.prometheus.raw_samples(family + "_count" + selector_of(t), ctx.observe_from, ctx.now);
  const auto infs = ctx.prometheus.raw_samples(family + "_bucket" + selector_of(t, R"(,le="+Inf")"),
                                               ctx.observe_from, ctx.now);
  std::map<Labels, const PromSeries*> inf_by_labels;
  for (const auto& s : infs) inf_by_labels[without(s.labels, {"__name__", "le"})] = &s;
  std::size_t compared = 0;
  for (const auto& count : counts) {
    const auto key = without(count.labels, {"__name__"});
    const auto inf = inf_by_labels.find(key);
    if (inf == inf_by_labels.end()) {
      problems.push_back(fmt::format("{}_count{} has no +Inf bucket", family, format_labels(key)));
      continue;
    }
    std::map<double, double> inf_at;
    for (const auto& p : inf->second->samples) inf_at[p.t] = p.value;
    for (const auto& p : count.samples) {
      const auto same_scrape = inf_at.find(p.t);
      if (same_scrape == inf_at.end()) continue;
      ++compared;
      if (same_scrape->second != p.value) {
        problems.push_back(fmt::format("{}{} at {:.3f}: _count {} but the +Inf bucket {}", family,
                                       format_labels(key), p.t, p.value, same_scrape->second));
      }
    }
  }
  return compared;
}

std::string first_few(const std::vector<std::string>& items) {
  if (items.size() <= kNamedAtMost) return fmt::format("{}", fmt::join(items, "; "));
  return fmt::format("{}; and {} more",
                     fmt::join(items.begin(), items.begin() + kNamedAtMost, "; "),
                     items.size() - kNamedAtMost);
}

}  // namespace

ParamDecls MetricsExposition::parameters() {
  return {{"jobs", ParamType::kList, "", true,
           "the Prometheus jobs whose targets' expositions are judged"}};
}

MetricsExposition::MetricsExposition(const CheckSpec& spec)
    : jobs_(spec.params.list_or("jobs", "")) {
  if (jobs_.empty()) throw ConfigError(spec.params.where(), "'jobs' names no job");
}

MetricsExposition::Findings MetricsExposition::observe(const CheckContext& ctx) const {
  Findings findings;
  const auto targets = ctx.prometheus.active_targets();
  for (const auto& job : jobs_) {
    bool any = false;
    for (const auto& target : targets) {
      if (target.job != job) continue;
      any = true;
      TargetFinding finding{target, "", {}, {}, {}};
      try {
        const auto exposition = read_exposition(ctx, target);
        finding.exposed = exposition.sample_names;
        for (const auto& [family, type] : exposition.types)
          if (type == "histogram") finding.histograms.push_back(family);
      } catch (const std::exception& e) {
        finding.unreachable = e.what();
      }
      if (finding.unreachable.empty()) {
        const auto stored = stored_names(ctx, target);
        std::set_difference(finding.exposed.begin(), finding.exposed.end(), stored.begin(),
                            stored.end(), std::back_inserter(finding.missing));
      }
      findings.targets.push_back(std::move(finding));
    }
    if (!any) findings.jobs_without_target.push_back(job);
  }
  return findings;
}

bool MetricsExposition::settled(const CheckContext& ctx) {
  const auto findings = observe(ctx);
  return std::all_of(findings.targets.begin(), findings.targets.end(),
                     [](const TargetFinding& f) { return f.missing.empty(); });
}

Verdict MetricsExposition::evaluate(const CheckContext& ctx) {
  const auto findings = observe(ctx);
  std::vector<std::string> missing, unreachable, histogram_problems;
  std::size_t exposed = 0, histograms = 0, compared = 0;
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& f : findings.targets) {
    const auto who = fmt::format("{} ({})", f.target.instance, f.target.job);
    if (!f.unreachable.empty()) unreachable.push_back(who + ": " + f.unreachable);
    for (const auto& name : f.missing) missing.push_back(fmt::format("{} of {}", name, who));
    std::vector<std::string> problems;
    for (const auto& family : f.histograms) {
      if (!f.exposed.contains(family + "_count")) continue;
      ++histograms;
      compared += compare_histogram(ctx, f.target, family, problems);
    }
    for (const auto& p : problems) histogram_problems.push_back(who + ": " + p);
    exposed += f.exposed.size();
    targets.push_back({{"job", f.target.job},
                       {"instance", f.target.instance},
                       {"scrape_url", f.target.scrape_url},
                       {"exposed", f.exposed},
                       {"missing", f.missing},
                       {"histograms", f.histograms},
                       {"unreachable", f.unreachable},
                       {"histogram_problems", problems}});
  }
  const nlohmann::json evidence{{"jobs", jobs_},
                                {"jobs_without_target", findings.jobs_without_target},
                                {"targets", targets},
                                {"histogram_scrapes_compared", compared}};
  std::vector<std::string> failures;
  if (!findings.jobs_without_target.empty())
    failures.push_back(fmt::format("Prometheus scrapes no target of job(s) {}",
                                   fmt::join(findings.jobs_without_target, ", ")));
  if (!missing.empty())
    failures.push_back(fmt::format("{} exposed sample name(s) never stored: {}", missing.size(),
                                   first_few(missing)));
  if (!histogram_problems.empty())
    failures.push_back(fmt::format("{} histogram scrape(s) inconsistent: {}",
                                   histogram_problems.size(), first_few(histogram_problems)));
  if (!failures.empty())
    return Verdict::failed(name(), fmt::format("{}", fmt::join(failures, "; ")), evidence);
  if (!unreachable.empty())
    return Verdict::inconclusive(
        name(), fmt::format("could not read what these targets expose: {}", first_few(unreachable)),
        evidence);
  if (exposed == 0)
    return Verdict::inconclusive(name(), "the targets exposed no sample: nothing to judge",
                                 evidence);
  if (histograms > 0 && compared == 0)
    return Verdict::inconclusive(
        name(),
        fmt::format("{} histogram(s) exposed, but no stored scrape has both _count and the "
                    "+Inf bucket to compare",
                    histograms),
        evidence);
  return Verdict::passed(
      name(),
      fmt::format("{} target(s) of {} expose {} sample name(s), all stored in Prometheus; {} "
                  "histogram(s): _count equals the +Inf bucket in all {} stored scrape(s)",
                  findings.targets.size(), fmt::join(jobs_, ", "), exposed, histograms, compared),
      evidence);
}

}  // namespace unbroken
