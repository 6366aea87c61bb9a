// HfApi's token methods, with Python's names and semantics (docs/tokens.md).
#include "client/api/account.h"
#include "client/hf_api_impl.h"
#include "client/http/session.h"
#include "hfhub/errors.h"
#include "hfhub/hf_api.h"

namespace hfhub {

std::optional<std::string> HfApi::get_token_permission(std::optional<std::string> token) const {
  CallOverrides call;
  call.token = std::move(token);
  auto session = impl_->session_for(call);
  if (!session->options().token) return std::nullopt;  // Python: LocalTokenNotFoundError -> None
  try {
    auto user = client::whoami(*session);
    if (!user.auth || !user.auth->access_token) return std::nullopt;
    return user.auth->access_token->role;
  } catch (const HfHubHttpError&) {
    return std::nullopt;  // Python: HTTPError -> None
  }
}

}  // namespace hfhub
