// c3p::violation_list — the violations of a check, a settlement or a plan's year, in the order
// they were found: a random-access range whose elements are c3p::violation values, with one
// has_errors().
//
//     for (const c3p::violation& v : result.violations) std::cout << c3p::describe(v) << '\n';
//     if (!result.violations.empty()) report(result.violations[0]);
//
// A long budget can break a rule on thousands of lines (every equipment line needs approval).
// A line violation found on the fast path is kept in 48 bytes, its line's figures, and written
// out as a violation, with its unit cost worked out exactly, each time it is read. Memory then
// grows by 48 bytes a violation, and a checker joined to another adopts its violations without
// copying them (checker::append).
#pragma once

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/detail/line_rules.hpp"
#include "c3p/policy.hpp"
#include "c3p/sheet.hpp"
#include "c3p/violation.hpp"

namespace c3p {

namespace detail {

/// A violation as kept: a line rule broken on the fast path, with the line's 64-bit figures,
/// or (`full`) a reference to a violation kept whole.
struct kept_violation {
    std::size_t index = 0;        ///< the line's index, counted in its chunk
    std::size_t source_line = 0;  ///< its file line, counted in its chunk; 0 when not known
    std::int64_t unit_price = 0;  ///< millionths of a yen
    std::int64_t quantity = 0;    ///< millionths
    std::int64_t amount = 0;      ///< yen
    c3p::item item = c3p::item::personnel;
    price_basis basis = price_basis::exclusive;
    c3p::rule rule = c3p::rule::cap_exceeded;
    bool full = false;
    std::uint32_t full_index = 0;  ///< in the chunk's `full`
};

}  // namespace detail

class violation_list {
public:
    class iterator {
    public:
        using iterator_concept = std::random_access_iterator_tag;
        using iterator_category = std::input_iterator_tag;  // elements are values, not references
        using value_type = violation;
        using difference_type = std::ptrdiff_t;
        using reference = violation;

        iterator() = default;
        violation operator*() const { return (*list_)[index_]; }
        violation operator[](difference_type n) const { return (*list_)[advanced(n)]; }
        iterator& operator++() noexcept { return *this += 1; }
        iterator operator++(int) noexcept { auto before = *this; ++*this; return before; }
        iterator& operator--() noexcept { return *this -= 1; }
        iterator operator--(int) noexcept { auto before = *this; --*this; return before; }
        iterator& operator+=(difference_type n) noexcept {
            index_ = advanced(n);
            return *this;
        }
        iterator& operator-=(difference_type n) noexcept { return *this += -n; }
        friend iterator operator+(iterator it, difference_type n) noexcept { return it += n; }
        friend iterator operator+(difference_type n, iterator it) noexcept { return it += n; }
        friend iterator operator-(iterator it, difference_type n) noexcept { return it -= n; }
        friend difference_type operator-(const iterator& a, const iterator& b) noexcept {
            return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
        }
        friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.index_ == b.index_; }
        friend std::strong_ordering operator<=>(const iterator& a, const iterator& b) noexcept {
            return a.index_ <=> b.index_;
        }

    private:
        friend class violation_list;
        iterator(const violation_list* list, std::size_t index) noexcept : list_(list), index_(index) {}
        [[nodiscard]] std::size_t advanced(difference_type n) const noexcept {
            return static_cast<std::size_t>(static_cast<difference_type>(index_) + n);
        }
        const violation_list* list_ = nullptr;
        std::size_t index_ = 0;
    };

    /// No violations (kept for the rules of `p`).
    explicit violation_list(const policy& p = fy2025) : violation_list(p, detail::tax_factors(p)) {}
    /// The same with the rates derived from `p` already.
    violation_list(const policy& p, const detail::tax_factors& tax) : policy_(p), tax_(tax) {}

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

    /// Violation `i` (i < size()).
    [[nodiscard]] violation operator[](std::size_t i) const {
        const auto found = std::upper_bound(chunks_.begin(), chunks_.end(), i,
                                            [](std::size_t k, const chunk& c) { return k < c.first; });
        const chunk& c = *(found - 1);
        return written(c, c.kept[i - c.first]);
    }
    [[nodiscard]] violation front() const { return (*this)[0]; }
    [[nodiscard]] violation back() const { return (*this)[size_ - 1]; }
    [[nodiscard]] iterator begin() const noexcept { return {this, 0}; }
    [[nodiscard]] iterator end() const noexcept { return {this, size_}; }

