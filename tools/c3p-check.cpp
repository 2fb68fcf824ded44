// c3p-check: checks a CSV budget against a policy's rules and prints a Table 5 summary or JSON.
// Reading, checking and printing are library code (c3p/csv_check.hpp, c3p/report.hpp, c3p/json.hpp);
// this file only wires the command-line options to them.
#include <c3p/c3p.hpp>
#include <c3p/csv_check.hpp>
#include <c3p/json.hpp>
#include <c3p/report.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace {

constexpr int exit_ok = 0, exit_violations = 1, exit_bad_input = 2;

constexpr std::string_view help = R"(usage: c3p-check [options] FILE.csv
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

struct options {
    std::string file;
    c3p::budget_terms terms;
    const c3p::policy* policy = &c3p::fy2025;
    bool json = false;
};

struct usage_error {
    std::string message;
};

/// An option's value parsed as T, or a usage error naming the option and what is wrong.
template <class T>
T parsed_value(std::string_view option, std::string_view what, std::string_view text) {
    const auto parsed = T::try_parse(text);
    if (!parsed)
        throw usage_error{std::string(option) + ": invalid " + std::string(what) + " \"" + std::string(text) +
                          "\": " + c3p::detail::reason(parsed.error, text, parsed.position)};
    return parsed.value;
}

options parse_options(int argc, char** argv, bool& asked_for_help) {
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
            if (i + 1 >= argc) throw usage_error{std::string(arg) + " needs a value"};
            return argv[++i];
        };
        if (arg == "-h" || arg == "--help") {
            asked_for_help = true;
            return o;
        } else if (arg == "--ga-rate") {
            const auto text = value();
            o.terms.general_admin_rate = parsed_value<c3p::rate>("--ga-rate", "rate", text);
            if (*o.terms.general_admin_rate > c3p::rate_one) throw usage_error{"--ga-rate: " + std::string(text) + " is above 100%"};
        } else if (arg == "--uplift") {
            const auto text = value();
            o.terms.uplift = parsed_value<c3p::yen>("--uplift", "amount", text);
            if (o.terms.uplift.is_negative()) throw usage_error{"--uplift: " + std::string(text) + " is below zero"};
        } else if (arg == "--outsourcing-justified" && !inline_value) {
            o.terms.outsourcing_justified = true;
        } else if (arg == "--policy") {
            const auto name = value();
            o.policy = c3p::find_policy(name);
            if (!o.policy) throw usage_error{"--policy: unknown policy \"" + std::string(name) + "\" (known: fy2025)"};
        } else if (arg == "--format") {
            const auto format = value();
            if (format != "text" && format != "json")
                throw usage_error{"--format: \"" + std::string(format) + "\" is not text or json"};
            o.json = format == "json";
        } else if (arg.starts_with("-") && arg != "-") {
            throw usage_error{"unknown option " + std::string(arg)};
        } else if (have_file) {
            throw usage_error{"only one FILE can be checked, got \"" + o.file + "\" and \"" + std::string(arg) + "\""};
        } else {
            o.file = arg;
            have_file = true;
        }
    }
    if (!have_file) throw usage_error{"no FILE given"};
    return o;
}

/// The input: a regular file is checked where it lies (check_csv_file reads a long one in pieces,
/// with several threads); anything else, standard input included, is read into memory first.
struct input {
    std::optional<std::filesystem::path> file;  // a regular file
    std::string text;                           // otherwise its contents

    bool open(const std::string& name, std::string& problem) {
        if (name == "-") return read_stream(std::cin, "standard input", problem);
        const int fd = ::open(name.c_str(), O_RDONLY);
        if (fd < 0) {
            problem = "cannot open " + name + ": " + std::strerror(errno);
            return false;
        }
        struct stat info {};
        const bool known = ::fstat(fd, &info) == 0;
        ::close(fd);
        if (known && S_ISDIR(info.st_mode)) {
            problem = "cannot read " + name + ": it is a directory";
            return false;
        }
        if (known && S_ISREG(info.st_mode)) {
            file = name;
            return true;
        }
        std::ifstream in(name, std::ios::binary);
        return read_stream(in, name, problem);
    }

    [[nodiscard]] c3p::csv_check check(const c3p::budget_terms& terms, const c3p::policy& p) const {
        return file ? c3p::check_csv_file(*file, terms, p) : c3p::check_csv(text, terms, p);
    }

private:
    bool read_stream(std::istream& in, const std::string& name, std::string& problem) {
        std::ostringstream content;
        content << in.rdbuf();
        if (in.bad()) {
            problem = "cannot read " + name;
            return false;
        }
        text = std::move(content).str();
        return true;
    }
};

/// Into a pipe, JSON for many violations is megabytes: with the default 64 KiB the checker stops
/// at every write until the reader has caught up. A larger pipe (Linux; best effort) lets it
/// write on while the reader reads.
void widen_output_pipe() {
#if defined(F_SETPIPE_SZ)
    struct stat out {};
    if (::fstat(STDOUT_FILENO, &out) == 0 && S_ISFIFO(out.st_mode)) ::fcntl(STDOUT_FILENO, F_SETPIPE_SZ, 1 << 20);
#endif
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    options o;
    try {
        bool asked_for_help = false;
        o = parse_options(argc, argv, asked_for_help);
        if (asked_for_help) {
            std::cout << help;
            return exit_ok;
        }
    } catch (const usage_error& e) {
        std::cerr << "c3p-check: " << e.message << " (see c3p-check --help)\n";
        return exit_bad_input;
    }

    const std::string source = o.file == "-" ? "<stdin>" : o.file;
    std::string problem;
    input in;
    if (!in.open(o.file, problem)) {
        std::cerr << "c3p-check: " << problem << '\n';
        return exit_bad_input;
    }
    try {
        const auto checked = in.check(o.terms, *o.policy);
        if (!checked.ok()) {
            for (const auto& e : checked.errors()) std::cerr << to_string(e, source) << '\n';
            std::cerr << "c3p-check: " << checked.errors().size() << (checked.errors().size() == 1 ? " error" : " errors")
                      << " in " << source << "; nothing was checked\n";
            return exit_bad_input;
        }
        if (o.json) {
            widen_output_pipe();
            c3p::write_json(std::cout, checked);
        } else {
            std::cout << c3p::format_text_report(checked, source);
        }
        std::cout.flush();
        return checked.has_errors() ? exit_violations : exit_ok;
    } catch (const std::exception& e) {  // overflow or inexact arithmetic: the figures cannot be exact
        std::cerr << "c3p-check: " << source << ": " << e.what() << '\n';
        return exit_bad_input;
    }
}
