// Checking a CSV budget in one pass, without storing its rows: each row becomes its 64-bit
// facts, is judged by the line rules, added to the subtotals and forgotten; only the rows that
// break a rule are kept, compactly, and their violations are built when they are asked for.
// Memory then grows with the violations, not with the rows.
//
// Input the one pass cannot decide alone (a malformed cell, a figure beyond 64 bits, a quote
// written twice outside a description, anything the fast pass declines) is read by
// read_budget_csv and checked by check() instead, so the outcome is always theirs:
//
//     auto checked = c3p::check_csv(text, {.general_admin_rate = c3p::rate::percent(10)});
//     if (!checked.ok()) for (const auto& e : checked.errors()) std::cerr << to_string(e, "budget.csv") << '\n';
//     checked.for_each_violation([](const c3p::violation& v) { std::cout << v.message << '\n'; });
//
// A long text is cut at line ends into pieces that several threads take in turn; check_csv_file
// reads a file's pieces itself, each thread into one buffer it reuses, so a long file is never
// held whole in memory.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/csv.hpp"
#include "c3p/detail/line_facts.hpp"
#include "c3p/detail/number_parser.hpp"
#include "c3p/detail/thread_placement.hpp"
#include "c3p/detail/utf8.hpp"
#include "c3p/policy.hpp"
#include "c3p/totals.hpp"
#include "c3p/validate.hpp"
#include "c3p/violation.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace c3p {

namespace detail {

/// A row that breaks a line rule, kept until its violations are built: what their messages need.
struct flagged_row {
    std::size_t index;         ///< 0-based data row
    std::size_t file_line;     ///< 1-based line of the file where the row starts
    std::int64_t unit_price;   ///< millionths of a yen
    std::int64_t quantity;     ///< millionths
    std::int64_t amount;       ///< yen
    c3p::item item;
    price_basis basis;
    bool has_consumable_reason;
    rule_set broken;
};

/// The flagged rows in row order. They are stored in blocks that never move (a vector's doubling
/// would touch twice the memory it ends with, and fresh pages are what a long check mostly waits
/// for) and read through spans: the pieces one thread reads share its blocks, and joining the
/// pieces in text order moves spans, not rows.
class flagged_rows {
public:
    static constexpr std::size_t first_block_rows = 32, last_block_rows = 1024;  // 48 KiB: below malloc's mmap threshold

    flagged_rows() = default;
    /// A copy has blocks of its own: the spans must not point into the original's.
    flagged_rows(const flagged_rows& other) {
        other.for_each([&](const flagged_row& row) { push_back(row); });
    }
    flagged_rows& operator=(const flagged_rows& other) {
        if (this != &other) *this = flagged_rows(other);
        return *this;
    }
    flagged_rows(flagged_rows&& other) noexcept { swap(other); }  // a moved block keeps its rows in place
    flagged_rows& operator=(flagged_rows&& other) noexcept {
        flagged_rows taken;
        taken.swap(other);
        swap(taken);
        return *this;
    }

    void push_back(const flagged_row& row) {
        if (blocks_.empty() || blocks_.back().size() == blocks_.back().capacity()) {
            const std::size_t rows = blocks_.empty() ? first_block_rows : std::min(2 * blocks_.back().capacity(), last_block_rows);
            blocks_.emplace_back();
            blocks_.back().reserve(rows);  // never exceeded: the rows stay where they are
            open_ = false;
        }
        auto& block = blocks_.back();
        block.push_back(row);
        if (open_) {
            spans_.back() = {spans_.back().data(), spans_.back().size() + 1};
        } else {
            spans_.emplace_back(&block.back(), 1);
            open_ = true;
        }
        ++size_;
    }
    /// Rows pushed from now on start a span of their own (a new piece of the text).
    void close_span() noexcept { open_ = false; }
    [[nodiscard]] std::size_t span_count() const noexcept { return spans_.size(); }

    /// Appends spans [first, last) of `from`, rows of a later part of the text whose indices and
    /// file lines counted from that part's start: `rows_before` and `lines_before` are those of
    /// the text before it. `from` keeps the rows until take_blocks(from).
    void append_spans(flagged_rows& from, std::size_t first, std::size_t last, std::size_t rows_before,
                      std::size_t lines_before) {
        for (std::size_t k = first; k < last; ++k) {
            for (auto& row : from.spans_[k]) {
                row.index += rows_before;
                row.file_line += lines_before;
            }
            spans_.push_back(from.spans_[k]);
            size_ += from.spans_[k].size();
        }
        open_ = false;
    }
    /// Takes over the blocks that hold the rows of the spans appended from `other`.
    void take_blocks(flagged_rows&& other) {
        for (auto& block : other.blocks_) blocks_.push_back(std::move(block));  // moving keeps the rows in place
        other = {};
    }

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    template <class F>
    void for_each(F&& f) const {
        for (const auto span : spans_)
            for (const auto& row : span) f(row);
    }
    [[nodiscard]] bool any_error() const noexcept {
        for (const auto span : spans_)
            for (const auto& row : span)
                if (row.broken.has_error()) return true;
        return false;
    }
    /// The row with data row index `index`, if it is flagged.
    [[nodiscard]] const flagged_row* find(std::size_t index) const noexcept {
        // The first span whose last row is at or after `index`, then the row within it.
        const auto span = std::lower_bound(spans_.begin(), spans_.end(), index,
                                           [](std::span<flagged_row> s, std::size_t i) { return s.back().index < i; });
        if (span == spans_.end()) return nullptr;
        const auto row = std::lower_bound(span->begin(), span->end(), index,
                                          [](const flagged_row& r, std::size_t i) { return r.index < i; });
        return row != span->end() && row->index == index ? &*row : nullptr;
    }

private:
    void swap(flagged_rows& other) noexcept {
        blocks_.swap(other.blocks_);
        spans_.swap(other.spans_);
        std::swap(size_, other.size_);
        std::swap(open_, other.open_);
    }

