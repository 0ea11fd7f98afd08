// Helpers for end-to-end tests: run the real `unbroken` binary against the real Docker
// engine with the offline images, read its report, and list what a run left behind.
#pragma once

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace unbroken::e2e {

struct RunOutcome {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::string run_id;
  nlohmann::json report;  // null when no report.json was written
};

// A fresh, empty directory for one test's reports.
std::filesystem::path fresh_report_root(const std::string& test_name);

// Runs `unbroken run --images offline <scenario>`; `scenario` is relative to the source tree.
// With `docker_host`, the run's DOCKER_HOST is that engine instead of the default one.
RunOutcome run_scenario(const std::string& scenario, const std::filesystem::path& report_root,
                        const std::string& docker_host = "");

// Runs `unbroken replay <report>`, writing the new run's report under `report_root`.
RunOutcome replay_report(const std::filesystem::path& report,
                         const std::filesystem::path& report_root);

// The verdict named `check` in a report (throws when absent).
const nlohmann::json& verdict(const nlohmann::json& report, const std::string& check);

// Containers, networks and volumes still labelled io.unbroken.run=<run_id> (on the engine
// at `docker_host` when given).
std::vector<std::string> labelled_leftovers(const std::string& run_id,
                                            const std::string& docker_host = "");

// Watches, until `stop` is set, the host port that `service` publishes for
// `container_port` in the run whose directory appears under `report_root` (found by its run
// id, so a container of any other run is never mistaken for it); returns each distinct
// port seen, in order. `last_poll` says what the last poll saw, for a failure message.
std::vector<std::string> host_ports_seen(const std::filesystem::path& report_root,
                                         const std::string& service, int container_port,
                                         const std::atomic<bool>& stop, std::string& last_poll);

// The single run directory under `report_root` ("" when there is none).
std::string run_id_in(const std::filesystem::path& report_root);

}  // namespace unbroken::e2e

namespace unbroken::e2e {

// Starts `unbroken run` on `scenario`, sends `signal` to the harness once a console line
// contains `marker` (SIGKILL also to its reaper when `kill_reaper`), and returns how the
// run ended (its output up to then in `out`).
RunOutcome interrupt_scenario(const std::string& scenario, const std::filesystem::path& report_root,
                              const std::string& marker, int signal = SIGINT,
                              bool kill_reaper = false);

// The reaper must have swept a SIGKILLed run within this bound.
inline constexpr std::chrono::seconds kReapBound{30};

// Polls until nothing labelled with `run_id` remains or `bound` passes; returns what
// remains (empty on success).
std::vector<std::string> leftovers_after(const std::string& run_id, std::chrono::seconds bound);

}  // namespace unbroken::e2e
