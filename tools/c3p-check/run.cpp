// c3p-check's commands (run.hpp): checks a CSV budget against a policy's rules and prints a
// Table 5 summary or JSON, in English or Japanese. The rules are the library's; this program
// reads files and standard input in UTF-8 or CP932, parses the command line, and for long files
// cuts rows faster on several threads (fast_rows.hpp).
#include "run.hpp"

#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/derivation.hpp>
#include <c3p/json.hpp>
#include <c3p/report.hpp>
#include <c3p/plan.hpp>
#include <c3p/policy_file.hpp>
#include <c3p/score.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <system_error>

#include <exception>
#include <optional>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "encoding.hpp"
#include "fast_rows.hpp"
#include "input.hpp"
#include "json_writer.hpp"
#include "options.hpp"

#if defined(__linux__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace {

constexpr int exit_ok = 0, exit_violations = 1, exit_bad_input = 2;

/// Into a pipe, the JSON of a long check is megabytes: with Linux's default 64 KiB the program
/// stops at every write until the reader has caught up. A larger pipe (best effort) lets it
/// write on while the reader reads.
void widen_output_pipe() {
#if defined(__linux__) && defined(F_SETPIPE_SZ)
    struct stat out {};
    if (::fstat(STDOUT_FILENO, &out) == 0 && S_ISFIFO(out.st_mode)) ::fcntl(STDOUT_FILENO, F_SETPIPE_SZ, 1 << 20);
#endif
}

/// The last line after a file's errors: how many, and that nothing was checked.
void report_error_count(std::size_t count, const std::string& source, const c3p_check::options& o) {
    if (o.lang == c3p::language::japanese) {
        std::cerr << "c3p-check: " << source << " に " << count << " 件のエラーがあります。確認していません\n";
    } else {
        std::cerr << "c3p-check: " << count << (count == 1 ? " error" : " errors") << " in " << source
                  << "; nothing was checked\n";
    }
}

void report_errors(const std::vector<c3p::input_error>& errors, const std::string& source, const c3p_check::options& o) {
    if (o.json) {
        std::cout << c3p::format_json(errors, o.lang);
    } else {
        for (const auto& e : errors) std::cerr << to_string(e, source, o.lang) << '\n';
    }
    report_error_count(errors.size(), source, o);
}

/// How messages name a file: standard input is "-" on the command line.
std::string source_name(const std::string& file) { return file == "-" ? "<stdin>" : file; }

/// The rest of an opened input in UTF-8, or nullopt after its problems were reported.
std::optional<std::string> decode(c3p_check::input& in, const std::string& file, const c3p_check::options& o) {
    auto decoded = c3p_check::to_utf8(in.take_bytes(), o.encoding);
    if (!decoded.errors.empty()) {
        report_errors(decoded.errors, source_name(file), o);
        return std::nullopt;
    }
    return std::move(decoded.text);
}

/// A file's text in UTF-8, or nullopt after its problems were reported.
std::optional<std::string> read_utf8(const std::string& file, const c3p_check::options& o) {
    c3p_check::input in;
    if (const auto problem = in.open(file, o.lang)) {
        std::cerr << "c3p-check: " << *problem << '\n';
        return std::nullopt;
    }
    return decode(in, file, o);
}

/// A policy file read, or nullopt after each of its problems was reported with its key.
std::optional<c3p::sourced_policy> read_policy_file(const std::string& file, const c3p_check::options& o) {
    const auto text = read_utf8(file, o);
    if (!text) return std::nullopt;
    auto read = c3p::read_policy_json(*text);
    if (read.ok()) return std::move(read.policy);
    for (const auto& e : read.errors) std::cerr << source_name(file) << ": " << c3p::describe(e, o.lang) << '\n';
    report_error_count(read.errors.size(), source_name(file), o);
    return std::nullopt;
}

