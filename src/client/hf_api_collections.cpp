// HfApi's collection methods (/api/collections), with Python's names and semantics.
#include "client/api/account.h"
#include "client/api/collections.h"
#include "client/hf_api_impl.h"
#include "hfhub/hf_api.h"

namespace hfhub {

Paginated<Collection> HfApi::list_collections(const ListCollectionsParams& params) const {
  return client::list_collections(impl_->session_for(params), params);
}

Collection HfApi::get_collection(std::string_view collection_slug, const CallOverrides& call) const {
  return client::get_collection(*impl_->session_for(call), collection_slug);
}

Collection HfApi::create_collection(std::string_view title, const CreateCollectionParams& params) const {
  auto session = impl_->session_for(params);
  // As Python: without a namespace, the collection goes to the token's user.
  std::string ns = params.namespace_ ? *params.namespace_ : client::whoami(*session).name;
  return client::create_collection(*session, title, ns, params);
}

Collection HfApi::update_collection_metadata(std::string_view collection_slug,
                                             const UpdateCollectionMetadataParams& params) const {
  return client::update_collection_metadata(*impl_->session_for(params), collection_slug, params);
}

void HfApi::delete_collection(std::string_view collection_slug, const DeleteCollectionParams& params) const {
  client::delete_collection(*impl_->session_for(params), collection_slug, params.missing_ok);
}

Collection HfApi::add_collection_item(std::string_view collection_slug, std::string_view item_id,
                                      std::string_view item_type, const AddCollectionItemParams& params) const {
  return client::add_collection_item(*impl_->session_for(params), collection_slug, item_id, item_type, params);
}

void HfApi::update_collection_item(std::string_view collection_slug, std::string_view item_object_id,
                                   const UpdateCollectionItemParams& params) const {
  client::update_collection_item(*impl_->session_for(params), collection_slug, item_object_id, params);
}

void HfApi::delete_collection_item(std::string_view collection_slug, std::string_view item_object_id,
                                   const DeleteCollectionParams& params) const {
  client::delete_collection_item(*impl_->session_for(params), collection_slug, item_object_id, params.missing_ok);
}

}  // namespace hfhub