    std::vector<std::vector<flagged_row>> blocks_;  // where the rows are
    std::vector<std::span<flagged_row>> spans_;     // the rows in row order, none empty
    std::size_t size_ = 0;
    bool open_ = false;  // whether the next row may extend the last span
};

/// What the one pass keeps of the rows.
struct csv_check_rows {
    std::size_t size = 0;
    bool has_field_survey = false;
    flagged_rows flagged;
};

}  // namespace detail

class csv_check;
[[nodiscard]] csv_check check_csv(std::string_view text, const budget_terms& terms, const policy& p = fy2025);
[[nodiscard]] csv_check check_csv_file(const std::filesystem::path& file, const budget_terms& terms, const policy& p = fy2025);

/// The outcome of check_csv: the reader's errors, or the totals and the violations.
class csv_check {
public:
    /// Unreadable input: every problem, in file order; nothing was checked.
    [[nodiscard]] const std::vector<csv_error>& errors() const noexcept { return errors_; }
    [[nodiscard]] bool ok() const noexcept { return errors_.empty(); }

    [[nodiscard]] const c3p::totals& totals() const noexcept { return totals_; }
    /// Data rows checked.
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] const budget_terms& terms() const noexcept { return terms_; }
    [[nodiscard]] const c3p::policy& policy() const noexcept { return policy_; }
    /// Whether a violation is an error (the checker's exit status 1).
    [[nodiscard]] bool has_errors() const noexcept { return has_errors_; }
    /// Whether the one pass decided (true) or the input went through read_budget_csv and check()
    /// (false). The results are the same either way.
    [[nodiscard]] bool streamed() const noexcept { return streamed_; }

    /// Calls f(const violation&) for every violation in the validator's order, building each
    /// only when it is its turn: a check with many violations never holds all of them.
    template <class F>
    void for_each_violation(F&& f) const {
        const detail::tax_factors tax(policy_);
        detail::line_violations built;
        flagged_.for_each([&](const detail::flagged_row& row) {
            built.clear();
            const detail::line_rule_input input{row.item, row.basis, row.has_consumable_reason,
                                                yen(decimal::from_millionths(row.unit_price)),
                                                quantity(decimal::from_millionths(row.quantity))};
            detail::check_line(built, row.index, input, yen(row.amount), policy_, tax, row.broken);
            for (const auto& v : built.view()) f(v);
        });
        for (const auto& v : built_) f(v);
    }
    /// All violations at once.
    [[nodiscard]] std::vector<violation> violations() const {
        std::vector<violation> all;
        for_each_violation([&](const violation& v) { all.push_back(v); });
        return all;
    }

    /// The file line where data row `index` starts; known for every row when the input was
    /// stored, and for the rows that break a line rule when it was streamed.
    [[nodiscard]] std::optional<std::size_t> file_line(std::size_t index) const {
        if (!row_lines_.empty()) return index < row_lines_.size() ? std::optional(row_lines_[index]) : std::nullopt;
        const auto* row = flagged_.find(index);
        if (row == nullptr) return std::nullopt;
        return row->file_line;
    }

private:
    friend csv_check check_csv(std::string_view, const budget_terms&, const c3p::policy&);
    friend csv_check check_csv_file(const std::filesystem::path&, const budget_terms&, const c3p::policy&);
    explicit csv_check(const budget_terms& terms, const c3p::policy& p) : terms_(terms), policy_(p) {}
    /// The outcome when read_rows(pass, rows) takes the one pass to the end; nullopt when it
    /// declines (or the policy's figures do not fit the fast pass): the full reader decides then.
    template <class ReadRows>
    static std::optional<csv_check> streamed(const budget_terms& terms, const c3p::policy& p, ReadRows&& read_rows);

    std::vector<csv_error> errors_;
    c3p::totals totals_;
    std::size_t size_ = 0;
    budget_terms terms_;
    c3p::policy policy_;
    bool has_errors_ = false;
    bool streamed_ = false;
    detail::flagged_rows flagged_;              // violations built on demand, before built_
    std::vector<violation> built_;              // violations built already
    std::vector<std::size_t> row_lines_;        // file line of every row, when stored
};

namespace detail {

/// Where, in 64 bytes of text, the bytes are that end or complicate a cell: bit i stands for byte i.
struct stop_masks {
    std::uint64_t comma;
    std::uint64_t quote;
    std::uint64_t newline;
    std::uint64_t special;  ///< NUL, or part of a multi-byte UTF-8 sequence

    /// What ends an unquoted cell or needs a closer look in it.
    [[nodiscard]] std::uint64_t unquoted() const noexcept { return comma | newline | special; }
    /// The same inside quotes.
    [[nodiscard]] std::uint64_t quoted() const noexcept { return quote | newline | special; }
};

/// The masks of the 64 bytes at `p`, all readable. With SSE2, sixteen bytes per comparison:
/// the cells of a row are then found without a branch per byte.
inline stop_masks stop_masks_of(const char* p) noexcept {
    stop_masks m{};
#if defined(__SSE2__)
    const __m128i commas = _mm_set1_epi8(','), quotes = _mm_set1_epi8('"'), newlines = _mm_set1_epi8('\n');
    const __m128i zero = _mm_setzero_si128();
    for (int k = 0; k < 4; ++k) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
        const auto bits = [&](__m128i x) {
            return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(x))) << (16 * k);
        };
        m.comma |= bits(_mm_cmpeq_epi8(v, commas));
        m.quote |= bits(_mm_cmpeq_epi8(v, quotes));
        m.newline |= bits(_mm_cmpeq_epi8(v, newlines));
        m.special |= bits(v) | bits(_mm_cmpeq_epi8(v, zero));  // high bit set, or NUL
    }
