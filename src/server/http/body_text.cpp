#include "server/http/body_text.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "common/file_handle.h"
#include "server/http/spooled_body.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

BodyText::BodyText(const Request& request, int64_t limit) {
  if (!request.spooled) {
    text_ = request.body;
    return;
  }
  int64_t size = request.spooled->size();
  if (size > limit)
    throw DomainError(ErrorKind::PayloadTooLarge,
                      "Request body exceeds the limit of " + std::to_string(limit) + " bytes");
  if (size == 0) return;
  FileHandle file(::open(request.spooled->path().c_str(), O_RDONLY | O_CLOEXEC));
  if (!file) throw std::system_error(errno, std::generic_category(), "open " + request.spooled->path());
  void* map = ::mmap(nullptr, size_t(size), PROT_READ, MAP_PRIVATE, file.fd(), 0);
  int err = errno;
  file.reset();  // the mapping stays valid without the descriptor
  if (map == MAP_FAILED) throw std::system_error(err, std::generic_category(), "mmap " + request.spooled->path());
  map_ = map;
  size_ = size_t(size);
  text_ = std::string_view(static_cast<const char*>(map), size_);
}

BodyText::~BodyText() {
  if (map_) ::munmap(map_, size_);
}

}  // namespace hfhub::server