/// Why the figures could not be worked out, in the language: a fiscal year no policy covers, or
/// arithmetic that cannot be exact.
std::string failure_message(const std::exception& e, c3p::language lang) {
    if (lang != c3p::language::japanese) return e.what();
    if (const auto* year = dynamic_cast<const c3p::no_policy_error*>(&e))
        return c3p::fiscal_year_label(year->fiscal_year(), lang) + "の規則がありません（既知の規則 " + c3p::known_policy_names() +
               " はどれも後の年度のものです）。その年度の規則ファイルを --policy で指定してください";
    if (dynamic_cast<const c3p::inexact_error*>(&e))
        return "1円未満の端数が出ましたが、規則の端数処理が「端数なし」です";
    if (dynamic_cast<const c3p::overflow_error*>(&e)) return "金額が大きすぎて正確に計算できません";
    return std::string("計算できません：") + e.what();
}

/// c3p-check policy list | policy show NAME|FILE: the policies, or one's values and sources.
int policy(const c3p_check::options& o) {
    if (o.command == c3p_check::command::policy_list) {
        const auto all = c3p::builtin_sourced_policies();
        if (o.json) {
            auto list = nlohmann::ordered_json::array();
            for (const auto& p : all) list.push_back(c3p::to_json(p));
            std::cout << c3p::detail::format_document({{"policies", std::move(list)}}, {"policies"});
        } else {
            std::cout << c3p::format_policy_list(all, o.lang);
        }
        return exit_ok;
    }
    auto shown = c3p::builtin_sourced_policy(o.file);
    if (!shown && !c3p_check::is_policy_file(o.file)) {
        std::cerr << "c3p-check: " << c3p_check::unknown_policy_message(o.file, o.lang) << '\n';
        return exit_bad_input;
    }
    if (!shown) shown = read_policy_file(o.file, o);
    if (!shown) return exit_bad_input;
    std::cout << (o.json ? c3p::format_json(*shown) : c3p::format_policy_report(*shown, o.lang));
    return exit_ok;
}

/// The text --explain writes: the report, then the derivation's text.
void print_text_explained(const std::string& report, const std::string& derivation) {
    widen_output_pipe();  // a long budget's derivation is megabytes
    std::cout << report << '\n' << derivation;
}

/// A result with its derivation: the report (written by `report`, only for text) then the
/// derivation's text, or the JSON document with "derivation" and "policy_sources".
template <class Result, class Report>
void print_explained(const c3p_check::options& o, const Result& result, const c3p::derivation& d, Report&& report) {
    if (o.json)
        std::cout << c3p::format_json(result, d, o.lang);
    else
        print_text_explained(report(), c3p::format_derivation(d, o.lang));
}

/// c3p-check --explain: the budget read whole (not row by row), checked and derived; its text
/// written as the steps are reached (the JSON document holds them all).
int check_explained(const std::string& text, const std::string& source, const c3p_check::options& o) {
    const auto read = c3p::read_budget_csv(text, o.settings);
    if (!read.ok()) {
        report_errors(read.errors, source, o);
        return exit_bad_input;
    }
    auto result = c3p::check(read.budget, *read.rules, o.settings.options);
    result.violations.locate(read.layout);
    if (o.json)
        std::cout << c3p::format_json(result, c3p::derive(read.budget, result, o.policy_sources.get()), o.lang);
    else
        print_text_explained(c3p::format_text_report(result, source, o.lang),
                             c3p::format_derivation(read.budget, result, o.lang, o.policy_sources.get()));
    std::cout.flush();
    return result.has_errors() ? exit_violations : exit_ok;
}

