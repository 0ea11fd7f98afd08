// FaultRegistry: fault kinds by name, each with its declared parameters (param_decl.h),
// validated before the fault is built. Built-ins are added explicitly by
// register_builtin_faults() (called from the CLI), never by static initialisers.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/faults/fault.h"

namespace unbroken {

using FaultFactory = std::function<std::unique_ptr<Fault>(const FaultSpec&, FaultContext&)>;

// How to build a fault kind, and the parameters it declares.
struct FaultKindDef {
  FaultFactory make;
  ParamDecls parameters;
  // It stops, freezes, restarts or kills the target's process: two such faults on one
  // target at once conflict (see refuse_conflicting_faults).
  bool acts_on_process = false;
};

class FaultRegistry {
 public:
  void add(const std::string& kind, FaultKindDef def);
  // Builds the fault for `spec`. Throws ConfigError at spec.where for an unknown kind or
  // invalid parameters.
  std::unique_ptr<Fault> create(const FaultSpec& spec, FaultContext& context) const;
  std::vector<std::string> kinds() const;
  // The parameters fault kind `kind` declares; throws std::out_of_range for an unknown kind.
  const ParamDecls& parameters(const std::string& kind) const { return kinds_.at(kind).parameters; }
  // Throws std::out_of_range for an unknown kind.
  bool acts_on_process(const std::string& kind) const { return kinds_.at(kind).acts_on_process; }
  // Markdown: per fault kind, its parameters' table.
  std::string reference() const;

 private:
  std::map<std::string, FaultKindDef> kinds_;
};

void register_builtin_faults(FaultRegistry& registry);

// Refuses two faults that may be in force on one target at the same time (for seeded
// ranges: at any of the times and targets they may draw) when both act on its process, or
// when they are of one kind (proxy toxics: and on one stream): the second would act on what
// the first did, and its heal would undo the first's. Other pairs, such as latency on a path
// while its service is killed, are meant. A ConfigError at the later fault's `target`. Every
// kind must be registered.
void refuse_conflicting_faults(const std::vector<FaultSpec>& timeline,
                               const FaultRegistry& registry);

}  // namespace unbroken
