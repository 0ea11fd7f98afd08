// CheckRegistry: check kinds by name. Built-ins are added explicitly by
// register_builtin_checks() from the CLI.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/checks/check.h"

namespace unbroken {

using CheckFactory = std::function<std::unique_ptr<Check>(const CheckSpec&)>;

class CheckRegistry {
 public:
  void add(const std::string& name, CheckFactory factory);
  // Throws ConfigError at spec.where for an unknown name or invalid parameters.
  std::unique_ptr<Check> create(const CheckSpec& spec) const;
  std::vector<std::string> names() const;

 private:
  std::map<std::string, CheckFactory> factories_;
};

void register_builtin_checks(CheckRegistry& registry);

}  // namespace unbroken
