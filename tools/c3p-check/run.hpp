// c3p-check's whole program behind main(): the command line in, the report on std::cout, messages
// on std::cerr, the exit status out. main.cpp calls it; the WebAssembly build (web/) calls it with
// both streams captured.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace c3p {
struct csv_check;  // <c3p/csv.hpp>
}

namespace c3p_check {

struct options;  // options.hpp: main.cpp, which only calls run(), need not read the library

/// The exit status: 0 clean (warnings allowed), 1 a rule broken, 2 the input or the command line
/// could not be read.
int run(int argc, const char* const* argv);

// The steps of run() that the WebAssembly build's check in pieces (web/c3p_web.cpp) takes too.

/// The command line as run() reads it, a --policy file's rules read into the options. Nullopt
/// where run() would stop there, with `status` set: a usage error reported, or --help,
/// --version or --list-items printed.
std::optional<options> read_command_line(int argc, const char* const* argv, int& status);

/// Whether run() checks the budget file of `size` bytes on the fast path (fast_rows.hpp), in
/// pieces that may as well be checked elsewhere. Not with --explain: run() writes the text of a
/// long file's derivation on the fast path itself (fast_explain_file).
bool takes_fast_path(const options& o, std::uint64_t size);

/// Prints a budget's check as run() does: the report or JSON on std::cout, or its input errors
/// on std::cerr naming `source`. Returns the exit status.
int report_check(const c3p::csv_check& checked, const std::string& source, const options& o);

}  // namespace c3p_check