#else
    for (int i = 0; i < 64; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        const std::uint64_t bit = std::uint64_t{1} << i;
        if (c == ',') m.comma |= bit;
        if (c == '"') m.quote |= bit;
        if (c == '\n') m.newline |= bit;
        if (c == 0 || c >= 0x80) m.special |= bit;
    }
#endif
    return m;
}

/// Bit i of the result: whether an odd number of bits 0..i are set. Applied to the quotes, it
/// marks the bytes inside quoted text (the opening quote inside, the closing one outside).
constexpr std::uint64_t prefix_xor(std::uint64_t x) noexcept {
    for (int shift = 1; shift < 64; shift *= 2) x ^= x << shift;
    return x;
}

/// The one pass of check_csv. Every method returns false as soon as the input needs the
/// full reader; nothing it has done then matters.
class csv_stream {
public:
    csv_stream(std::string_view text, fast_pass& pass, csv_check_rows& out)
        : text_(text), data_(text.data()), size_(text.size()), pass_(pass), out_(out), flagged_(&out.flagged) {}

    /// Reads the header (after a BOM and blank lines).
    bool read_header() {
        pos_ = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        while (pos_ < size_ && skip_blank_line()) {
        }
        if (pos_ >= size_ || !read_record(0)) return false;
        where_.fill(no_column);
        for (std::size_t i = 0; i < cells_count_; ++i) {
            const std::size_t k = csv_column_index(cell_text(i));
            if ((escaped_ >> i & 1) != 0 || k == csv_column_count || where_[k] != no_column) return false;
            where_[k] = i;
        }
        columns_ = cells_count_;
        return where_[static_cast<std::size_t>(csv_column::item)] != no_column &&
               where_[static_cast<std::size_t>(csv_column::unit_price)] != no_column;
    }

    /// Reads rows until a row ends at or after `until` (or the text ends).
    bool read_rows(std::size_t until) {
        while (pos_ < until && pos_ < size_) {
            switch (read_indexed_row()) {
                case indexed::read: continue;
                case indexed::declined: return false;
                case indexed::not_indexed: break;
            }
            if (skip_blank_line()) continue;
            if (!read_row()) return false;
        }
        return true;
    }

    /// Where the header put the columns.
    struct layout {
        std::size_t columns;
        std::array<std::size_t, csv_column_count> where;
    };
    [[nodiscard]] layout columns() const noexcept { return {columns_, where_}; }

    /// A stream that reads rows from `start` (a row's start) with the columns of a header read
    /// before; its rows' indices and file lines count from there, its flagged rows go to `flagged`.
    csv_stream(std::string_view text, const layout& columns, std::size_t start, fast_pass& pass, csv_check_rows& out,
               flagged_rows& flagged)
        : csv_stream(text, pass, out) {
        flagged_ = &flagged;
        pos_ = start;
        columns_ = columns.columns;
        where_ = columns.where;
    }

    [[nodiscard]] std::size_t position() const noexcept { return pos_; }
    [[nodiscard]] std::size_t line() const noexcept { return line_; }

private:
    // The common row, read from the masks at once: ASCII, ended by '\n', with exactly `columns_`
    // cells and quotes only around whole cells (which may hold commas and line ends). Returns
    // false, having changed nothing, for anything else: read_record then reads it byte by byte.
    bool read_plain_record() {
        std::size_t cells = 0, cell_start = pos_, quotes = 0, quoted_newlines = 0;
        std::uint64_t inside_carry = 0;  // all ones while a quoted cell runs on past a block
        for (std::size_t from = pos_;;) {
            if (from >= size_) return false;  // the last row, without a line end
            const std::size_t block = from & ~std::size_t{63};
            if (block != block_) load_block(block);
            const std::uint64_t window = ~std::uint64_t{0} << (from - block);
            const std::uint64_t quote = masks_.quote & window, newline = masks_.newline & window;
            const std::uint64_t inside = prefix_xor(quote) ^ inside_carry;
            const std::uint64_t newline_ends = newline & ~inside;
            // Up to and including the row's line end, if it is in this block.
            const std::uint64_t row = newline_ends != 0 ? window & (newline_ends ^ (newline_ends - 1)) : window;
            if ((masks_.special & row) != 0) return false;
            for (std::uint64_t q = quote & row; q != 0; q &= q - 1) ++quotes;  // few: no popcount instruction needed
            for (std::uint64_t n = newline & inside & row; n != 0; n &= n - 1) ++quoted_newlines;
            for (std::uint64_t ends = (masks_.comma | masks_.newline) & ~inside & row; ends != 0; ends &= ends - 1) {
                if (cells == columns_) return false;
                const std::size_t at = block + static_cast<std::size_t>(std::countr_zero(ends));
                begin_[cells] = cell_start;
                end_[cells] = at;
                ++cells;
                cell_start = at + 1;
            }
            if (newline_ends == 0) {
                inside_carry = (inside >> 63) != 0 ? ~std::uint64_t{0} : 0;
                from = block + 64;
                continue;
            }
            if (cells != columns_) return false;
            break;
        }
        // A quoted cell runs from a quote to a quote just before its end ("\r\n" ends the last
        // one too). Two quotes per quoted cell and no others: none stray, none doubled.
        std::size_t& last_end = end_[cells - 1];
        if (last_end > begin_[cells - 1] && data_[last_end - 1] == '\r') --last_end;
        std::size_t quoted_cells = 0;
        for (std::size_t i = 0; quotes != 0 && i < cells; ++i) {  // no quote, no quoted cell
            if (data_[begin_[i]] != '"') continue;
            if (end_[i] - begin_[i] < 2 || data_[end_[i] - 1] != '"') return false;
            ++begin_[i];
            --end_[i];
            ++quoted_cells;
        }
        if (quotes != 2 * quoted_cells) return false;
        pos_ = cell_start;
        line_ += 1 + quoted_newlines;
        cells_count_ = cells;
        escaped_ = 0;
        return true;
    }

