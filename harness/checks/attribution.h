// Causal attribution: the one set of rules by which every check decides whether a lost
// item, a broken item or a gap in a series was excused by a fault, and by which one.
//   1. Only a fault whose acted-on hop lies on the item's path (signal_paths.h) counts.
//   2. An undeclared fault on the path whose reach covers any part of the loss makes it
//      unexpected, even when a declared window covers it too; the attribution names it.
//   3. Otherwise a declared fault whose effect was verified excuses the loss when the loss
//      lies inside its window, widened by `before` ahead of the injection (what a killed
//      process had buffered) and after the heal until the path recovered: the first item on
//      that path sent after the heal that arrived whole, and never later than
//      `recover_within`. A loss after the first sign of recovery is not excused.
//   4. Nothing else excuses a loss.
// Thread safety: none; build, feed and read from one thread.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/checks/fault_window.h"
#include "harness/core/param_decl.h"
#include "harness/core/params.h"
#include "harness/system/signal_paths.h"

namespace unbroken {

// How far a window's excuse reaches around it.
struct Reach {
  Millis before{0};               // ahead of the injection
  Millis recover_within{15'000};  // after the heal, at most

  // Reads a check's buffer_allowance (→ before) and recover_within, with these defaults.
  static Reach from(const Params& params);
  static ParamDecls parameters();
};

struct Attribution {
  std::string path;                       // the path judged, "spans of orders"
  std::optional<std::size_t> excused_by;  // a declared, verified window on the path
  std::optional<std::size_t> blamed_on;   // an undeclared window on the path: unexpected
  bool excused() const { return excused_by.has_value(); }
  // "excused by kill orders with SIGKILL (on spans of orders)", "unexpected: undeclared …
  // on its path (…)", "unexpected: no declared fault on its path (…) reaches it"
  std::string explain(const std::vector<FaultWindow>& windows) const;
};

// Applies the rules to one loss over [from, to] (from == to for an item: its send time).
class LossAttributor {
 public:
  LossAttributor(const std::vector<FaultWindow>& windows, Reach reach);

  // An item on `path` sent at `sent_at` arrived whole: the first one after a window's heal
  // marks the path's recovery from that window. Feed every arrival before attributing.
  void arrived(const SignalPath& path, TimePoint sent_at);
  Attribution attribute(const SignalPath& path, TimePoint from, TimePoint to) const;
  Attribution attribute(const SignalPath& path, TimePoint sent_at) const {
    return attribute(path, sent_at, sent_at);
  }
  // Per declared window and path: seconds from the heal to the send time of the first item
  // that arrived, against the bound. [{fault, path, seconds_after_heal, within_bound}]
  nlohmann::json recoveries() const;

 private:
  bool on_path(std::size_t window, const SignalPath& path) const;

  const std::vector<FaultWindow>& windows_;
  Reach reach_;
  std::map<std::pair<std::size_t, std::string>, TimePoint> recovered_at_;
};

}  // namespace unbroken
