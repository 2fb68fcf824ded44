// c3p::checker — checks a budget one line at a time and keeps only what it found: the running
// sums and the violations, never the lines. `check(budget)` is a checker run over a budget's
// lines; a reader of a file feeds one row by row. Either way the same code judges every line, so
// the result of a streamed check is the library's by construction.
//
//     c3p::checker c(c3p::fy2025, {.general_admin_rate = c3p::rate::percent(10)});
//     for (const auto& [l, file_line] : rows) c.add(l, file_line);
//     const c3p::check_result result = std::move(c).finish();
//
// Each line goes through the fast path first: its figures in 64 bits, every step checked for
// overflow. A line that does not fit (or a fraction under rounding::never) switches the checker
// to the exact path, 256-bit intermediates through Boost.Multiprecision, for that line and every
// later one; the sums so far carry over exactly. Both paths are the same templates
// (detail/arithmetic.hpp) on different integers.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/detail/line_facts.hpp"
#include "c3p/detail/line_rules.hpp"
#include "c3p/detail/portability.hpp"
#include "c3p/detail/sv_literals.hpp"
#include "c3p/line_amount_list.hpp"
#include "c3p/policy.hpp"
#include "c3p/totals.hpp"
#include "c3p/violation.hpp"
#include "c3p/violation_list.hpp"
#include "c3p/yen.hpp"

namespace c3p {

/// What a check keeps besides the totals and the violations.
struct check_options {
    /// Each line's amount, in line order (check_result::line_amounts): memory and time for every
    /// line, where the check otherwise keeps only what it found.
    bool line_amounts = false;
};

/// What a check found, with the rules and terms it was found under.
struct check_result {
    c3p::policy policy = fy2025;  ///< the rules the budget was checked against
    budget_terms terms;           ///< the budget's terms
    std::size_t line_count = 0;   ///< lines checked
    c3p::totals totals;
    /// Line rules in line order (catalogue order within a line), then budget rules in catalogue order.
    violation_list violations;
    /// Every line's amount in line order, when the check was asked to keep them (check_options).
    std::optional<line_amount_list> line_amounts{};

