#include "server/metadata/yaml_json.h"

#include <yaml.h>

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json/serialize.hpp>

#include "server/metadata/yaml_scalar.h"

namespace hfhub::server {
namespace {

namespace json = boost::json;

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

struct Failure {
  std::string problem;
  yaml_mark_t mark;
};

// An open sequence or mapping. A mapping alternates key → value; `key` holds the key read last.
struct Frame {
  json::value value;
  std::string anchor;
  size_t nodes_before = 0;  // node count when it opened, to learn its own size at the end
  std::optional<std::string> key;
  yaml_mark_t key_mark{};
  bool key_is_merge = false;
  std::set<std::string> merged_keys;  // keys copied in by `<<`; an explicit key may override them
};

struct Anchored {
  json::value value;
  size_t nodes = 0;
};

std::string_view text_of(const unsigned char* p) { return p ? std::string_view(reinterpret_cast<const char*>(p)) : ""; }

class Builder {
 public:
  explicit Builder(const YamlLimits& limits) : limits_(limits) {}

  std::optional<Failure> on_event(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++documents_ > 1) return Failure{"expected a single document in the stream, but found more", e.start_mark};
        return std::nullopt;
      case YAML_SCALAR_EVENT:
        return on_scalar(e);
      case YAML_ALIAS_EVENT:
        return on_alias(e);
      case YAML_SEQUENCE_START_EVENT:
        return open(json::array(), text_of(e.data.sequence_start.anchor), text_of(e.data.sequence_start.tag), "seq",
                    e.start_mark);
      case YAML_MAPPING_START_EVENT:
        return open(json::object(), text_of(e.data.mapping_start.anchor), text_of(e.data.mapping_start.tag), "map",
                    e.start_mark);
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        return close(e.start_mark);
      default:
        return std::nullopt;
    }
  }

  json::value take_root() { return std::move(root_); }

 private:
  bool expecting_key() const { return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().key; }

