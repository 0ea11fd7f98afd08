// Drawing a scenario's random choices — a fault's time (`at: 8s..12s`), length
// (`for: 5s..10s`) and target (`target: [orders, inventory]`) — from the run's seed, in
// timeline order, so one seed always gives the same timeline. Times are drawn in 100 ms
// steps. A repeated fault (`repeat: every 2m..4m`) becomes one timeline entry per
// occurrence here, each with its own draws. Toxicity rolls and jitter are drawn by the
// fault proxy from the same seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/scenario/scenario.h"

namespace unbroken {

// Fixes every choice of `scenario`'s timeline in place, repeated faults expanded; returns
// one line per choice drawn ("timeline 1 (s.yaml:12:5): at 9.42s, from 8s..12s"), empty
// when there were none.
std::vector<std::string> draw_random_choices(Scenario& scenario, std::uint64_t seed);

}  // namespace unbroken
