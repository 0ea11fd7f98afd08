#include "harness/ledger/trace_ids.h"

#include <fmt/format.h>

#include <charconv>

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

constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;
constexpr std::uint64_t kMul1 = 0xbf58476d1ce4e5b9ULL;
constexpr std::uint64_t kMul2 = 0x94d049bb133111ebULL;

// splitmix64: a bijective mixer, so distinct inputs give distinct outputs.
std::uint64_t mix(std::uint64_t x) {
  x += kGolden;
  x = (x ^ (x >> 30)) * kMul1;
  x = (x ^ (x >> 27)) * kMul2;
  return x ^ (x >> 31);
}

// The multiplicative inverse of odd `a` modulo 2^64 (Newton's iteration doubles the
// correct low bits each step: 3 → 6 → … → 96).
constexpr std::uint64_t inverse(std::uint64_t a) {
  std::uint64_t x = a;
  for (int i = 0; i < 5; ++i) x *= 2 - a * x;
  return x;
}
static_assert(kMul1 * inverse(kMul1) == 1 && kMul2 * inverse(kMul2) == 1);

// x from x ^ (x >> shift).
std::uint64_t unshift(std::uint64_t y, int shift) {
  std::uint64_t x = y;
  for (int done = shift; done < 64; done += shift) x = y ^ (x >> shift);
  return x;
}

// mix's inverse: unmix(mix(x)) == x.
std::uint64_t unmix(std::uint64_t y) {
  y = unshift(y, 31) * inverse(kMul2);
  y = unshift(y, 27) * inverse(kMul1);
  return unshift(y, 30) - kGolden;
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

std::optional<std::uint64_t> seq_of_trace_id(const std::string& run_id,
                                             const std::string& trace_id) {
  if (trace_id.size() != 32) return std::nullopt;
  std::uint64_t low = 0;
  const auto* end = trace_id.data() + trace_id.size();
  const auto [at, error] = std::from_chars(trace_id.data() + 16, end, low, 16);
  if (error != std::errc() || at != end) return std::nullopt;
  const auto seq = unmix(unmix(low) ^ fnv1a(run_id));
  // Only an id this run made maps back to itself (which also refuses the high half of
  // another run, and upper-case or malformed hex).
  if (trace_id_for(run_id, seq) != trace_id) return std::nullopt;
  return seq;
}

std::string driver_span_id_for(const std::string& run_id, std::uint64_t seq) {
  return fmt::format("{:016x}", non_zero(mix(fnv1a(run_id) + 0x5bd1e995ULL * (seq + 1))));
}

}  // namespace unbroken
