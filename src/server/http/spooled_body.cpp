#include "server/http/spooled_body.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <system_error>

namespace hfhub::server {

SpooledBody::~SpooledBody() {
  if (!released_) ::unlink(path_.c_str());
}

std::string SpooledBody::read_all() const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw std::system_error(errno, std::generic_category(), "open " + path_);
  std::string out;
  out.resize(size_t(size_));
  in.read(out.data(), size_);
  if (in.gcount() != size_) throw std::runtime_error("short read of spooled body " + path_);
  return out;
}

}  // namespace hfhub::server
