#include "harness/reports/console_reporter.h"

#include <fmt/format.h>

#include "harness/reports/self_observation.h"

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

// The first `columns` - 1 characters of UTF-8 `text` (the last column is left free, as a
// character written there wraps on some terminals).
std::string fit_to(const std::string& text, int columns) {
  int characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_character && ++characters > columns - 1) return text.substr(0, i);
  }
  return text;
}

}  // namespace

// Erases the line the cursor is on and returns to its start (ANSI "erase in line").
constexpr const char* kEraseLine = "\r\033[K";

void ConsoleReporter::write_lines(const std::string& text) {
  std::lock_guard lock(mutex_);
  if (progress_shown_) out_ << kEraseLine;
  progress_shown_ = false;
  out_ << text << std::flush;
}

void ConsoleReporter::on_run_start(const RunRecord& r) {
  next_plain_progress_ = kPlainProgressEvery;
  write_lines(fmt::format("unbroken run {} · scenario {} · seed {} · {} images\n", r.run_id,
                          r.scenario_name, r.seed, r.image_set));
}

void ConsoleReporter::on_event(const RunRecord& r, const TimelineEvent& e) {
  write_lines(
      fmt::format("[{:7.1f}s] {:<15} {}\n", seconds_since(r.started, e.at), e.phase, e.detail));
}

void ConsoleReporter::on_verdict(const RunRecord&, const Verdict& v) {
  write_lines(fmt::format("  {:<12} {:<22} {}\n", upper(to_string(v.status)), v.check, v.reason));
}

void ConsoleReporter::on_load_progress(const LoadProgress& progress) {
  if (!live_) {
    if (progress.elapsed < next_plain_progress_) return;
    next_plain_progress_ = (progress.elapsed / kPlainProgressEvery + 1) * kPlainProgressEvery;
    write_lines(progress_line(progress) + "\n");
    return;
  }
  std::lock_guard lock(mutex_);
  out_ << kEraseLine << fit_to(progress_line(progress), columns_) << std::flush;
  progress_shown_ = true;
}

void ConsoleReporter::on_run_end(const RunRecord& r) {
  const auto status = r.interrupted ? std::string("INTERRUPTED") : upper(to_string(r.status));
  write_lines(fmt::format("observed itself: {}\n", describe_self_observation(r)));
  write_lines(fmt::format("result: {} (exit {}) in {:.1f}s · report {}\n", status,
                          static_cast<int>(r.exit_code), seconds_since(r.started, r.finished),
                          (r.report_dir / "report.json").string()));
}

}  // namespace unbroken
