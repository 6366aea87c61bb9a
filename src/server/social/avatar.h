#pragma once
// The default avatar of an account without one (docs/accounts.md#avatars): a 5x5 mirrored
// identicon drawn from the sha256 of the name, so it never changes for a name and needs no storage.
#include <string>
#include <string_view>

namespace hfhub::server {

std::string identicon_svg(std::string_view name);

}  // namespace hfhub::server
