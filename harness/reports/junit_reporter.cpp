#include "harness/reports/junit_reporter.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fstream>

#include "harness/reports/report_fields.h"
#include "harness/reports/report_json.h"
#include "harness/reports/xml_escape.h"

namespace unbroken {
namespace {

using nlohmann::json;
using report_fields::get;
using report_fields::number_at;
using report_fields::text_at;

std::string testsuite(const json& report) {
  const auto name = xml_escape(text_at(report, "/scenario/name"_json_pointer));
  const auto file = xml_escape(text_at(report, "/scenario/file"_json_pointer));
  int failures = 0, errors = 0;
  std::string cases;
  const auto verdicts = report.value("verdicts", json::array());
  for (const auto& v : verdicts) {
    cases +=
        fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\" file=\"{}\">\n",
                    name, xml_escape(get(v, "check", "")), get(v, "seconds", 0.0), file);
    const auto status = get(v, "status", "errored");
    const auto reason = xml_escape(get(v, "reason", ""));
    const auto evidence = xml_escape(v.value("evidence", json::object()).dump(2));
    if (status == "failed") {
      ++failures;
      cases += fmt::format("      <failure type=\"failed\" message=\"{}\">{}</failure>\n", reason,
                           evidence);
    } else if (status == "inconclusive") {
      ++errors;
      cases += fmt::format(
          "      <error type=\"inconclusive\" message=\"inconclusive: {}\">{}</error>\n", reason,
          evidence);
    } else if (status != "passed") {
      ++errors;
      cases += fmt::format("      <error type=\"errored\" message=\"{}\">{}</error>\n", reason,
                           evidence);
    }
    cases += "    </testcase>\n";
  }
  const auto seed = report.contains("seed") ? report["seed"].dump() : "";
  return fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" "
      "time=\"{:.3f}\" timestamp=\"{}\" file=\"{}\">\n"
      "    <properties>\n"
      "      <property name=\"run_id\" value=\"{}\"/>\n"
      "      <property name=\"seed\" value=\"{}\"/>\n"
      "      <property name=\"status\" value=\"{}\"/>\n"
      "    </properties>\n"
      "{}"
      "  </testsuite>\n",
      name, verdicts.size(), failures, errors,
      number_at(report, "/durations_seconds/total"_json_pointer),
      xml_escape(text_at(report, "/started_at"_json_pointer)), file,
      xml_escape(text_at(report, "/run_id"_json_pointer)), xml_escape(seed),
      xml_escape(get(report, "status", "")), cases);
}

}  // namespace

std::string junit_xml(const std::vector<json>& reports) {
  std::string suites;
  for (const auto& report : reports) suites += testsuite(report);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n" + suites + "</testsuites>\n";
}

std::string junit_xml(const RunRecord& record) {
  return junit_xml(std::vector<json>{report_json(record)});
}

void JunitReporter::on_run_end(const RunRecord& record) {
  const auto path = record.report_dir / "junit.xml";
  std::ofstream out(path);
  out << junit_xml(record);
  if (!out) spdlog::error("could not write {}", path.string());
}

}  // namespace unbroken
