#include "harness/scenario/scenario_loader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <iterator>
#include <tuple>

#include "harness/core/duration.h"
#include "harness/core/errors.h"
#include "harness/scenario/scenario_keys.h"
#include "harness/system/located_yaml.h"

namespace unbroken {
namespace {

void load_stack(const Located& node, StackConfig& stack) {
  node.check_keys(stack_keys(), "'stack'");
  if (node.has("overrides")) {
    const auto list = node.at("overrides");
    list.require_sequence("'stack.overrides'");
    for (const auto& item : list.node()) {
      const Located entry(item, list.where().file);
      stack.overrides.push_back({entry.scalar("an override file"), entry.where()});
    }
  }
  if (node.has("scrape_interval")) {
    stack.scrape_interval = node.at("scrape_interval").duration("'stack.scrape_interval'");
    stack.scrape_interval_where = node.at("scrape_interval").where();
  }
  if (node.has("ready_timeout")) {
    stack.ready_timeout = node.at("ready_timeout").duration("'stack.ready_timeout'");
  }
}

constexpr unsigned kMaxWeight = 1000;

RequestTemplate load_request(const Located& item) {
  item.check_keys(request_template_keys(), "a request template");
  RequestTemplate request;
  if (item.has("method")) request.method = item.at("method").scalar("'method'");
  request.path = item.at("path").scalar("'path'");
  if (request.path.empty() || request.path.front() != '/') {
    item.at("path").fail("'path' must start with '/'");
  }
  if (item.has("headers")) {
    const auto headers = item.at("headers");
    for (const auto& kv : headers.node()) {
      const Located name(kv.first, item.where().file);
      const auto header = name.scalar("a header name");
      std::string lower = header;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (lower == "traceparent" || lower == "baggage") {
        name.fail(
            fmt::format("'{}' is set by the load driver: its trace id is the one the "
                        "ledger knows and the checks look for",
                        header));
      }
      request.headers.emplace(header,
                              Located(kv.second, item.where().file).scalar("a header value"));
    }
  }
  if (item.has("body")) {
    if (request.method == "GET") item.at("body").fail("a GET request carries no 'body'");
    request.body = item.at("body").scalar("'body'");
  }
  if (item.has("weight")) {
    const auto weight = item.at("weight").unsigned_integer("'weight'");
    if (weight == 0 || weight > kMaxWeight) {
      item.at("weight").fail(fmt::format("'weight' must be 1..{}", kMaxWeight));
    }
    request.weight = static_cast<unsigned>(weight);
  }
  return request;
}

std::vector<int> load_statuses(const Located& list) {
  list.require_sequence("'workload.success'");
  std::vector<int> statuses;
  for (const auto& item : list.node()) {
    const Located status(item, list.where().file);
    const auto code = status.unsigned_integer("an HTTP status");
    if (code < 100 || code > 599) status.fail("an HTTP status is 100..599");
    statuses.push_back(static_cast<int>(code));
  }
  if (statuses.empty()) list.fail("'workload.success' lists no status");
  return statuses;
}

void load_workload(const Located& node, LoadPlan& load, std::string& defects) {
  node.check_keys(workload_keys(), "'workload'");
  if (node.has("requests")) {
    if (node.has("path")) node.at("path").fail("give either 'path' or 'requests', not both");
    const auto list = node.at("requests");
    for (const auto& item : list.node()) {
      load.requests.push_back(load_request(Located(item, list.where().file)));
    }
    if (load.requests.empty()) list.fail("'workload.requests' lists no request");
  }
  if (node.has("success")) load.success_statuses = load_statuses(node.at("success"));
  if (node.has("defects")) defects = node.at("defects").scalar("'workload.defects'");
  if (node.has("rate_per_s"))
    load.rate_per_s = node.at("rate_per_s").positive_number("'workload.rate_per_s'");
  load.duration = node.at("duration").duration("'workload.duration'");
  if (load.duration.count() <= 0) node.at("duration").fail("'workload.duration' must be positive");
  if (load.duration > kMaxLoadDuration) {
    node.at("duration")
        .fail(fmt::format("'workload.duration' {} is longer than a run may last ({})",
                          format_duration(load.duration), format_duration(kMaxLoadDuration)));
  }
  const double planned = std::floor(load.rate_per_s * to_seconds(load.duration));
  if (planned > static_cast<double>(kMaxPlannedRequests)) {
    node.at(node.has("rate_per_s") ? "rate_per_s" : "duration")
        .fail(fmt::format("the load plans {:.0f} requests ({} per second for {}), more than a "
                          "run may send ({}: every request is kept in the run's ledger)",
                          planned, load.rate_per_s, format_duration(load.duration),
                          kMaxPlannedRequests));
  }
  if (node.has("path")) load.path = node.at("path").scalar("'workload.path'");
  if (node.has("request_timeout")) {
    load.request_timeout = node.at("request_timeout").duration("'workload.request_timeout'");
  }
}

FaultSpec load_fault(const Located& item, const Millis load_duration) {
  item.require_map("a timeline entry");
  validate_declared_params(item.params(), timeline_entry_keys(), "a timeline entry");
  FaultSpec spec;
  spec.where = item.where();
  std::tie(spec.at, spec.at_latest) = item.at("at").duration_or_range("'at'");
  spec.kind = item.at("fault").scalar("'fault'");
  const auto target = item.at("target");
  if (target.node().IsSequence()) {
    // One of several targets, drawn from the run's seed.
    for (const auto& choice : target.node()) {
      spec.target_choices.push_back(Located(choice, item.where().file).scalar("a target"));
    }
    if (spec.target_choices.empty()) target.fail("'target' lists no service to choose from");
    spec.target = spec.target_choices.front();
  } else {
    spec.target = target.scalar("'target' (a service, or a list to choose one from)");
  }
  spec.target_where = target.where();
  std::tie(spec.duration, spec.duration_longest) = item.at("for").duration_or_range("'for'");
  if (spec.duration.count() <= 0)
    item.at("for").fail(
        "'for' must be positive: a fault that is healed as it is injected "
        "cannot be observed");
  if (item.has("declared")) spec.declared = item.at("declared").boolean("'declared'");
  const auto latest_heal =
      spec.at_latest.value_or(spec.at) + spec.duration_longest.value_or(spec.duration);
  if (latest_heal > load_duration) {
    item.fail(fmt::format(
        "this fault heals {} {} but the load lasts {}: faults must heal while the workload "
        "runs",
        spec.at_latest || spec.duration_longest ? "as late as" : "at", format_duration(latest_heal),
        format_duration(load_duration)));
  }
  if (item.has("repeat")) {
    const auto repeat = item.at("repeat");
    const auto [every, every_longest] = repeat.duration_or_range("'repeat'", "every ");
    const auto longest = spec.duration_longest.value_or(spec.duration);
    if (every <= longest) {
      repeat.fail(fmt::format(
          "'repeat: every {}' is not longer than the fault lasts ({}): each occurrence must heal "
          "before the next is injected",
          format_duration(every), format_duration(longest)));
    }
    spec.repeat = FaultSpec::Repeat{every, every_longest};
  }
  spec.params = item.params({"at", "fault", "target", "for", "declared", "repeat"});
  return spec;
}

CheckSpec load_check(const Located& item) {
  item.require_map("an expectation");
  validate_declared_params(item.params(), expectation_keys(), "an expectation");
  CheckSpec spec;
  spec.where = item.where();
  spec.name = item.at("check").scalar("'check'");
  spec.params = item.params({"check"});
  return spec;
}

Scenario build(const YAML::Node& root_node, const std::filesystem::path& file) {
  const Located root(root_node, file.string());
  if (!root_node.IsDefined() || root_node.IsNull()) root.fail("the scenario file is empty");
  root.check_keys(scenario_keys(), "a scenario");
  Scenario s;
  s.file = file;
  s.stack.scrape_interval_where = SourceLocation{file.string()};
  s.name = root.at("name").scalar("'name'");
  if (root.has("description")) s.description = root.at("description").scalar("'description'");
  if (root.has("system")) {
    const auto system = root.at("system");
    s.system_file = std::filesystem::absolute(file.parent_path() / system.scalar("'system'"))
                        .lexically_normal();
    s.system_where = system.where();
  }
  if (root.has("seed")) s.seed = root.at("seed").unsigned_integer("'seed'");
  if (root.has("stack")) load_stack(root.at("stack"), s.stack);
  load_workload(root.at("workload"), s.load, s.workload_defects);
  if (root.has("warmup_timeout"))
    s.warmup_timeout = root.at("warmup_timeout").duration("'warmup_timeout'");
  if (root.has("verify_timeout"))
    s.verify_timeout = root.at("verify_timeout").duration("'verify_timeout'");
  if (root.has("settle_timeout"))
    s.settle_timeout = root.at("settle_timeout").duration("'settle_timeout'");
  if (root.has("timeline")) {
    const auto timeline = root.at("timeline");
    for (const auto& item : timeline.node()) {
      s.timeline.push_back(load_fault(Located(item, file.string()), s.load.duration));
    }
  }
  const auto expectations = root.at("expectations");
  for (const auto& item : expectations.node()) {
    s.expectations.push_back(load_check(Located(item, file.string())));
  }
  if (s.expectations.empty())
    expectations.fail("'expectations' is empty: a run must verify something");
  return s;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::filesystem::path& file_name) {
  const auto root = parse_yaml(text, file_name);
  auto scenario = reading_yaml(file_name, [&] { return build(root, file_name); });
  scenario.text = text;
  return scenario;
}

Scenario load_scenario(const std::filesystem::path& file) {
  const auto root = load_yaml_file(file, "scenario file");
  auto scenario = reading_yaml(file, [&] { return build(root, file); });
  std::ifstream in(file);
  scenario.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return scenario;
}

}  // namespace unbroken
