// Ticker: calls a function every `period` on its own thread, from one period after start()
// until stop() or destruction. stop() returns once no call is running and none will follow.
// The function must not throw.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace unbroken {

class Ticker {
 public:
  Ticker() = default;
  ~Ticker() { stop(); }
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

  void start(std::chrono::milliseconds period, std::function<void()> tick) {
    stop();
    thread_ = std::jthread([this, period, tick = std::move(tick)](std::stop_token stopping) {
      std::unique_lock lock(mutex_);
      // Waits out each period unless asked to stop: never a bare sleep.
      while (!wake_.wait_for(lock, stopping, period, [] { return false; })) {
        if (stopping.stop_requested()) return;
        tick();
      }
    });
  }
  void stop() {
    if (!thread_.joinable()) return;
    thread_.request_stop();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;
};

}  // namespace unbroken