/// c3p-check settle: the contract read as a budget, the records with their dates, settled.
int settle(const c3p_check::options& o) {
    const auto contract_text = read_utf8(o.settlement.contract_file, o);
    if (!contract_text) return exit_bad_input;
    const auto awarded = c3p::read_budget_csv(*contract_text, o.settings);
    if (!awarded.ok()) {
        report_errors(awarded.errors, o.settlement.contract_file, o);
        return exit_bad_input;
    }
    const auto records_text = read_utf8(o.file, o);
    if (!records_text) return exit_bad_input;
    const std::string source = source_name(o.file);
    const auto spent = c3p::read_records_csv(*records_text, o.settings);
    if (!spent.ok()) {
        report_errors(spent.errors, source, o);
        return exit_bad_input;
    }
    c3p::policy rules = *awarded.rules;
    if (o.settlement.basis) rules.settlement = *o.settlement.basis;
    if (o.settlement.transfer_share) rules.transfer_share = *o.settlement.transfer_share;
    if (o.settlement.transfer_of) rules.transfer_of = *o.settlement.transfer_of;
    const c3p::contract contract{awarded.budget, o.settlement.contract_amount};
    auto settle_options = o.settlement.settle;
    settle_options.summary_rows = spent.summary_rows;  // warned, as a budget's are
    settle_options.summaries = spent.summaries;
    c3p::settlement s = c3p::settle(contract, spent.records, rules, settle_options);
    s.violations.locate(spent.layout);
    if (o.explain) {
        const auto d = c3p::derive(contract, spent.records, s, settle_options, o.policy_sources.get());
        print_explained(o, s, d, [&] { return c3p::format_settlement_report(s, source, o.lang); });
    } else {
        std::cout << (o.json ? c3p::format_json(s, o.lang) : c3p::format_settlement_report(s, source, o.lang));
    }
    std::cout.flush();
    return s.has_errors() ? exit_violations : exit_ok;
}

/// c3p-check plan: every fiscal year checked under its policy, and the phases.
int plan(const c3p_check::options& o) {
    const auto text = read_utf8(o.file, o);
    if (!text) return exit_bad_input;
    const auto read = c3p::read_plan_csv(*text, o.settings);
    if (!read.ok()) {
        report_errors(read.errors, source_name(o.file), o);
        return exit_bad_input;
    }
    c3p::plan_result r =
        c3p::check_plan(read.plan, {.forced = read.forced, .summary_rows = read.summary_rows, .summaries = read.summaries});
    r.locate(read.layout);
    if (o.explain)
        print_explained(o, r, c3p::derive(read.plan, r, o.policy_sources.get()),
                        [&] { return c3p::format_plan_report(r, source_name(o.file), o.lang); });
    else
        std::cout << (o.json ? c3p::format_json(r, o.lang) : c3p::format_plan_report(r, source_name(o.file), o.lang));
    std::cout.flush();
    return r.has_errors() ? exit_violations : exit_ok;
}

/// Warns on stderr that the budget or plan scored breaks rules (`broken`: each error's code,
/// with its fiscal year in a plan): the cost scored may not stand.
void warn_if_broken(const std::string& file, const std::vector<std::string>& broken, bool plan, const c3p_check::options& o) {
    if (broken.empty()) return;
    const bool ja = o.lang == c3p::language::japanese;
    std::string listed;
    for (const auto& b : broken) listed += (listed.empty() ? "" : ja ? "、" : ", ") + b;
    const std::string command = std::string("c3p-check ") + (plan ? "plan " : "") + source_name(file);
    std::cerr << "c3p-check: "
              << (ja ? "警告: " + source_name(file) + " は規則に違反しています（" + listed +
                           "）。採点した経費はそのままでは認められない可能性があります。" + command + " で確認してください"
                     : "warning: " + source_name(file) + " breaks " + std::to_string(broken.size()) +
                           (broken.size() == 1 ? " rule (" : " rules (") + listed +
                           "): the cost scored may not stand; see " + command)
              << '\n';
}

