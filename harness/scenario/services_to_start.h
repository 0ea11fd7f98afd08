// Which of a system's services a run of one scenario starts. Every service starts, except
// one its system file declares `start: when_needed` that the scenario does not need. Such a
// service is needed when
//  - a check of the scenario reads the backend it serves (check_registry.h); Grafana's
//    data sources are the system's other backends, so a needed Grafana needs them all;
//  - a fault of the timeline targets it, or one of the targets it may draw;
//  - a parameter of a check or a fault names it (`services: gateway, grafana`);
//  - it carries items to a needed service: a hop after the emitter of a signal path
//    (system.h, `signals:`) that ends at one. The alert path runs from Prometheus through
//    Alertmanager to the notifications receiver; a metrics path from a scraped service to
//    Prometheus makes Prometheus need no scraped service.
// A service the run relies on whatever the scenario says (the load's, probe_from, the fault
// proxy, Prometheus, one with health paths) cannot be declared so (system_loader.cpp).
#pragma once

#include <string>
#include <vector>

#include "harness/checks/check_registry.h"
#include "harness/scenario/scenario.h"
#include "harness/system/system.h"

namespace unbroken {

// The services of `system` declared `start: when_needed` that `scenario` does not need, in
// the system file's order; empty when the run starts every service.
std::vector<std::string> services_left_out(const Scenario& scenario, const System& system,
                                           const CheckRegistry& checks);

}  // namespace unbroken
