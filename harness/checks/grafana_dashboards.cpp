#include "harness/checks/grafana_dashboards.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "harness/backends/grafana_run_tags.h"
#include "harness/core/time_format.h"

namespace unbroken {
namespace {

bool has_tag(const GrafanaAnnotation& a, const std::string& tag) {
  return std::find(a.tags.begin(), a.tags.end(), tag) != a.tags.end();
}

// The tag queries of a dashboard's annotation list ({"target": {"type": "tags", ...}}).
std::vector<GrafanaAnnotationQuery> tag_queries(const nlohmann::json& dashboard) {
  std::vector<GrafanaAnnotationQuery> queries;
  const auto list = dashboard.value("/annotations/list"_json_pointer, nlohmann::json::array());
  for (const auto& item : list) {
    if (!item.contains("target") || item["target"].value("type", "") != "tags") continue;
    if (!item.value("enable", true)) continue;
    GrafanaAnnotationQuery q;
    q.tags = item["target"].value("tags", std::vector<std::string>{});
    q.match_any = item["target"].value("matchAny", false);
    queries.push_back(q);
  }
  return queries;
}

}  // namespace

ParamDecls GrafanaDashboards::parameters() {
  return {{"dashboards", ParamType::kList, "the system's grafana run_dashboard", false,
           "the uids of the dashboards your Grafana provisions (required without a run "
           "dashboard)"}};
}

GrafanaDashboards::GrafanaDashboards(const CheckSpec& spec, const System& system)
    : run_dashboard_(system.backends.grafana ? system.backends.grafana->run_dashboard
                                             : std::nullopt) {
  if (!spec.params.has("dashboards") && !run_dashboard_) {
    throw ConfigError(spec.where,
                      fmt::format("check 'grafana.dashboards' needs 'dashboards' (the uids of the "
                                  "dashboards your Grafana provisions): system '{}' declares no "
                                  "grafana run_dashboard to default to",
                                  system.name));
  }
  dashboards_ = spec.params.list_or("dashboards", run_dashboard_.value_or(""));
  if (dashboards_.empty()) {
    throw ConfigError(spec.params.where(), "check 'grafana.dashboards': dashboards is empty");
  }
}

Verdict GrafanaDashboards::evaluate(const CheckContext& ctx) {
  std::vector<std::string> problems;
  nlohmann::json evidence{{"dashboards", nlohmann::json::object()},
                          {"fault_annotations", nlohmann::json::array()}};

  std::optional<nlohmann::json> provisioned;
  for (const auto& uid : dashboards_) {
    const auto dashboard = ctx.grafana.dashboard(uid);
    evidence["dashboards"][uid] = dashboard.has_value();
    if (!dashboard) problems.push_back(fmt::format("provisioned dashboard '{}' is missing", uid));
    if (dashboard && !provisioned) provisioned = dashboard;
  }
  if (run_dashboard_) {
    const auto run_uid = grafana_tags::run_dashboard_uid(ctx.run_id);
    const bool run_copy = ctx.grafana.dashboard(run_uid).has_value();
    evidence["dashboards"][run_uid] = run_copy;
    if (!run_copy) {
      problems.push_back(
          fmt::format("the run's dashboard '{}', saved at observation start, is missing", run_uid));
    }
  }

  // Everything this run wrote, over a range wide enough to hold the whole run.
  GrafanaAnnotationQuery run_query;
  run_query.from_ms = to_unix_ms(ctx.stack_ready) - 60'000;
  run_query.to_ms = to_unix_ms(ctx.now) + 60'000;
  run_query.tags = {grafana_tags::kUnbroken, grafana_tags::run(ctx.run_id)};
  const auto written = ctx.grafana.annotations(run_query);
  const auto started = std::count_if(written.begin(), written.end(), [](const auto& a) {
    return has_tag(a, grafana_tags::kRunStarted);
  });
  evidence["run_started_annotations"] = started;
  if (started != 1) {
    problems.push_back(fmt::format(
        "{} 'run started' annotation(s), written before the faults; expected 1", started));
  }

  std::set<std::int64_t> fault_ids;
  for (const auto& w : ctx.windows) {
    std::vector<std::int64_t> ids;
    for (const auto& a : written) {
      if (has_tag(a, grafana_tags::kFault) && std::llabs(a.time_ms - to_unix_ms(w.start)) <= 1 &&
          std::llabs(a.time_end_ms - to_unix_ms(w.end)) <= 1) {
        ids.push_back(a.id);
      }
    }
    evidence["fault_annotations"].push_back({{"fault", w.fault},
                                             {"start", format_rfc3339(w.start)},
                                             {"end", format_rfc3339(w.end)},
                                             {"annotation_ids", ids}});
    if (ids.size() != 1) {
      problems.push_back(fmt::format("{} annotation(s) for the fault window of '{}'; expected 1",
                                     ids.size(), w.fault));
    }
    fault_ids.insert(ids.begin(), ids.end());
  }

  if (provisioned && !ctx.windows.empty()) {
    const auto queries = tag_queries(*provisioned);
    std::set<std::int64_t> selected;
    for (auto q : queries) {
      q.from_ms = run_query.from_ms;
      q.to_ms = run_query.to_ms;
      for (const auto& a : ctx.grafana.annotations(q)) selected.insert(a.id);
    }
    std::vector<std::int64_t> missed;
    std::set_difference(fault_ids.begin(), fault_ids.end(), selected.begin(), selected.end(),
                        std::back_inserter(missed));
    evidence["dashboard_annotation_queries"] = queries.size();
    evidence["fault_annotations_not_selected"] = missed;
    if (queries.empty()) {
      problems.push_back(fmt::format("dashboard '{}' has no annotation query by tags",
                                     provisioned->value("uid", "")));
    } else if (!missed.empty()) {
      problems.push_back(
          fmt::format("dashboard '{}''s annotation query does not select {} fault annotation(s)",
                      provisioned->value("uid", ""), missed.size()));
    }
  }

  if (!problems.empty()) {
    return Verdict::failed(name(), fmt::format("{}", fmt::join(problems, "; ")), evidence);
  }
  return Verdict::passed(
      name(),
      fmt::format("{} dashboard(s){} there; {} fault window(s), each annotated once and "
                  "selected by the dashboard",
                  dashboards_.size(), run_dashboard_ ? " and the run's own are" : " are",
                  ctx.windows.size()),
      evidence);
}

}  // namespace unbroken