    [[nodiscard]] bool has_errors() const { return violations.has_errors(); }
};

namespace detail {

/// The file lines of the first line stating G&A and the first stating consumption tax, where known.
struct stated_rows {
    std::optional<std::size_t> general_admin{}, consumption_tax{};
};

/// The computed figure a summary row names.
[[nodiscard]] inline yen figure_of(const totals& t, const summary_figure& f) {
    switch (f.of) {
        case summary_figure::kind::item: return t.item(f.item);
        case summary_figure::kind::category: return t.category(f.category);
        case summary_figure::kind::group: return t.group(f.group);
        case summary_figure::kind::pre_tax: return t.pre_tax;
        case summary_figure::kind::total: break;
    }
    return t.total;
}

/// input.summary_row: the summary row at file line `source_line` was skipped.
[[nodiscard]] inline violation summary_row_skipped(std::optional<std::size_t> source_line) {
    violation v = violation_of(rule::input_summary_row);
    v.source_line = source_line;
    return v;
}

/// input.summary_mismatch: what summary row `s` states against the figure it names, `computed`.
[[nodiscard]] inline violation summary_mismatch(const summary_statement& s, const yen& computed) {
    violation v = violation_of(rule::input_summary_mismatch);
    v.source_line = s.source_line;
    v.actual = s.stated.value();
    v.limit = computed.value();
    v.summary = s.names;
    if (s.names.of == summary_figure::kind::item) v.item = s.names.item;
    if (s.names.of == summary_figure::kind::category) v.category = s.names.category;
    return v;
}

/// The budget rules' violations (catalogue order) for the completed totals `t` of `lines` lines;
/// those about stated G&A or tax name the row that states it, and each summary row whose
/// stated amount is not the figure it names is one.
inline std::vector<violation> budget_violations(const budget_terms& terms, bool has_field_survey, std::size_t lines,
                                                const totals& t, const policy& p, const stated_rows& stated_at = {},
                                                std::span<const summary_statement> summaries = {}) {
    std::vector<violation> out;
    const auto add = [&](rule r, std::optional<item> concerned, std::optional<decimal> actual,
                         std::optional<decimal> limit) -> violation& {
        violation& v = out.emplace_back(violation_of(r));
        v.item = concerned;
        v.actual = std::move(actual);
        v.limit = std::move(limit);
        return v;
    };
    const auto explained = [](violation& v, const rate& applied, share_base kind, const yen& base) {
        v.rate = applied;
        v.base_kind = kind;
        v.base = base.value();
    };

    // over_rate needs a rate and rate_missing its absence: at most one of the two applies.
    if (t.general_admin_stated) {
        const auto& stated = *t.general_admin_stated;
        if (terms.general_admin_rate && stated > t.general_admin_maximum) {
            violation& v = add(rule::general_admin_over_rate, item::general_admin, stated.value(),
                               t.general_admin_maximum.value());
            explained(v, *terms.general_admin_rate, share_base::general_admin_base, t.general_admin_base);
            v.source_line = stated_at.general_admin;
        }
        if (!terms.general_admin_rate)
            add(rule::general_admin_rate_missing, item::general_admin, stated.value(), std::nullopt).source_line =
                stated_at.general_admin;
    }
    if (t.consumption_tax_stated && *t.consumption_tax_stated != t.consumption_tax()) {
        violation& v = add(rule::consumption_tax_mismatch, item::consumption_tax, t.consumption_tax_stated->value(),
                           t.consumption_tax().value());
        explained(v, p.consumption_tax, share_base::pre_tax_total, t.pre_tax);
        v.source_line = stated_at.consumption_tax;
    }
    const auto share = outsourcing_share_of(t, p);
    if (!share.within()) {
        violation& v = add(rule::outsourcing_over_half, item::outsourcing, share.outsourced.value(),
                           share.allowed.floor_to_millionths());
        if (terms.outsourcing_justified) v.severity = severity::warning;  // the catalogue's one exception
        explained(v, p.outsourcing_share,
                  p.outsourcing_of == outsourcing_base::pre_tax_total ? share_base::pre_tax_total
                                                                      : share_base::personnel_operating_general_admin,
                  share.base);
    }
    if (terms.uplift > p.maximum_uplift)
        add(rule::uplift_over_maximum, std::nullopt, terms.uplift.value(), p.maximum_uplift.value());
    if (!terms.uplift.is_zero() && !has_field_survey)
        add(rule::uplift_without_field_survey, std::nullopt, terms.uplift.value(), decimal{});
    if (t.total > t.cap) add(rule::cap_exceeded, std::nullopt, t.total.value(), t.cap.value());
    for (const auto& s : summaries)
        if (const yen computed = figure_of(t, s.names); computed != s.stated) out.push_back(summary_mismatch(s, computed));
    if (lines == 0) add(rule::budget_empty, std::nullopt, std::nullopt, std::nullopt);
    // G&A of 0 is legal, but with costs to claim it on and no rate it is usually a forgotten rate.
    if (!terms.general_admin_rate && !t.general_admin_stated && t.general_admin_base > yen{})
        add(rule::general_admin_not_claimed, item::general_admin, t.general_admin_base.value(),
            std::nullopt);
    return out;
}

/// Appends the 8 bytes of `value` to `out`, as this machine holds them: checker::to_bytes's
/// words, read back by take_word in the same build.
inline void put_word(std::string& out, std::uint64_t value) { out.append(reinterpret_cast<const char*>(&value), sizeof value); }

/// Takes a word put_word wrote from the front of `bytes`; false when fewer than 8 bytes are left.
inline bool take_word(std::string_view& bytes, std::uint64_t& value) noexcept {
    if (bytes.size() < sizeof value) return false;
    std::memcpy(&value, bytes.data(), sizeof value);
    bytes.remove_prefix(sizeof value);
    return true;
}

/// How far ahead the loop over a stored budget's facts asks for them: 4 KiB. The hardware
/// prefetchers stop at a page's end, and the work per line is too long for the processor to run
/// ahead into the next page on its own.
inline constexpr std::size_t prefetch_lines = 4096 / sizeof(line_facts);

}  // namespace detail

class checker {
public:
    /// Throws std::invalid_argument for invalid terms (a G&A rate above 100%, a negative uplift).
    explicit checker(const policy& p = fy2025, const budget_terms& terms = {}, const check_options& options = {})
        : policy_(p), terms_(terms), tax_(p), fast_(detail::fast_line_rules::make(p, tax_)), violations_(p, tax_) {
        detail::require_valid(terms);
        if (options.line_amounts) line_amounts_.emplace();
        if (!fast_) go_exact();
    }

