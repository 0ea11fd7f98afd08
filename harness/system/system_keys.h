// The keys of each entry of a system file, declared once (param_decl.h): the loader validates
// against them, `unbroken reference system` and scenarios/README.md show them. What a type
// cannot say (a port compose must publish, a service that must be declared) the loader checks.
#pragma once

#include <string>

#include "harness/core/param_decl.h"

namespace unbroken {

const ParamDecls& system_keys();           // the file's top level
const ParamDecls& service_keys();          // an entry of services
const ParamDecls& readiness_probe_keys();  // a service's ready, when a mapping
const ParamDecls& backends_keys();         // backends: the roles
const ParamDecls& backend_keys();          // a backend role, when a mapping
const ParamDecls& grafana_keys();          // backends.grafana: backend_keys() and its own
const ParamDecls& fault_proxy_keys();      // fault_proxy
const ParamDecls& proxied_path_keys();     // an entry of fault_proxy.paths
const ParamDecls& load_entry_keys();       // load
const ParamDecls& signals_keys();          // signals: paths per signal

// Markdown: a heading and a table per entry above.
std::string system_keys_reference();

}  // namespace unbroken
