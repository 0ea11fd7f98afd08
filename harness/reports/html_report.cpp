#include "harness/reports/html_report.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <optional>

#include "harness/core/errors.h"
#include "harness/core/time_format.h"
#include "harness/reports/report_fields.h"
#include "harness/reports/report_json.h"
#include "harness/reports/xml_escape.h"

namespace unbroken {
namespace {

using nlohmann::json;
using report_fields::get;
using report_fields::object_at;
using report_fields::objects_at;

constexpr double kLeft = 190;   // lane labels
constexpr double kWidth = 760;  // the time axis
constexpr double kLaneHeight = 34;
constexpr double kLoadHeight = 60;

std::string text_of(const json& doc, const char* key) {
  return get(doc, key, "");
}

std::optional<TimePoint> time_of(const json& doc, const char* key) {
  return parse_rfc3339(text_of(doc, key));
}

// Maps instants of the run onto the picture's x axis.
class TimeAxis {
 public:
  TimeAxis(TimePoint from, TimePoint to)
      : from_(from), seconds_(std::max(1.0, std::chrono::duration<double>(to - from).count())) {}
  double x(TimePoint t) const {
    return kLeft + std::clamp(offset(t) / seconds_, 0.0, 1.0) * kWidth;
  }
  double x_at_second(double s) const { return kLeft + std::clamp(s / seconds_, 0.0, 1.0) * kWidth; }
  double offset(TimePoint t) const { return std::chrono::duration<double>(t - from_).count(); }
  double per_second() const { return kWidth / seconds_; }
  double seconds() const { return seconds_; }

