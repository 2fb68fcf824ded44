#include "options.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>
#include <system_error>
#include <vector>

#include <c3p/detail/nearest.hpp>

#if defined(_WIN32)
#include <windows.h>
#endif

namespace c3p_check {

namespace {

constexpr std::string_view english_help = R"(usage: c3p-check [check] [options] FILE.csv
       c3p-check settle --contract CONTRACT.csv [options] RECORDS.csv
       c3p-check plan [options] PLAN.csv
       c3p-check score --reduction T [--cost YEN | --budget FILE] [options]
       c3p-check policy list | policy show NAME|FILE.json
Checks a C3P budget (CSV) against the rules of a fiscal year's policy;
settles a year of spending records against the contract; checks a plan of
several fiscal years and phases; scores a proposal on Table 6; lists the
policies, or shows each value of one with its source. "-" reads stdin.

options:
  --ga-rate R            agreed G&A rate, 0 to 100%: 0.1 or 10% (default: the
                         file's "# ga_rate:" line, else none: G&A 0, a warning)
  --uplift YEN           field-survey increase asked on top of the cap (0)
  --outsourcing-justified
                         outsourcing over half the pre-tax total is a warning
  --policy NAME|FILE     a fiscal year's rules: {policies} (default fy2025),
                         or a policy file (.json, see docs/policies.md)
  --format text|json     Table 5 summary for people (default) or JSON
  --no-lines             JSON without each line's amount (for long files)
  --explain              how every figure was reached (計算根拠), after the
                         report; in JSON, "derivation" (check, settle, plan,
                         score)
  --lang en|ja           language of messages and report (default: from LANG)
  --encoding auto|utf-8|cp932
                         the file's encoding (default auto: UTF-8 if valid,
                         else CP932, the Shift_JIS that Japanese Excel writes)
  --delimiter auto|comma|tab
                         the separator (default auto: tab if the header has
                         tabs and no commas)
  --list-items           every accepted item name
  --version              the version
  -h, --help             this text

settle options (the records: the budget columns plus date, optional receipt):
  --contract FILE        the budget as awarded (required)
  --contract-amount YEN  a reduced contract amount, tax included
  --settlement-basis whole_contract|per_category   (default whole_contract)
  --transfer-share R     moved without approval, per category (default 20%)
  --transfer-base direct_total|receiving_category  (default direct_total)
  --transfers-approved   transfers beyond the share were approved
  --fiscal-year YEAR     the contract's fiscal year: 2025, FY2025, R7, 令和7年度
                         (default the policy's)

plan (the budget columns plus fiscal_year/年度: 2025, FY2025, R7, 令和7年度;
optional phase/フェーズ, default 1, and task/タスク: Table 3 tasks, 4 or 4;5):
  the check's options apply to every year; without --policy each year is
  checked under its own year's policy, or the latest earlier one (a warning)

score options:
  --reduction T          expected GHG reduction, t-CO2 a year (required)
  --cost YEN             the project cost; or
  --budget FILE          the cost from a budget's total (or a plan's)
  --cost-basis total|pre_tax|phase   of --budget (default total; phase: the
                         file is a plan, the cost its total)
  --engineer-projects N  the supervising engineer's other projects (0)
  --past-projects N      city-to-city projects in the past three years (0)
  --ongoing              an ongoing project (default new)
  --sheet FILE           the judged rows' points: "row id,points" lines
  --band-reading contiguous|rounded  between the table's bands (contiguous)

CSV: LF or CRLF, RFC 4180 quoting. "# ga_rate: 10%" lines may come before the
header (also uplift, outsourcing_justified, policy). Columns by name, any order:
  item (費目)               required  code (equipment) or Japanese name (備品費)
  unit_price (単価)         required  yen: 1234567, "1,234,567", ¥1,200,000,
                                      1,200,000円, ▲500
  description (内容, 摘要)  optional  text
  quantity (数量)           optional  decimal >= 0, default 1
  price_basis (税区分)      optional  exclusive/税抜 (default), inclusive/税込,
                                      untaxed/不課税
  consumable_reason         optional  empty, not_reusable (2), fragile (3),
                                      short_life (4)
  field_survey (現地調査)   optional  yes/no, はい/いいえ, ○, true/false, 1/0;
                                      empty is no
Summary and heading rows (合計, 小計, 人件費計, 合計（税込）, 業務費, total) are
skipped, with a warning.

exit status: 0 no errors (warnings allowed), 1 rule errors,
             2 unreadable input or bad usage
)";

constexpr std::string_view japanese_help = R"(使い方: c3p-check [check] [オプション] ファイル.csv
        c3p-check settle --contract 契約.csv [オプション] 支出記録.csv
        c3p-check plan [オプション] 計画.csv
        c3p-check score --reduction 削減量 [--cost 円 | --budget ファイル]
                        [オプション]
        c3p-check policy list | policy show 名前|ファイル.json
C3P の予算（CSV）を年度の規則で確認します。settle は1年間の支出記録を契約と
照らして精算し、plan は複数年度・フェーズの計画を確認し、score は提案を表6で
採点します。policy は規則の一覧、または規則の各値とその出典を示します。
ファイル名 "-" は標準入力です。

オプション:
  --ga-rate 率           一般管理費率 0〜100%（0.1 または 10%）。既定: ファイル
                         の「# 一般管理費率:」行。なければ 0 円（警告あり）
  --uplift 円            現地調査による上限の増額（既定 0）
  --outsourcing-justified
                         外注費が税抜合計の半分を超えても警告にとどめる
  --policy 名前|ファイル 年度の規則: {policies}（既定 fy2025）、
                         または規則ファイル（.json、docs/policies.md）
  --format text|json     表5形式の集計（既定）または JSON
  --no-lines             JSON に各行の金額を含めない（長いファイル向け）
  --explain              すべての金額の計算根拠を集計表の後に示す（JSON では
                         "derivation"。check、settle、plan、score）
  --lang en|ja           メッセージと集計表の言語（既定: 環境変数 LANG）
  --encoding auto|utf-8|cp932
                         文字コード（既定 auto: UTF-8 として正しければ
                         UTF-8、そうでなければ Excel の Shift_JIS）
  --delimiter auto|comma|tab
                         区切り文字（既定 auto: 見出し行にタブがあり
                         コンマがなければタブ）
  --list-items           使える費目名の一覧
  --version              バージョン
  -h, --help             この説明

settle のオプション（支出記録は予算の列に 日付、任意で 領収書番号）:
  --contract ファイル    契約した予算（必須）
  --contract-amount 円   減額された契約額（税込）
  --settlement-basis whole_contract|per_category （既定 契約全体）
  --transfer-share 率    承認なしで流用できる割合（既定 20%）
  --transfer-base direct_total|receiving_category（既定 直接経費）
  --transfers-approved   割合を超える流用が承認済み
  --fiscal-year 年度     契約の年度: 2025、FY2025、R7、令和7年度
                         （既定: 規則の年度）

plan（予算の列に 年度: 2025、FY2025、R7、令和7年度。任意で フェーズ（既定 1）、
タスク: 表3のタスク番号 4 または 4;5）:
  確認のオプションは全年度に適用。--policy がなければ各年度の規則、なければ
  それ以前で直近の規則で確認します（警告）

score のオプション:
  --reduction 削減量     見込まれる温室効果ガス削減量（t-CO2/年、必須）
  --cost 円              事業費。または
  --budget ファイル      予算（または計画）の合計を事業費とする
  --cost-basis total|pre_tax|phase   --budget のどの額か（既定 total。
                         phase: ファイルを計画として読み、その合計）
  --engineer-projects 件 管理技術者のほかの業務（既定 0）
  --past-projects 件     過去3年の都市間連携事業（既定 0）
  --ongoing              継続案件（既定 新規）
  --sheet ファイル       評価者が採点した項目:「項目ID,得点」の行
  --band-reading contiguous|rounded  表の区分の間の値の読み方（既定 contiguous）

CSV: 改行は LF または CRLF、引用符は RFC 4180。見出し行の前に
「# 一般管理費率: 10%」のような行を置けます（ほかに 増額、
outsourcing_justified、policy）。列は名前で、順不同:
  費目 (item)               必須  費目名（備品費）またはコード（equipment）
  単価 (unit_price)         必須  円: 1234567、"1,234,567"、¥1,200,000、
                                  1,200,000円、▲500
  内容・摘要 (description)  任意  文字
  数量 (quantity)           任意  0 以上の数、既定 1
  税区分 (price_basis)      任意  税抜（既定）、税込、不課税
  消耗品理由                任意  空欄、(2)、(3)、(4)（ガイドブックの番号）
  現地調査 (field_survey)   任意  はい/いいえ、○、yes/no。空欄はいいえ
合計・小計の行と見出しの行（合計、小計、人件費計、合計（税込）、業務費など）は
数えずに飛ばし、警告を出します。

終了コード: 0 エラーなし（警告は可）、1 規則違反、
            2 読めない入力または使い方の誤り
)";

