// The rule table: one row a rule, in the rules' order, each with a code, a severity, a family, a
// source and its message in both languages; docs/rules.md says the same (its catalogue's
// severities, and its table of sources).
#include <c3p/messages.hpp>
#include <c3p/violation.hpp>
#include <c3p/violation_list.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

/// The row docs/rules.md gives a rule in "Where each rule comes from".
std::string source_row(const c3p::rule_info& r) {
    std::string row = "| `" + std::string(r.code) + "` | " + std::string(to_string(r.family)) + " | " +
                      std::string(r.source.document);
    if (!r.source.place.empty()) row += ": " + std::string(r.source.place);
    if (r.source.provisional) row += " (provisional)";
    return row + " |";
}

std::string rules_doc() { return c3p_test::file_bytes(c3p_test::example_path("../docs/rules.md")); }

/// A violation of `r` with every field a slot reads set, each to a figure no other field has.
c3p::violation with_every_field(c3p::rule r) {
    auto v = c3p::detail::violation_of(r);
    v.actual = c3p::decimal::parse("1234567");
    v.limit = c3p::decimal::parse("200000");
    v.base = c3p::decimal::parse("5000000");
    v.rate = c3p::rate::percent(7);
    v.category = c3p::category::operating;
    v.item = c3p::item::equipment;
    v.date = std::chrono::year_month_day{std::chrono::year(2026), std::chrono::month(4), std::chrono::day(2)};
    v.fiscal_year = 2024;
    v.phase = 2;
    v.task = 3;
    v.policy = "fy2023";
    v.summary = c3p::summary_figure{.of = c3p::summary_figure::kind::group, .group = c3p::group::indirect};
    return v;
}

/// The slots a template names, in order.
std::vector<c3p::message_slot> slots_of(std::string_view text) {
    std::vector<c3p::message_slot> out;
    for (auto open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const auto slot = c3p::message_slot_from_string(text.substr(open + 1, text.find('}', open) - open - 1));
        REQUIRE(slot);
        out.push_back(*slot);
    }
    return out;
}

}  // namespace

// Checked here, when the tests are built, rather than in violation.hpp for every user's file.
static_assert(
    [] {
        for (const auto& r : c3p::rule_table)
            if (r.english.empty() || r.japanese.empty() || !c3p::detail::valid_template(r.english) ||
                !c3p::detail::valid_template(r.japanese))
                return false;
        return true;
    }(),
    "every rule has a message in both languages, whose slots are message_slot_names");

TEST_SUITE("rules") {
    TEST_CASE("rules: every message is a template in both languages, each slot filled from the violation") {
        std::set<c3p::message_slot> used;
        std::size_t rendered = 0;
        for (const auto& r : c3p::rule_table) {
            CAPTURE(r.code);
            const auto v = with_every_field(r.rule);
            for (const auto lang : {c3p::language::english, c3p::language::japanese}) {
                const auto text = lang == c3p::language::english ? r.english : r.japanese;
                REQUIRE_FALSE(text.empty());
                CHECK(c3p::detail::valid_template(text));
                const auto message = c3p::describe(v, lang);
                CAPTURE(message);
                if (lang == c3p::language::japanese) CHECK(c3p_test::english_words(message).empty());
                CHECK(message.find('{') == std::string::npos);
                CHECK(message.find('}') == std::string::npos);
                // Each slot's own text is in the sentence; the text between slots is the template's.
                for (const auto slot : slots_of(text)) {
                    std::string filled;
                    c3p::detail::append_slot(filled, slot, v, lang);
                    CHECK(message.find(filled) != std::string::npos);
                    used.insert(slot);
                }
                std::string literal(text.substr(0, text.find('{')));
                CHECK(message.starts_with(literal));
                ++rendered;
            }
            // The two languages name the same figures.
            auto english = slots_of(r.english), japanese = slots_of(r.japanese);
            std::erase(english, c3p::message_slot::era);
            std::erase(japanese, c3p::message_slot::era);
            std::sort(english.begin(), english.end());
            std::sort(japanese.begin(), japanese.end());
            english.erase(std::unique(english.begin(), english.end()), english.end());
            japanese.erase(std::unique(japanese.begin(), japanese.end()), japanese.end());
            std::erase(english, c3p::message_slot::fiscal_year);
            std::erase(japanese, c3p::message_slot::fiscal_year);
            CHECK(english == japanese);
        }
        CHECK(rendered == 2 * c3p::rule_count);
        CHECK(used.size() == std::size(c3p::message_slot_names));  // every slot is some rule's
    }

    TEST_CASE("rules: a template naming an unknown slot, or with an open brace, is refused") {
        CHECK(c3p::detail::valid_template("total {actual} exceeds {limit}"));
        CHECK(c3p::detail::valid_template("no slot"));
        CHECK_FALSE(c3p::detail::valid_template("total {actuals}"));
        CHECK_FALSE(c3p::detail::valid_template("total {actual"));
        CHECK_FALSE(c3p::detail::valid_template("total actual}"));
        CHECK_FALSE(c3p::detail::valid_template("{}"));
        CHECK(c3p::message_slot_from_string("excess") == c3p::message_slot::excess);
        CHECK_FALSE(c3p::message_slot_from_string("Excess"));
    }

    TEST_CASE("rules: a row for every rule, in order, with a unique code, a severity, a family and a source") {
        std::set<std::string_view> codes;
        for (std::size_t i = 0; i < c3p::rule_count; ++i) {
            const auto& r = c3p::rule_table[i];
            CAPTURE(r.code);
            CHECK(static_cast<std::size_t>(r.rule) == i);
            CHECK(&c3p::info(r.rule) == &r);
            CHECK(c3p::code(r.rule) == r.code);
            CHECK(c3p::catalogue_severity(r.rule) == r.severity);
            CHECK(codes.insert(r.code).second);
            CHECK(r.code.find('.') != std::string_view::npos);
            CHECK_FALSE(r.source.document.empty());
        }
        CHECK(codes.size() == c3p::rule_count);
    }

    TEST_CASE("rules: every violation is made with its catalogue severity") {
        for (const auto& r : c3p::rule_table) {
            CAPTURE(r.code);
            const auto v = c3p::detail::violation_of(r.rule);
            CHECK(v.rule == r.rule);
            CHECK(v.severity == r.severity);
            CHECK(v.is_error() == (r.severity == c3p::severity::error));
            c3p::violation_list one;
            one.push_back(v);
            CHECK(one.has_errors() == v.is_error());
        }
        CHECK_FALSE(c3p::violation_list{}.has_errors());
    }

    TEST_CASE("rules: docs/rules.md gives each rule its severity and its source as the table does") {
        const auto doc = rules_doc();
        for (const auto& r : c3p::rule_table) {
            CAPTURE(r.code);
            // The catalogue: "| `code` | severity | ...", outsourcing's severity with its exception.
            const std::string catalogue_row = "| `" + std::string(r.code) + "` | " + std::string(to_string(r.severity));
            CHECK(doc.find(catalogue_row) != std::string::npos);
            CHECK(doc.find(source_row(r) + "\n") != std::string::npos);
        }
    }
}