/// The cost --budget gives: the budget's total or pre-tax total, or a plan's total.
std::optional<c3p::yen> cost_of_budget(const c3p_check::options& o) {
    const auto& file = o.scoring.budget_file;
    const auto text = read_utf8(file, o);
    if (!text) return std::nullopt;
    if (o.scoring.cost_basis == c3p_check::score_request::basis::phase) {
        const auto read = c3p::read_plan_csv(*text, o.settings);
        if (!read.ok()) {
            report_errors(read.errors, source_name(file), o);
            return std::nullopt;
        }
        const auto checked = c3p::check_plan(
            read.plan, {.forced = read.forced, .summary_rows = read.summary_rows, .summaries = read.summaries});
        std::vector<std::string> broken;
        for (const auto& y : checked.years)
            for (const auto& v : y.violations)
                if (v.is_error()) broken.push_back(std::string(v.code()) + " " + c3p::fiscal_year_label(y.fiscal_year, o.lang));
        for (const auto& v : checked.violations)
            if (v.is_error()) broken.push_back(std::string(v.code()));
        warn_if_broken(file, broken, true, o);
        return checked.total;
    }
    const auto read = c3p::read_budget_csv(*text, o.settings);
    if (!read.ok()) {
        // A plan's columns in a budget: the plan was meant, scored on its phase's cost.
        const bool plan_given = std::any_of(read.errors.begin(), read.errors.end(), [](const c3p::input_error& e) {
            const auto column = e.problem == c3p::input_problem::unknown_column ? c3p::detail::column_named_as_typed(e.text)
                                                                                : std::nullopt;
            return column == c3p::csv_column::fiscal_year || column == c3p::csv_column::phase;
        });
        if (plan_given) {
            std::cerr << "c3p-check: "
                      << (o.lang == c3p::language::japanese
                              ? source_name(file) + " は複数年度の計画です。フェーズの経費で採点するには --cost-basis phase を付けてください"
                              : source_name(file) + " is a plan of several fiscal years: add --cost-basis phase to score its phase's cost")
                      << '\n';
            return std::nullopt;
        }
        report_errors(read.errors, source_name(file), o);
        return std::nullopt;
    }
    const auto checked = c3p::check(read.budget, *read.rules);
    std::vector<std::string> broken;
    for (const auto& v : checked.violations)
        if (v.is_error()) broken.push_back(std::string(v.code()));
    warn_if_broken(file, broken, false, o);
    const auto& totals = checked.totals;
    return o.scoring.cost_basis == c3p_check::score_request::basis::pre_tax ? totals.pre_tax : totals.total;
}

/// The judged rows of a --sheet file, "row id,points" a line (blank and # lines and a header
/// row skipped), into `judged`; false after reporting every problem with its line.
bool read_judged_rows(const c3p_check::options& o, std::array<std::optional<int>, c3p::score_row_count>& judged) {
    const auto text = read_utf8(o.scoring.sheet_file, o);
    if (!text) return false;
    const bool ja = o.lang == c3p::language::japanese;
    const std::string source = source_name(o.scoring.sheet_file);
    std::size_t line_number = 0, problems = 0;
    bool content_seen = false;
    std::string_view rest = *text;
    if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        ++line_number;
        const auto trim = [](std::string_view t) {
            while (!t.empty() && (t.front() == ' ' || t.front() == '\t' || t.front() == '"')) t.remove_prefix(1);
            while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r' || t.back() == '"')) t.remove_suffix(1);
            return t;
        };
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        const auto separator = line.find_first_of(",\t");
        const auto id = trim(line.substr(0, separator));
        const auto points_text = separator == std::string_view::npos ? std::string_view{} : trim(line.substr(separator + 1));
        const bool header = !content_seen && (id == "row" || id == "id" || id == "項目");
        content_seen = true;
        if (header) continue;
        const auto fail = [&](const std::string& english, const std::string& japanese) {
            std::cerr << source << ":" << line_number << ": " << (ja ? japanese : english) << '\n';
            ++problems;
        };
        const c3p::score_row* row = c3p::find_score_row(id);
        int points = -1;
        const auto [parsed_end, error] = std::from_chars(points_text.data(), points_text.data() + points_text.size(), points);
        if (!row) {
            std::string known;
            for (const auto& r : c3p::score_sheet) known += (known.empty() ? "" : ", ") + std::string(r.id);
            fail("unknown row \"" + std::string(id) + "\" (rows: " + known + ")",
                 "項目「" + std::string(id) + "」は表6にありません（" + known + "）");
        } else if (error != std::errc{} || parsed_end != points_text.data() + points_text.size() || points < 0) {
            fail("row " + std::string(id) + ": \"" + std::string(points_text) + "\" is not points such as 40",
                 "項目 " + std::string(id) + " の得点「" + std::string(points_text) + "」が正しくありません（例: 40）");
        } else if (const auto allocation = o.scoring.ongoing ? row->ongoing_project : row->new_project;
                   row->computed() || !allocation) {
            const std::string project = o.scoring.ongoing ? "an ongoing" : "a new";
            fail("row " + std::string(id) + (row->computed() ? " is computed from the figures, not judged"
                                                              : " does not apply to " + project + " project"),
                 "項目 " + std::string(id) + (row->computed() ? " は数値から計算する項目で、評価点は書けません"
                                                              : (o.scoring.ongoing ? " は継続案件" : " は新規案件") +
                                                                    std::string("には適用されません")));
        } else if (points > *allocation) {
            fail("row " + std::string(id) + ": " + std::to_string(points) + " points are beyond its allocation of " +
                     std::to_string(*allocation),
                 "項目 " + std::string(id) + " の得点 " + std::to_string(points) + " が配点 " + std::to_string(*allocation) +
                     " を超えています");
        } else {
            judged[c3p::index(row->row)] = points;
        }
    }
    if (problems != 0) {
        std::cerr << "c3p-check: "
                  << (ja ? source + " に " + std::to_string(problems) + " 件のエラーがあります。採点していません"
                         : std::to_string(problems) + (problems == 1 ? " error in " : " errors in ") + source +
                               "; nothing was scored")
                  << '\n';
        return false;
    }
    return true;
}