/// A usage error in the language: the English or the Japanese sentence.
usage_error usage(c3p::language lang, const std::string& english, const std::string& japanese) {
    return usage_error(lang == c3p::language::japanese ? japanese : english, lang);
}

/// An option's value parsed as T, or a usage error naming the option and what is wrong.
template <class T>
T parsed_value(std::string_view option, std::string_view what, std::string_view text, c3p::language lang) {
    const auto parsed = T::try_parse_lenient(text);
    if (!parsed) {
        const std::string reason = c3p::describe(parsed.error, text, parsed.position, lang);
        const std::string_view what_ja = what == "rate" ? "割合" : what == "amount" ? "金額" : "削減量";
        throw usage(lang, std::string(option) + ": invalid " + std::string(what) + " \"" + std::string(text) + "\": " + reason,
                    std::string(option) + ": " + std::string(what_ja) + "「" + std::string(text) + "」が正しくありません：" + reason);
    }
    return parsed.value;
}

/// A rate option's value, at most 100%; above it, the hint that a percentage was meant (10 → 10%).
c3p::rate rate_option(std::string_view option, std::string_view text, c3p::language lang) {
    const auto r = parsed_value<c3p::rate>(option, "rate", text, lang);
    if (r <= c3p::rate_one) return r;
    const bool percent_meant = r <= c3p::rate::fraction(100, 1) && text.find('%') == std::string_view::npos;
    const std::string meant = std::string(text) + "%";
    throw usage(lang,
                std::string(option) + ": " + std::string(text) + " is above 100%" + (percent_meant ? " (did you mean " + meant + "?)" : ""),
                std::string(option) + ": " + std::string(text) + " は 100% を超えています" + (percent_meant ? "（" + meant + " のことですか）" : ""));
}

}  // namespace

