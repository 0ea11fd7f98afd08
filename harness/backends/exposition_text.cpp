#include "harness/backends/exposition_text.h"

#include <fmt/format.h>

#include <sstream>

#include "harness/backends/backend_error.h"

namespace unbroken {
namespace {

bool is_name_character(char c, bool first) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
         (!first && std::isdigit(static_cast<unsigned char>(c)));
}

}  // namespace

Exposition parse_exposition(const std::string& text, const std::string& source) {
  Exposition exposition;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos) continue;
    if (line[start] == '#') {
      std::istringstream words(line.substr(start + 1));
      std::string keyword, family, type;
      if (words >> keyword >> family >> type && keyword == "TYPE") exposition.types[family] = type;
      continue;
    }
    auto end = start;
    while (end < line.size() && is_name_character(line[end], end == start)) ++end;
    if (end == start ||
        (end < line.size() && line[end] != '{' && line[end] != ' ' && line[end] != '\t')) {
      throw BackendError(fmt::format("{} line {}: a sample without a metric name: {}", source,
                                     number, line.substr(0, 120)));
    }
    exposition.sample_names.insert(line.substr(start, end - start));
  }
  return exposition;
}

}  // namespace unbroken
