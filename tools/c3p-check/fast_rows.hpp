// The fast path of c3p-check for long files: rows cut from an index of separators, pieces of the
// file taken in turn by several threads, each piece fed to a c3p::checker of its own, the
// checkers joined in file order. The rules are the library's: every row becomes a c3p::line
// through c3p::csv_reader::parse_cells, and any row the index does not take is read by the
// library's reader. docs/checker.md tells why and how fast.
#pragma once

#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace c3p {
struct sourced_policy;  // <c3p/policy_sources.hpp>
}

namespace c3p_check {

/// Files at least this long are checked on the fast path.
inline constexpr std::uint64_t fast_file_bytes = std::uint64_t{1} << 20;
/// The fast path takes a file whose header ends within this many first bytes.
inline constexpr std::size_t fast_header_bytes = 4096;

/// The check of a UTF-8 budget file of `size` bytes under `settings` (over the file's `#`
/// lines, as c3p::check_csv), or nullopt when the fast path cannot decide it (a problem with the
/// input, bytes that are not UTF-8, a tab-separated file, a quoted cell across two pieces,
/// arithmetic beyond 64 bits that fails, a read error): the library's reader must then read
/// the file and report.
std::optional<c3p::check_result> fast_check_file(const std::filesystem::path& file, std::uint64_t size,
                                                 const c3p::csv_settings& settings);

// The same in steps, for pieces checked elsewhere (the browser's Web Workers, web/): the header
// read from the file's first bytes, each piece checked on its own, the pieces joined in file order.

/// Whether the fast path takes the file whose header is `header`, a reader of the file's first
/// `first_bytes` bytes (fast_header_bytes, or all of a shorter file): the header must end in them.
bool fast_path_takes(const c3p::csv_reader& header, std::size_t first_bytes);

/// Where the piece that starts at `text` ends, its first `share` bytes being its own: just past
/// the first line end at or after `share` (the next piece starts with the rest of that row), or
/// the text's end where the file ends first; npos when the text stops before either.
std::size_t piece_end(std::string_view text, std::size_t share, bool file_ends_here) noexcept;

/// The lines of a piece, kept for explaining them, each with its file line counted from the
/// piece's first (as piece_check::lines). Their figures are kept in 64-bit millionths where they
/// fit, in a fifth of a c3p::line's room: a long file's lines would be tens of megabytes.
class piece_lines {
public:
    void reserve(std::size_t lines);
    void add(const c3p::line& l, std::size_t source_line);
    [[nodiscard]] std::size_t size() const noexcept { return source_lines_.size(); }
    [[nodiscard]] std::span<const std::size_t> source_lines() const noexcept { return source_lines_; }
    /// Whether a line is field survey work.
    [[nodiscard]] bool field_survey() const noexcept { return field_survey_; }
    /// The lines (without their descriptions, which no step names): those kept whole, or made
    /// in `room`, which is used again.
    [[nodiscard]] std::span<const c3p::line> lines(std::vector<c3p::line>& room) const;

private:
    struct small_line {
        std::int64_t unit_price, quantity;  // millionths
        c3p::item item;
        c3p::price_basis basis;
        c3p::consumable_reason reason;
        bool field_survey;
    };
    std::vector<small_line> small_;
    std::vector<c3p::line> whole_;  // all of them, once one does not fit
    std::vector<std::size_t> source_lines_;
    bool field_survey_ = false;
};

/// What the check of one piece found. Each in its own cache line: different threads write them.
struct alignas(64) piece_check {
    bool ok = false;            ///< read whole on the fast path (else the library's reader must read the file)
    bool ended_at_cut = false;  ///< its last row ended where the next piece starts
    std::size_t lines = 0;      ///< file lines it read
    std::vector<std::pair<std::size_t, std::size_t>> line_breaks;     ///< its reader's (sheet_layout), its lines counted from 1
    std::vector<std::pair<std::size_t, std::size_t>> summary_labels;  ///< likewise
    std::optional<c3p::checker> checked;
    std::optional<piece_lines> kept;  ///< the lines read, where asked for (check_piece's keep_lines)
};

/// Checks a piece: `text` runs from its start to its end (piece_end); `first`: the piece at the
/// file's start, where the header is; `keep_lines`: keep the lines read (piece_check::kept).
piece_check check_piece(std::string_view text, bool first, const c3p::csv_reader& header, const c3p::csv_settings& settings,
                        bool keep_lines = false);

/// A piece's check as bytes (c3p::checker::to_bytes), to be joined by another instance of the
/// same build; nullopt where it cannot be joined or kept so.
std::optional<std::string> to_bytes(const piece_check& piece);
/// The piece's check to_bytes wrote, for the file of `header` under `settings`.
std::optional<piece_check> piece_from_bytes(std::string_view bytes, const c3p::csv_reader& header,
                                            const c3p::csv_settings& settings);

/// The check of a file from its pieces' checks in file order; nullopt when one was not read whole.
std::optional<c3p::check_result> join_pieces(const c3p::csv_reader& header, const c3p::csv_settings& settings,
                                             std::vector<piece_check>& pieces);

/// c3p-check --explain on a long file: writes to `out` the report that `report` makes of its
/// check (as fast_check_file's) and then the text of its derivation in `lang`, each piece's lines
/// explained on the thread that takes it and written as soon as those before it are. Returns the
/// check; nullopt, having written nothing, where fast_check_file gives none.
std::optional<c3p::check_result> fast_explain_file(const std::filesystem::path& file, std::uint64_t size,
                                                   const c3p::csv_settings& settings, c3p::language lang,
                                                   const c3p::sourced_policy* sources, std::ostream& out,
                                                   const std::function<std::string(const c3p::check_result&)>& report);
/// c3p-check --explain --format json on a long file: writes to `out` the document of
/// c3p::format_json(result, derivation) of its check, with messages in `lang`: its members up to
/// the derivation, then each piece's lines' steps as fast_explain_file writes their text.
/// Returns the check; nullopt, having written nothing, where fast_check_file gives none.
std::optional<c3p::check_result> fast_explain_json_file(const std::filesystem::path& file, std::uint64_t size,
                                                        const c3p::csv_settings& settings, c3p::language lang,
                                                        const c3p::sourced_policy* sources, std::ostream& out);

}  // namespace c3p_check
