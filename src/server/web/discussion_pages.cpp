// The community tab (docs/web.md#community): a repo's discussions and pull requests, one
// discussion with its events, and the forms that open one, comment, change the status and merge.
// Everything goes through DiscussionService, which the API's routes use too: the repo is opened
// with the caller's rights (a private repo is "not found"), and each action is allowed or refused
// by the same rules. A comment's HTML is the one the service rendered in cmark-gfm's safe mode
// (metadata/markdown_html.h), shown as it is; everything else is escaped by the templates.
#include <boost/json.hpp>

#include <charconv>

#include "common/iso_time.h"
#include "server/discussions/discussion_service.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"
#include "server/web/diff_view.h"
#include "server/web/display_format.h"
#include "server/web/listing_state.h"
#include "server/web/repo_nav.h"
#include "server/web/repo_route.h"
#include "server/web/web_call.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"

namespace hfhub::server {

namespace {

namespace json = boost::json;

int64_t number_param(std::string_view text) {
  int64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || p != text.data() + text.size() || n < 0) throw DomainError(ErrorKind::NotFound);
  return n;
}

struct Community {
  RepoRecord repo;
  std::string base;  // the repo page's path + "/discussions"
};

Community open_community(const WebCall& web, RepoType type) {
  auto repo = web.services().discussions().open(web.caller, type, repo_id_of(web, type));
  auto base = repo_page_path(repo.type, repo.id) + "/discussions";
  return {std::move(repo), std::move(base)};
}

View frame_view(const WebCall& web, const Community& c) {
  View v;
  v.set("repo_id", c.repo.id);
  v.set("repo_url", repo_page_path(c.repo.type, c.repo.id));
  v.set("base", c.base);
  v.set("csrf", web.csrf);
  v.set("signed_in", web.caller.has_value());
  v.set("login_url", "/login?next=" + c.base);
  return v;
}

View summary_view(const Community& c, const DiscussionRecord& d) {
  View v;
  v.set("num", std::to_string(d.num));
  v.set("title", d.title);
  v.set("url", c.base + "/" + std::to_string(d.num));
  v.set("author", d.author);
  v.set("status", std::string(discussion_status_name(d.status)));
  v.set("pr", d.is_pull_request);
  v.set("updated", day_of_ms(d.last_activity_ms));
  return v;
}

Response discussion_list(WebCall& web, RepoType type) {
  auto c = open_community(web, type);
  DiscussionQuery q;
  auto status = web.field("status");
  if (status == "open" || status == "closed") q.status = status;
  auto kind = web.field("type");
  if (kind == "pull_request") q.pull_requests = true;
  if (kind == "discussion") q.pull_requests = false;
  auto page_text = web.field("p");
  q.page = page_text.empty() ? 0 : number_param(page_text);
  auto page = web.services().discussions().list(c.repo, q);
  View v = frame_view(web, c);
  ViewList items;
  for (auto& d : page.items) items.push_back(summary_view(c, d));
  v.set("items", items);
  v.set("empty", items.empty());
  v.set("total", std::to_string(page.total));
  auto query_for = [&](int64_t p) {
    std::string s = c.base + "?p=" + std::to_string(p);
    if (q.status) s += "&status=" + *q.status;
    if (!kind.empty() && q.pull_requests) s += "&type=" + kind;
    return s;
  };
  if ((q.page + 1) * kDiscussionPageSize < page.total) v.set("next_url", query_for(q.page + 1));
  if (q.page > 0) v.set("prev_url", query_for(q.page - 1));
  return html_page(web, {.title = "Community · " + c.repo.id}, "discussions", v);
}

// One event as the page shows it: comments with their HTML, the others as a line of text.
View event_view(const DiscussionEventRecord& e) {
  View v;
  v.set("author", e.author);
  v.set("date", day_of_ms(e.created_at_ms));
  v.set("id", e.object_id);
  boost::system::error_code ec;
  auto parsed = json::parse(e.data_json, ec);
  const json::object empty;
  const auto& data = !ec && parsed.is_object() ? parsed.as_object() : empty;
  auto text = [&](std::string_view key) {
    auto* p = data.if_contains(key);
    return p && p->is_string() ? std::string(p->get_string()) : std::string();
  };
  if (e.type == "comment") {
    v.set("comment", true);
    auto* hidden = data.if_contains("hidden");
    if (hidden && hidden->is_bool() && hidden->get_bool()) return v.set("hidden", true), v;
    auto* latest = data.if_contains("latest");
    auto* html = latest && latest->is_object() ? latest->as_object().if_contains("html") : nullptr;
    if (html && html->is_string()) v.set("html", std::string(html->get_string()));
  } else if (e.type == "status-change") {
    v.set("line", "changed the status to " + text("status"));
  } else if (e.type == "title-change") {
    v.set("line", "changed the title from “" + text("from") + "” to “" + text("to") + "”");
  } else if (e.type == "commit") {
    v.set("line", "pushed " + text("oid").substr(0, 7) + ": " + text("subject"));
  } else {
    v.set("line", e.type);
  }
  return v;
}

// A PR's changes since it forked from its target (RepoReadService::compare, the merge base),
// rendered as the commit page renders a commit's (web/diff_view.h); none for a merged PR.
void add_pr_diff(const WebCall& web, const Community& c, const DiscussionRecord& d, View& v) {
  if (!d.is_pull_request || d.status == DiscussionStatus::Merged) return;
  auto head = "refs/pr/" + std::to_string(d.num);
  auto cmp = web.services().reads().compare(web.caller, c.repo.type, c.repo.id, d.target_ref, head);
  auto file_url = [&](const std::string& path) { return revision_link(c.repo, "blob", head, path); };
  v.set("diff", diff_view(cmp.diff, file_url));
  v.set("has_diff", !cmp.diff.files.empty());
}

Response discussion_page(WebCall& web, RepoType type) {
  auto c = open_community(web, type);
  int64_t num = number_param(web.call.params["num"]);
  auto details = web.services().discussions().details(c.repo, num, false);
  const auto& d = details.discussion;
  View v = frame_view(web, c);
  v.set("discussion", summary_view(c, d));
  ViewList events;
  for (auto& e : details.events) events.push_back(event_view(e));
  v.set("events", events);
  bool open = d.status == DiscussionStatus::Open || d.status == DiscussionStatus::Draft;
  bool writer = AccessPolicy::can_write(web.caller, c.repo);
  bool author = web.caller && web.caller->user.name == d.author;
  v.set("open", open);
  v.set("may_change_status", d.status != DiscussionStatus::Merged && (writer || author));
  v.set("may_merge", d.is_pull_request && open && writer && details.conflicts.empty());
  v.set("num", std::to_string(d.num));
  add_pr_diff(web, c, d, v);
  ViewList conflicts;
  for (auto& f : details.conflicts) conflicts.push_back(View("path", f));
  v.set("conflicts", conflicts);
  v.set("has_conflicts", !conflicts.empty());
  return html_page(web, {.title = d.title + " · " + c.repo.id}, "discussion", v);
}

Response new_discussion_form(WebCall& web, RepoType type) {
  auto c = open_community(web, type);
  if (!web.caller) return see_other("/login?next=" + c.base + "/new");
  return html_page(web, {.title = "New discussion · " + c.repo.id}, "discussion_new", frame_view(web, c));
}

Response create_discussion(WebCall& web, RepoType type) {
  auto c = open_community(web, type);
  auto d = web.services().discussions().create(web.caller, c.repo, web.field("title"), web.field("description"), false);
  return see_other(c.base + "/" + std::to_string(d.num));
}

Response post_comment(WebCall& web, RepoType type) {
  auto c = open_community(web, type);
  int64_t num = number_param(web.call.params["num"]);
  web.services().discussions().comment(web.caller, c.repo, num, web.field("comment"));
  return see_other(c.base + "/" + std::to_string(num));
}

Response post_status(WebCall& web, RepoType type) {
  auto c = open_community(web, type);
  int64_t num = number_param(web.call.params["num"]);
  auto comment = web.field("comment");
  web.services().discussions().change_status(web.caller, c.repo, num, web.field("status"),
                                             comment.empty() ? std::nullopt : std::optional(comment));
  return see_other(c.base + "/" + std::to_string(num));
}

Response post_merge(WebCall& web, RepoType type) {
  auto c = open_community(web, type);
  int64_t num = number_param(web.call.params["num"]);
  web.services().discussions().merge(web.caller, c.repo, num, std::nullopt);
  return see_other(c.base + "/" + std::to_string(num));
}

}  // namespace

void add_discussion_pages(RouteTable& table) {
  add_repo_page(table, "GET", "/discussions", discussion_list);
  add_repo_page(table, "POST", "/discussions", create_discussion);
  add_repo_page(table, "GET", "/discussions/new", new_discussion_form);
  add_repo_page(table, "GET", "/discussions/{num}", discussion_page);
  add_repo_page(table, "POST", "/discussions/{num}/comment", post_comment);
  add_repo_page(table, "POST", "/discussions/{num}/status", post_status);
  add_repo_page(table, "POST", "/discussions/{num}/merge", post_merge);
}

}  // namespace hfhub::server