    /// Checks one more line; `source_line` is the 1-based file line it was read from, if any.
    /// Throws c3p::overflow_error when a figure cannot be exact (and c3p::inexact_error for a
    /// fraction of a yen under a rounding::never policy); the checker is then unchanged.
    checker& add(const line& l, std::optional<std::size_t> source_line = std::nullopt) {
        if (!exact_) {
            const auto facts = detail::make_line_facts(l.item, static_cast<std::uint8_t>(l.basis),
                                                       l.reason == consumable_reason::none,
                                                       detail::millionths(l.unit_price.value()),
                                                       detail::millionths(l.quantity.value()));
            std::int64_t amount;
            detail::rule_set broken;
            if (add_fast(facts, amount, broken)) {
                if (line_amounts_) line_amounts_->push_back(source_line, l.item, amount);
                if (!broken.empty()) keep(broken, lines_, source_line, l, amount);
                count_line(l.item, l.field_survey, source_line);
                return *this;
            }
            go_exact();
        }
        add_exact(l, lines_, source_line);
        return *this;
    }

    /// Records that a reader skipped a summary row (合計, 小計, total) at file line `source_line`:
    /// the warning input.summary_row, among the line rules' violations in file order. Where the
    /// row states an amount for a figure it names, the check compares them when it finishes
    /// (input.summary_mismatch).
    checker& skipped_summary_row(std::optional<std::size_t> source_line,
                                 std::optional<summary_statement> stated = std::nullopt) {
        violations_.push_back(detail::summary_row_skipped(source_line));
        if (stated) summaries_.push_back(*stated);
        return *this;
    }

    /// Adds the lines another checker saw, as lines that follow this one's: their indices are
    /// shifted by size(), and their file lines by `source_lines_before` (for a reader that cut a
    /// file into pieces, each checked by a checker of its own, the file lines before `later`'s
    /// piece). Throws std::invalid_argument when `later` has another policy or other terms.
    checker& append(checker&& later, std::size_t source_lines_before = 0) {
        if (!(later.policy_ == policy_) || !(later.terms_ == terms_) ||
            later.line_amounts_.has_value() != line_amounts_.has_value())
            throw std::invalid_argument("c3p: checkers with different policies, terms or options cannot be joined");
        if (line_amounts_) line_amounts_->adopt(std::move(*later.line_amounts_), source_lines_before);
        if (!exact_ && !later.exact_) {
            std::array<std::int64_t, item_count> sums = fast_sums_;
            bool fits = true;
            for (std::size_t k = 0; k < item_count && fits; ++k)
                fits = !detail::add_overflows(sums[k], later.fast_sums_[k], sums[k]);
            if (fits) fast_sums_ = sums;
            else go_exact();
        }
        if (exact_ || later.exact_) {
            go_exact();
            later.go_exact();
            for (std::size_t k = 0; k < item_count; ++k) exact_sums_[k] += later.exact_sums_[k];
        }
        violations_.adopt(std::move(later.violations_), lines_, source_lines_before);
        lines_ += later.lines_;
        has_stated_general_admin_ |= later.has_stated_general_admin_;
        has_stated_tax_ |= later.has_stated_tax_;
        const auto shifted = [&](std::optional<std::size_t> line) {
            return line ? std::optional(*line + source_lines_before) : std::nullopt;
        };
        if (!stated_at_.general_admin) stated_at_.general_admin = shifted(later.stated_at_.general_admin);
        if (!stated_at_.consumption_tax) stated_at_.consumption_tax = shifted(later.stated_at_.consumption_tax);
        for (auto s : later.summaries_) {
            s.source_line += source_lines_before;
            summaries_.push_back(s);
        }
        has_field_survey_ |= later.has_field_survey_;
        return *this;
    }

