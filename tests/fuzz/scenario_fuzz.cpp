// Fuzz target: the scenario loader. Contract: any input is a Scenario or a ConfigError
// (file:line:col); nothing else may escape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness/core/errors.h"
#include "harness/scenario/scenario_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    unbroken::parse_scenario(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  } catch (const unbroken::ConfigError&) {
  }
  return 0;
}
