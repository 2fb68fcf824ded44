// The fast path of c3p-check for long files: rows cut from an index of separators, pieces of the
// file taken in turn by several threads, each piece fed to a c3p::checker of its own, the
// checkers joined in file order. The rules are the library's: every row becomes a c3p::line
// through c3p::csv_reader::parse_cells, and any row the index does not take is read by the
// library's reader. docs/checker.md tells why and how fast.
#pragma once

#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>

namespace c3p_check {

/// Files at least this long are checked on the fast path.
inline constexpr std::uint64_t fast_file_bytes = std::uint64_t{1} << 20;

/// The check of a UTF-8 budget file of `size` bytes under `settings` (over the file's `#`
/// lines, as c3p::check_csv), or nullopt when the fast path cannot decide it (a problem with the
/// input, bytes that are not UTF-8, a tab-separated file, a quoted cell across two pieces,
/// arithmetic beyond 64 bits that fails, a read error): the library's reader must then read
/// the file and report.
std::optional<c3p::check_result> fast_check_file(const std::filesystem::path& file, std::uint64_t size,
                                                 const c3p::csv_settings& settings);

}  // namespace c3p_check
