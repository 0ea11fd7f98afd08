#include "harness/runtime/local_images.h"

#include <algorithm>
#include <regex>

namespace unbroken {

std::vector<std::string> local_only_images(const std::string& compose_config) {
  static const std::regex kImageLine(R"(^\s*image:\s*['"]?([^'"\s]+)['"]?\s*$)");
  std::vector<std::string> images;
  std::size_t start = 0;
  while (start < compose_config.size()) {
    auto end = compose_config.find('\n', start);
    if (end == std::string::npos) end = compose_config.size();
    const auto line = compose_config.substr(start, end - start);
    std::smatch match;
    if (std::regex_match(line, match, kImageLine)) {
      const auto image = match[1].str();
      if (image.rfind(kLocalOnlyRegistry, 0) == 0 &&
          std::find(images.begin(), images.end(), image) == images.end()) {
        images.push_back(image);
      }
    }
    start = end + 1;
  }
  return images;
}

std::vector<std::string> missing_images(const std::vector<std::string>& wanted,
                                        const std::vector<std::string>& present) {
  std::vector<std::string> missing;
  for (const auto& image : wanted) {
    // An image named without a tag is the `latest` one.
    const auto tagged =
        image.find(':', image.rfind('/') + 1) == std::string::npos ? image + ":latest" : image;
    if (std::find(present.begin(), present.end(), tagged) == present.end()) {
      missing.push_back(image);
    }
  }
  return missing;
}

}  // namespace unbroken
