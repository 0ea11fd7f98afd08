// CheckRegistry: check kinds by name, each with the backend roles it reads. Built-ins are
// added explicitly by register_builtin_checks() from the CLI. A check is created for one
// system: one whose backends the system lacks is refused.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/checks/check.h"
#include "harness/system/system.h"

namespace unbroken {

using CheckFactory = std::function<std::unique_ptr<Check>(const CheckSpec&, const System&)>;

class CheckRegistry {
 public:
  void add(const std::string& name, std::vector<BackendRole> reads, CheckFactory factory);
  // Throws ConfigError at spec.where for an unknown name, a backend `system` lacks, or
  // invalid parameters.
  std::unique_ptr<Check> create(const CheckSpec& spec, const System& system) const;
  std::vector<std::string> names() const;

 private:
  struct Kind {
    std::vector<BackendRole> reads;
    CheckFactory make;
  };
  std::map<std::string, Kind> kinds_;
};

void register_builtin_checks(CheckRegistry& registry);

}  // namespace unbroken
