#include "harness/workload/load_driver.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "harness/core/interrupt.h"

namespace unbroken {

std::uint64_t LoadPlan::total_requests() const {
  return static_cast<std::uint64_t>(std::floor(rate_per_s * to_seconds(duration)));
}

int LoadPlan::worker_limit() const {
  const double derived = std::ceil(rate_per_s * to_seconds(request_timeout)) + 1;
  const double limit = std::min<double>(max_workers > 0 ? max_workers : derived, kMaxDriverWorkers);
  return std::max(workers, static_cast<int>(limit));
}

LoadDriver::LoadDriver(HttpTransport& http, RequestLedger& ledger) : http_(http), ledger_(ledger) {}

LoadDriver::~LoadDriver() {
  stop();
  wait();
}

void LoadDriver::start(const std::string& base_url, const LoadPlan& plan) {
  plan_ = plan;
  templates_.emplace(plan.requests);
  base_url_ = base_url;
  first_seq_ = ledger_.plan(plan.total_requests());
  {
    std::lock_guard lock(mutex_);
    for (int i = 0; i < plan.workers; ++i) add_worker(std::nullopt);
  }
  scheduler_ = std::thread([this] { schedule(); });
}

void LoadDriver::add_worker(std::optional<Scheduled> job) {
  auto& worker = *workers_.emplace_back(std::make_unique<Worker>());
  worker.job = job;
  worker.thread = std::thread([this, &worker] { work(worker); });
}

void LoadDriver::retarget(const std::string& base_url) {
  std::lock_guard lock(mutex_);
  base_url_ = base_url;
}

std::string LoadDriver::target() const {
  std::lock_guard lock(mutex_);
  return base_url_;
}

void LoadDriver::stop() {
  std::lock_guard lock(mutex_);
  stopping_ = true;
  schedule_wake_.notify_all();
}

LoadStats LoadDriver::wait() {
  // Once the scheduler has ended, no worker is added.
  if (scheduler_.joinable()) scheduler_.join();
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
  std::lock_guard lock(mutex_);
  return stats_;
}

void LoadDriver::schedule() {
  using Steady = std::chrono::steady_clock;
  const auto total = plan_.total_requests();
  const auto start = Steady::now();
  const auto period = std::chrono::duration<double>(1.0 / plan_.rate_per_s);
  for (std::uint64_t i = 0; i < total; ++i) {
    const auto due =
        start + std::chrono::duration_cast<Steady::duration>(period * static_cast<double>(i));
    std::unique_lock lock(mutex_);
    // Wait for the due time; a stop (or an interrupt, checked every slice) ends the schedule.
    while (!stopping_ && !interrupt_requested() && Steady::now() < due) {
      schedule_wake_.wait_until(lock, std::min(due, Steady::now() + std::chrono::milliseconds(50)));
    }
    if (stopping_ || interrupt_requested()) break;
    dispatch({first_seq_ + i, due});
  }
  std::lock_guard lock(mutex_);
  scheduling_done_ = true;
  for (auto* idle : idle_) {
    idle->quit = true;
    idle->wake.notify_one();
  }
  idle_.clear();
}

void LoadDriver::dispatch(const Scheduled& due) {
  if (!idle_.empty()) {
    Worker* worker = idle_.back();
    idle_.pop_back();
    worker->job = due;
    worker->wake.notify_one();
  } else if (std::cmp_less(workers_.size(), plan_.worker_limit())) {
    add_worker(due);
  } else {
    queue_.push_back(due);
  }
}

void LoadDriver::record_lateness(const Scheduled& job) {
  const auto late = std::chrono::duration_cast<Micros>(std::chrono::steady_clock::now() - job.due);
  stats_.max_lateness = std::max(stats_.max_lateness, std::chrono::duration_cast<Millis>(late));
  stats_.lateness.record(late);
}

void LoadDriver::work(Worker& self) {
  std::unique_lock lock(mutex_);
  while (true) {
    if (!self.job && !queue_.empty()) {
      self.job = queue_.front();
      queue_.pop_front();
    }
    if (!self.job) {
      if (scheduling_done_ || self.quit) return;
      idle_.push_back(&self);
      self.wake.wait(lock, [&] { return self.job.has_value() || self.quit; });
      continue;
    }
    const auto job = *self.job;
    self.job.reset();
    record_lateness(job);
    lock.unlock();
    send(job.seq);
    lock.lock();
  }
}

void LoadDriver::send(std::uint64_t seq) {
  const auto trace_id = ledger_.trace_id(seq);
  const auto& request = plan_.requests[templates_->pick(seq)];
  // The driver starts every trace itself: its own span is the root the service continues.
  RequestHeaders headers{
      {"traceparent", fmt::format("00-{}-{}-01", trace_id, ledger_.driver_span_id(seq))},
      {"baggage", fmt::format("unbroken.seq={}", seq)}};
  for (const auto& [name, value] : request.headers) {
    headers.emplace(name, expand_placeholders(value, seq, trace_id));
  }
  const auto path = expand_placeholders(request.path, seq, trace_id);
  ledger_.record_sent(seq, WallClock::now());
  try {
    const auto response = request.method == "GET"
                              ? http_.get(target(), path, {}, headers, plan_.request_timeout)
                              : http_.send(request.method, target(), path,
                                           expand_placeholders(request.body, seq, trace_id),
                                           headers, plan_.request_timeout);
    const auto& ok = plan_.success_statuses;
    if (std::find(ok.begin(), ok.end(), response.status) != ok.end()) {
      ledger_.record_success(seq, WallClock::now());
    } else {
      ledger_.record_rejected(seq, fmt::format("HTTP {}", response.status));
    }
  } catch (const TransportError& e) {
    if (e.maybe_delivered()) {
      ledger_.record_unknown(seq, e.what());
    } else {
      ledger_.record_rejected(seq, e.what());
    }
  }
}

}  // namespace unbroken