    /// The checker's state as bytes, for joining (append) checkers that ran in another instance
    /// of the same build: a Web Worker that checked a piece of a file (web/). from_bytes under
    /// the same policy, terms and options gives the checker back. Nullopt where the state is not
    /// kept so: sums past 64 bits, line amounts kept, a violation other than a line rule's (a
    /// skipped summary row), a checker that was joined.
    [[nodiscard]] std::optional<std::string> to_bytes() const {
        const auto& chunks = violations_.chunks_;
        if (exact_ || line_amounts_ || !summaries_.empty() || chunks.size() > 1) return std::nullopt;
        if (!chunks.empty() && (!chunks[0].own || chunks[0].line_offset != 0 || chunks[0].source_line_offset != 0 ||
                                !chunks[0].full.empty()))
            return std::nullopt;
        std::string out(bytes_tag);
        const auto put = [&](std::uint64_t value) { detail::put_word(out, value); };
        put(lines_);
        put(std::uint64_t{has_stated_general_admin_} | std::uint64_t{has_stated_tax_} << 1 | std::uint64_t{has_field_survey_} << 2);
        put(stated_at_.general_admin.value_or(0));  // file lines count from 1: 0 is none
        put(stated_at_.consumption_tax.value_or(0));
        for (const std::int64_t sum : fast_sums_) put(static_cast<std::uint64_t>(sum));
        const std::size_t kept = chunks.empty() ? 0 : chunks[0].kept.size();
        put(kept);
        if (kept != 0) out.append(reinterpret_cast<const char*>(chunks[0].kept.data()), kept * sizeof(detail::kept_violation));
        return out;
    }

    /// The checker to_bytes wrote, under `p`, `terms` and `options` (those it ran under); nullopt
    /// when `bytes` are not such a state.
    [[nodiscard]] static std::optional<checker> from_bytes(std::string_view bytes, const policy& p,
                                                           const budget_terms& terms, const check_options& options = {}) {
        static_assert(std::is_trivially_copyable_v<detail::kept_violation>);
        checker c(p, terms, options);
        if (c.exact_ || c.line_amounts_ || !bytes.starts_with(bytes_tag)) return std::nullopt;
        bytes.remove_prefix(bytes_tag.size());
        const auto take = [&](std::uint64_t& value) { return detail::take_word(bytes, value); };
        std::uint64_t lines, flags, general_admin, tax, kept;
        if (!take(lines) || !take(flags) || !take(general_admin) || !take(tax)) return std::nullopt;
        for (auto& sum : c.fast_sums_) {
            std::uint64_t value;
            if (!take(value)) return std::nullopt;
            sum = static_cast<std::int64_t>(value);
        }
        if (!take(kept) || bytes.size() != kept * sizeof(detail::kept_violation)) return std::nullopt;
        c.lines_ = static_cast<std::size_t>(lines);
        c.has_stated_general_admin_ = (flags & 1) != 0;
        c.has_stated_tax_ = (flags & 2) != 0;
        c.has_field_survey_ = (flags & 4) != 0;
        if (general_admin != 0) c.stated_at_.general_admin = static_cast<std::size_t>(general_admin);
        if (tax != 0) c.stated_at_.consumption_tax = static_cast<std::size_t>(tax);
        for (std::size_t k = 0; k < kept; ++k) {
            detail::kept_violation v;
            std::memcpy(&v, bytes.data() + k * sizeof v, sizeof v);
            // Read back as written, but never an enum out of its range, whatever the bytes.
            if (v.full || static_cast<std::size_t>(v.item) >= item_count || static_cast<std::size_t>(v.rule) >= rule_count ||
                static_cast<std::size_t>(v.basis) > static_cast<std::size_t>(price_basis::untaxed))
                return std::nullopt;
            c.violations_.add_kept(v);
        }
        return c;
    }

