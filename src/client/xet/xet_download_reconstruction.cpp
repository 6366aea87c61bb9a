#include "client/xet/xet_download_reconstruction.h"

#include <boost/json.hpp>

#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

struct Parser {
  std::string_view url;

  [[noreturn]] void bad(const std::string& what) const {
    throw InvalidResponseError("The reconstruction answer of " + std::string(url) + " is malformed: " + what);
  }
  const json::object& object(const json::value* v, const char* what) const {
    if (!v || !v->is_object()) bad(std::string(what) + " is not an object");
    return v->as_object();
  }
  const json::array& array(const json::value* v, const char* what) const {
    if (!v || !v->is_array()) bad(std::string(what) + " is not an array");
    return v->as_array();
  }
  uint64_t number(const json::object& o, const char* key) const {
    auto* v = o.if_contains(key);
    if (v && v->is_uint64()) return v->as_uint64();
    if (v && v->is_int64() && v->as_int64() >= 0) return uint64_t(v->as_int64());
    bad(std::string("`") + key + "` is not a non-negative integer");
  }
  xet::MerkleHash hash(std::string_view text) const {
    auto h = xet::MerkleHash::from_hex(text);
    if (!h) bad("`" + std::string(text) + "` is not a hash");
    return *h;
  }
  std::pair<uint64_t, uint64_t> range(const json::object& o, const char* key) const {
    const auto& r = object(o.if_contains(key), key);
    return {number(r, "start"), number(r, "end")};
  }

  json::object root(std::string_view body) const {
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec || !v.is_object()) bad("not a JSON object");
    return std::move(v.as_object());
  }

  void terms(const json::object& o, XetReconstruction& r) const {
    r.offset_into_first_range = number(o, "offset_into_first_range");
    for (const auto& t : array(o.if_contains("terms"), "terms")) {
      const auto& term = object(&t, "a term");
      auto* h = term.if_contains("hash");
      if (!h || !h->is_string()) bad("a term has no hash");
      auto [start, end] = range(term, "range");
      if (start >= end) bad("a term's chunk range is empty");
      r.terms.push_back({hash(h->as_string()), uint32_t(start), uint32_t(end), number(term, "unpacked_length")});
    }
  }

  XetFetchRange fetch_range(std::string url_text, const json::object& chunks_owner, const char* chunks_key,
                            const json::object& bytes_owner, const char* bytes_key) const {
    auto [cs, ce] = range(chunks_owner, chunks_key);
    auto [bs, be] = range(bytes_owner, bytes_key);
    if (cs >= ce || bs > be) bad("an empty fetch range");
    return {std::move(url_text), uint32_t(cs), uint32_t(ce), bs, be};
  }

  std::string string_field(const json::object& o, const char* key) const {
    auto* v = o.if_contains(key);
    if (!v || !v->is_string()) bad(std::string("`") + key + "` is not a string");
    return std::string(v->as_string());
  }
};

}  // namespace

XetReconstruction parse_reconstruction_v2(std::string_view body, std::string_view url) {
  Parser p{url};
  json::object o = p.root(body);
  XetReconstruction r;
  p.terms(o, r);
  for (const auto& [key, entries] : p.object(o.if_contains("xorbs"), "xorbs")) {
    auto& out = r.fetch[p.hash(key)];
    for (const auto& e : p.array(&entries, "a xorb's entries")) {
      const auto& entry = p.object(&e, "a fetch entry");
      std::string entry_url = p.string_field(entry, "url");
      for (const auto& rv : p.array(entry.if_contains("ranges"), "ranges")) {
        const auto& range = p.object(&rv, "a range");
        out.push_back(p.fetch_range(entry_url, range, "chunks", range, "bytes"));
      }
    }
  }
  return r;
}

XetReconstruction parse_reconstruction_v1(std::string_view body, std::string_view url) {
  Parser p{url};
  json::object o = p.root(body);
  XetReconstruction r;
  p.terms(o, r);
  for (const auto& [key, entries] : p.object(o.if_contains("fetch_info"), "fetch_info")) {
    auto& out = r.fetch[p.hash(key)];
    for (const auto& e : p.array(&entries, "a xorb's fetch info")) {
      const auto& info = p.object(&e, "a fetch info");
      out.push_back(p.fetch_range(p.string_field(info, "url"), info, "range", info, "url_range"));
    }
  }
  return r;
}

std::vector<XetFetchUnit> plan_fetch_units(const XetReconstruction& r, std::string_view url) {
  std::vector<XetFetchUnit> units;
  std::map<std::pair<xet::MerkleHash, size_t>, size_t> unit_of;  // (xorb, range index) -> unit
  for (size_t t = 0; t < r.terms.size(); ++t) {
    const XetTerm& term = r.terms[t];
    auto it = r.fetch.find(term.xorb);
    size_t found = SIZE_MAX;
    if (it != r.fetch.end())
      for (size_t i = 0; i < it->second.size() && found == SIZE_MAX; ++i)
        if (it->second[i].chunk_start <= term.chunk_start && term.chunk_end <= it->second[i].chunk_end) found = i;
    if (found == SIZE_MAX)
      throw InvalidResponseError("The reconstruction answer of " + std::string(url) + " has no range for term " +
                                 std::to_string(t) + " (xorb " + term.xorb.hex() + ")");
    auto [pos, fresh] = unit_of.try_emplace({term.xorb, found}, units.size());
    if (fresh) units.push_back({term.xorb, it->second[found], {}});
    units[pos->second].terms.push_back(t);
  }
  return units;
}

}  // namespace hfhub::client
