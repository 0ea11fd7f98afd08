#include "harness/scenario/scenario_keys.h"

namespace unbroken {

const ParamDecls& scenario_keys() {
  static const ParamDecls keys{
      {"name", ParamType::kText, "", true, "the scenario's name, in reports and run labels"},
      {"description", ParamType::kText, "", false, "free text"},
      {"system", ParamType::kText, "--system, $UNBROKEN_SYSTEM, compose/system.yaml", false,
       "the system file it runs against, relative to this file"},
      {"seed", ParamType::kInteger, "", false,
       "draws ranges and target lists; --seed overrides; recorded in the report"},
      {"stack", ParamType::kMapping, "", false, "how the system is brought up"},
      {"workload", ParamType::kMapping, "", true, "the load: always bounded"},
      {"warmup_timeout", ParamType::kDuration, "1m", false,
       "until Prometheus scrapes the load's target"},
      {"verify_timeout", ParamType::kDuration, "30s", false,
       "how long a fault's effect may take to show"},
      {"settle_timeout", ParamType::kDuration, "1m", false,
       "how long to wait for the backends to catch up"},
      {"timeline", ParamType::kEntries, "", false, "the faults; they may overlap"},
      {"expectations", ParamType::kEntries, "", true,
       "the checks, at least one: a run must verify something"},
  };
  return keys;
}

const ParamDecls& stack_keys() {
  static const ParamDecls keys{
      {"overrides", ParamType::kList, "", false,
       "compose files applied over the system's own, relative to the system file; each must "
       "exist"},
      {"scrape_interval", ParamType::kDuration, "1s", false,
       "checked against the running Prometheus (/api/v1/status/config): a mismatch stops the "
       "run, exit 2"},
      {"ready_timeout", ParamType::kDuration, "2m", false, "per readiness probe"},
  };
  return keys;
}

const ParamDecls& workload_keys() {
  static const ParamDecls keys{
      {"rate_per_s", ParamType::kNumber, "50", false, "open-loop rate, requests per second"},
      {"duration", ParamType::kDuration, "", true, "how long the load runs (e.g. 40s)"},
      {"path", ParamType::kText, "the system's load.path", false,
       "GETs to this path (not with `requests`)"},
      {"requests", ParamType::kEntries, "", false,
       "request templates, chosen by seq with a smooth weighted round robin (3:1 sends A A B A)"},
      {"success", ParamType::kList, "[200]", false, "HTTP statuses that count as succeeded"},
      {"request_timeout", ParamType::kDuration, "2s", false, "per request"},
      {"defects", ParamType::kText, "", false,
       "seeded workload defects, for the harness's own defect tests (SHOP_DEFECTS, "
       "UNBROKEN_WORKLOAD_DEFECTS)"},
  };
  return keys;
}

const ParamDecls& request_template_keys() {
  static const ParamDecls keys{
      {"method",
       ParamType::kChoice,
       "GET",
       false,
       "the HTTP method",
       {"GET", "POST", "PUT", "PATCH", "DELETE"}},
      {"path", ParamType::kText, "", true,
       "starts with '/'; {seq} and {trace_id} are filled in (also in headers and body)"},
      {"headers", ParamType::kMapping, "", false,
       "name: value; traceparent and baggage are the driver's and refused"},
      {"body", ParamType::kText, "", false, "sent as is; not with GET"},
      {"weight", ParamType::kInteger, "1", false, "1..1000: its share of the requests"},
  };
  return keys;
}

const ParamDecls& timeline_entry_keys() {
  static const ParamDecls keys{
      {"at",
       ParamType::kForm,
       "",
       true,
       "after the load starts; a range 8s..12s is drawn from the seed",
       {},
       "duration or range"},
      {"fault", ParamType::kText, "", true, "a fault kind"},
      {"target",
       ParamType::kForm,
       "",
       true,
       "a service of the system (proxy faults: a proxied path); a list [a, b]: one drawn from "
       "the seed",
       {},
       "text or list"},
      {"for",
       ParamType::kForm,
       "",
       true,
       "healed at at + for; must heal while the load runs",
       {},
       "duration or range"},
      {"declared", ParamType::kBool, "true", false,
       "false: an unannounced incident, whose losses are unexpected"},
      {"repeat",
       ParamType::kForm,
       "",
       false,
       "every 2m..4m: injected again each interval (drawn from the seed) until the load ends, "
       "each occurrence with its own window and proof of effect",
       {},
       "every <duration or range>"},
  };
  return keys;
}

const ParamDecls& expectation_keys() {
  static const ParamDecls keys{
      {"check", ParamType::kText, "", true, "a check"},
  };
  return keys;
}

std::string scenario_keys_reference() {
  return entries_markdown({
      {"the file", &scenario_keys()},
      {"`stack`", &stack_keys()},
      {"`workload`", &workload_keys()},
      {"an item of `workload.requests`", &request_template_keys()},
      {"an item of `timeline`, with its fault kind's parameters", &timeline_entry_keys()},
      {"an item of `expectations`, with its check's parameters", &expectation_keys()},
  });
}

}  // namespace unbroken
