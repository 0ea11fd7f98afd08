#include "harness/reports/suite_report.h"

#include <fmt/format.h>

#include <map>

#include "harness/reports/xml_escape.h"

namespace unbroken {
namespace {

using nlohmann::json;

std::string status_of(const SuiteRun& run) {
  return run.report.value("status", "errored");
}

std::string name_of(const SuiteRun& run) {
  const auto scenario = run.report.value("scenario", json::object());
  return scenario.value("name", run.scenario_file.stem().string());
}

bool is_fault_verdict(const json& verdict) {
  return verdict.value("check", "").rfind("fault: ", 0) == 0;
}

// "4/5" passed verdicts among checks (or among faults).
std::string tally(const SuiteRun& run, bool faults) {
  int passed = 0, all = 0;
  for (const auto& v : run.report.value("verdicts", json::array())) {
    if (is_fault_verdict(v) != faults) continue;
    ++all;
    if (v.value("status", "") == "passed") ++passed;
  }
  return all == 0 ? "—" : fmt::format("{}/{}", passed, all);
}

std::string mark(const std::string& status) {
  if (status == "passed") return "✅";
  if (status == "failed") return "❌";
  if (status == "inconclusive") return "❔";
  return "⚠️";
}

// A table cell cannot hold a line break or an unescaped pipe.
std::string cell(std::string text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string headline(const std::vector<SuiteRun>& runs, const SuiteFacts& facts) {
  std::map<std::string, int> counts;
  for (const auto& run : runs) ++counts[status_of(run)];
  std::string parts;
  for (const char* status : {"passed", "failed", "inconclusive", "errored", "interrupted"}) {
    if (counts[status] == 0) continue;
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", counts[status], status);
  }
  std::string how;
  if (!facts.jobs_why.empty()) how = " (" + facts.jobs_why + ")";
  if (facts.held_back > 0) {
    how += fmt::format(", fewer {} time(s) while the host was under pressure", facts.held_back);
  }
  return fmt::format("{} scenario(s), {} at a time{}, {:.0f} s: {}. Exit code {}.", runs.size(),
                     facts.jobs, how, facts.seconds, parts.empty() ? "none ran" : parts,
                     static_cast<int>(facts.exit_code));
}

}  // namespace

std::string suite_summary_markdown(const std::vector<SuiteRun>& runs, const SuiteFacts& facts) {
  std::string out = "## unbroken suite\n\n" + headline(runs, facts) + "\n\n";
  out += "| | scenario | status | time | checks passed | faults verified | run |\n";
  out += "|---|---|---|---|---|---|---|\n";
  for (const auto& run : runs) {
    const auto status = status_of(run);
    out += fmt::format("| {} | {} (`{}`) | {} | {:.0f} s | {} | {} | `{}` |\n", mark(status),
                       cell(name_of(run)), cell(run.scenario_file.string()), status, run.seconds,
                       tally(run, false), tally(run, true), cell(run.run_dir.string()));
  }
  for (const auto& run : runs) {
    const auto status = status_of(run);
    if (status == "passed") continue;
    out += fmt::format("\n### {} {}: {}\n\n", mark(status), cell(name_of(run)), status);
    for (const auto& v : run.report.value("verdicts", json::array())) {
      if (v.value("status", "") == "passed") continue;
      out += fmt::format("- **{}** {}: {}\n", cell(v.value("check", "")), v.value("status", ""),
                         cell(v.value("reason", "")));
    }
  }
  return out;
}

std::string suite_index_html(const std::vector<SuiteRun>& runs, const SuiteFacts& facts) {
  std::string rows;
  for (const auto& run : runs) {
    const auto status = status_of(run);
    const auto dir = xml_escape(run.run_dir.string());
    std::string problems;
    for (const auto& v : run.report.value("verdicts", json::array())) {
      if (v.value("status", "") == "passed") continue;
      problems += fmt::format("<li><b>{}</b> {}: {}</li>", xml_escape(v.value("check", "")),
                              xml_escape(v.value("status", "")), xml_escape(v.value("reason", "")));
    }
    rows += fmt::format(
        "<tr class=\"{0}\"><td>{1}</td><td>{2}<br><small>{3}</small></td><td>{0}</td>"
        "<td>{4:.0f} s</td><td>{5}</td><td>{6}</td><td><a href=\"{7}/report.html\">report</a> · "
        "<a href=\"{7}/report.json\">report.json"
        "</a> · <a href=\"{7}/junit.xml\">junit.xml</a> · <a href=\"{7}/console.log\">console"
        "</a> · <a href=\"{7}/harness.log\">harness.log</a></td></tr>\n"
        "<tr class=\"why\"><td></td><td colspan=\"6\"><ul>{8}</ul></td></tr>\n",
        xml_escape(status), mark(status), xml_escape(name_of(run)),
        xml_escape(run.scenario_file.string()), run.seconds, tally(run, false), tally(run, true),
        dir, problems);
  }
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>unbroken suite</title><style>\n"
      "body{{font-family:system-ui,sans-serif;margin:2em;color:#222}}"
      "table{{border-collapse:collapse}}td,th{{padding:.3em .8em;text-align:left;"
      "vertical-align:top}}tr.passed td{{background:#eefbee}}tr.failed td{{background:#fdecec}}"
      "tr.inconclusive td{{background:#fff7e0}}tr.errored td,tr.interrupted td{{"
      "background:#f3e8fd}}tr.why td{{background:none;padding-top:0}}ul{{margin:0}}\n"
      "</style></head><body>\n<h1>unbroken suite</h1>\n<p>{}</p>\n<table>\n"
      "<tr><th></th><th>scenario</th><th>status</th><th>time</th><th>checks passed</th>"
      "<th>faults verified</th><th>files</th></tr>\n{}</table>\n</body></html>\n",
      xml_escape(headline(runs, facts)), rows);
}

}  // namespace unbroken
