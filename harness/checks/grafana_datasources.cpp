#include "harness/checks/grafana_datasources.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "harness/backends/grafana_proxy_transport.h"
#include "harness/core/duration.h"
#include "harness/core/time_format.h"

namespace unbroken {
namespace {

std::size_t sample_count(const std::vector<PromSeries>& series) {
  std::size_t n = 0;
  for (const auto& s : series) n += s.samples.size();
  return n;
}

}  // namespace

ParamDecls GrafanaDatasources::parameters() {
  return {{"datasources", ParamType::kList, "", true,
           "the uids of the data sources your Grafana provisions"},
          {"service", ParamType::kText, "the load's service", false,
           "whose data each data source must return through Grafana"}};
}

GrafanaDatasources::GrafanaDatasources(const CheckSpec& spec, const System& system)
    : uids_(spec.params.list_or("datasources", "")),
      service_(spec.params.string_or("service", system.load ? system.load->service : "")) {
  if (uids_.empty()) {
    throw ConfigError(spec.params.where(),
                      "check 'grafana.datasources' needs 'datasources': the uids of the data "
                      "sources your Grafana provisions (e.g. unbroken-prometheus, unbroken-loki)");
  }
  if (!system.service(service_)) {
    throw ConfigError(spec.params.where(),
                      fmt::format("check 'grafana.datasources': 'service' must be a service of "
                                  "system '{}' whose data the sources hold (it has: {})",
                                  system.name, system.service_names()));
  }
}

GrafanaDatasources::ProxyRead GrafanaDatasources::read_through_proxy(const CheckContext& ctx,
                                                                     const std::string& uid,
                                                                     const std::string& type,
                                                                     TimePoint from) const {
  GrafanaProxyTransport proxy(*ctx.http, uid, ctx.grafana.auth_headers());
  const auto& grafana_url = ctx.grafana.base_url();
  // Each source is asked directly first: what it holds in the range is what Grafana must
  // return. When it holds nothing, there is nothing to read through Grafana either.
  if (type == "prometheus") {
    const auto selector = fmt::format("up{{job=\"{}\"}}", service_);
    const auto direct = sample_count(ctx.prometheus.raw_samples(selector, from, ctx.observe_to));
    if (direct == 0) return {0, {}, fmt::format("Prometheus itself has no sample of {}", selector)};
    const auto through = sample_count(
        PrometheusClient(proxy, grafana_url).raw_samples(selector, from, ctx.observe_to));
    if (through == 0) return {0, fmt::format("no sample of {} through Grafana", selector), {}};
    if (through != direct) {
      return {through,
              fmt::format("{} samples of {} through Grafana, {} from Prometheus itself", through,
                          selector, direct),
              {}};
    }
    return {through, {}, {}};
  }
  if (type == "loki") {
    const auto logql = fmt::format("{{service=\"{}\"}}", service_);
    const auto ask = [&](LokiClient client) {
      return client.query_range(logql, to_unix_ns(from), to_unix_ns(ctx.observe_to), 100,
                                LokiDirection::kBackward);
    };
    if (ask(ctx.loki).empty()) {
      return {0, {}, fmt::format("Loki itself has no log line of {}", service_)};
    }
    const auto lines = ask(LokiClient(proxy, grafana_url));
    if (lines.empty()) return {0, fmt::format("no log line of {} through Grafana", service_), {}};
    return {lines.size(), {}, {}};
  }
  if (type == "jaeger") {
    const auto ask = [&](JaegerClient client) {
      return client.find_traces(service_, from, ctx.observe_to, 20);
    };
    if (ask(ctx.jaeger).empty()) {
      return {0, {}, fmt::format("Jaeger itself has no trace of {}", service_)};
    }
    const auto traces = ask(JaegerClient(proxy, grafana_url));
    if (traces.empty()) return {0, fmt::format("no trace of {} through Grafana", service_), {}};
    return {traces.size(), {}, {}};
  }
  return {0, "unsupported data source type '" + type + "'", {}};
}

Verdict GrafanaDatasources::evaluate(const CheckContext& ctx) {
  // The run's own data after recovery: from the last heal, or the whole observed range.
  TimePoint from = ctx.observe_from;
  const FaultWindow* last_heal = nullptr;
  for (const auto& w : ctx.windows) {
    if (w.end > from) {
      from = w.end;
      last_heal = &w;
    }
  }
  const auto listed = ctx.grafana.datasources();
  nlohmann::json evidence{{"service", service_}, {"datasources", nlohmann::json::array()}};
  std::vector<std::string> problems;
  std::vector<std::string> empty_sources;  // held nothing in the range: nothing to compare
  for (const auto& uid : uids_) {
    const auto it = std::find_if(listed.begin(), listed.end(),
                                 [&](const GrafanaDatasource& d) { return d.uid == uid; });
    if (it == listed.end()) {
      problems.push_back(fmt::format("data source '{}' is not in Grafana", uid));
      evidence["datasources"].push_back({{"uid", uid}, {"present", false}});
      continue;
    }
    const auto health = ctx.grafana.datasource_health(uid);
    ProxyRead read;
    try {
      read = read_through_proxy(ctx, uid, it->type, from);
    } catch (const std::exception& e) {
      read.problem = std::string("query through Grafana failed: ") + e.what();
    }
    if (!health.ok) problems.push_back(fmt::format("'{}' is unhealthy: {}", uid, health.message));
    if (!read.problem.empty()) problems.push_back(fmt::format("'{}': {}", uid, read.problem));
    if (!read.source_empty.empty()) {
      empty_sources.push_back(fmt::format("'{}': {}", uid, read.source_empty));
    }
    evidence["datasources"].push_back({{"uid", uid},
                                       {"type", it->type},
                                       {"present", true},
                                       {"healthy", health.ok},
                                       {"health_message", health.message},
                                       {"items_through_proxy", read.items},
                                       {"source_empty", !read.source_empty.empty()}});
  }
  if (!problems.empty()) {
    return Verdict::failed(name(), fmt::format("{}", fmt::join(problems, "; ")), evidence);
  }
  if (!empty_sources.empty()) {
    const auto range =
        last_heal ? fmt::format(
                        "after the last heal ({}: it acted at {}, {} before the "
                        "observation ended at {})",
                        last_heal->fault, format_rfc3339(last_heal->end),
                        format_duration(
                            std::chrono::duration_cast<Millis>(ctx.observe_to - last_heal->end)),
                        format_rfc3339(ctx.observe_to))
                  : fmt::format("in the observed range ({} to {})",
                                format_rfc3339(ctx.observe_from), format_rfc3339(ctx.observe_to));
    return Verdict::inconclusive(name(),
                                 fmt::format("nothing to read through Grafana {}: {}", range,
                                             fmt::join(empty_sources, "; ")),
                                 evidence);
  }
  return Verdict::passed(
      name(),
      fmt::format("{} data source(s) healthy; each returned {}'s data through Grafana's proxy{}",
                  uids_.size(), service_, ctx.windows.empty() ? "" : " after the last heal"),
      evidence);
}

}  // namespace unbroken
