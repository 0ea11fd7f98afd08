#include "harness/runtime/host_ports.h"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

namespace unbroken {

std::vector<std::string> host_port_variables(const std::string& compose_text) {
  static const std::regex kVariable(R"(\$\{(UNBROKEN_HOST_PORT_[A-Z0-9_]+)(:?-[^}]*)?\})");
  std::vector<std::string> names;
  for (auto it = std::sregex_iterator(compose_text.begin(), compose_text.end(), kVariable);
       it != std::sregex_iterator(); ++it) {
    const auto name = (*it)[1].str();
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

std::map<std::string, std::string> choose_host_ports(
    const std::vector<std::filesystem::path>& compose_files,
    const std::map<std::string, std::string>& already_set, const std::set<std::string>& avoid) {
  namespace asio = boost::asio;
  asio::io_context io;
  // Every chosen port stays bound until all are chosen, so no two variables share one.
  std::vector<std::unique_ptr<asio::ip::tcp::acceptor>> held;
  std::map<std::string, std::string> chosen;
  for (const auto& file : compose_files) {
    std::ifstream in(file);
    if (!in) continue;  // compose itself names a file it cannot read
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& name : host_port_variables(text.str())) {
      if (chosen.count(name) != 0 || already_set.count(name) != 0 ||
          std::getenv(name.c_str()) != nullptr) {
        continue;
      }
      // An avoided port stays held too, so the kernel cannot hand it out again at once.
      std::string port;
      do {
        auto acceptor = std::make_unique<asio::ip::tcp::acceptor>(
            io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        port = std::to_string(acceptor->local_endpoint().port());
        held.push_back(std::move(acceptor));
      } while (avoid.count(port) != 0);
      chosen[name] = port;
    }
  }
  return chosen;
}

}  // namespace unbroken
