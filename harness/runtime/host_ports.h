// Host ports chosen once per run. A compose file publishes a port as
//   "127.0.0.1:${UNBROKEN_HOST_PORT_<NAME>:-}:<container port>"
// and the harness gives each such variable a free port on 127.0.0.1 before `up`, so a
// container restarted by anyone (a fault, the engine, a person) comes back on the port it
// had, and the load driver and the backend clients keep reaching it. A variable already set
// in the environment is left as it is; a file without these variables publishes ephemeral
// ports as before.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace unbroken {

// The UNBROKEN_HOST_PORT_* variables `compose_text` interpolates, each once, in order.
std::vector<std::string> host_port_variables(const std::string& compose_text);

// A free port on 127.0.0.1 for each UNBROKEN_HOST_PORT_* variable of `compose_files` that
// `already_set` (or the environment) does not give, none of them in `avoid`. A file that
// cannot be read is skipped: compose names it when it is asked to start the stack.
// `avoid` holds the ports an earlier attempt chose: the kernel readily hands the same free
// port out again, though the engine may still hold it for another run's container.
std::map<std::string, std::string> choose_host_ports(
    const std::vector<std::filesystem::path>& compose_files,
    const std::map<std::string, std::string>& already_set, const std::set<std::string>& avoid = {});

}  // namespace unbroken
