// c3p::line_amount_list — each line's amount as a check computed it, kept when asked for
// (check_options::line_amounts): a range of c3p::checked_line values in line order.
//
//     const auto r = c3p::check(b, c3p::fy2025, {.line_amounts = true});
//     for (const c3p::checked_line& l : *r.line_amounts) std::cout << l.line << ' ' << to_string(l.amount) << '\n';
//
// A file of 200,000 lines keeps 200,000 amounts, so each is kept in 24 bytes (an amount beyond
// 64 bits apart), and a checker joined to another adopts its pieces without copying them, as
// violation_list does with violations.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/decimal.hpp"
#include "c3p/detail/integer.hpp"
#include "c3p/yen.hpp"

namespace c3p {

/// One line's amount as the check computed it (the line formula of docs/rules.md).
struct checked_line {
    std::size_t line = 0;                     ///< 0-based index among the budget's lines
    std::optional<std::size_t> source_line;  ///< 1-based file line, for a line read from a file
    c3p::item item = c3p::item::personnel;
    yen amount{};

    friend bool operator==(const checked_line&, const checked_line&) = default;
};

class line_amount_list {
    struct piece;

public:
    class iterator {
    public:
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::input_iterator_tag;  // elements are values, not references
        using value_type = checked_line;
        using difference_type = std::ptrdiff_t;
        using reference = checked_line;

        iterator() = default;
        checked_line operator*() const { return list_->written(list_->pieces_[piece_], offset_); }
        iterator& operator++() noexcept {
            if (++offset_ == list_->pieces_[piece_].lines.size()) {
                ++piece_;
                offset_ = 0;
            }
            return *this;
        }
        iterator operator++(int) noexcept {
            auto before = *this;
            ++*this;
            return before;
        }
        friend bool operator==(const iterator& a, const iterator& b) noexcept {
            return a.piece_ == b.piece_ && a.offset_ == b.offset_;
        }

    private:
        friend class line_amount_list;
        iterator(const line_amount_list* list, std::size_t piece_index) noexcept : list_(list), piece_(piece_index) {}
        const line_amount_list* list_ = nullptr;
        std::size_t piece_ = 0, offset_ = 0;
    };

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

    /// Line `i`'s amount (i < size()).
    [[nodiscard]] checked_line operator[](std::size_t i) const {
        const auto found = std::upper_bound(pieces_.begin(), pieces_.end(), i,
                                            [](std::size_t k, const piece& p) { return k < p.first; });
        return written(*(found - 1), i - (found - 1)->first);
    }
    [[nodiscard]] iterator begin() const noexcept { return {this, 0}; }
    [[nodiscard]] iterator end() const noexcept { return {this, pieces_.size()}; }

    [[nodiscard]] std::vector<checked_line> to_vector() const { return {begin(), end()}; }

    friend bool operator==(const line_amount_list& a, const line_amount_list& b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
    }

private:
    friend class checker;

    /// An amount as kept: in 64 bits, or (`wide`) an index into its piece's `wide`.
    struct stored {
        std::size_t source_line = 0;  // counted in its piece; 0 when not known
        std::int64_t amount = 0;
        c3p::item item = c3p::item::personnel;
        bool wide = false;
    };
    /// The amounts of one checker's lines; an adopted piece's file lines count from its offset.
    struct piece {
        std::vector<stored> lines;
        std::vector<yen> wide;
        std::size_t first = 0;  // index of its first line
        std::size_t source_line_offset = 0;
        bool own = true;  // the checker's own, where it adds; adopted pieces are closed
    };

    /// Keeps the amount of the next line: one in whole yen within 64 bits (the fast path's) as it
    /// is, any other apart.
    void push_back(std::optional<std::size_t> source_line, item booked, std::int64_t amount) {
        own_piece().lines.push_back({source_line.value_or(0), amount, booked, false});
        ++size_;
    }
    void push_back(std::optional<std::size_t> source_line, item booked, const yen& amount) {
        const auto& millionths = detail::millionths(amount.value());
        const auto whole = millionths % 1'000'000 == 0 ? detail::to_int64(millionths / 1'000'000) : std::nullopt;
        if (whole) return push_back(source_line, booked, *whole);
        piece& p = own_piece();
        p.lines.push_back({source_line.value_or(0), static_cast<std::int64_t>(p.wide.size()), booked, true});
        p.wide.push_back(amount);
        ++size_;
    }
    piece& own_piece() {
        if (pieces_.empty() || !pieces_.back().own) pieces_.push_back(piece{{}, {}, size_, 0, true});
        return pieces_.back();
    }
    /// Adopts `later`'s amounts as those of the lines that follow, with file lines after
    /// `source_lines_before`.
    void adopt(line_amount_list&& later, std::size_t source_lines_before) {
        for (auto& p : later.pieces_) {
            if (p.lines.empty()) continue;
            p.first += size_;
            p.source_line_offset += source_lines_before;
            p.own = false;
            pieces_.push_back(std::move(p));
        }
        size_ += later.size_;
        later.pieces_.clear();
        later.size_ = 0;
    }

    [[nodiscard]] checked_line written(const piece& p, std::size_t offset) const {
        const stored& s = p.lines[offset];
        const auto source_line = s.source_line == 0 ? std::nullopt : std::optional(s.source_line + p.source_line_offset);
        return {p.first + offset, source_line, s.item, s.wide ? p.wide[static_cast<std::size_t>(s.amount)] : yen(s.amount)};
    }

    std::vector<piece> pieces_;
    std::size_t size_ = 0;
};

}  // namespace c3p
