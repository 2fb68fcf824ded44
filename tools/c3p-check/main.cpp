// c3p-check: checks a CSV budget against a policy's rules and prints a Table 5 summary or JSON.
// The rules are the library's; this program reads files and standard input, parses the
// command line, and for long files cuts rows faster on several threads (fast_rows.hpp).
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/report.hpp>

#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

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

/// The check of the input: a long regular file through the fast row cutter when it can decide
/// it, anything else through the library's reader.
c3p::csv_check check_input(c3p_check::input& in, const c3p_check::options& o) {
    if (in.is_large_file()) {
        if (auto fast = c3p_check::fast_check_file(in.path(), in.size(), o.terms, *o.policy)) return {{}, std::move(*fast)};
    }
    return c3p::check_csv(in.text(), o.terms, *o.policy);
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    c3p_check::options o;
    try {
        o = c3p_check::parse_options(argc, argv);
        if (o.help) {
            std::cout << c3p_check::help_text;
            return exit_ok;
        }
    } catch (const c3p_check::usage_error& e) {
        std::cerr << "c3p-check: " << e.what() << " (see c3p-check --help)\n";
        return exit_bad_input;
    }

    const std::string source = o.file == "-" ? "<stdin>" : o.file;
    c3p_check::input in;
    if (const auto problem = in.open(o.file)) {
        std::cerr << "c3p-check: " << *problem << '\n';
        return exit_bad_input;
    }
    try {
        const auto checked = check_input(in, o);
        if (!checked.ok()) {
            for (const auto& e : checked.errors) std::cerr << to_string(e, source) << '\n';
            std::cerr << "c3p-check: " << checked.errors.size() << (checked.errors.size() == 1 ? " error" : " errors")
                      << " in " << source << "; nothing was checked\n";
            return exit_bad_input;
        }
        if (o.json) {
            widen_output_pipe();
            c3p_check::write_json(std::cout, checked.result);
        } else {
            std::cout << c3p::format_text_report(checked.result, source);
        }
        std::cout.flush();
        return checked.result.has_errors() ? exit_violations : exit_ok;
    } catch (const std::exception& e) {  // overflow or inexact arithmetic: the figures cannot be exact
        std::cerr << "c3p-check: " << source << ": " << e.what() << '\n';
        return exit_bad_input;
    }
}
