#pragma once
// A flag column read from either engine's row: PostgreSQL's boolean, or SQLite's 0/1 integer.
// The shared row readers (*_columns.h) are templates over the engine's row type; both types have
// text, int64, optional_text, optional_int64 and is_null with the same meaning.
namespace hfhub::server {

template <class Row>
bool stored_flag(const Row& row, int col) {
  if constexpr (requires { row.boolean(col); })
    return row.boolean(col);
  else
    return row.int64(col) != 0;
}

}  // namespace hfhub::server
