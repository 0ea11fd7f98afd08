// The keys of each entry of a scenario file, declared once (param_decl.h): the loader
// validates against them, `unbroken reference scenario` and scenarios/README.md show them.
// A fault's and a check's own parameters are their kinds' (fault_registry.h,
// check_registry.h); a timeline entry and an expectation declare only the keys they share.
#pragma once

#include <string>

#include "harness/core/param_decl.h"

namespace unbroken {

const ParamDecls& scenario_keys();          // the file's top level
const ParamDecls& stack_keys();             // stack:
const ParamDecls& workload_keys();          // workload:
const ParamDecls& request_template_keys();  // an item of workload.requests
const ParamDecls& timeline_entry_keys();    // an item of timeline, besides its kind's parameters
const ParamDecls& expectation_keys();       // an item of expectations, besides its check's

// Markdown: a heading and a table per entry above.
std::string scenario_keys_reference();

}  // namespace unbroken