c3p::language environment_language() {
#if defined(_WIN32)
    return PRIMARYLANGID(::GetUserDefaultUILanguage()) == LANG_JAPANESE ? c3p::language::japanese
                                                                          : c3p::language::english;
#else
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0')
            return std::string_view(value).starts_with("ja") ? c3p::language::japanese : c3p::language::english;
    }
    return c3p::language::english;
#endif
}

std::string help_text(c3p::language lang) {
    std::string text(lang == c3p::language::japanese ? japanese_help : english_help);
    const std::string_view placeholder = "{policies}";  // the known policies, from the library's one list
    text.replace(text.find(placeholder), placeholder.size(), c3p::known_policy_names());
    return text;
}

std::string item_list(c3p::language lang) {
    const bool ja = lang == c3p::language::japanese;
    std::string out = ja ? "費目（コード、正式名、英語名）:\n" : "Items (code, Japanese name, English name):\n";
    const auto listed = [&](const c3p::item_info& info, bool english) {
        out += "  " + std::string(info.code);
        out.append(info.code.size() < 24 ? 24 - info.code.size() : 1, ' ');
        out += std::string(info.japanese) + (english ? "  " + std::string(info.english) : std::string()) + "\n";
    };
    for (const auto& info : c3p::item_table)
        if (!info.computed) listed(info, true);
    out += ja ? "規則が計算する費目（明細で金額を記載することもできます）:\n"
              : "Computed by the rules (lines may state them):\n";
    for (const auto& info : c3p::item_table)
        if (info.computed) listed(info, false);
    out += ja ? "略称:\n" : "Short forms:\n";
    for (const auto& alias : c3p::item_aliases)
        out += "  " + std::string(alias.name) + " = " + std::string(c3p::info(alias.id).japanese) + " (" +
               std::string(c3p::info(alias.id).code) + ")\n";
    out += ja ? "あいまいな名前（どれか一つを書いてください）:\n" : "Ambiguous names (write one of the candidates):\n";
    for (const auto& name : c3p::ambiguous_item_names) {
        out += "  " + std::string(name.name) + " → ";
        const auto candidates = c3p::item_candidates(name.name);
        for (std::size_t i = 0; i < candidates.size(); ++i)
            out += (i > 0 ? " / " : "") + std::string(c3p::info(candidates[i]).japanese);
        out += '\n';
    }
    out += ja ? "コードは大文字小文字を区別しません。\n" : "Codes compare case-insensitively.\n";
    return out;
}

