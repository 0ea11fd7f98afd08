#include "harness/scenario/during_load_verification.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>

#include "harness/core/suite_jobs.h"

namespace unbroken {

nlohmann::json DuringLoadCounts::to_json() const {
  return {{"checks", checks},
          {"calls", calls},
          {"periods_host_busy", host_busy},
          {"calls_unanswered", no_answer},
          {"requests_verified", requests_verified}};
}

void DuringLoadVerification::start(const std::vector<Check*>& checks, JaegerUrl jaeger_url) {
  stop();
  checks_.clear();
  std::copy_if(checks.begin(), checks.end(), std::back_inserter(checks_),
               [](const Check* c) { return c->verifies_during_load(); });
  verified_.assign(checks_.size(), 0);
  {
    std::lock_guard lock(counts_mutex_);
    counts_ = {.checks = checks_.size()};
  }
  if (checks_.empty()) return;
  jaeger_url_ = std::move(jaeger_url);
  sent_by_.clear();
  ticker_.start(pacing_.period, [this] { period(); });
}

void DuringLoadVerification::stop() {
  ticker_.stop();
}

DuringLoadCounts DuringLoadVerification::counts() const {
  std::lock_guard lock(counts_mutex_);
  return counts_;
}

void DuringLoadVerification::period() {
  const auto now = clock_.now();
  sent_by_.emplace_back(now, ledger_.totals().sent);
  // What had been sent by the newest moment at least the horizon ago.
  while (sent_by_.size() > 1 && sent_by_[1].first <= now - pacing_.horizon) sent_by_.pop_front();
  if (sent_by_.front().first > now - pacing_.horizon) return;
  if (const auto busy = host_holds_back(pacing_.host_pressure())) {
    std::lock_guard lock(counts_mutex_);
    ++counts_.host_busy;
    spdlog::debug("during the load: nothing verified this period: {}", *busy);
    return;
  }
  const DuringLoadContext context{
      .jaeger = JaegerClient(http_, jaeger_url_(), kDuringLoadQueryTimeout),
      .ledger = &ledger_,
      .sent_before_horizon = sent_by_.front().second,
      .now = now,
      .work_until = now + pacing_.work,
      .clock = &clock_};
  for (std::size_t i = 0; i < checks_.size(); ++i) {
    bool answered = true;
    try {
      verified_[i] = checks_[i]->verify_during_load(context);
    } catch (const std::exception& e) {
      answered = false;
      spdlog::debug("during the load, {} could not look: {}", checks_[i]->name(), e.what());
    }
    std::lock_guard lock(counts_mutex_);
    ++counts_.calls;
    counts_.no_answer += answered ? 0 : 1;
  }
  std::lock_guard lock(counts_mutex_);
  counts_.requests_verified = *std::min_element(verified_.begin(), verified_.end());
}

}  // namespace unbroken