/// c3p-check score: the proposal's Table 6 sheet.
int score(const c3p_check::options& o) {
    c3p::proposal p;
    p.ongoing = o.scoring.ongoing;
    p.reduction = *o.scoring.reduction;
    p.engineer_projects = o.scoring.engineer_projects;
    p.past_projects = o.scoring.past_projects;
    if (o.scoring.cost) {
        p.cost = *o.scoring.cost;
    } else if (const auto cost = cost_of_budget(o)) {
        p.cost = *cost;
    } else {
        return exit_bad_input;
    }
    if (!o.scoring.sheet_file.empty() && !read_judged_rows(o, p.judged)) return exit_bad_input;
    const c3p::scored_proposal s = c3p::score(p, o.scoring.scoring);
    if (o.explain && o.json) {
        auto document = c3p::to_json(s, p);
        c3p::add_derivation(document, c3p::derive(p, o.scoring.scoring));
        std::cout << c3p::detail::format_document(document, {"rows", "derivation", "policy_sources"});
    } else {
        std::cout << (o.json ? c3p::format_json(s, p) : c3p::format_score_report(s, p, o.lang));
        if (o.explain) std::cout << '\n' << c3p::format_derivation(c3p::derive(p, o.scoring.scoring), o.lang);
    }
    std::cout.flush();
    return exit_ok;
}

}  // namespace

std::optional<c3p_check::options> c3p_check::read_command_line(int argc, const char* const* argv, int& status) {
    c3p_check::options o;
    try {
        o = c3p_check::parse_options(argc, argv, c3p_check::environment_language());
    } catch (const c3p_check::usage_error& e) {
        const bool japanese = e.language() == c3p::language::japanese;
        std::cerr << "c3p-check: " << e.what() << (japanese ? "（c3p-check --help を参照）\n" : " (see c3p-check --help)\n");
        status = exit_bad_input;
        return std::nullopt;
    }
    if (o.help || o.version || o.list_items) {
        if (o.help) std::cout << c3p_check::help_text(o.lang);
        if (o.version) std::cout << "c3p-check " << c3p::version << '\n';
        if (o.list_items) std::cout << c3p_check::item_list(o.lang);
        status = exit_ok;
        return std::nullopt;
    }
    // --policy FILE.json: read once, the rules of every command.
    if (!o.policy_file.empty()) {
        auto read = read_policy_file(o.policy_file, o);
        if (!read) {
            status = exit_bad_input;
            return std::nullopt;
        }
        o.policy_sources = std::make_shared<const c3p::sourced_policy>(std::move(*read));
        o.settings.rules = &o.policy_sources->rules;
    }
    return o;
}