    /// Lines checked so far.
    [[nodiscard]] std::size_t size() const noexcept { return lines_; }
    [[nodiscard]] const c3p::policy& policy() const noexcept { return policy_; }
    [[nodiscard]] const budget_terms& terms() const noexcept { return terms_; }

    /// The figures and every violation of the lines so far.
    [[nodiscard]] check_result finish() const& { return checker(*this).finish_moving(); }
    [[nodiscard]] check_result finish() && { return finish_moving(); }

private:
    friend check_result check(const budget& b, const c3p::policy& p, const check_options& options);

    /// What to_bytes writes first: the format's name and version.
    static constexpr std::string_view bytes_tag = "c3pchk01"sv;

    /// A line of a stored budget that breaks a line rule, as the fast loop finds it.
    struct flagged_line {
        std::size_t index;
        std::int64_t amount;
        detail::rule_set broken;
    };

    /// The fast path's step for one line: its amount, the rules it breaks, and its item's sum.
    /// False, with nothing changed, when a figure does not fit 64 bits.
    bool add_fast(const detail::line_facts& f, std::int64_t& amount, detail::rule_set& broken) noexcept {
        if (!fast_->amount(f, amount) || !fast_->broken_rules(f, amount, broken)) return false;
        auto& sum = fast_sums_[static_cast<std::size_t>(f.item)];
        std::int64_t added;
        if (detail::add_overflows(sum, amount, added)) return false;
        sum = added;
        return true;
    }

    void count_line(item booked, bool field_survey, std::optional<std::size_t> source_line) noexcept {
        ++lines_;
        has_field_survey_ |= field_survey;
        note_stated(booked, source_line);
    }
    void note_stated(item booked, std::optional<std::size_t> source_line = std::nullopt) noexcept {
        if (booked == item::general_admin || booked == item::consumption_tax) [[unlikely]] {
            // Rare: a branch rather than two flags written every line, a chain through memory.
            has_stated_general_admin_ |= booked == item::general_admin;
            has_stated_tax_ |= booked == item::consumption_tax;
            auto& first = booked == item::general_admin ? stated_at_.general_admin : stated_at_.consumption_tax;
            if (!first) first = source_line;
        }
    }
    /// The stated rows of a stored budget whose lines the fast loop took without their file lines.
    void note_stated_rows(const budget& b) {
        if (!has_stated_general_admin_ && !has_stated_tax_) return;
        const auto lines = b.lines();
        for (std::size_t i = 0; i < lines.size(); ++i) note_stated(lines[i].item, b.source_line(i));
    }

    /// Keeps the violations of a line the fast path found breaking `broken`, in 48 bytes each.
    void keep(detail::rule_set broken, std::size_t index, std::optional<std::size_t> source_line, const line& l,
              std::int64_t amount) {
        detail::kept_violation k;
        k.index = index;
        k.source_line = source_line.value_or(0);
        k.unit_price = *detail::to_int64(detail::millionths(l.unit_price.value()));  // the fast path had both in 64 bits
        k.quantity = *detail::to_int64(detail::millionths(l.quantity.value()));
        k.amount = amount;
        k.item = l.item;
        k.basis = l.basis;
        for (const rule r : detail::line_rules) {
            if (!broken.contains(r)) continue;
            k.rule = r;
            violations_.add_kept(k);
        }
    }

    /// From now on every line takes the exact path; the sums so far carry over exactly.
    void go_exact() {
        if (exact_) return;
        for (std::size_t k = 0; k < item_count; ++k) exact_sums_[k] = yen(fast_sums_[k]);
        exact_ = true;
    }

