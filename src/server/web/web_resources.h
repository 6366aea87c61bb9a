#pragma once
// The files of resources/web/, compiled in by CMake (see CMakeLists.txt for why).
#include <span>
#include <string_view>

namespace hfhub::server {

struct EmbeddedWebFile {
  std::string_view name;  // relative to resources/web/: "templates/home.mustache", "static/style.css"
  std::string_view text;
};

std::span<const EmbeddedWebFile> embedded_web_files();

}  // namespace hfhub::server
