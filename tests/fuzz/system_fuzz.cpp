// Fuzz target: the system loader. Contract: any input is a System or a ConfigError
// (file:line:col); nothing else may escape. Files it names are read relative to the
// working directory, as a system file's are.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness/core/errors.h"
#include "harness/system/system_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    unbroken::parse_system(std::string(reinterpret_cast<const char*>(data), size),
                           "fuzz-system.yaml");
  } catch (const unbroken::ConfigError&) {
  }
  return 0;
}