    // Reads one record of exactly `expected` cells (for the header, 0: as many as there are).
    bool read_record(std::size_t expected) {
        cells_count_ = 0;
        escaped_ = 0;
        for (;;) {
            if (cells_count_ == max_cells) return false;
            const bool ok = pos_ < size_ && data_[pos_] == '"' ? read_quoted() : read_unquoted();
            if (!ok) return false;
            ++cells_count_;
            if (pos_ >= size_) break;
            if (data_[pos_] == ',') {
                ++pos_;
                if (pos_ >= size_) {  // a trailing comma ends with one more, empty cell
                    if (cells_count_ == max_cells) return false;
                    begin_[cells_count_] = end_[cells_count_] = pos_;
                    ++cells_count_;
                    break;
                }
                continue;
            }
            pos_ += data_[pos_] == '\r' ? 2 : 1;  // the line end (read_* stop only there or at ',')
            ++line_;
            break;
        }
        return expected == 0 || cells_count_ == expected;
    }

    bool read_unquoted() {
        const std::size_t start = pos_;
        for (;;) {
            pos_ = next_stop(pos_, false);
            if (pos_ >= size_ || data_[pos_] == ',' || data_[pos_] == '\n') break;
            if (!skip_utf8()) return false;
        }
        std::size_t end = pos_;
        if (pos_ < size_ && data_[pos_] == '\n' && end > start && data_[end - 1] == '\r') {  // CRLF
            --end;
            --pos_;
        }
        begin_[cells_count_] = start;
        end_[cells_count_] = end;
        return true;
    }

    bool read_quoted() {
        const std::size_t start = ++pos_;
        for (;;) {
            pos_ = next_stop(pos_, true);
            if (pos_ >= size_) return false;  // unterminated: the reader reports it
            const char stop = data_[pos_];
            if (stop == '\n') {
                ++line_;
                ++pos_;
            } else if (stop == '"') {
                if (pos_ + 1 < size_ && data_[pos_ + 1] == '"') {
                    escaped_ |= 1u << cells_count_;
                    pos_ += 2;
                } else {
                    break;
                }
            } else if (!skip_utf8()) {
                return false;
            }
        }
        begin_[cells_count_] = start;
        end_[cells_count_] = pos_;
        ++pos_;
        // After the closing quote: a comma, a line end or the end of the text.
        if (pos_ >= size_ || data_[pos_] == ',' || data_[pos_] == '\n') return true;
        return data_[pos_] == '\r' && pos_ + 1 < size_ && data_[pos_ + 1] == '\n';
    }

    // The first stop at or after `from` (a quoted cell's or an unquoted one's); size_ if none.
    std::size_t next_stop(std::size_t from, bool quoted) {
        while (from < size_) {
            const std::size_t block = from & ~std::size_t{63};
            if (block != block_) load_block(block);
            const std::uint64_t stops = (quoted ? masks_.quoted() : masks_.unquoted()) >> (from - block);
            if (stops != 0) return from + static_cast<std::size_t>(std::countr_zero(stops));
            from = block + 64;
        }
        return size_;
    }

    void load_block(std::size_t block) {
        block_ = block;
        // The page after next, asked for early: hardware prefetchers stop at a page's end, and
        // a page's first touch (address translation, then the line) would stall the pass.
        if (block + prefetch_distance < size_) __builtin_prefetch(data_ + block + prefetch_distance);
        masks_ = masks_at(block);
    }

    // At a NUL or a non-ASCII byte: steps over one valid UTF-8 sequence, or declines.
    bool skip_utf8() {
        if (data_[pos_] == '\0') return false;
        const auto length = utf8_sequence_length(text_, pos_);
        if (length == 0) return false;
        pos_ += length;
        return true;
    }

    // A cell's text without surrounding blanks (inside the quotes of a quoted cell).
    std::string_view cell_text(std::size_t index) const {
        std::size_t leading;
        return detail::trim(std::string_view(data_ + begin_[index], end_[index] - begin_[index]), leading);
    }

    bool skip_blank_line() {
        if (data_[pos_] == '\n') {
            ++pos_;
        } else if (data_[pos_] == '\r' && pos_ + 1 < size_ && data_[pos_ + 1] == '\n') {
            pos_ += 2;
        } else {
            return false;
        }
        ++line_;
        return true;
    }

    // The trimmed text of a column's cell into `text`; empty when the column is absent. False
    // for a quote written twice, which matters only in the description the check does not read.
    bool value(csv_column column, std::string_view& text) const {
        const auto index = where_[static_cast<std::size_t>(column)];
        if (index == no_column) {
            text = {};
            return true;
        }
        if ((escaped_ >> index & 1) != 0) return false;
        text = cell_text(index);
        return true;
    }

    // The cells the check reads, in the order of read_columns; empty for an absent column.
    static constexpr std::array read_columns{csv_column::item, csv_column::unit_price, csv_column::quantity,
                                             csv_column::price_basis, csv_column::consumable_reason,
                                             csv_column::field_survey};
    using row_cells = std::array<std::string_view, read_columns.size()>;

    struct parsed_row {
        c3p::item item;
        std::int64_t price, count;
        price_basis basis;
        bool has_reason, survey;
    };
    // A number cell's millionths: at once from its word when 8 bytes can be read from its start.
    std::optional<std::int64_t> number_cell(std::string_view cell) const noexcept {
        std::int64_t value;
        if (cell.data() + 8 <= data_ + size_ && parse_short_number(cell.data(), cell.size(), value)) return value;
        return parse_small_number(cell);
    }