    void add_exact(const line& l, std::size_t index, std::optional<std::size_t> source_line) {
        const yen amount = detail::exact_line_amount(l, policy_, tax_);
        const auto broken = detail::exact_broken_line_rules(l, amount, policy_, tax_);
        auto& sum = exact_sums_[static_cast<std::size_t>(l.item)];
        const yen added = sum + amount;  // throws before changing anything
        if (line_amounts_) line_amounts_->push_back(source_line, l.item, amount);
        sum = added;
        count_line(l.item, l.field_survey, source_line);
        const detail::line_figures figures{l.item, l.basis, l.unit_price, l.quantity, amount};
        for (const rule r : detail::line_rules)
            if (broken.contains(r)) violations_.push_back(detail::line_violation(r, index, source_line, figures, policy_, tax_));
    }

    /// Adds a run of a budget's facts, appending the lines that break a line rule to `flagged`
    /// (in the run's order); false when the fast path declines a line.
    bool add_run(std::span<const detail::line_facts> run, std::vector<flagged_line>& flagged) {
        for (std::size_t i = 0; i < run.size(); ++i) {
            // The address as an integer: near the end it lies past the array, where a pointer may not be formed.
            detail::prefetch(reinterpret_cast<std::uintptr_t>(run.data()) + (i + detail::prefetch_lines) * sizeof(detail::line_facts));
            std::int64_t amount;
            detail::rule_set broken;
            if (!add_fast(run[i], amount, broken)) return false;
            note_stated(run[i].item);
            if (!broken.empty()) flagged.push_back({run[i].line, amount, broken});
        }
        return true;
    }

    /// Checks every line of `b`. Its facts are made already, in two runs (budget.hpp): the lines
    /// go in stretches of 4,096, each run's part of a stretch added on one path, and the lines
    /// either run flags merged back into line order for their violations. The sums come out the
    /// same in any order (an order that overflows declines). If the fast path declines any line,
    /// what it did is undone and every line takes the exact path.
    void add_budget(const budget& b) {
        const auto lines = b.lines();
        const std::size_t first_index = lines_;
        for (const auto& s : b.summary_statements()) summaries_.push_back(s);
        summary_rows summaries{b.summary_rows()};
        if (!exact_) {
            const auto saved_sums = fast_sums_;
            const bool saved_ga = has_stated_general_admin_, saved_tax = has_stated_tax_;
            const std::size_t saved_violations = violations_.size();
            if (add_budget_fast(b, first_index, summaries)) {
                if (line_amounts_) {
                    // The loop above visits the lines out of order; their amounts are worked out
                    // again here, in line order, only for a caller who asked for them.
                    for (std::size_t i = 0; i < lines.size(); ++i)
                        line_amounts_->push_back(b.source_line(i), lines[i].item,
                                                 detail::exact_line_amount(lines[i], policy_, tax_));
                }
                lines_ += lines.size();
                has_field_survey_ |= b.has_field_survey();
                note_stated_rows(b);
                summaries.report_before(std::nullopt, *this);
                return;
            }
            fast_sums_ = saved_sums;
            has_stated_general_admin_ = saved_ga;
            has_stated_tax_ = saved_tax;
            violations_.truncate(saved_violations);
            summaries = summary_rows{b.summary_rows()};
            go_exact();
        }
        for (std::size_t i = 0; i < lines.size(); ++i) {
            summaries.report_before(b.source_line(i), *this);
            add_exact(lines[i], first_index + i, b.source_line(i));
        }
        summaries.report_before(std::nullopt, *this);
    }

    /// A budget's skipped summary rows, reported among its lines' violations in file order.
    struct summary_rows {
        std::span<const std::size_t> rows;
        std::size_t next = 0;
        /// Reports the rows before file line `line` (all that are left, without one).
        void report_before(std::optional<std::size_t> line, checker& c) {
            for (; next < rows.size() && (!line || rows[next] < *line); ++next) c.skipped_summary_row(rows[next]);
        }
    };