namespace {

/// One word an option accepts and what it stands for; an alias is not listed in errors.
template <class T>
struct named {
    std::string_view name;
    T value;
    bool alias = false;
};

/// The usage error for a value an option does not take: the values it takes ("a, b or c";
/// 「a、b、c」) and the nearest of them, if one is near ("jsn": did you mean json?).
usage_error unknown_value(std::string_view option, std::string_view name, std::span<const std::string_view> values,
                          c3p::language lang) {
    std::string english, japanese;
    for (std::size_t i = 0; i < values.size(); ++i) {
        english += (i == 0 ? "" : i + 1 == values.size() ? " or " : ", ") + std::string(values[i]);
        japanese += (i == 0 ? "" : "、") + std::string(values[i]);
    }
    const auto meant = c3p::detail::nearest(name, values);
    const std::string hint(meant ? *meant : std::string_view());
    return usage(lang,
                 std::string(option) + ": \"" + std::string(name) + "\" is not " + english +
                     (meant ? " (did you mean " + hint + "?)" : ""),
                 std::string(option) + ": 「" + std::string(name) + "」は使えません（" + japanese + "）" +
                     (meant ? "。" + hint + " のことですか" : ""));
}

/// The value `name` stands for among `choices`, or a usage error listing the choices.
template <class T, std::size_t N>
T named_choice(std::string_view option, std::string_view name, const std::array<named<T>, N>& choices, c3p::language lang) {
    for (const auto& choice : choices)
        if (choice.name == name) return choice.value;
    std::vector<std::string_view> listed;
    for (const auto& choice : choices)
        if (!choice.alias) listed.push_back(choice.name);
    throw unknown_value(option, name, listed, lang);
}

/// Every option's name, for "did you mean".
constexpr std::string_view option_names[] = {
    "--help", "--version", "--list-items", "--ga-rate", "--uplift", "--outsourcing-justified", "--policy", "--format",
    "--no-lines", "--explain", "--lang", "--encoding", "--delimiter", "--contract", "--contract-amount",
    "--settlement-basis", "--transfer-share", "--transfer-base", "--transfers-approved", "--fiscal-year", "--reduction",
    "--cost", "--budget", "--cost-basis", "--engineer-projects", "--past-projects", "--ongoing", "--sheet",
    "--band-reading"};

constexpr std::array<named<bool>, 2> formats{{{"text", false}, {"json", true}}};
constexpr std::array<named<c3p::language>, 2> languages{{{"en", c3p::language::english}, {"ja", c3p::language::japanese}}};
constexpr std::array<std::string_view, 3> encodings{"auto", "utf-8", "cp932"};

/// The options that take a value, so that the command word may follow options: `--lang ja settle`.
constexpr std::string_view options_with_values[] = {
    "--ga-rate", "--uplift", "--policy", "--format", "--lang", "--encoding", "--delimiter", "--contract",
    "--contract-amount", "--settlement-basis", "--transfer-share", "--transfer-base", "--fiscal-year", "--reduction",
    "--cost", "--budget", "--cost-basis", "--engineer-projects", "--past-projects", "--sheet", "--band-reading"};

constexpr std::array<named<char>, 5> delimiters{{{"auto", 0}, {"comma", ','}, {",", ',', true}, {"tab", '\t'}, {"\t", '\t', true}}};
constexpr std::array<named<c3p::settlement_basis>, 2> settlement_bases{
    {{to_string(c3p::settlement_basis::whole_contract), c3p::settlement_basis::whole_contract},
     {to_string(c3p::settlement_basis::per_category), c3p::settlement_basis::per_category}}};
constexpr std::array<named<score_request::basis>, 3> cost_bases{
    {{"total", score_request::basis::total}, {"pre_tax", score_request::basis::pre_tax}, {"phase", score_request::basis::phase}}};
constexpr std::array<named<c3p::band_reading>, 2> band_readings{
    {{"contiguous", c3p::band_reading::contiguous}, {"rounded", c3p::band_reading::rounded}}};
constexpr std::array<named<c3p::transfer_base>, 2> transfer_bases{
    {{to_string(c3p::transfer_base::direct_total), c3p::transfer_base::direct_total},
     {to_string(c3p::transfer_base::receiving_category), c3p::transfer_base::receiving_category}}};

}  // namespace

