// Fuzz target: the Loki stand-in's request readers — the JSON push body, the LogQL query
// and Loki's time forms. Contract: std::invalid_argument (push, time) and LogqlError
// (query), which the server answers with 400; nothing else may escape.
#include <stdexcept>
#include <string>

#include "fixtures/standins/loki/logql.h"
#include "fixtures/standins/loki/loki_server.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  using namespace unbroken::standin;
  try {
    parse_push(text);
  } catch (const std::invalid_argument&) {
  }
  try {
    parse_logql(text);
  } catch (const LogqlError&) {
  }
  try {
    parse_loki_time(text);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