    bool add_budget_fast(const budget& b, std::size_t first_index, summary_rows& summaries) {
        constexpr std::size_t stretch = 4096;
        const auto runs = detail::budget_access::facts(b);
        const auto lines = b.lines();
        std::span<const detail::line_facts> others = runs.others, inclusive = runs.inclusive;
        std::vector<flagged_line> flagged_others, flagged_inclusive;  // of one stretch, each in line order
        for (std::size_t end = stretch; !others.empty() || !inclusive.empty(); end += stretch) {
            // The facts of lines before `end`: a prefix of each run.
            const auto before_end = [&](std::span<const detail::line_facts> run) {
                const auto stop = std::partition_point(run.begin(), run.end(),
                                                       [&](const detail::line_facts& f) { return f.line < end; });
                return static_cast<std::size_t>(stop - run.begin());
            };
            const std::size_t other_count = before_end(others), inclusive_count = before_end(inclusive);
            flagged_others.clear();
            flagged_inclusive.clear();
            if (!add_run(others.first(other_count), flagged_others) ||
                !add_run(inclusive.first(inclusive_count), flagged_inclusive))
                return false;
            // The flagged lines of both runs, merged back into line order.
            for (std::size_t i = 0, k = 0; i < flagged_others.size() || k < flagged_inclusive.size();) {
                const bool other_first = k == flagged_inclusive.size() ||
                                         (i < flagged_others.size() && flagged_others[i].index < flagged_inclusive[k].index);
                const flagged_line& f = other_first ? flagged_others[i++] : flagged_inclusive[k++];
                if (const auto source_line = b.source_line(f.index)) summaries.report_before(source_line, *this);
                keep(f.broken, first_index + f.index, b.source_line(f.index), lines[f.index], f.amount);
            }
            others = others.subspan(other_count);
            inclusive = inclusive.subspan(inclusive_count);
        }
        return true;
    }

    check_result finish_moving() {
        totals t;
        for (std::size_t k = 0; k < item_count; ++k) t.items[k] = exact_ ? exact_sums_[k] : yen(fast_sums_[k]);
        if (has_stated_general_admin_) t.general_admin_stated = t.item(item::general_admin);
        if (has_stated_tax_) t.consumption_tax_stated = t.item(item::consumption_tax);
        detail::complete(t, terms_, has_field_survey_, policy_);
        for (auto& v : detail::budget_violations(terms_, has_field_survey_, lines_, t, policy_, stated_at_, summaries_))
            violations_.push_back(std::move(v));
        return check_result{policy_, terms_, lines_, t, std::move(violations_), std::move(line_amounts_)};
    }

    c3p::policy policy_;
    budget_terms terms_;
    detail::tax_factors tax_;
    std::optional<detail::fast_line_rules> fast_;  // none when the policy's figures do not fit 64 bits
    bool exact_ = false;                           // the sums are in exact_sums_
    std::array<std::int64_t, item_count> fast_sums_{};
    std::array<yen, item_count> exact_sums_{};
    bool has_stated_general_admin_ = false, has_stated_tax_ = false, has_field_survey_ = false;
    detail::stated_rows stated_at_;  // the file lines of the first stated G&A and tax
    std::vector<summary_statement> summaries_;  // the amounts summary rows state, compared when finishing
    std::size_t lines_ = 0;
    violation_list violations_;
    std::optional<line_amount_list> line_amounts_;  // when asked for (check_options)
};

/// The budget's figures and every violation under a policy: a checker run over its lines.
/// Throws only for arithmetic that cannot be exact (c3p::overflow_error; c3p::inexact_error
/// under a rounding::never policy).
[[nodiscard]] inline check_result check(const budget& b, const policy& p = fy2025, const check_options& options = {}) {
    checker c(p, b.terms(), options);
    c.add_budget(b);
    return std::move(c).finish();
}

/// Every violation of the budget under the policy; empty when it complies.
[[nodiscard]] inline std::vector<violation> validate(const budget& b, const policy& p = fy2025) {
    return check(b, p).violations.to_vector();
}

/// The budget's figures under the policy.
[[nodiscard]] inline totals compute(const budget& b, const policy& p = fy2025) { return check(b, p).totals; }

}  // namespace c3p