options parse_options(int argc, const char* const* argv, c3p::language lang) {
    options o;
    o.lang = lang;
    // --lang decides the language of the usage errors too, wherever it stands on the line.
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const std::optional<std::string_view> name = arg.starts_with("--lang=") ? std::optional(arg.substr(7))
                                                      : arg == "--lang" && i + 1 < argc ? std::optional<std::string_view>(argv[i + 1])
                                                                                        : std::nullopt;
        if (const auto chosen = name ? c3p::language_from_string(*name) : std::nullopt) o.lang = *chosen;
    }
    const auto fail = [&](const std::string& english, const std::string& japanese) { return usage(o.lang, english, japanese); };
    bool have_file = false;
    // The command is the first word that is neither an option nor an option's value, wherever it
    // stands: `c3p-check settle --lang ja ...` and `c3p-check --lang ja settle ...` alike.
    std::vector<std::string_view> args(argv + 1, argv + argc);
    std::size_t first_word = 0;
    while (first_word < args.size() && args[first_word].starts_with("-") && args[first_word] != "-") {
        const auto option = args[first_word];
        const bool takes_value = option.find('=') == std::string_view::npos &&
                                 std::find(std::begin(options_with_values), std::end(options_with_values), option) !=
                                     std::end(options_with_values);
        first_word += takes_value ? 2 : 1;
    }
    // "check" may be written, as the other commands are: `c3p-check check budget.csv`.
    constexpr std::array<named<command>, 4> commands{
        {{"check", command::check}, {"settle", command::settle}, {"plan", command::plan}, {"score", command::score}}};
    if (first_word < args.size()) {
        const auto word = args[first_word];
        std::size_t words = 0;
        for (const auto& c : commands)
            if (word == c.name) {
                o.command = c.value;
                words = 1;
            }
        if (word == "policy") {
            const auto next = first_word + 1 < args.size() ? args[first_word + 1] : std::string_view();
            if (next != "list" && next != "show")
                throw fail("policy needs list or show NAME|FILE.json", "policy の後に list か show 名前|ファイル.json を書いてください");
            o.command = next == "list" ? command::policy_list : command::policy_show;
            words = 2;
        }
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(first_word),
                   args.begin() + static_cast<std::ptrdiff_t>(first_word + words));
    }
    const auto only_for = [&](command c, std::string_view option) {
        if (o.command != c)
            throw fail(std::string(option) + " is an option of c3p-check " + (c == command::settle ? "settle" : "score"),
                       std::string(option) + " は c3p-check " + (c == command::settle ? "settle" : "score") + " のオプションです");
    };
    const auto settle_only = [&](std::string_view option) { only_for(command::settle, option); };
    const auto score_only = [&](std::string_view option) { only_for(command::score, option); };
    const auto count = [&](std::string_view option, std::string_view text) {
        int n = 0;
        const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (problem != std::errc{} || end != text.data() + text.size() || n < 0)
            throw fail(std::string(option) + ": \"" + std::string(text) + "\" is not a count such as 0 or 2",
                       std::string(option) + ": 「" + std::string(text) + "」は 0 や 2 のような件数ではありません");
        return n;
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        std::optional<std::string_view> inline_value;
        if (arg.starts_with("--") && arg.find('=') != std::string_view::npos) {
            inline_value = arg.substr(arg.find('=') + 1);
            arg = arg.substr(0, arg.find('='));
        }
        const auto value = [&]() -> std::string_view {
            if (inline_value) return *inline_value;
            if (i + 1 >= args.size()) throw fail(std::string(arg) + " needs a value", std::string(arg) + " には値が必要です");
            return args[++i];
        };
        if (arg == "-h" || arg == "--help") {
            o.help = true;
        } else if (arg == "--version" && !inline_value) {
            o.version = true;
        } else if (arg == "--list-items" && !inline_value) {
            o.list_items = true;
        } else if (arg == "--ga-rate") {
            const auto text = value();
            o.settings.general_admin_rate = rate_option("--ga-rate", text, o.lang);
        } else if (arg == "--uplift") {
            const auto text = value();
            const auto requested = parsed_value<c3p::yen>("--uplift", "amount", text, o.lang);
            if (requested.is_negative())
                throw fail("--uplift: " + std::string(text) + " is below zero", "--uplift: " + std::string(text) + " は負の値です");
            o.settings.uplift = requested;
        } else if (arg == "--outsourcing-justified" && !inline_value) {
            o.settings.outsourcing_justified = true;
        } else if (arg == "--policy") {
            const auto name = value();
            o.settings.rules = c3p::find_policy(name);
            if (!o.settings.rules && is_policy_file(name)) {
                o.policy_file = name;
            } else if (!o.settings.rules) {
                throw usage_error("--policy: " + unknown_policy_message(name, o.lang), o.lang);
            }
        } else if (arg == "--format") {
            o.json = named_choice(arg, value(), formats, o.lang);
        } else if (arg == "--no-lines" && !inline_value) {
            o.no_lines = true;
        } else if (arg == "--explain" && !inline_value) {
            o.explain = true;
        } else if (arg == "--lang") {
            const auto name = value();
            const auto chosen = c3p::language_from_string(name);
            o.lang = chosen ? *chosen : named_choice(arg, name, languages, o.lang);
        } else if (arg == "--encoding") {
            const auto name = value();
            const auto chosen = encoding_named(name);
            if (!chosen) throw unknown_value(arg, name, encodings, o.lang);
            o.encoding = *chosen;
        } else if (arg == "--delimiter") {
            o.settings.delimiter = named_choice(arg, value(), delimiters, o.lang);
        } else if (arg == "--contract") {
            settle_only(arg);
            o.settlement.contract_file = value();
        } else if (arg == "--contract-amount") {
            settle_only(arg);
            const auto text = value();
            const auto amount = parsed_value<c3p::yen>("--contract-amount", "amount", text, o.lang);
            if (amount.is_negative())
                throw fail("--contract-amount: " + std::string(text) + " is below zero", "--contract-amount: " + std::string(text) + " は負の値です");
            o.settlement.contract_amount = amount;
        } else if (arg == "--settlement-basis") {
            settle_only(arg);
            o.settlement.basis = named_choice(arg, value(), settlement_bases, o.lang);
        } else if (arg == "--transfer-share") {
            settle_only(arg);
            const auto text = value();
            o.settlement.transfer_share = rate_option("--transfer-share", text, o.lang);
        } else if (arg == "--transfer-base") {
            settle_only(arg);
            o.settlement.transfer_of = named_choice(arg, value(), transfer_bases, o.lang);
        } else if (arg == "--transfers-approved" && !inline_value) {
            settle_only(arg);
            o.settlement.settle.transfers_approved = true;
        } else if (arg == "--fiscal-year") {
            settle_only(arg);
            const auto text = value();
            const auto year = c3p::parse_fiscal_year(text);
            if (!year)
                throw fail("--fiscal-year: \"" + std::string(text) + "\" is not a fiscal year such as 2025, FY2025, R7 or 令和7年度",
                           "--fiscal-year: 「" + std::string(text) + "」は年度として読めません（2025、FY2025、R7、令和7年度 など）");
            o.settlement.settle.fiscal_year = *year;
        } else if (arg == "--reduction") {
            score_only(arg);
            const auto text = value();
            const auto tonnes = parsed_value<c3p::decimal>("--reduction", "reduction", text, o.lang);
            if (tonnes.is_negative())
                throw fail("--reduction: " + std::string(text) + " is below zero", "--reduction: " + std::string(text) + " は負の値です");
            o.scoring.reduction = tonnes;
        } else if (arg == "--cost") {
            score_only(arg);
            const auto text = value();
            const auto cost = parsed_value<c3p::yen>("--cost", "amount", text, o.lang);
            if (cost.is_negative())
                throw fail("--cost: " + std::string(text) + " is below zero", "--cost: " + std::string(text) + " は負の値です");
            o.scoring.cost = cost;
        } else if (arg == "--budget") {
            score_only(arg);
            o.scoring.budget_file = value();
        } else if (arg == "--cost-basis") {
            score_only(arg);
            o.scoring.cost_basis = named_choice(arg, value(), cost_bases, o.lang);
        } else if (arg == "--engineer-projects") {
            score_only(arg);
            o.scoring.engineer_projects = count(arg, value());
        } else if (arg == "--past-projects") {
            score_only(arg);
            o.scoring.past_projects = count(arg, value());
        } else if (arg == "--ongoing" && !inline_value) {
            score_only(arg);
            o.scoring.ongoing = true;
        } else if (arg == "--sheet") {
            score_only(arg);
            o.scoring.sheet_file = value();
        } else if (arg == "--band-reading") {
            score_only(arg);
            o.scoring.scoring.bands = named_choice(arg, value(), band_readings, o.lang);
        } else if (arg.starts_with("-") && arg != "-") {
            // (not named `near`: windows.h defines that as a macro)
            const auto meant = c3p::detail::nearest(arg, option_names);
            const std::string option(meant ? *meant : std::string_view());
            throw fail("unknown option " + std::string(arg) + (meant ? " (did you mean " + option + "?)" : ""),
                       "不明なオプション " + std::string(arg) + " です" + (meant ? "（" + option + " のことですか）" : ""));
        } else if (have_file) {
            throw fail("only one FILE can be checked, got \"" + o.file + "\" and \"" + std::string(arg) + "\"",
                       "確認できるファイルは一つです（「" + o.file + "」と「" + std::string(arg) + "」が指定されました）");
        } else {
            o.file = arg;
            have_file = true;
        }
    }
    const bool informational = o.help || o.version || o.list_items;
    if (o.command == command::policy_list && have_file)
        throw fail("policy list takes no FILE", "policy list にファイルは指定できません");
    if (o.command == command::policy_show && !have_file && !informational)
        throw fail("policy show needs a NAME (" + c3p::known_policy_names() + ") or a policy FILE.json",
                   "policy show には規則の名前（" + c3p::known_policy_names() + "）か規則ファイル .json を指定してください");
    if (o.command == command::policy_list || o.command == command::policy_show) {
        // nothing more to check
    } else if (o.command == command::score) {
        if (have_file)
            throw fail("score takes no FILE: give --cost or --budget FILE",
                       "score にファイルは指定できません（--cost 円 か --budget ファイル を指定します）");
        if (!informational && !o.scoring.reduction)
            throw fail("score needs --reduction T (t-CO2 a year)", "score には --reduction 削減量（t-CO2/年）が必要です");
        if (!informational && o.scoring.cost.has_value() == !o.scoring.budget_file.empty())
            throw fail("score needs one of --cost YEN and --budget FILE",
                       "score には --cost 円 と --budget ファイル のどちらか一つが必要です");
    } else if (!have_file && !informational) {
        throw fail("no FILE given", "ファイルが指定されていません");
    }
    if (o.command == command::settle && o.settlement.contract_file.empty() && !o.help)
        throw fail("settle needs --contract CONTRACT.csv", "settle には --contract 契約.csv が必要です");
    o.settings.options.line_amounts = o.json && !o.no_lines;  // the JSON lists each line's amount
    return o;
}

std::string unknown_policy_message(std::string_view name, c3p::language lang) {
    std::vector<std::string_view> known;
    for (const auto& p : c3p::known_policies) known.push_back(p->name.view());
    const auto meant = c3p::detail::nearest(name, known);
    const std::string hint(meant ? *meant : std::string_view());
    if (lang == c3p::language::japanese)
        return "規則「" + std::string(name) + "」はありません（" + c3p::known_policy_names() + "、または規則ファイル 名前.json）" +
               (meant ? "。" + hint + " のことですか" : "");
    return "no policy \"" + std::string(name) + "\" (known: " + c3p::known_policy_names() + "; or a policy file NAME.json)" +
           (meant ? "; did you mean " + hint + "?" : "");
}

bool is_policy_file(std::string_view name) {
    const auto lower_end = [&](std::string_view suffix) {
        if (name.size() < suffix.size()) return false;
        for (std::size_t i = 0; i < suffix.size(); ++i) {
            const char c = name[name.size() - suffix.size() + i];
            if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != suffix[i]) return false;
        }
        return true;
    };
    return lower_end(".json") || name.find_first_of("/\\") != std::string_view::npos;
}

}  // namespace c3p_check
