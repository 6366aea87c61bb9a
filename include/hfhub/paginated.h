#pragma once
// A lazy, single-pass range over a paginated Hub listing. Nothing is fetched until the range
// is iterated; the next page (Link: <url>; rel="next") is fetched only when the items of the
// current page are used up. `limit` caps the total number of items, like Python's islice.
//
//   for (const ModelInfo& m : api.list_models({.author = "google"})) { ... }
//
// Copies of a Paginated (and its iterators) share one cursor. Errors of a page fetch are thrown
// from begin() / operator++.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace hfhub {

template <class T>
class Paginated {
 public:
  // Appends the items of the next page to `out`; returns false when there was no page left.
  using FetchPage = std::function<bool(std::vector<T>& out)>;

  Paginated(FetchPage fetch, std::optional<int64_t> limit) : state_(std::make_shared<State>()) {
    state_->fetch = std::move(fetch);
    state_->limit = limit;
  }

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    iterator() = default;
    reference operator*() const { return state_->buffer.front(); }
    pointer operator->() const { return &state_->buffer.front(); }
    iterator& operator++() {
      state_->buffer.pop_front();
      state_->fill();
      return *this;
    }
    void operator++(int) { ++*this; }
    bool operator==(std::default_sentinel_t) const { return !state_ || state_->buffer.empty(); }

   private:
    friend class Paginated;
    explicit iterator(std::shared_ptr<typename Paginated::State> s) : state_(std::move(s)) {}
    std::shared_ptr<typename Paginated::State> state_;
  };

  // The first call fetches the first page; later calls resume where the cursor is.
  iterator begin() {
    if (!state_->started) {
      state_->started = true;
      state_->fill();
    }
    return iterator(state_);
  }
  std::default_sentinel_t end() const { return {}; }

  // Drains the range.
  std::vector<T> to_vector() {
    std::vector<T> out;
    for (auto it = begin(); it != end(); ++it) out.push_back(*it);
    return out;
  }

  // Number of pages requested so far.
  int64_t pages_fetched() const { return state_->pages; }

 private:
  struct State {
    FetchPage fetch;
    std::optional<int64_t> limit;
    std::deque<T> buffer;  // front() is the current item
    int64_t yielded = 0;   // items that became current, for the limit
    int64_t pages = 0;
    bool exhausted = false;
    bool started = false;

    // Makes buffer.front() the next item, fetching pages as needed; empty buffer = end.
    void fill() {
      if (limit && yielded >= *limit) {
        buffer.clear();
        exhausted = true;
        return;
      }
      while (buffer.empty() && !exhausted) {
        std::vector<T> page;
        if (!fetch(page)) {
          exhausted = true;
          break;
        }
        ++pages;
        for (auto& item : page) buffer.push_back(std::move(item));
      }
      if (!buffer.empty()) ++yielded;
    }
  };
  std::shared_ptr<State> state_;
};

}  // namespace hfhub
