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

std::string GrafanaDatasources::up_selector() const {
  return fmt::format("up{{job=\"{}\"}}", service_);
}

GrafanaDatasources::Question GrafanaDatasources::question(const std::string& type) const {
  if (type == "prometheus") {
    return {"Prometheus", "sample of " + up_selector()};
  }
  if (type == "loki") return {"Loki", "log line of " + service_};
  if (type == "jaeger") return {"Jaeger", "trace of " + service_};
  return {};
}

std::size_t GrafanaDatasources::items_held(const std::string& type, const Sources& sources,
                                           TimePoint from, TimePoint to) const {
  if (type == "prometheus") {
    return sample_count(sources.prometheus.raw_samples(up_selector(), from, to));
  }
  if (type == "loki") {
    return sources.loki
        .query_range(fmt::format("{{service=\"{}\"}}", service_), to_unix_ns(from), to_unix_ns(to),
                     100, LokiDirection::kBackward)
        .size();
  }
  return sources.jaeger.find_traces(service_, from, to, 20).size();
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
    if (!health.ok) problems.push_back(fmt::format("'{}' is unhealthy: {}", uid, health.message));
    auto entry = nlohmann::json{{"uid", uid},
                                {"type", it->type},
                                {"present", true},
                                {"healthy", health.ok},
                                {"health_message", health.message}};
    const auto asked = question(it->type);
    if (asked.source.empty()) {
      problems.push_back(fmt::format("'{}': unsupported data source type '{}'", uid, it->type));
      evidence["datasources"].push_back(entry);
      continue;
    }
    // The source itself first: what it holds is what Grafana must return. A source that
    // does not answer makes the check inconclusive (evaluate_check), never failed.
    const auto held =
        items_held(it->type, {ctx.prometheus, ctx.loki, ctx.jaeger}, from, ctx.observe_to);
    entry["items_in_source"] = held;
    if (held == 0) {
      empty_sources.push_back(
          fmt::format("'{}': {} itself has no {}", uid, asked.source, asked.item));
      evidence["datasources"].push_back(entry);
      continue;
    }
    try {
      GrafanaProxyTransport proxy(*ctx.http, uid, ctx.grafana.auth_headers());
      const auto& url = ctx.grafana.base_url();
      const auto through = items_held(
          it->type,
          {PrometheusClient(proxy, url), LokiClient(proxy, url), JaegerClient(proxy, url)}, from,
          ctx.observe_to);
      entry["items_through_proxy"] = through;
      if (through == 0) {
        problems.push_back(fmt::format("'{}': no {} through Grafana", uid, asked.item));
      } else if (it->type == "prometheus" && through != held) {
        // Raw samples are counted exactly; Loki's lines and Jaeger's traces only up to a cap.
        problems.push_back(
            fmt::format("'{}': {} samples of {} through Grafana, {} from "
                        "Prometheus itself",
                        uid, through, up_selector(), held));
      }
    } catch (const std::exception& e) {
      problems.push_back(fmt::format("'{}': query through Grafana failed: {}", uid, e.what()));
    }
    evidence["datasources"].push_back(entry);
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