    std::optional<parsed_row> parse_row(const row_cells& cells) const noexcept {
        const auto item = find_item(cells[0]);
        const auto price = number_cell(cells[1]);
        const auto count = cells[2].empty() ? std::optional<std::int64_t>(micro) : number_cell(cells[2]);
        const auto basis = cells[3].empty() ? std::optional(price_basis::exclusive) : price_basis_from_string(cells[3]);
        const auto reason = consumable_reason_from_string(cells[4]);
        const auto survey = parse_flag(cells[5]);
        if (!item || !price || !count || !basis || !reason || !survey) return std::nullopt;
        return parsed_row{*item, *price, *count, *basis, *reason != consumable_reason::none, *survey};
    }

    // Adds a parsed row, which starts at file line `row_line`; false when the pass declines it.
    bool add_row(std::size_t row_line, const parsed_row& r) {
        const auto facts = make_line_facts(r.item, static_cast<std::uint8_t>(r.basis), !r.has_reason, r.price, r.count);
        std::int64_t amount;
        rule_set broken;
        if (!pass_.add(facts, amount) || !pass_.broken_line_rules(facts, amount, broken)) return false;
        if (!broken.empty())
            flagged_->push_back(flagged_row{out_.size, row_line, r.price, r.count, amount, r.item, r.basis, r.has_reason, broken});
        out_.has_field_survey |= r.survey;
        ++out_.size;
        return true;
    }

    // ---- The index: the cells of many rows found at once --------------------------------------
    //
    // A window of text from a row's start is indexed block by block: where its separators are
    // (commas and line ends outside quotes), written eight at a time without a branch per bit.
    // Rows are then cut from the index, their bytes not scanned again. The index takes only text
    // whose rows read_plain_record would cut the same way, so that every cell is then either
    // unquoted and free of quotes or quoted whole: ASCII without NUL, each opening quote right
    // after a separator or the row's start, each closing quote right before a separator (so no
    // doubled quotes), no line end inside quotes. It stops at the first block where that fails;
    // read_row reads on from there. A row whose cells do not parse as they stand (blanks to
    // trim, say) is left to read_row as well, which decides as before.

    enum class indexed { read, not_indexed, declined };

    static constexpr std::size_t index_blocks = 32;               // a window of 2 KiB
    // One entry per separator in the window, its offset from index_base_; room for the seven
    // entries written past the last.
    std::array<std::uint32_t, index_blocks * 64 + 8> separators_;
    std::size_t index_base_ = 0, index_next_ = 0, index_count_ = 0;
    std::size_t index_retry_ = 0;  // read_row reads rows until here, where the last window had no whole row

    [[nodiscard]] std::size_t separator_at(std::size_t k) const noexcept {
        return index_base_ + separators_[k];
    }

    // The masks of the 64 bytes at `block`; for the last, partial block, bits past the end are cleared.
    [[nodiscard]] stop_masks masks_at(std::size_t block) const noexcept {
        if (block + 64 <= size_) return stop_masks_of(data_ + block);
        std::array<char, 64> tail{};
        std::memcpy(tail.data(), data_ + block, size_ - block);
        auto m = stop_masks_of(tail.data());
        const std::uint64_t inside = (std::uint64_t{1} << (size_ - block)) - 1;
        m.comma &= inside;
        m.quote &= inside;
        m.newline &= inside;
        m.special &= inside;
        return m;
    }

    // Indexes a window from pos_, a row's start (so outside quotes). Returns where it stopped:
    // the window's end, or past the block it refused.
    std::size_t index_from_here() {
        index_base_ = pos_ & ~std::size_t{63};
        index_next_ = index_count_ = 0;
        std::uint64_t inside_carry = 0;                                // all ones while a quoted cell runs on
        std::uint64_t after_separator = std::uint64_t{1} << (pos_ - index_base_);  // where an opening quote may be
        std::uint64_t closing_at_end = 0;                              // a closing quote in the last byte before
        const std::size_t window_end = std::min(size_, index_base_ + index_blocks * 64);
        for (std::size_t block = index_base_; block < window_end; block += 64) {
            const std::uint64_t window = block == index_base_ ? ~std::uint64_t{0} << (pos_ - block) : ~std::uint64_t{0};
            const stop_masks m = masks_at(block);
            const std::uint64_t quote = m.quote & window, newline = m.newline & window;
            const std::uint64_t inside = prefix_xor(quote) ^ inside_carry;
            const std::uint64_t separators = (m.comma | m.newline) & window & ~inside;
            const std::uint64_t opening = quote & inside, closing = quote & ~inside;
            const bool refused = (m.special & window) != 0 || (newline & inside) != 0 ||
                                 (opening & ~((separators << 1) | after_separator)) != 0 ||
                                 (closing_at_end != 0 && (separators & 1) == 0) ||
                                 (closing & ~(separators >> 1) & ~(std::uint64_t{1} << 63)) != 0;
            if (refused) return std::min(size_, block + 64);
            append_separators(block - index_base_, separators);
            inside_carry = (inside >> 63) != 0 ? ~std::uint64_t{0} : 0;
            after_separator = separators >> 63;
            closing_at_end = closing >> 63;
        }
        return window_end;
    }

    void append_separators(std::size_t offset, std::uint64_t separators) noexcept {
        std::uint32_t* out = separators_.data() + index_count_;
        index_count_ += static_cast<std::size_t>(std::popcount(separators));
        // Eight entries a round, unconditionally: a block holds about seven, so the loop's one
        // branch is well predicted where a branch per separator would not be. Entries past
        // the last are garbage, overwritten by the next block's.
        while (separators != 0) {
            for (int k = 0; k < 8; ++k) {
                out[k] = static_cast<std::uint32_t>(offset + static_cast<std::size_t>(std::countr_zero(separators)));
                separators &= separators - 1;
            }
            out += 8;
        }
    }