    /// From now on each violation of a file's line carries its cell in `layout`, the layout of
    /// the file the lines were read from (sheet_layout::cell_of).
    void locate(sheet_layout layout) { layout_ = std::move(layout); }

    /// Every violation, written out.
    [[nodiscard]] std::vector<violation> to_vector() const {
        std::vector<violation> out;
        out.reserve(size_);
        for (const auto& c : chunks_)
            for (const auto& k : c.kept) out.push_back(written(c, k));
        return out;
    }

    /// Adds `v` at the end.
    void push_back(violation v) {
        auto& c = own_chunk();
        detail::kept_violation k;
        k.full = true;
        k.full_index = static_cast<std::uint32_t>(c.full.size());
        c.full.push_back(std::move(v));
        c.kept.push_back(k);
        ++size_;
    }

    /// Whether a violation is an error.
    [[nodiscard]] bool has_errors() const {
        for (const auto& c : chunks_) {
            for (const auto& k : c.kept) {
                if (k.full ? c.full[k.full_index].is_error() : catalogue_severity(k.rule) == severity::error) return true;
            }
        }
        return false;
    }

    friend bool operator==(const violation_list& a, const violation_list& b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
    }

private:
    friend class checker;

    /// The violations of one checker's lines. Line indices and file lines kept in it count from
    /// the offsets: a checker's own chunk has none; one adopted from a checker of a later piece has.
    struct chunk {
        std::vector<detail::kept_violation> kept;
        std::vector<violation> full;
        std::size_t first = 0;  // index in the list of its first violation
        std::size_t line_offset = 0;
        std::size_t source_line_offset = 0;
        bool own = true;  // the checker's own, where it adds; adopted chunks are closed
    };

    chunk& own_chunk() {
        if (chunks_.empty() || !chunks_.back().own) chunks_.push_back(chunk{{}, {}, size_, 0, 0, true});
        return chunks_.back();
    }
    void add_kept(const detail::kept_violation& k) {
        own_chunk().kept.push_back(k);
        ++size_;
    }
    /// Drops the violations after the first `count` (in the own chunk: what a declined pass added).
    void truncate(std::size_t count) {
        while (!chunks_.empty() && chunks_.back().first >= count) chunks_.pop_back();
        if (!chunks_.empty()) {
            auto& c = chunks_.back();
            c.kept.resize(count - c.first);
            std::size_t full = 0;
            for (const auto& k : c.kept) full += k.full;
            c.full.resize(full);
        }
        size_ = count;
    }
    /// Adopts `later`'s violations as those of lines that follow `lines_before` lines, with file
    /// lines after `source_lines_before`.
    void adopt(violation_list&& later, std::size_t lines_before, std::size_t source_lines_before) {
        for (auto& c : later.chunks_) {
            c.first += size_;
            c.line_offset += lines_before;
            c.source_line_offset += source_lines_before;
            c.own = false;
            chunks_.push_back(std::move(c));
        }
        size_ += later.size_;
        later.chunks_.clear();
        later.size_ = 0;
    }

    [[nodiscard]] violation written(const chunk& c, const detail::kept_violation& k) const {
        violation v;
        if (k.full) {
            v = c.full[k.full_index];
            if (v.line) *v.line += c.line_offset;
            if (v.source_line) *v.source_line += c.source_line_offset;
        } else {
            const detail::line_figures figures{k.item, k.basis, yen(decimal::from_millionths(k.unit_price)),
                                               quantity(decimal::from_millionths(k.quantity)), yen(k.amount)};
            const auto source_line =
                k.source_line == 0 ? std::nullopt : std::optional(k.source_line + c.source_line_offset);
            v = detail::line_violation(k.rule, k.index + c.line_offset, source_line, figures, policy_, tax_);
        }
        if (layout_) v.cell = layout_->cell_of(v);
        return v;
    }

    c3p::policy policy_;
    detail::tax_factors tax_;
    std::vector<chunk> chunks_;
    std::size_t size_ = 0;
    std::optional<sheet_layout> layout_;  // the file's, once located
};

}  // namespace c3p
