#include "options.hpp"

#include <optional>

namespace c3p_check {

const std::string_view help_text = R"(usage: c3p-check [options] FILE.csv
Checks a C3P budget (CSV) against the rules of a fiscal year's policy.
FILE "-" reads standard input.

options:
  --ga-rate R              agreed G&A rate, 0 to 100%: 0.1 or 10% (default: none, G&A is 0)
  --uplift YEN             field-survey increase requested on top of the cap (default 0)
  --outsourcing-justified  outsourcing over half the pre-tax total is a warning, not an error
  --policy NAME            the fiscal year's rules (default fy2025; known: fy2025)
  --format text|json       Table 5 summary for people (default) or JSON
  -h, --help               this text

CSV: UTF-8 (BOM allowed), LF or CRLF, RFC 4180 quoting, a header row; columns by name, any order:
  item               required  item code (equipment) or Japanese name (備品費)
  unit_price         required  decimal yen: 1234567, "1,234,567", 1234.5
  description        optional  text
  quantity           optional  decimal >= 0, default 1
  price_basis        optional  exclusive (default), inclusive (tax included), untaxed
  consumable_reason  optional  empty, not_reusable, fragile, short_life
  field_survey       optional  yes/no, true/false, 1/0; empty is no

exit status: 0 no errors (warnings allowed), 1 rule errors, 2 unreadable input or bad usage
)";

namespace {

/// An option's value parsed as T, or a usage error naming the option and what is wrong.
template <class T>
T parsed_value(std::string_view option, std::string_view what, std::string_view text) {
    const auto parsed = T::try_parse(text);
    if (!parsed)
        throw usage_error(std::string(option) + ": invalid " + std::string(what) + " \"" + std::string(text) +
                          "\": " + c3p::describe(parsed.error, text, parsed.position));
    return parsed.value;
}

}  // namespace

options parse_options(int argc, char** argv) {
    options o;
    bool have_file = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        std::optional<std::string_view> inline_value;
        if (arg.starts_with("--") && arg.find('=') != std::string_view::npos) {
            inline_value = arg.substr(arg.find('=') + 1);
            arg = arg.substr(0, arg.find('='));
        }
        const auto value = [&]() -> std::string_view {
            if (inline_value) return *inline_value;
            if (i + 1 >= argc) throw usage_error(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "-h" || arg == "--help") {
            o.help = true;
            return o;
        } else if (arg == "--ga-rate") {
            const auto text = value();
            o.terms.general_admin_rate = parsed_value<c3p::rate>("--ga-rate", "rate", text);
            if (*o.terms.general_admin_rate > c3p::rate_one)
                throw usage_error("--ga-rate: " + std::string(text) + " is above 100%");
        } else if (arg == "--uplift") {
            const auto text = value();
            o.terms.uplift = parsed_value<c3p::yen>("--uplift", "amount", text);
            if (o.terms.uplift.is_negative()) throw usage_error("--uplift: " + std::string(text) + " is below zero");
        } else if (arg == "--outsourcing-justified" && !inline_value) {
            o.terms.outsourcing_justified = true;
        } else if (arg == "--policy") {
            const auto name = value();
            o.policy = c3p::find_policy(name);
            if (!o.policy) throw usage_error("--policy: unknown policy \"" + std::string(name) + "\" (known: fy2025)");
        } else if (arg == "--format") {
            const auto format = value();
            if (format != "text" && format != "json")
                throw usage_error("--format: \"" + std::string(format) + "\" is not text or json");
            o.json = format == "json";
        } else if (arg.starts_with("-") && arg != "-") {
            throw usage_error("unknown option " + std::string(arg));
        } else if (have_file) {
            throw usage_error("only one FILE can be checked, got \"" + o.file + "\" and \"" + std::string(arg) + "\"");
        } else {
            o.file = arg;
            have_file = true;
        }
    }
    if (!have_file) throw usage_error("no FILE given");
    return o;
}

}  // namespace c3p_check
