#include "harness/faults/proxy_toxic_fault.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <vector>

#include "harness/core/byte_size.h"
#include "harness/core/duration.h"
#include "harness/core/poll.h"

namespace unbroken {
namespace {

constexpr Millis kToxicProbeTimeout{2'000};

// Each toxic kind's attributes, declared as the scenario parameters they are read from
// (a duration, a number or a size becomes the toxic attribute of that name).
const std::map<std::string, ParamDecls>& kinds() {
  static const std::map<std::string, ParamDecls> kKinds{
      {"latency",
       {{"latency", ParamType::kDuration, "", true, "how long every chunk waits"},
        {"jitter", ParamType::kDuration, "0s", false, "± this much, drawn per chunk"}}},
      {"bandwidth", {{"rate", ParamType::kNumber, "", true, "the pace, in KB/s"}}},
      {"timeout",
       {{"timeout", ParamType::kDuration, "0s", false,
         "data is held, and the connection closed after this long (0: held until healed)"}}},
      {"reset_peer",
       {{"timeout", ParamType::kDuration, "0s", false,
         "connections are reset this long after data arrives"}}},
      {"slow_close", {{"delay", ParamType::kDuration, "", true, "how long closing waits"}}},
      {"limit_data",
       {{"bytes", ParamType::kBytes, "", true, "a connection closes after this many bytes"}}},
  };
  return kKinds;
}

std::int64_t attribute_value(const Params& params, const ParamDecl& attribute) {
  switch (attribute.type) {
    case ParamType::kDuration:
      return params.duration_or(attribute.name, Millis{0}).count();
    case ParamType::kBytes:
      return params.bytes(attribute.name).value_or(0);
    default:
      break;
  }
  const auto number = params.number_or(attribute.name, 0.0);
  if (number < 1.0) {
    throw ConfigError(params.where(), fmt::format("'{}' must be at least 1", attribute.name));
  }
  return static_cast<std::int64_t>(number);
}

std::string format_attribute(const ParamDecl& attribute, std::int64_t value) {
  switch (attribute.type) {
    case ParamType::kDuration:
      return format_duration(Millis{value});
    case ParamType::kBytes:
      return format_byte_size(value);
    default:
      break;
  }
  return fmt::format("{} KB/s", value);
}

}  // namespace

ParamDecls ProxyToxicFault::parameters(const std::string& kind) {
  return kinds().at(kind) +
         ParamDecls{{"stream",
                     ParamType::kChoice,
                     "downstream",
                     false,
                     "downstream: backend → emitter; upstream: emitter → backend",
                     {"downstream", "upstream"}},
                    {"toxicity", ParamType::kNumber, "1", false,
                     "the share of connections it applies to (more than 0, at most 1), rolled "
                     "per connection from the run's seed"}};
}

std::vector<std::string> proxy_toxic_kinds() {
  std::vector<std::string> names;
  for (const auto& [name, attributes] : kinds()) names.push_back(name);
  return names;
}

ProxyToxicFault::ProxyToxicFault(const FaultSpec& spec, FaultContext& context)
    : context_(context),
      kind_(spec.kind),
      path_(proxied_path_for(spec, context.system)),
      measure_({}) {
  const auto kind = kinds().find(kind_);
  if (kind == kinds().end()) {
    throw ConfigError(spec.where, fmt::format("'{}' is not a proxy toxic", kind_));
  }
  const auto stream = spec.params.string_or("stream", "downstream");
  const auto toxicity = spec.params.number_or("toxicity", 1.0);
  if (!(toxicity > 0.0 && toxicity <= 1.0)) {
    throw ConfigError(spec.params.value_where("toxicity"),
                      "'toxicity' must be more than 0 and at most 1: a toxic that touches no "
                      "connection cannot act");
  }
  nlohmann::json attributes = nlohmann::json::object();
  for (const auto& attribute : kind->second) {
    const auto value = attribute_value(spec.params, attribute);
    attributes[attribute.name] = value;
    if (spec.params.has(attribute.name)) {
      summary_ += fmt::format("{}{} {}", summary_.empty() ? "" : ", ", attribute.name,
                              format_attribute(attribute, value));
    }
  }
  if (kind_ == "latency" && attributes["latency"].get<std::int64_t>() <= 0) {
    throw ConfigError(spec.params.value_where("latency"),
                      "'latency' must be more than 0: a latency of nothing cannot act");
  }
  toxic_ = {{"name", "unbroken_" + kind_},
            {"type", kind_},
            {"stream", stream},
            {"toxicity", toxicity},
            {"attributes", attributes}};
  measure_ = ToxicMeasure(toxic_);
  if (toxicity < 1.0) summary_ += fmt::format(", toxicity {}", toxicity);
  if (stream == "upstream") summary_ += ", upstream";
}

std::string ProxyToxicFault::describe() const {
  return fmt::format("{} on the proxied path to {} ({})", kind_, path_.name,
                     summary_.empty() ? "defaults" : summary_);
}

void ProxyToxicFault::inject() {
  if (!context_.connections) throw HarnessError("proxy toxics need a connection prober");
  measure_.calibrate(*context_.connections,
                     context_.runtime.endpoint(path_.proxy_service, path_.listen_port),
                     path_.probe_path);
  fault_proxy_client(context_).add_toxic(path_.name, toxic_);
}

void ProxyToxicFault::heal() {
  fault_proxy_client(context_).remove_toxic(path_.name, toxic_["name"].get<std::string>());
}

Effect ProxyToxicFault::verify_effect(FaultPhase phase, Millis timeout) {
  return phase == FaultPhase::kInjected ? verify_injected(timeout) : verify_healed(timeout);
}

Effect ProxyToxicFault::verify_injected(Millis timeout) {
  const auto name = toxic_["name"].get<std::string>();
  std::vector<nlohmann::json> listed;
  const bool confirmed = poll_until(context_.clock, context_.clock.now() + timeout, [&] {
    listed = fault_proxy_client(context_).toxics(path_.name);
    return std::any_of(listed.begin(), listed.end(), [&](const nlohmann::json& t) {
      return t.value("name", "") == name &&
             t.value("attributes", nlohmann::json()) == toxic_["attributes"];
    });
  });
  if (!confirmed) {
    return {false, fmt::format("the fault proxy does not list toxic {} as sent", name),
            context_.clock.now()};
  }
  ToxicMeasure::Result seen;
  poll_until(context_.clock, context_.clock.now() + timeout, [&] {
    seen = measure_.measure(*context_.connections);
    return seen.shown || !measure_.unobservable().empty();
  });
  return {seen.shown, seen.observation, context_.clock.now()};
}

Effect ProxyToxicFault::verify_healed(Millis timeout) {
  const auto name = toxic_["name"].get<std::string>();
  ProxyProbe probe;
  bool listed = true;
  const bool seen = poll_until(context_.clock, context_.clock.now() + timeout, [&] {
    const auto toxics = fault_proxy_client(context_).toxics(path_.name);
    listed = std::any_of(toxics.begin(), toxics.end(),
                         [&](const nlohmann::json& t) { return t.value("name", "") == name; });
    probe = probe_through_proxy(context_, path_, kToxicProbeTimeout);
    return !listed && probe.answered;
  });
  return {seen,
          fmt::format("toxic {}; through the proxy: {}", listed ? "still listed" : "removed",
                      probe.to_string()),
          context_.clock.now()};
}

}  // namespace unbroken
