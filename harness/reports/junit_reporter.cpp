#include "harness/reports/junit_reporter.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fstream>

#include "harness/core/time_format.h"

namespace unbroken {
namespace {

std::string xml_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string junit_xml(const RunRecord& r) {
  int failures = 0, errors = 0, skipped = 0;
  std::string cases;
  for (const auto& v : r.verdicts) {
    cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n",
                         xml_escape(r.scenario_name), xml_escape(v.check));
    const auto reason = xml_escape(v.reason);
    const auto evidence = xml_escape(v.evidence.dump(2));
    switch (v.status) {
      case VerdictStatus::kPassed:
        break;
      case VerdictStatus::kFailed:
        ++failures;
        cases += fmt::format("      <failure message=\"{}\">{}</failure>\n", reason, evidence);
        break;
      case VerdictStatus::kErrored:
        ++errors;
        cases += fmt::format("      <error message=\"{}\">{}</error>\n", reason, evidence);
        break;
      case VerdictStatus::kInconclusive:
        ++skipped;
        cases += fmt::format("      <skipped message=\"inconclusive: {}\"/>\n", reason);
        break;
    }
    cases += "    </testcase>\n";
  }
  const double seconds = std::chrono::duration<double>(r.finished - r.started).count();
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites>\n"
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{:.3f}\" timestamp=\"{}\">\n"
      "    <properties>\n"
      "      <property name=\"run_id\" value=\"{}\"/>\n"
      "      <property name=\"seed\" value=\"{}\"/>\n"
      "    </properties>\n"
      "{}"
      "  </testsuite>\n"
      "</testsuites>\n",
      xml_escape(r.scenario_name), r.verdicts.size(), failures, errors, skipped, seconds,
      format_rfc3339(r.started), xml_escape(r.run_id), r.seed, cases);
}

void JunitReporter::on_run_end(const RunRecord& record) {
  const auto path = record.report_dir / "junit.xml";
  std::ofstream out(path);
  out << junit_xml(record);
  if (!out) spdlog::error("could not write {}", path.string());
}

}  // namespace unbroken
