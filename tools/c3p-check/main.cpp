// c3p-check: checks a CSV budget against a policy's rules and prints a Table 5 summary or JSON,
// in English or Japanese. The rules are the library's; this program reads files and standard
// input in UTF-8 or CP932, parses the command line, and for long files cuts rows faster on
// several threads (fast_rows.hpp).
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/json.hpp>
#include <c3p/report.hpp>

#include <exception>
#include <optional>
#include <iostream>
#include <string>
#include <string_view>

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
#if defined(_WIN32)
#include <windows.h>
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

void report_errors(const std::vector<c3p::input_error>& errors, const std::string& source, const c3p_check::options& o) {
    const bool ja = o.lang == c3p::language::japanese;
    if (o.json) {
        std::cout << c3p::format_json(errors, o.lang);
    } else {
        for (const auto& e : errors) std::cerr << to_string(e, source, o.lang) << '\n';
    }
    if (ja) {
        std::cerr << "c3p-check: " << source << " に " << errors.size() << " 件のエラーがあります。確認していません\n";
    } else {
        std::cerr << "c3p-check: " << errors.size() << (errors.size() == 1 ? " error" : " errors") << " in " << source
                  << "; nothing was checked\n";
    }
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
    if (const auto problem = in.open(file)) {
        std::cerr << "c3p-check: " << *problem << '\n';
        return std::nullopt;
    }
    return decode(in, file, o);
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
    const c3p::settlement s = c3p::settle(c3p::contract{awarded.budget, o.settlement.contract_amount}, spent.records,
                                          rules, o.settlement.settle);
    std::cout << (o.json ? c3p::format_json(s, o.lang) : c3p::format_settlement_report(s, source, o.lang));
    std::cout.flush();
    return s.has_errors() ? exit_violations : exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
#if defined(_WIN32)
    ::SetConsoleOutputCP(CP_UTF8);  // the messages are UTF-8; a console shows them as such
#endif
    c3p_check::options o;
    try {
        o = c3p_check::parse_options(argc, argv, c3p_check::environment_language());
    } catch (const c3p_check::usage_error& e) {
        std::cerr << "c3p-check: " << e.what() << " (see c3p-check --help)\n";
        return exit_bad_input;
    }
    if (o.help || o.version || o.list_items) {
        if (o.help) std::cout << c3p_check::help_text(o.lang);
        if (o.version) std::cout << "c3p-check " << c3p::version << '\n';
        if (o.list_items) std::cout << c3p_check::item_list(o.lang);
        return exit_ok;
    }

    if (o.settle) {
        try {
            return settle(o);
        } catch (const std::exception& e) {  // overflow: the figures cannot be exact
            std::cerr << "c3p-check: " << e.what() << '\n';
            return exit_bad_input;
        }
    }
    const std::string source = source_name(o.file);
    c3p_check::input in;
    if (const auto problem = in.open(o.file)) {
        std::cerr << "c3p-check: " << *problem << '\n';
        return exit_bad_input;
    }
    try {
        // A long UTF-8 file goes through the fast row cutter when it can decide it; anything
        // else is converted to UTF-8 where needed and read by the library's reader.
        std::optional<c3p::check_result> fast;
        if (in.is_large_file() && o.encoding != c3p_check::text_encoding::cp932)
            fast = c3p_check::fast_check_file(in.path(), in.size(), o.settings);
        c3p::csv_check checked;
        if (fast) {
            checked.result = std::move(*fast);
        } else {
            const auto text = decode(in, o.file, o);
            if (!text) return exit_bad_input;
            checked = c3p::check_csv(*text, o.settings);
        }
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
    } catch (const std::exception& e) {  // overflow or inexact arithmetic: the figures cannot be exact
        std::cerr << "c3p-check: " << source << ": " << e.what() << '\n';
        return exit_bad_input;
    }
}
