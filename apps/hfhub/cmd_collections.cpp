// hfhub collections ls|info|create|update|delete|add-item|update-item|delete-item, following
// `hf collections` (/api/collections, docs/collections.md).
#include <boost/json.hpp>

#include <iostream>

#include "cli_context.h"
#include "output.h"

namespace hfhub::cli {

namespace {

namespace json = boost::json;

struct CollectionArgs {
  std::string slug, title, ns, description, theme, item_id, item_type, item_object_id, note, sort;
  std::vector<std::string> owner, item;
  std::optional<int64_t> position, limit = 10;
  std::optional<bool> is_private;
  bool private_flag = false, exists_ok = false, missing_ok = false, as_json = false;
};

json::object collection_json(const Collection& c) {
  json::array items;
  for (auto& i : c.items) {
    json::object o{{"item_object_id", i.item_object_id},
                   {"item_id", i.item_id},
                   {"item_type", i.item_type},
                   {"position", i.position}};
    o["note"] = i.note ? json::value(*i.note) : nullptr;
    items.push_back(std::move(o));
  }
  json::object o{{"slug", c.slug},
                 {"title", c.title},
                 {"owner", c.owner},
                 {"items", std::move(items)},
                 {"last_updated", c.last_updated},
                 {"position", c.position},
                 {"private", c.private_},
                 {"theme", c.theme},
                 {"upvotes", c.upvotes},
                 {"url", c.url()}};
  o["description"] = c.description ? json::value(*c.description) : nullptr;
  return o;
}

void print_collections(const std::vector<Collection>& cs, bool as_json) {
  if (as_json || !stdout_is_tty()) {
    json::array out;
    for (auto& c : cs) out.push_back(collection_json(c));
    print_json(std::cout, out);
    return;
  }
  Table t({"SLUG", "TITLE", "ITEMS", "PRIVATE", "UPDATED"});
  for (auto& c : cs)
    t.add_row({c.slug, c.title, std::to_string(c.items.size()), c.private_ ? "yes" : "no", c.last_updated});
  t.print(std::cout, use_color());
}

void print_one(const Collection& c, bool as_json) {
  if (as_json || !stdout_is_tty()) {
    print_json(std::cout, collection_json(c));
    return;
  }
  std::cout << c.slug << "  " << c.title << (c.private_ ? "  (private)" : "") << '\n';
  if (c.description) std::cout << *c.description << '\n';
  Table t({"POSITION", "TYPE", "ID", "ITEM_OBJECT_ID", "NOTE"});
  for (auto& i : c.items)
    t.add_row({std::to_string(i.position), i.item_type, i.item_id, i.item_object_id, or_dash(i.note)});
  t.print(std::cout, use_color());
}

void add_slug(CLI::App* cmd, CollectionArgs& a) {
  cmd->add_option("collection_slug", a.slug, "The collection slug (owner/title-slug-id)")->required();
}
void add_json(CLI::App* cmd, CollectionArgs& a) { cmd->add_flag("--json", a.as_json, "Print JSON"); }

void register_reads(CLI::App* root, const std::shared_ptr<CollectionArgs>& a, CliContext& ctx) {
  CLI::App* ls = root->add_subcommand("ls", "List collections");
  ls->add_option("--owner", a->owner, "Filter by owner (user or org); repeatable");
  ls->add_option("--item", a->item, "Filter by item, e.g. models/gpt2 or papers/2311.12983; repeatable");
  ls->add_option("--sort", a->sort, "Sort order")->check(CLI::IsMember({"lastModified", "trending", "upvotes"}));
  ls->add_option("--limit", a->limit, "At most this many collections (default 10)");
  add_json(ls, *a);
  ls->callback([a, &ctx] {
    ListCollectionsParams p;
    p.owner = a->owner;
    p.item = a->item;
    if (!a->sort.empty()) p.sort = a->sort;
    p.limit = a->limit;
    print_collections(ctx.api().list_collections(p).to_vector(), a->as_json);
  });
  CLI::App* info = root->add_subcommand("info", "Show a collection with all its items");
  add_slug(info, *a);
  add_json(info, *a);
  info->callback([a, &ctx] { print_one(ctx.api().get_collection(a->slug), a->as_json); });
}

void register_writes(CLI::App* root, const std::shared_ptr<CollectionArgs>& a, CliContext& ctx) {
  CLI::App* create = root->add_subcommand("create", "Create a collection");
  create->add_option("title", a->title, "The title")->required();
  create->add_option("--namespace", a->ns, "User or org (default: you)");
  create->add_option("--description", a->description, "At most 150 characters");
  create->add_flag("--private", a->private_flag, "Create a private collection");
  create->add_flag("--exists-ok", a->exists_ok, "Return the existing collection of that title");
  add_json(create, *a);
  create->callback([a, &ctx] {
    CreateCollectionParams p;
    if (!a->ns.empty()) p.namespace_ = a->ns;
    if (!a->description.empty()) p.description = a->description;
    p.private_ = a->private_flag;
    p.exists_ok = a->exists_ok;
    print_one(ctx.api().create_collection(a->title, p), a->as_json);
  });
  CLI::App* update =
      root->add_subcommand("update", "Change a collection's title, description, position, privacy, theme");
  add_slug(update, *a);
  update->add_option("--title", a->title, "New title (the slug's title part follows; its id stays)");
  update->add_option("--description", a->description, "New description");
  update->add_option("--position", a->position, "New position among the owner's collections");
  update->add_option("--private", a->is_private, "true or false");
  update->add_option("--theme", a->theme, "orange, blue, green, purple, pink or indigo");
  add_json(update, *a);
  update->callback([a, &ctx] {
    UpdateCollectionMetadataParams p;
    if (!a->title.empty()) p.title = a->title;
    if (!a->description.empty()) p.description = a->description;
    if (!a->theme.empty()) p.theme = a->theme;
    p.position = a->position;
    p.private_ = a->is_private;
    print_one(ctx.api().update_collection_metadata(a->slug, p), a->as_json);
  });
  CLI::App* del = root->add_subcommand("delete", "Delete a collection");
  add_slug(del, *a);
  del->add_flag("--missing-ok", a->missing_ok, "No error if it does not exist");
  del->callback([a, &ctx] {
    DeleteCollectionParams p;
    p.missing_ok = a->missing_ok;
    ctx.api().delete_collection(a->slug, p);
    std::cout << "Deleted collection " << a->slug << '\n';
  });
}

void register_items(CLI::App* root, const std::shared_ptr<CollectionArgs>& a, CliContext& ctx) {
  CLI::App* add = root->add_subcommand("add-item", "Add a model, dataset, space, paper or collection");
  add_slug(add, *a);
  add->add_option("item_id", a->item_id, "Repo id, arXiv id or collection slug")->required();
  add->add_option("item_type", a->item_type, "model, dataset, space, paper or collection")->required();
  add->add_option("--note", a->note, "At most 500 characters");
  add->add_flag("--exists-ok", a->exists_ok, "No error if the item is already there");
  add_json(add, *a);
  add->callback([a, &ctx] {
    AddCollectionItemParams p;
    if (!a->note.empty()) p.note = a->note;
    p.exists_ok = a->exists_ok;
    print_one(ctx.api().add_collection_item(a->slug, a->item_id, a->item_type, p), a->as_json);
  });
  CLI::App* upd = root->add_subcommand("update-item", "Change an item's note or position");
  add_slug(upd, *a);
  upd->add_option("item_object_id", a->item_object_id, "The item's id in the collection (ITEM_OBJECT_ID)")->required();
  upd->add_option("--note", a->note, "New note (at most 500 characters)");
  upd->add_option("--position", a->position, "New position");
  upd->callback([a, &ctx] {
    UpdateCollectionItemParams p;
    if (!a->note.empty()) p.note = a->note;
    p.position = a->position;
    ctx.api().update_collection_item(a->slug, a->item_object_id, p);
    std::cout << "Updated item " << a->item_object_id << '\n';
  });
  CLI::App* del = root->add_subcommand("delete-item", "Remove an item");
  add_slug(del, *a);
  del->add_option("item_object_id", a->item_object_id, "The item's id in the collection")->required();
  del->add_flag("--missing-ok", a->missing_ok, "No error if it is not there");
  del->callback([a, &ctx] {
    DeleteCollectionParams p;
    p.missing_ok = a->missing_ok;
    ctx.api().delete_collection_item(a->slug, a->item_object_id, p);
    std::cout << "Deleted item " << a->item_object_id << '\n';
  });
}

}  // namespace

void register_collection_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* root = app.add_subcommand("collections", "Manage collections");
  root->require_subcommand(1);
  auto a = std::make_shared<CollectionArgs>();
  register_reads(root, a, ctx);
  register_writes(root, a, ctx);
  register_items(root, a, ctx);
}

}  // namespace hfhub::cli
