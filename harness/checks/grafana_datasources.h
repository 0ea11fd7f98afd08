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
  // How many items of the run's data a query through the proxy returned; "" problem = fine.
  // `source_empty` says why the source itself held nothing in the range (then nothing was
  // read through Grafana, and there is nothing to judge).
  struct ProxyRead {
    std::size_t items = 0;
    std::string problem;
    std::string source_empty;
  };
  ProxyRead read_through_proxy(const CheckContext& ctx, const std::string& uid,
                               const std::string& type, TimePoint from) const;

  std::vector<std::string> uids_;
  std::string service_;
};

}  // namespace unbroken
