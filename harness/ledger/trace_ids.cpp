#include "harness/ledger/trace_ids.h"

#include <fmt/format.h>

namespace unbroken {
namespace {

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// splitmix64: a bijective mixer, so distinct inputs give distinct outputs.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t non_zero(std::uint64_t x) {
  return x == 0 ? 1 : x;
}

}  // namespace

std::string trace_id_for(const std::string& run_id, std::uint64_t seq) {
  const auto base = fnv1a(run_id);
  // The low half is a bijection of seq for one run, so trace ids never collide within it.
  return fmt::format("{:016x}{:016x}", non_zero(mix(base)), non_zero(mix(base ^ mix(seq))));
}

std::string driver_span_id_for(const std::string& run_id, std::uint64_t seq) {
  return fmt::format("{:016x}", non_zero(mix(fnv1a(run_id) + 0x5bd1e995ULL * (seq + 1))));
}

}  // namespace unbroken
