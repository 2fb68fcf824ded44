// The rule table: one row a rule, in the rules' order, each with a code, a severity, a family and
// a source; docs/rules.md says the same (its catalogue's severities, and its table of sources).
#include <c3p/violation.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>

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

}  // namespace

TEST_SUITE("rules") {
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
            CHECK(c3p::detail::has_error(std::span(&v, 1)) == v.is_error());
        }
        CHECK_FALSE(c3p::detail::has_error({}));
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
