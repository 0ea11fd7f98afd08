// xml_escape: text made safe inside XML and HTML element content and quoted attributes.
#pragma once

#include <string>
#include <string_view>

namespace unbroken {

std::string xml_escape(std::string_view text);

}  // namespace unbroken
