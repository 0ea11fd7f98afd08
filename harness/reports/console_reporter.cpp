#include "harness/reports/console_reporter.h"

#include <fmt/format.h>

namespace unbroken {
namespace {

double seconds_since(TimePoint start, TimePoint t) {
  return std::chrono::duration<double>(t - start).count();
}

std::string upper(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

}  // namespace

void ConsoleReporter::on_run_start(const RunRecord& r) {
  out_ << fmt::format("unbroken run {} · scenario {} · seed {} · {} images\n", r.run_id,
                      r.scenario_name, r.seed, r.image_set)
       << std::flush;
}

void ConsoleReporter::on_event(const RunRecord& r, const TimelineEvent& e) {
  out_ << fmt::format("[{:7.1f}s] {:<15} {}\n", seconds_since(r.started, e.at), e.phase, e.detail)
       << std::flush;
}

void ConsoleReporter::on_verdict(const RunRecord&, const Verdict& v) {
  out_ << fmt::format("  {:<12} {:<22} {}\n", upper(to_string(v.status)), v.check, v.reason)
       << std::flush;
}

void ConsoleReporter::on_run_end(const RunRecord& r) {
  const auto status = r.interrupted ? std::string("INTERRUPTED") : upper(to_string(r.status));
  out_ << fmt::format("result: {} (exit {}) in {:.1f}s · report {}\n", status,
                      static_cast<int>(r.exit_code), seconds_since(r.started, r.finished),
                      (r.report_dir / "report.json").string())
       << std::flush;
}

}  // namespace unbroken
