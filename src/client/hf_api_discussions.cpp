// HfApi: discussions and pull requests (thin forwards to src/client/api/discussions.cpp).
#include <stdexcept>

#include <boost/json.hpp>

#include "client/api/discussions.h"
#include "client/hf_api_impl.h"

namespace hfhub {

namespace {

std::optional<boost::json::object> comment_body(const std::optional<std::string>& comment) {
  if (!comment || comment->find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return boost::json::object{{"comment", *comment}};
}

// The event a change answers with; only merge answers none.
DiscussionEvent event_of(std::optional<DiscussionEvent> event) {
  if (!event) throw InvalidResponseError("the discussion change answered without an event");
  return std::move(*event);
}

}  // namespace

std::optional<std::string> Discussion::git_reference() const {
  if (!is_pull_request) return std::nullopt;
  return "refs/pr/" + std::to_string(num);
}

std::string Discussion::url() const {
  return endpoint + "/" + std::string(repo_type_url_prefix(repo_type)) + repo_id + "/discussions/" +
         std::to_string(num);
}

Paginated<Discussion> HfApi::get_repo_discussions(std::string_view repo_id, const RepoDiscussionsParams& params) const {
  return client::get_repo_discussions(impl_->session_for(params), repo_id, params);
}

DiscussionWithDetails HfApi::get_discussion_details(std::string_view repo_id, int64_t discussion_num,
                                                    const DiscussionCall& call) const {
  return client::get_discussion_details(*impl_->session_for(call), repo_id, call.repo_type, discussion_num);
}

DiscussionWithDetails HfApi::create_discussion(std::string_view repo_id, std::string_view title,
                                               const CreateDiscussionParams& params) const {
  return client::create_discussion(*impl_->session_for(params), repo_id, title, params);
}

DiscussionWithDetails HfApi::create_pull_request(std::string_view repo_id, std::string_view title,
                                                 const CreateDiscussionParams& params) const {
  CreateDiscussionParams pr = params;
  pr.pull_request = true;
  return client::create_discussion(*impl_->session_for(params), repo_id, title, pr);
}

DiscussionEvent HfApi::comment_discussion(std::string_view repo_id, int64_t discussion_num, std::string_view comment,
                                          const DiscussionCall& call) const {
  return event_of(client::post_discussion_change(*impl_->session_for(call), repo_id, call.repo_type, discussion_num,
                                                 "comment", boost::json::object{{"comment", comment}}, "newMessage"));
}

DiscussionEvent HfApi::edit_discussion_comment(std::string_view repo_id, int64_t discussion_num,
                                               std::string_view comment_id, std::string_view new_content,
                                               const DiscussionCall& call) const {
  std::string id(comment_id);
  for (auto& ch : id) ch = char(std::tolower((unsigned char)ch));  // Python lowercases the id
  return event_of(client::post_discussion_change(*impl_->session_for(call), repo_id, call.repo_type, discussion_num,
                                                 "comment/" + id + "/edit",
                                                 boost::json::object{{"content", new_content}}, "updatedComment"));
}

DiscussionEvent HfApi::hide_discussion_comment(std::string_view repo_id, int64_t discussion_num,
                                               std::string_view comment_id, const DiscussionCall& call) const {
  std::string id(comment_id);
  for (auto& ch : id) ch = char(std::tolower((unsigned char)ch));
  return event_of(client::post_discussion_change(*impl_->session_for(call), repo_id, call.repo_type, discussion_num,
                                                 "comment/" + id + "/hide", std::nullopt, "updatedComment"));
}

DiscussionEvent HfApi::rename_discussion(std::string_view repo_id, int64_t discussion_num, std::string_view new_title,
                                         const DiscussionCall& call) const {
  return event_of(client::post_discussion_change(*impl_->session_for(call), repo_id, call.repo_type, discussion_num,
                                                 "title", boost::json::object{{"title", new_title}}, "newTitle"));
}

DiscussionEvent HfApi::change_discussion_status(std::string_view repo_id, int64_t discussion_num,
                                                std::string_view new_status,
                                                const DiscussionCommentParams& params) const {
  if (new_status != "open" && new_status != "closed")
    throw std::invalid_argument("Invalid status, valid statuses are: 'open' and 'closed'");
  boost::json::object body{{"status", new_status}};
  if (auto c = comment_body(params.comment)) body["comment"] = c->at("comment");
  return event_of(client::post_discussion_change(*impl_->session_for(params), repo_id, params.repo_type, discussion_num,
                                                 "status", body, "newStatus"));
}

void HfApi::merge_pull_request(std::string_view repo_id, int64_t discussion_num,
                               const DiscussionCommentParams& params) const {
  client::post_discussion_change(*impl_->session_for(params), repo_id, params.repo_type, discussion_num, "merge",
                                 comment_body(params.comment), "");
}

}  // namespace hfhub
