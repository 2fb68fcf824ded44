// c3p-check's JSON writer: the document of c3p::format_json (c3p/json.hpp) byte for byte,
// written straight into a buffer of its own instead of through a document tree. A long file's
// check has thousands of violations, and a tree of them costs more than the check.
#pragma once

#include <c3p/c3p.hpp>

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace c3p_check {

/// The JSON of `result`, its messages in `lang`.
void write_json(std::ostream& out, const c3p::check_result& result, c3p::language lang = c3p::language::english);

/// The ids of the steps behind a violation, in the derivation written with it.
using violation_steps = std::function<std::vector<std::string>(const c3p::violation&)>;

/// The document of c3p::format_json(result, derivation) up to its derivation: each violation
/// with its "steps" (`steps_of`). The document is left open after "violations": the
/// derivation's members come next, after ",\n ".
void write_json_before_derivation(std::ostream& out, const c3p::check_result& result, c3p::language lang,
                                  const violation_steps& steps_of);

/// Whether every byte of `text` is printable ASCII other than '"' and '\\': such text is a
/// JSON string's content as it is (asked of every message, eight bytes at a time).
bool is_plain_json(std::string_view text) noexcept;

/// The bytes the writer gathers before writing them out.
inline constexpr std::size_t json_piece_bytes = std::size_t{1} << 16;

}  // namespace c3p_check