    // Reads the row at pos_ from the index; not_indexed leaves it to read_row.
    indexed read_indexed_row() {
        while (index_next_ < index_count_ && separator_at(index_next_) < pos_) ++index_next_;  // read_row read them
        if (index_next_ + columns_ > index_count_) {
            if (pos_ < index_retry_) return indexed::not_indexed;
            const std::size_t stop = index_from_here();
            if (index_count_ < columns_) {  // not one whole row in the window: read_row reads on past it
                index_retry_ = stop;
                return indexed::not_indexed;
            }
        }
        bool commas = true;  // and a line end last: a row of columns_ cells
        for (std::size_t c = 0; c + 1 < columns_; ++c) commas &= data_[separator_at(index_next_ + c)] == ',';
        if (!commas || data_[separator_at(index_next_ + columns_ - 1)] != '\n')
            return indexed::not_indexed;  // not a row of columns_ cells (a blank line, say): the index goes on after it
        row_cells cells;
        for (std::size_t k = 0; k < read_columns.size(); ++k) {
            const std::size_t c = where_[static_cast<std::size_t>(read_columns[k])];
            if (c == no_column) {
                cells[k] = {};
                continue;
            }
            std::size_t begin = c == 0 ? pos_ : separator_at(index_next_ + c - 1) + 1;
            std::size_t end = separator_at(index_next_ + c);
            if (c + 1 == columns_ && end > begin && data_[end - 1] == '\r') --end;  // CRLF
            const std::size_t quoted = data_[begin] == '"';  // then quoted whole (the index made sure)
            cells[k] = std::string_view(data_ + begin + quoted, end - begin - 2 * quoted);
        }
        const auto row = parse_row(cells);
        if (!row) return indexed::not_indexed;
        if (!add_row(line_, *row)) return indexed::declined;
        pos_ = separator_at(index_next_ + columns_ - 1) + 1;
        ++line_;
        index_next_ += columns_;
        return indexed::read;
    }

    // Reads one row on its own (any row the index leaves out).
    bool read_row() {
        const std::size_t row_line = line_;
        if (!read_plain_record() && !read_record(columns_)) return false;
        row_cells cells;
        for (std::size_t k = 0; k < read_columns.size(); ++k)
            if (!value(read_columns[k], cells[k])) return false;
        const auto row = parse_row(cells);
        return row && add_row(row_line, *row);
    }

    static constexpr std::size_t no_column = ~std::size_t{0};
    static constexpr std::size_t prefetch_distance = 8192;

    std::string_view text_;
    const char* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t block_ = ~std::size_t{0};  // offset of the 64 bytes masks_ describes
    stop_masks masks_{};
    fast_pass& pass_;
    csv_check_rows& out_;
    flagged_rows* flagged_;  // out_.flagged, or a thread's rows shared by its pieces
    // A row has at most one cell per known column: the cells' offsets in the text.
    static constexpr std::size_t max_cells = csv_column_count;
    std::array<std::size_t, max_cells> begin_{}, end_{};
    std::uint32_t escaped_ = 0;  // bit i: cell i holds "" pairs
    std::size_t cells_count_ = 0;
    std::size_t columns_ = 0;
    std::array<std::size_t, csv_column_count> where_{};
};

/// Texts at least this long are read by several threads (when the machine has the cores).
inline constexpr std::size_t csv_parallel_bytes = std::size_t{1} << 20;
/// The size of the pieces they take turns at: small enough that a thread starting late or
/// running slow delays the end by one piece at most, large enough that a piece's set-up is noise.
inline constexpr std::size_t csv_piece_bytes = std::size_t{1} << 17;
/// At most this many threads read one text, the calling one included.
inline constexpr unsigned csv_max_threads = 8;

/// What the reader of one piece found. Each in its own cache line: different threads write them.
struct alignas(64) piece_result {
    bool ok = false;
    bool ended_at_cut = false;  // its last row ended exactly where the next piece starts
    std::size_t lines = 0;      // file lines it read
    std::size_t size = 0;       // rows it read
    bool has_field_survey = false;
    std::optional<fast_pass> pass;
    flagged_rows* flagged = nullptr;  // its flagged rows: spans [first_span, end_span) of its thread's
    std::size_t first_span = 0, end_span = 0;
};

/// Reads the rows that start in text[start, until) into `result`, with sums from `start_pass`
/// (which has no line added) and the flagged rows added to `flagged` (its thread's). The
/// running sums live on the calling thread's stack.
inline void read_piece(std::string_view text, const csv_stream::layout& columns, std::size_t start, std::size_t until,
                       const fast_pass& start_pass, flagged_rows& flagged, piece_result& result) {
    fast_pass pass = start_pass;
    csv_check_rows rows;
    flagged.close_span();
    result.flagged = &flagged;
    result.first_span = flagged.span_count();
    csv_stream stream(text, columns, start, pass, rows, flagged);
    result.ok = stream.read_rows(until);
    result.end_span = flagged.span_count();
    result.ended_at_cut = stream.position() == until;
    result.lines = stream.line() - 1;
    result.size = rows.size;
    result.has_field_survey = rows.has_field_survey;
    result.pass = pass;
}

/// Reads every piece on as many threads as there are cores (at most csv_max_threads, this one
/// included), each taking the next piece in turn: thread t gets its reader from make_reader(t)
/// (with what it reuses from piece to piece) and calls reader(i, results[i]).
template <class MakeReader>
void read_pieces(std::vector<piece_result>& results, const MakeReader& make_reader) {
    std::atomic<std::size_t> next{0};
    const auto work = [&](std::size_t thread) {
        auto read = make_reader(thread);
        for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < results.size();) {
            try {
                read(i, results[i]);
            } catch (...) {  // out of memory, or the file could not be read: the full reader decides
                results[i].ok = false;
            }
            if (!results[i].ok) next.store(results.size(), std::memory_order_relaxed);  // the rest is wasted work
        }
    };
    helper_placement placement;  // started on the other cores, or they would wait on this one
    std::vector<std::thread> helpers;
    try {
        const std::size_t threads = std::min<std::size_t>({std::thread::hardware_concurrency(), csv_max_threads, results.size()});
        for (std::size_t t = 1; t < threads; ++t) {
            helpers.emplace_back([&, t] {
                placement.started();
                work(t);
            });
            placement.move(helpers.back());
        }
    } catch (...) {  // no more threads: the ones there are will do
    }
    placement.placed();
    work(0);
    for (auto& helper : helpers) helper.join();
}

