// The command line of c3p-check.
#pragma once

#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/policy_sources.hpp>
#include <c3p/score.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "encoding.hpp"

namespace c3p_check {

/// What the settle command takes besides the check's options.
struct settle_options {
    std::string contract_file;                    ///< --contract: the budget as awarded
    std::optional<c3p::yen> contract_amount{};    ///< --contract-amount, tax included
    std::optional<c3p::settlement_basis> basis{};
    std::optional<c3p::rate> transfer_share{};
    std::optional<c3p::transfer_base> transfer_of{};
    c3p::settle_options settle{};                 ///< --fiscal-year, --transfers-approved
};

/// What the score command takes (the proposal's figures; the judged rows from --sheet).
struct score_request {
    std::optional<c3p::decimal> reduction{};  ///< --reduction, t-CO2 a year (required)
    std::optional<c3p::yen> cost{};           ///< --cost; or the total of --budget
    std::string budget_file;                  ///< --budget: the cost from a budget (or a plan)
    enum class basis : std::uint8_t { total, pre_tax, phase } cost_basis = basis::total;
    int engineer_projects = 0;
    int past_projects = 0;
    bool ongoing = false;
    std::string sheet_file;  ///< --sheet: "row id,points" lines
    c3p::score_options scoring{};
};

/// What c3p-check is asked to do.
enum class command : std::uint8_t { check, settle, plan, score, policy_list, policy_show };

struct options {
    c3p_check::command command = command::check;
    settle_options settlement{};
    score_request scoring{};
    std::string file;              ///< the budget, records or plan; none for score; policy show: NAME|FILE
    std::string policy_file;       ///< --policy FILE.json: read by main, which then sets settings.rules
    c3p::csv_settings settings{};  ///< the terms, policy and delimiter given; the file's `#` lines fill the rest
    text_encoding encoding = text_encoding::automatic;
    c3p::language lang = c3p::language::english;
    bool json = false;
    bool no_lines = false;  ///< JSON without "lines"
    bool explain = false;   ///< --explain: every figure's derivation after the report (JSON: "derivation")
    /// The --policy file read (settings.rules points into it), set by read_command_line (run.hpp).
    std::shared_ptr<const c3p::sourced_policy> policy_sources;
    bool help = false;
    bool version = false;
    bool list_items = false;
};

/// A command line that cannot be followed; the message names the option and what is wrong, in
/// the language of the command line (--lang, else the environment's).
class usage_error : public std::runtime_error {
public:
    explicit usage_error(const std::string& message, c3p::language lang = c3p::language::english)
        : std::runtime_error(message), lang_(lang) {}
    [[nodiscard]] c3p::language language() const noexcept { return lang_; }

private:
    c3p::language lang_;
};

/// The language of the user's environment: Japanese when the first of LC_ALL, LC_MESSAGES and
/// LANG that is set starts with "ja" (on Windows, when the user's UI language is Japanese).
c3p::language environment_language();

/// Throws usage_error. `lang` is the language until a --lang option says otherwise.
options parse_options(int argc, const char* const* argv, c3p::language lang);

/// Whether --policy's value names a file rather than a built-in policy: it ends in .json or
/// has a folder.
bool is_policy_file(std::string_view name);

/// "no policy "fy2205" (known: fy2025, fy2026; or a policy file NAME.json); did you mean fy2025?",
/// in the language.
std::string unknown_policy_message(std::string_view name, c3p::language lang);

/// --help in the language.
std::string help_text(c3p::language lang);

/// --list-items: every name the item column accepts, in the language.
std::string item_list(c3p::language lang);

}  // namespace c3p_check