namespace {
/// Whether the fast row cutter may read the budget file of `size` bytes: a check of a long file
/// that is not CP932.
bool fast_rows_may_read(const c3p_check::options& o, std::uint64_t size) {
    return o.command == c3p_check::command::check && o.encoding != c3p_check::text_encoding::cp932 &&
           size >= c3p_check::fast_file_bytes;
}
}  // namespace

bool c3p_check::takes_fast_path(const options& o, std::uint64_t size) { return !o.explain && fast_rows_may_read(o, size); }

int c3p_check::report_check(const c3p::csv_check& checked, const std::string& source, const options& o) {
    if (!checked.ok()) {
        report_errors(checked.errors, source, o);
        return exit_bad_input;
    }
    if (o.json) {
        widen_output_pipe();
        c3p_check::write_json(std::cout, checked.result, o.lang);
    } else {
        std::cout << c3p::format_text_report(checked.result, source, o.lang);
    }
    std::cout.flush();
    return checked.result.has_errors() ? exit_violations : exit_ok;
}

int c3p_check::run(int argc, const char* const* argv) {
    int status = exit_ok;
    const auto read = read_command_line(argc, argv, status);
    if (!read) return status;
    const c3p_check::options& o = *read;
    if (o.command != c3p_check::command::check) {
        try {
            switch (o.command) {
                case c3p_check::command::settle: return settle(o);
                case c3p_check::command::plan: return plan(o);
                case c3p_check::command::policy_list:
                case c3p_check::command::policy_show: return policy(o);
                default: return score(o);
            }
        } catch (const std::exception& e) {  // overflow, a year without a policy
            std::cerr << "c3p-check: " << failure_message(e, o.lang) << '\n';
            return exit_bad_input;
        }
    }
    const std::string source = source_name(o.file);
    c3p_check::input in;
    if (const auto problem = in.open(o.file, o.lang)) {
        std::cerr << "c3p-check: " << *problem << '\n';
        return exit_bad_input;
    }
    try {
        // A long UTF-8 file goes through the fast row cutter when it can decide it; anything
        // else is converted to UTF-8 where needed and read by the library's reader.
        if (o.explain) {
            // A long file's derivation is written on the fast path's threads, piece by piece.
            if (in.is_regular_file() && fast_rows_may_read(o, in.size())) {
                widen_output_pipe();  // the derivation is tens of megabytes
                const auto checked =
                    o.json ? c3p_check::fast_explain_json_file(in.path(), in.size(), o.settings, o.lang,
                                                               o.policy_sources.get(), std::cout)
                           : c3p_check::fast_explain_file(in.path(), in.size(), o.settings, o.lang, o.policy_sources.get(),
                                                          std::cout, [&](const c3p::check_result& result) {
                                                              return c3p::format_text_report(result, source, o.lang);
                                                          });
                if (checked) {
                    std::cout.flush();
                    return checked->has_errors() ? exit_violations : exit_ok;
                }
            }
            const auto text = decode(in, o.file, o);
            return text ? check_explained(*text, source, o) : exit_bad_input;
        }
        std::optional<c3p::check_result> fast;
        if (in.is_regular_file() && c3p_check::takes_fast_path(o, in.size()))
            fast = c3p_check::fast_check_file(in.path(), in.size(), o.settings);
        c3p::csv_check checked;
        if (fast) {
            checked.result = std::move(*fast);
        } else {
            const auto text = decode(in, o.file, o);
            if (!text) return exit_bad_input;
            checked = c3p::check_csv(*text, o.settings);
        }
        return c3p_check::report_check(checked, source, o);
    } catch (const std::exception& e) {  // overflow or inexact arithmetic: the figures cannot be exact
        std::cerr << "c3p-check: " << source << ": " << failure_message(e, o.lang) << '\n';
        return exit_bad_input;
    }
}