enum class pieces_joined { yes, declined, cut_inside_a_cell };

/// Adds the pieces to `pass` and `rows` in text order; `lines_before` is the file lines before
/// the first piece, `threads_rows` where the threads put the flagged rows. A piece that failed
/// declines; a piece whose last row did not end at the next piece's start had a quoted cell
/// spanning the cut. Either way nothing is added.
inline pieces_joined join_pieces(std::vector<piece_result>& results, std::size_t lines_before,
                                 std::array<flagged_rows, csv_max_threads>& threads_rows, fast_pass& pass,
                                 csv_check_rows& rows) {
    for (const auto& result : results) {
        if (!result.ok) return pieces_joined::declined;
        if (!result.ended_at_cut) return pieces_joined::cut_inside_a_cell;
    }
    fast_pass joined = pass;
    for (const auto& result : results)
        if (!joined.merge(*result.pass)) return pieces_joined::declined;
    pass = joined;
    for (const auto& result : results) {
        rows.flagged.append_spans(*result.flagged, result.first_span, result.end_span, rows.size, lines_before);
        rows.size += result.size;
        rows.has_field_survey |= result.has_field_survey;
        lines_before += result.lines;
    }
    for (auto& thread_rows : threads_rows) rows.flagged.take_blocks(std::move(thread_rows));
    return pieces_joined::yes;
}

/// The one pass over all rows into `pass` and `rows`; false when the input needs the full reader.
/// A long text on a machine with two or more cores is cut at line ends into pieces, which the
/// threads take in turn; the pieces' sums and flagged rows are then joined in text order. A cut
/// holds only if the piece before it ends exactly there: a quoted cell may span it, and then
/// the text is read again by one thread from the start.
inline bool read_csv_rows(std::string_view text, fast_pass& pass, csv_check_rows& rows) {
    csv_stream header(text, pass, rows);
    if (!header.read_header()) return false;
    const std::size_t body = header.position();
    if (text.size() < csv_parallel_bytes || std::thread::hardware_concurrency() < 2) return header.read_rows(text.size());

    // Each piece starts after the first line end at or past its share of the body.
    std::vector<std::size_t> cuts{body};
    for (std::size_t target = body + csv_piece_bytes; target < text.size(); target += csv_piece_bytes) {
        const std::size_t line_end = text.find('\n', std::max(target, cuts.back()));
        if (line_end == std::string_view::npos || line_end + 1 >= text.size()) break;
        cuts.push_back(line_end + 1);
    }
    cuts.push_back(text.size());

    std::vector<piece_result> results(cuts.size() - 1);
    std::array<flagged_rows, csv_max_threads> threads_rows;
    const fast_pass start_pass = pass;
    read_pieces(results, [&, columns = header.columns()](std::size_t thread) {
        return [&, columns, &flagged = threads_rows[thread]](std::size_t i, piece_result& result) {
            read_piece(text, columns, cuts[i], cuts[i + 1], start_pass, flagged, result);
        };
    });
    switch (join_pieces(results, header.line() - 1, threads_rows, pass, rows)) {
        case pieces_joined::yes: return true;
        case pieces_joined::declined: return false;
        case pieces_joined::cut_inside_a_cell: break;
    }
    return header.read_rows(text.size());  // it added nothing to `pass` and `rows` yet
}

/// A file's bytes in pieces, read into one buffer per thread that is reused: the pass then
/// works on memory that stays in the caches and the TLB, where a mapping of the whole file
/// would meet each of its pages cold, and no page of the file is mapped or unmapped.
class file_piece {
public:
    /// Reads bytes [offset, offset + count) of `in`; false when fewer are there.
    bool read(std::ifstream& in, std::uint64_t offset, std::size_t count) {
        size_ = 0;
        return append(in, offset, count);
    }
    /// Reads `count` more bytes, from `offset` on (the offset of the piece's end).
    bool append(std::ifstream& in, std::uint64_t offset, std::size_t count) {
        if (size_ + count > capacity_) {  // room for a piece and the rest of its last line, then reused
            capacity_ = std::max(size_ + count + csv_piece_bytes / 8, 2 * capacity_);
            auto larger = std::make_unique_for_overwrite<char[]>(capacity_);
            if (size_ != 0) std::memcpy(larger.get(), bytes_.get(), size_);
            bytes_ = std::move(larger);
        }
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(bytes_.get() + size_, static_cast<std::streamsize>(count));
        size_ += static_cast<std::size_t>(in.gcount());
        return static_cast<std::size_t>(in.gcount()) == count;
    }
    [[nodiscard]] std::string_view text() const noexcept { return {bytes_.get(), size_}; }

private:
    std::unique_ptr<char[]> bytes_;
    std::size_t size_ = 0, capacity_ = 0;
};