 private:
  TimePoint from_;
  double seconds_;
};

std::string ticks(const TimeAxis& axis, double top, double bottom) {
  double step = 1;
  for (const double s : {1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0}) {
    step = s;
    if (axis.seconds() / s <= 12) break;
  }
  std::string out;
  for (double s = 0; s <= axis.seconds(); s += step) {
    const double x = axis.x_at_second(s);
    out += fmt::format(
        "<line class=\"tick\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>"
        "<text class=\"axis\" x=\"{0:.1f}\" y=\"{3:.1f}\">{4:.0f} s</text>\n",
        x, top, bottom, bottom + 14, s);
  }
  return out;
}

std::string lane_label(double y, const std::string& label, const std::string& note = "") {
  return fmt::format(
      "<text class=\"lane\" x=\"4\" y=\"{:.1f}\">{}</text>{}\n", y + 14, xml_escape(label),
      note.empty() ? ""
                   : fmt::format("<text class=\"note\" x=\"4\" y=\"{:.1f}\">{}</text>", y + 27,
                                 xml_escape(note)));
}

// The load's outcomes per second as stacked bars: succeeded, rejected, unknown.
std::string load_lane(const json& report, const TimeAxis& axis, double y) {
  const auto load = object_at(report, "load");
  const auto started = time_of(load, "started_at");
  json seconds = json::array();  // [[second, sent, succeeded, rejected, unknown], ...]
  if (load.contains("per_second") && load["per_second"].is_array()) {
    for (const auto& s : load["per_second"])
      if (s.is_array() && s.size() == 5 &&
          std::all_of(s.begin(), s.end(), [](const json& n) { return n.is_number(); }))
        seconds.push_back(s);
  }
  std::string out = lane_label(y, "load", "requests per second");
  if (!started || seconds.empty()) {
    return out + fmt::format("<text class=\"note\" x=\"{:.1f}\" y=\"{:.1f}\">no load ran</text>\n",
                             kLeft + 4, y + 20);
  }
  double most = 1;
  for (const auto& s : seconds) most = std::max(most, s[1].get<double>());
  const double width = std::max(1.0, axis.per_second() - 0.5);
  for (const auto& s : seconds) {
    const double at = axis.offset(*started) + s[0].get<double>();
    double bottom = y + kLoadHeight;
    const auto bar = [&](double count, const char* cls) {
      if (count <= 0) return std::string();
      const double h = count / most * (kLoadHeight - 4);
      bottom -= h;
      return fmt::format(
          "<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"/>", cls,
          axis.x_at_second(at), bottom, width, h);
    };
    out +=
        fmt::format("<g><title>+{:.0f} s: {} sent, {} succeeded, {} rejected, {} unknown</title>",
                    at, s[1].get<int>(), s[2].get<int>(), s[3].get<int>(), s[4].get<int>());
    out += bar(s[2].get<double>(), "ok") + bar(s[3].get<double>(), "rejected") +
           bar(s[4].get<double>(), "unknown") + "</g>\n";
  }
  return out;
}

// The longest measured time to recover after each fault's heal, from any check's evidence.
std::map<std::string, double> recoveries(const json& report) {
  std::map<std::string, double> worst;
  for (const auto& v : objects_at(report, "verdicts")) {
    const auto evidence = object_at(v, "evidence");
    for (const auto& r : objects_at(evidence, "recoveries")) {
      if (!r.contains("seconds_after_heal") || !r["seconds_after_heal"].is_number()) continue;
      auto& seconds = worst[get(r, "fault", "")];
      seconds = std::max(seconds, r["seconds_after_heal"].get<double>());
    }
    for (const auto& series : objects_at(evidence, "series")) {
      for (const auto& r : objects_at(series, "time_to_recover")) {
        if (!r.contains("seconds_after_heal") || !r["seconds_after_heal"].is_number()) continue;
        auto& seconds = worst[get(r, "fault_window", "")];
        seconds = std::max(seconds, r["seconds_after_heal"].get<double>());
      }
    }
  }
  return worst;
}

// One lane per fault: its window (to where the heal was seen to act), inject (▼) and heal
// (▲) marks, a ✓ where each effect was observed, and the time to recover after the heal.
std::string fault_lane(const json& fault, const TimeAxis& axis, double y,
                       const std::map<std::string, double>& recovered, TimePoint finished) {
  const auto description = get(fault, "description", "");
  const bool declared = get(fault, "declared", true);
  const auto inject = object_at(fault, "inject_effect");
  const auto heal = object_at(fault, "heal_effect");
  const bool verified = get(inject, "verified", false);
  std::string out = lane_label(y, description, declared ? "declared" : "UNDECLARED");
  const auto injected = time_of(fault, "injected_at");
  if (!injected) {
    return out +
           fmt::format("<text class=\"note\" x=\"{:.1f}\" y=\"{:.1f}\">never applied</text>\n",
                       kLeft + 4, y + 20);
  }
  const auto healed = time_of(fault, "healed_at");
  // The window lasts until the heal was seen to act (a slow engine may take seconds).
  TimePoint window_end = finished;
  if (healed) window_end = time_of(heal, "observed_at").value_or(*healed);
  const double x0 = axis.x(*injected);
  const double x1 = axis.x(window_end);
  out += fmt::format(
      "<rect class=\"window {} {}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\">"
      "<title>{} — {}; inject: {}; heal: {}</title></rect>\n",
      declared ? "declared" : "undeclared", verified ? "verified" : "unverified", x0, y + 4,
      std::max(1.0, x1 - x0), kLaneHeight - 10, xml_escape(description),
      declared ? "declared" : "undeclared", xml_escape(get(inject, "observation", "")),
      xml_escape(get(heal, "observation", "")));
  out +=
      fmt::format("<text class=\"mark\" x=\"{:.1f}\" y=\"{:.1f}\">▼<title>injected</title></text>",
                  x0 - 4, y + 4);
  if (healed) {
    out +=
        fmt::format("<text class=\"mark\" x=\"{:.1f}\" y=\"{:.1f}\">▲<title>healed</title></text>",
                    axis.x(*healed) - 4, y + kLaneHeight);
  }
  for (const auto* effect : {&inject, &heal}) {
    const auto at = time_of(*effect, "observed_at");
    if (!at || !get(*effect, "verified", false)) continue;
    out += fmt::format(
        "<text class=\"verified\" x=\"{:.1f}\" y=\"{:.1f}\">✓<title>verified: {}</title></text>",
        axis.x(*at) - 3, y + 19, xml_escape(get(*effect, "observation", "")));
  }
  if (const auto r = recovered.find(description); healed && r != recovered.end()) {
    const double xr =
        axis.x(window_end + std::chrono::milliseconds(static_cast<long long>(r->second * 1000)));
    out += fmt::format(
        "<line class=\"recovery\" x1=\"{0:.1f}\" y1=\"{2:.1f}\" x2=\"{1:.1f}\" y2=\"{2:.1f}\"/>"
        "<text class=\"note\" x=\"{1:.1f}\" y=\"{3:.1f}\">recovered {4:.1f} s after heal</text>\n",
        x1, std::max(xr, x1 + 1), y + kLaneHeight / 2, y + kLaneHeight / 2 + 4, r->second);
  }
  return out;
}

// A check's lane: metric gaps as spans, lost or broken items as ticks at their send time.
std::string check_lane(const json& verdict, const TimeAxis& axis, double y) {
  const auto evidence = object_at(verdict, "evidence");
  std::string marks;
  std::size_t shown = 0, total = 0;
  for (const auto& series : objects_at(evidence, "series")) {
    for (const auto& gap : objects_at(series, "gaps")) {
      const auto from = time_of(gap, "from");
      const auto to = time_of(gap, "to");
      if (!from || !to) continue;
      ++shown;
      ++total;
      const bool excused = get(gap, "expected", false);
      marks += fmt::format(
          "<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\">"
          "<title>gap of {:.1f} s in {}: {}</title></rect>\n",
          excused ? "excused" : "unexpected", axis.x(*from), y + 6,
          std::max(1.5, axis.x(*to) - axis.x(*from)), kLaneHeight - 14, get(gap, "seconds", 0.0),
          xml_escape(get(series, "labels", "")),
          xml_escape(get(gap, "attribution", excused ? "excused" : "unexpected")));
    }
  }
  const auto problems = evidence.contains("problems") && evidence["problems"].is_object()
                            ? evidence["problems"]
                            : json::object();
  for (const auto& [kind, problem] : problems.items()) {
    if (!problem.is_object()) continue;
    if (problem.contains("count") && problem["count"].is_number_unsigned())
      total += problem["count"].get<std::size_t>();
    for (const auto& item : objects_at(problem, "first")) {
      const auto sent = time_of(item, "sent_at");
      if (!sent) continue;
      ++shown;
      const bool excused = get(item, "excused", false);
      marks += fmt::format(
          "<line class=\"item {}\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\">"
          "<title>{} {}: {} — {}</title></line>\n",
          excused ? "excused" : "unexpected", axis.x(*sent), y + 5, axis.x(*sent),
          y + kLaneHeight - 7, xml_escape(kind), xml_escape(get(item, "item", "")),
          xml_escape(get(item, "detail", "")),
          xml_escape(get(item, "attribution", excused ? "excused" : "unexpected")));
    }
  }
  const auto note = total == 0      ? std::string("nothing lost")
                    : shown < total ? fmt::format("{} of {} shown", shown, total)
                                    : fmt::format("{} shown", shown);
  return lane_label(y, get(verdict, "check", ""), note) +
         fmt::format(
             "<line class=\"base\" x1=\"{0:.1f}\" y1=\"{2:.1f}\" x2=\"{1:.1f}\" y2=\"{2:.1f}\"/>\n",
             kLeft, kLeft + kWidth, y + kLaneHeight / 2) +
         marks;
}

// Checks that place what they judged in time: series with gaps, or items with problems.
bool has_items_in_time(const json& verdict) {
  const auto evidence = object_at(verdict, "evidence");
  if (!evidence.is_object()) return false;
  for (const auto& series : objects_at(evidence, "series"))
    if (series.contains("gaps")) return true;
  return evidence.contains("problems") && evidence["problems"].is_object();
}

std::string timeline_svg(const json& report) {
  const auto started = time_of(report, "started_at");
  const auto finished = time_of(report, "finished_at");
  if (!started || !finished) return "<p>This run has no timeline.</p>";
  const TimeAxis axis(*started, *finished);
  const auto recovered = recoveries(report);
  std::string lanes;
  double y = 10;
  lanes += load_lane(report, axis, y);
  y += kLoadHeight + 10;
  for (const auto& fault : objects_at(report, "faults")) {
    lanes += fault_lane(fault, axis, y, recovered, *finished);
    y += kLaneHeight;
  }
  for (const auto& verdict : objects_at(report, "verdicts")) {
    if (!has_items_in_time(verdict)) continue;
    lanes += check_lane(verdict, axis, y);
    y += kLaneHeight;
  }
  std::string phases;
  for (const auto& event : objects_at(report, "timeline")) {
    const auto phase = get(event, "phase", "");
    if (phase != "stack ready" && phase != "settling" && phase != "verifying") continue;
    const auto at = time_of(event, "at");
    if (!at) continue;
    phases += fmt::format(
        "<line class=\"phase\" x1=\"{0:.1f}\" y1=\"4\" x2=\"{0:.1f}\" y2=\"{1:.1f}\"><title>{2}: "
        "{3}"
        "</title></line>\n",
        axis.x(*at), y, xml_escape(phase), xml_escape(get(event, "detail", "")));
  }
  return fmt::format(
      "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" "
      "height=\"{1:.0f}\" viewBox=\"0 0 {0:.0f} {1:.0f}\" role=\"img\" aria-label=\"run "
      "timeline\">\n"
      "{2}{3}{4}</svg>\n",
      kLeft + kWidth + 20, y + 24, ticks(axis, 4, y), phases, lanes);
}

std::string verdict_rows(const json& report) {
  std::string rows;
  for (const auto& v : objects_at(report, "verdicts")) {
    const auto status = get(v, "status", "errored");
    rows += fmt::format(
        "<tr class=\"{0}\"><td>{1}</td><td>{0}</td><td>{2}</td><td>{3:.1f} s</td></tr>\n"
        "<tr><td></td><td colspan=\"3\"><details><summary>evidence</summary><pre>{4}</pre>"
        "</details></td></tr>\n",
        xml_escape(status), xml_escape(get(v, "check", "")), xml_escape(get(v, "reason", "")),
        get(v, "seconds", 0.0), xml_escape(object_at(v, "evidence").dump(2)));
  }
  return rows;
}

std::string facts(const json& report) {
  std::string stand_ins;
  const auto backends = object_at(report, "backends");
  for (const auto& [role, backend] : backends.items()) {
    if (get(backend, "stand_in", false))
      stand_ins += (stand_ins.empty() ? "" : ", ") + role + " (" + get(backend, "image", "") + ")";
  }
  const auto engine = object_at(report, "engine");
  const auto ledger = object_at(report, "ledger");
  const auto engine_name = text_of(engine, "name");
  const auto engine_text = engine_name.empty()
                               ? std::string()
                               : fmt::format(" · {} {} ({})", xml_escape(engine_name),
                                             xml_escape(text_of(engine, "version")),
                                             xml_escape(text_of(engine, "compose")));
  const auto version = text_of(object_at(report, "harness"), "version");
  return fmt::format(
      "<p>run <code>{}</code> · seed {} · {} images{}{}<br>"
      "load: {} sent, {} succeeded, {} rejected, {} unknown{}</p>\n",
      xml_escape(text_of(report, "run_id")), report.contains("seed") ? report["seed"].dump() : "?",
      xml_escape(text_of(report, "images")), engine_text,
      version.empty() ? "" : " · harness " + xml_escape(version), get(ledger, "sent", 0),
      get(ledger, "succeeded", 0), get(ledger, "rejected", 0), get(ledger, "unknown", 0),
      stand_ins.empty() ? ""
                        : "<br><b>STAND-INS, not the real systems:</b> " + xml_escape(stand_ins));
}

constexpr const char* kStyle = R"(
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
h1 .status{padding:.1em .5em;border-radius:.3em;font-size:70%;vertical-align:middle}
.passed{background:#e3f6e3}.failed{background:#fbdede}.inconclusive{background:#fff3cf}
.errored,.interrupted{background:#efe3fb}
table{border-collapse:collapse}td,th{padding:.25em .7em;text-align:left;vertical-align:top}
pre{background:#f6f6f6;padding:.6em;overflow:auto;max-height:30em}
svg text{font-size:11px;fill:#333}svg .lane{font-weight:600}svg .note{fill:#777;font-size:10px}
svg .axis{fill:#777;font-size:10px;text-anchor:middle}svg .tick{stroke:#e4e4e4}
svg .phase{stroke:#aaa;stroke-dasharray:2 3}svg .base{stroke:#ddd}
svg .ok{fill:#3a9f58}svg .rejected{fill:#d8403a}svg .unknown{fill:#9a9a9a}
svg .window.declared{fill:#f3b34c;fill-opacity:.55}svg .window.undeclared{fill:#d8403a;fill-opacity:.5}
svg .window.unverified{stroke:#555;stroke-dasharray:4 3;fill-opacity:.2}
svg .mark{font-size:10px}svg .verified{fill:#1d7a35;font-weight:700}
svg .recovery{stroke:#1d5fa8;stroke-width:2}
svg rect.excused{fill:#f3b34c}svg rect.unexpected{fill:#d8403a}
svg line.item{stroke-width:1.5}svg line.excused{stroke:#e0962a}svg line.unexpected{stroke:#d8403a}
.legend span{display:inline-block;margin-right:1.2em}.sw{display:inline-block;width:.9em;height:.9em;vertical-align:middle;margin-right:.3em}
)";

}  // namespace

std::string report_html(const json& report) {
  const auto scenario = object_at(report, "scenario");
  const auto status = get(report, "status", "errored");
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>unbroken: {0} {1}</title><style>{2}</style></head><body>\n"
      "<h1>{0} <span class=\"status {1}\">{1}</span></h1>\n{3}"
      "<h2>Timeline</h2>\n{4}"
      "<p class=\"legend\"><span><i class=\"sw\" style=\"background:#3a9f58\"></i>succeeded</span>"
      "<span><i class=\"sw\" style=\"background:#d8403a\"></i>rejected, undeclared fault, or "
      "unexpected loss</span><span><i class=\"sw\" style=\"background:#9a9a9a\"></i>unknown"
      "</span><span><i class=\"sw\" style=\"background:#f3b34c\"></i>declared fault window, or a "
      "loss it excused</span><span>▼ injected ▲ healed ✓ effect verified</span><span>"
      "<i class=\"sw\" style=\"background:#1d5fa8\"></i>time to recover after heal</span></p>\n"
      "<h2>Verdicts</h2>\n<table><tr><th>check</th><th>status</th><th>reason</th><th>time</th>"
      "</tr>\n{5}</table>\n<h2>Scenario</h2>\n<p><code>{6}</code></p><pre>{7}</pre>\n"
      "</body></html>\n",
      xml_escape(get(scenario, "name", "")), xml_escape(status), kStyle, facts(report),
      timeline_svg(report), verdict_rows(report), xml_escape(get(scenario, "file", "")),
      xml_escape(get(scenario, "text", "")));
}

void write_report_html(const std::filesystem::path& report, const std::filesystem::path& html) {
  std::ifstream in(report);
  const auto doc = json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("verdicts")) {
    throw ConfigError(fmt::format("{} is not a run's report.json", report.string()));
  }
  std::ofstream out(html);
  out << report_html(doc);
  if (!out) throw HarnessError(fmt::format("could not write {}", html.string()));
}

void HtmlReporter::on_run_end(const RunRecord& record) {
  const auto path = record.report_dir / "report.html";
  std::ofstream out(path);
  out << report_html(report_json(record));
  if (!out) spdlog::error("could not write {}", path.string());
}

}  // namespace unbroken
