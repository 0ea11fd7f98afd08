// Grammar checks of the selectors a scenario hands to Prometheus and Loki, so a typo is
// refused at its file:line:col before anything starts instead of being answered "bad_data"
// by a backend mid-run. Neither is a full PromQL or LogQL parser: each checks the one form
// the checks send.
//   PromQL series selector:  metric_name [ "{" matchers "}" ]  |  "{" matchers "}"
//   LogQL stream selector:   "{" matchers "}" [ pipeline ]   (the pipeline's quotes and
//                            brackets must balance; its stages are Loki's to judge)
//   matchers:  matcher { "," matcher } [ "," ]      matcher:  label_name op string
//   op:  =  !=  =~  !~        string:  "…" (backslash escapes)  |  '…'  |  `…`
// Prometheus and Loki also refuse a selector whose matchers all match the empty string;
// that is left to them.
#pragma once

#include <string>
#include <string_view>

namespace unbroken {

// "" when `text` fits, else what is wrong and at which character (1-based).
std::string promql_selector_problem(std::string_view text);
std::string logql_selector_problem(std::string_view text);

}  // namespace unbroken