/// read_csv_rows over a file of `size` bytes, read in pieces of csv_piece_bytes. Piece k holds
/// the rows that start after the first line end at or past k x csv_piece_bytes (piece 0: after
/// the header), up to where piece k + 1 starts: each reader reads its share and on to that line
/// end. False when the input needs the full reader, or the file changed while it was read.
inline bool read_csv_file_rows(const std::filesystem::path& file, std::uint64_t size, fast_pass& pass,
                               csv_check_rows& rows) {
    // The header from the file's first 4 KiB; it must end inside them (at their end it might be
    // cut short). A longer header is rare enough to be read whole, with the rest of the file.
    std::ifstream in(file, std::ios::binary);
    std::array<char, 4096> first{};
    const std::size_t first_bytes = static_cast<std::size_t>(std::min<std::uint64_t>(size, first.size()));
    if (!in.read(first.data(), static_cast<std::streamsize>(first_bytes))) return false;
    csv_stream header(std::string_view(first.data(), first_bytes), pass, rows);
    if (!header.read_header() || header.position() >= first_bytes) return false;

    constexpr std::size_t step = 4096;  // reading on to a line end past the share
    std::vector<piece_result> results(static_cast<std::size_t>((size + csv_piece_bytes - 1) / csv_piece_bytes));
    const fast_pass start_pass = pass;
    // Each thread reads through its own stream into its own buffer, reused piece after piece.
    std::array<flagged_rows, csv_max_threads> threads_rows;
    const auto make_reader = [&, columns = header.columns()](std::size_t thread) {
        return [&, columns, &flagged = threads_rows[thread], in = std::ifstream(file, std::ios::binary),
                piece = file_piece()](std::size_t k, piece_result& result) mutable {
            const std::uint64_t offset = std::uint64_t{k} * csv_piece_bytes;
            const std::size_t share = static_cast<std::size_t>(std::min<std::uint64_t>(csv_piece_bytes, size - offset));
            if (!in || !piece.read(in, offset, share)) return;  // result.ok stays false
            std::size_t until = piece.text().size();
            if (offset + share < size) {  // on to the first line end at or past the next piece's offset
                for (;;) {
                    const auto line_end = piece.text().find('\n', share);
                    if (line_end != std::string_view::npos) {
                        until = line_end + 1;
                        break;
                    }
                    const auto more = static_cast<std::size_t>(std::min<std::uint64_t>(step, size - offset - piece.text().size()));
                    if (more == 0) {
                        until = piece.text().size();
                        break;
                    }
                    if (!piece.append(in, offset + piece.text().size(), more)) return;
                }
            }
            std::size_t start = header.position();
            if (k > 0) {
                const auto line_end = piece.text().find('\n');
                start = line_end == std::string_view::npos ? until : std::min(line_end + 1, until);
            }
            read_piece(piece.text().substr(0, until), columns, start, until, start_pass, flagged, result);
        };
    };
    read_pieces(results, make_reader);
    return join_pieces(results, header.line() - 1, threads_rows, pass, rows) == pieces_joined::yes;
}

}  // namespace detail

template <class ReadRows>
std::optional<csv_check> csv_check::streamed(const budget_terms& terms, const c3p::policy& p, ReadRows&& read_rows) {
    const detail::tax_factors tax(p);
    auto pass = detail::fast_pass::make(p, tax);
    if (!pass) return std::nullopt;
    detail::csv_check_rows rows;
    if (!read_rows(*pass, rows)) return std::nullopt;
    csv_check out(terms, p);
    out.streamed_ = true;
    out.size_ = rows.size;
    out.flagged_ = std::move(rows.flagged);
    out.totals_ = pass->subtotals();
    detail::finish(out.totals_, terms, rows.has_field_survey, p);
    detail::check_budget(out.built_, terms, rows.has_field_survey, out.totals_, p);
    out.has_errors_ = out.flagged_.any_error() ||
                      std::any_of(out.built_.begin(), out.built_.end(), [](const violation& v) { return v.is_error(); });
    return out;
}

/// Reads and checks a budget CSV held in memory (SPEC section 9) under a policy and the budget's
/// terms. Never throws for bad input: read problems are in errors(). Throws what check() throws
/// (arithmetic that cannot be exact) and std::invalid_argument for invalid terms.
inline csv_check check_csv(std::string_view text, const budget_terms& terms, const policy& p) {
    budget{}.set_terms(terms);  // refuses invalid terms before anything is read
    auto streamed = csv_check::streamed(terms, p, [&](detail::fast_pass& pass, detail::csv_check_rows& rows) {
        return detail::read_csv_rows(text, pass, rows);
    });
    if (streamed) return std::move(*streamed);

    csv_check out(terms, p);
    auto read = read_budget_csv(text);
    if (!read.ok()) {
        out.errors_ = std::move(read.errors);
        return out;
    }
    read.budget.set_terms(terms);
    auto result = check(read.budget, p);
    out.size_ = read.budget.size();
    out.totals_ = result.totals;
    out.has_errors_ = result.has_errors();
    out.built_ = std::move(result.violations);
    out.row_lines_ = std::move(read.row_lines);
    return out;
}

/// check_csv of a file's contents. A long file is read in pieces by several threads and is never
/// held whole in memory, unless the one pass cannot decide it alone: then it is read whole and
/// given to check_csv. Throws std::runtime_error when the file cannot be read, besides what
/// check_csv throws.
inline csv_check check_csv_file(const std::filesystem::path& file, const budget_terms& terms, const policy& p) {
    const auto read_whole = [&] {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw std::runtime_error("c3p: cannot open " + file.string());
        std::string text;
        std::array<char, 1 << 16> buffer;
        while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0)
            text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (in.bad()) throw std::runtime_error("c3p: cannot read " + file.string());
        return text;
    };
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error || size < detail::csv_parallel_bytes || std::thread::hardware_concurrency() < 2)
        return check_csv(read_whole(), terms, p);

    budget{}.set_terms(terms);  // refuses invalid terms before anything is read
    auto streamed = csv_check::streamed(terms, p, [&](detail::fast_pass& pass, detail::csv_check_rows& rows) {
        return detail::read_csv_file_rows(file, size, pass, rows);
    });
    if (streamed) return std::move(*streamed);
    return check_csv(read_whole(), terms, p);
}

}  // namespace c3p
