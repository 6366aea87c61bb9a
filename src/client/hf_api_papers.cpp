// HfApi: papers (docs/client.md#papers).
#include "client/api/papers.h"
#include "client/hf_api_impl.h"
#include "hfhub/hf_api.h"

namespace hfhub {

PaperInfo HfApi::paper_info(std::string_view id, const CallOverrides& call) const {
  return client::paper_info(*impl_->session_for(call), id);
}

std::vector<PaperInfo> HfApi::list_papers(const ListPapersParams& params) const {
  return client::list_papers(*impl_->session_for(params), params);
}

std::vector<PaperInfo> HfApi::list_daily_papers(const ListDailyPapersParams& params) const {
  return client::list_daily_papers(*impl_->session_for(params), params);
}

}  // namespace hfhub