  std::optional<Failure> count_nodes(size_t n, const yaml_mark_t& mark) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes)
      return Failure{"document has more than " + std::to_string(limits_.max_nodes) + " nodes (aliases included)", mark};
    return std::nullopt;
  }

  std::optional<Failure> on_scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    std::string_view text(reinterpret_cast<const char*>(s.value), s.length);
    std::string_view tag = text_of(s.tag);
    if (auto f = count_nodes(1, e.start_mark)) return f;

    if (expecting_key()) {
      // Keys are strings in JSON; js-yaml stringifies them too, so `1: x` has the key "1".
      Frame& top = stack_.back();
      top.key = std::string(text);
      top.key_mark = e.start_mark;
      top.key_is_merge = text == "<<" && s.style == YAML_PLAIN_SCALAR_STYLE && tag.empty();
      if (s.anchor) anchors_[std::string(text_of(s.anchor))] = Anchored{json::string(text), 1};
      return std::nullopt;
    }

    json::value v;
    if (!tag.empty()) {
      auto resolved = resolve_tagged_scalar(tag, text);
      if (!resolved) return Failure{"cannot resolve scalar with tag !<" + std::string(tag) + ">", e.start_mark};
      v = std::move(*resolved);
    } else if (s.style == YAML_PLAIN_SCALAR_STYLE) {
      v = resolve_plain_scalar(text);
    } else {
      v = json::string(text);  // quoted, literal `|` and folded `>` scalars are always strings
    }
    if (s.anchor) anchors_[std::string(text_of(s.anchor))] = Anchored{v, 1};
    return add(std::move(v), e.start_mark);
  }

  std::optional<Failure> on_alias(const yaml_event_t& e) {
    std::string name(text_of(e.data.alias.anchor));
    auto it = anchors_.find(name);
    if (it == anchors_.end()) return Failure{"unidentified alias \"" + name + "\"", e.start_mark};
    // Counted before copying: this is where an alias bomb would explode.
    if (auto f = count_nodes(it->second.nodes, e.start_mark)) return f;
    if (expecting_key()) {
      const json::value& k = it->second.value;
      if (k.is_object() || k.is_array()) return Failure{"a mapping key must be a scalar", e.start_mark};
      Frame& top = stack_.back();
      top.key = k.is_string() ? std::string(k.get_string()) : json::serialize(k);
      top.key_mark = e.start_mark;
      top.key_is_merge = false;
      return std::nullopt;
    }
    return add(json::value(it->second.value), e.start_mark);
  }

  std::optional<Failure> open(json::value container, std::string_view anchor, std::string_view tag,
                              std::string_view expected_tag, const yaml_mark_t& mark) {
    if (!tag.empty() && tag != "!" && tag != std::string(kTagPrefix) + std::string(expected_tag))
      return Failure{"unknown tag !<" + std::string(tag) + ">", mark};
    if (expecting_key()) return Failure{"a mapping key must be a scalar, not a collection", mark};
    if (stack_.size() >= limits_.max_depth)
      return Failure{"nesting is deeper than " + std::to_string(limits_.max_depth) + " levels", mark};
    size_t before = nodes_;
    if (auto f = count_nodes(1, mark)) return f;
    Frame frame;
    frame.value = std::move(container);
    frame.anchor = std::string(anchor);
    frame.nodes_before = before;
    stack_.push_back(std::move(frame));
    return std::nullopt;
  }

  std::optional<Failure> close(const yaml_mark_t& mark) {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (!frame.anchor.empty()) anchors_[frame.anchor] = Anchored{frame.value, nodes_ - frame.nodes_before};
    return add(std::move(frame.value), mark);
  }

  // A finished node lands in its parent: appended to a sequence, or as the value of the pending key.
  std::optional<Failure> add(json::value v, const yaml_mark_t& mark) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return std::nullopt;
    }
    Frame& top = stack_.back();
    if (top.value.is_array()) {
      top.value.get_array().push_back(std::move(v));
      return std::nullopt;
    }
    std::string key = std::move(*top.key);
    top.key.reset();
    if (top.key_is_merge) return merge(top, v, mark);
    json::object& obj = top.value.get_object();
    if (json::value* existing = obj.if_contains(key)) {
      if (top.merged_keys.erase(key) == 0) return Failure{"duplicated mapping key \"" + key + "\"", top.key_mark};
      *existing = std::move(v);
      return std::nullopt;
    }
    obj.emplace(key, std::move(v));
    return std::nullopt;
  }

  // `<<: *base` or `<<: [*a, *b]`: copy keys the mapping does not have yet; earlier sources win.
  std::optional<Failure> merge(Frame& top, const json::value& source, const yaml_mark_t& mark) {
    auto merge_one = [&](const json::object& from) {
      json::object& obj = top.value.get_object();
      for (const auto& kv : from) {
        if (obj.contains(kv.key())) continue;
        obj.emplace(kv.key(), kv.value());
        top.merged_keys.emplace(kv.key());
      }
    };
    if (source.is_object()) {
      merge_one(source.get_object());
      return std::nullopt;
    }
    if (source.is_array()) {
      for (const json::value& item : source.get_array()) {
        if (!item.is_object()) return Failure{"a merge key (<<) needs a mapping or a list of mappings", mark};
        merge_one(item.get_object());
      }
      return std::nullopt;
    }
    return Failure{"a merge key (<<) needs a mapping or a list of mappings", mark};
  }

  const YamlLimits& limits_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, Anchored> anchors_;
  json::value root_;
  size_t nodes_ = 0;
  int documents_ = 0;
};

YamlParseResult failed(std::string problem, const yaml_mark_t& mark) {
  YamlParseResult r;
  r.line = int(mark.line) + 1;
  r.column = int(mark.column) + 1;
  r.error = "line " + std::to_string(r.line) + ", column " + std::to_string(r.column) + ": " + problem;
  r.problem = std::move(problem);
  return r;
}

// Owns the libyaml parser and the current event, so every early return frees both.
struct Parser {
  yaml_parser_t parser;
  yaml_event_t event;
  bool has_event = false;
  Parser() { yaml_parser_initialize(&parser); }
  ~Parser() {
    release();
    yaml_parser_delete(&parser);
  }
  void release() {
    if (has_event) yaml_event_delete(&event);
    has_event = false;
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

}  // namespace

YamlParseResult parse_yaml_to_json(std::string_view yaml, const YamlLimits& limits) {
  Parser p;
  yaml_parser_set_input_string(&p.parser, reinterpret_cast<const unsigned char*>(yaml.data()), yaml.size());
  Builder builder(limits);
  for (;;) {
    p.release();
    if (!yaml_parser_parse(&p.parser, &p.event)) {
      std::string problem = p.parser.problem ? p.parser.problem : "invalid YAML";
      if (p.parser.context) problem = std::string(p.parser.context) + ": " + problem;
      return failed(problem, p.parser.problem_mark);
    }
    p.has_event = true;
    if (auto failure = builder.on_event(p.event)) return failed(failure->problem, failure->mark);
    if (p.event.type == YAML_STREAM_END_EVENT) break;
  }
  YamlParseResult r;
  r.ok = true;
  r.value = builder.take_root();
  return r;
}

}  // namespace hfhub::server
