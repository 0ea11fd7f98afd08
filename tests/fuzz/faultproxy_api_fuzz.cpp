// Fuzz target: the fault proxy's API request readers — a proxy (POST /proxies) and a toxic
// (POST /proxies/<name>/toxics) from a JSON body. Contract: std::invalid_argument
// (BadToxic is one), which the API answers with 400; nothing else may escape.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "fixtures/faultproxy/proxy.h"
#include "fixtures/faultproxy/toxic.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = nlohmann::json::parse(data, data + size, nullptr, false);
  if (body.is_discarded()) return 0;  // the API answers 400 before reading it
  using namespace unbroken::faultproxy;
  try {
    proxy_config_from_json(body);
  } catch (const std::invalid_argument&) {
  }
  try {
    toxic_from_json(body);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
