// GrafanaDatasources ("grafana.datasources"): every data source the stack provisions is in
// Grafana, its health check through Grafana answers OK, and a query *through Grafana's
// data source proxy* returns the run's own data from after the last heal (or from the
// whole observed range when nothing was injected): Prometheus the raw samples of
// up{job="<service>"} — exactly as many as Prometheus itself returns — Loki at least one
// log line of <service>, Jaeger at least one trace of <service>. A source that itself holds
// none of that data in the range (a heal that acted just before the load ended) leaves
// nothing to judge: inconclusive, naming the range and the heal, never failed.
// Parameters: datasources (comma-separated uids; default the three provisioned ones),
// service (default: the system's load service).
#pragma once

#include <vector>

#include "harness/checks/check.h"
#include "harness/core/param_decl.h"
#include "harness/system/system.h"

namespace unbroken {

class GrafanaDatasources final : public Check {
 public:
  GrafanaDatasources(const CheckSpec& spec, const System& system);
  std::string name() const override { return "grafana.datasources"; }
  static ParamDecls parameters();
  Verdict evaluate(const CheckContext& context) override;

 private:
  // The three readers a data source's type is asked through: the sources themselves, or
  // the same clients over Grafana's data source proxy.
  struct Sources {
    PrometheusClient prometheus;
    LokiClient loki;
    JaegerClient jaeger;
  };
  // What is asked of a data source of `type`, for messages: the source's name and the item
  // ("Prometheus", "sample of up{job=\"gateway\"}"); empty for a type this check cannot read.
  struct Question {
    std::string source;
    std::string item;
  };
  Question question(const std::string& type) const;
  // up{job="<service>"}: the series read from Prometheus.
  std::string up_selector() const;
  // How many items of the service's data in [from, to] `sources` return for `type`:
  // Prometheus's raw samples of up{job=<service>} (all of them), Loki's log lines of it (at
  // most 100), Jaeger's traces of it (at most 20).
  std::size_t items_held(const std::string& type, const Sources& sources, TimePoint from,
                         TimePoint to) const;

  std::vector<std::string> uids_;
  std::string service_;
};

}  // namespace unbroken
