// c3p-check's JSON writer: the document of c3p::format_json (c3p/json.hpp) byte for byte,
// written straight into a buffer of its own instead of through a document tree. A long file's
// check has thousands of violations, and a tree of them costs more than the check.
#pragma once

#include <c3p/c3p.hpp>

#include <cstddef>
#include <ostream>
#include <string_view>

namespace c3p_check {

/// The JSON of `result`, its messages in `lang`.
void write_json(std::ostream& out, const c3p::check_result& result, c3p::language lang = c3p::language::english);

/// Whether every byte of `text` is printable ASCII other than '"' and '\\': such text is a
/// JSON string's content as it is (asked of every message, eight bytes at a time).
bool is_plain_json(std::string_view text) noexcept;

/// The bytes the writer gathers before writing them out.
inline constexpr std::size_t json_piece_bytes = std::size_t{1} << 16;

}  // namespace c3p_check
