// CheckRegistry: check kinds by name, each with the backend roles it reads and its declared
// parameters (param_decl.h). Built-ins are added explicitly by register_builtin_checks()
// from the CLI, one line each. A check is created for one system: one whose backends the
// system lacks is refused, and its parameters are validated against the declaration before
// the check is built.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/checks/check.h"
#include "harness/core/param_decl.h"
#include "harness/system/system.h"

namespace unbroken {

using CheckFactory = std::function<std::unique_ptr<Check>(const CheckSpec&, const System&)>;

// How to build a check kind, and the parameters it declares.
struct CheckKindDef {
  CheckFactory make;
  ParamDecls parameters;
};

class CheckRegistry {
 public:
  void add(const std::string& name, std::vector<BackendRole> reads, CheckKindDef kind);
  // Throws ConfigError at spec.where for an unknown name, a backend `system` lacks, or
  // invalid parameters.
  std::unique_ptr<Check> create(const CheckSpec& spec, const System& system) const;
  std::vector<std::string> names() const;
  // The backend roles check `name` reads; throws std::out_of_range for an unknown name.
  const std::vector<BackendRole>& reads(const std::string& name) const {
    return kinds_.at(name).reads;
  }
  // The parameters check `name` declares; throws std::out_of_range for an unknown name.
  const ParamDecls& parameters(const std::string& name) const {
    return kinds_.at(name).def.parameters;
  }
  // Markdown: per check, the backends it reads and its parameters' table.
  std::string reference() const;

 private:
  struct Kind {
    std::vector<BackendRole> reads;
    CheckKindDef def;
  };
  std::map<std::string, Kind> kinds_;
};

void register_builtin_checks(CheckRegistry& registry);

}  // namespace unbroken
