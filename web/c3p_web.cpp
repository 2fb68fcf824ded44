// The WebAssembly entry: c3p-check's own program (tools/c3p-check/run.hpp), run on arguments
// from JavaScript with its two streams captured, so that the module and the page give exactly
// what the command line gives. Files are those JavaScript wrote into the module's memory file
// system; nothing is read from or sent to anywhere else. A long budget file can also be checked
// in pieces by several instances (Web Workers: c3p_web_piece) and joined in one (c3p_web_join),
// as c3p-check's threads do.
#include <emscripten.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <c3p/categories.hpp>
#include <c3p/score.hpp>
#include <c3p/violation.hpp>
#include <nlohmann/json.hpp>

#include "fast_rows.hpp"
#include "options.hpp"
#include "run.hpp"

namespace {

/// The last run's exit status and what it wrote, until the next run.
struct outcome {
    int status = 0;
    std::string out, err;
};
outcome last;

/// What c3p_web_piece and c3p_web_join return where the file cannot be checked in pieces: the
/// page then runs the whole file through c3p_web_run, which reports what there is to report.
constexpr int not_in_pieces = 3;

/// c3p-check's arguments from one argument a line (none holds a line break: they are options,
/// their values and the memory file system's paths), "c3p-check" first.
std::vector<std::string> words_of(std::string_view arguments) {
    std::vector<std::string> words{"c3p-check"};
    for (std::string_view rest = arguments; !rest.empty();) {
        const auto end = rest.find('\n');
        words.emplace_back(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    return words;
}

/// Runs `program(argc, argv)` on `arguments` with std::cout and std::cerr captured into `last`.
template <class Program>
int captured(const char* arguments, Program&& program) {
    const auto words = words_of(arguments);
    std::vector<const char*> argv;
    for (const auto& w : words) argv.push_back(w.c_str());
    argv.push_back(nullptr);

    std::ostringstream out, err;
    auto* const cout_buffer = std::cout.rdbuf(out.rdbuf());
    auto* const cerr_buffer = std::cerr.rdbuf(err.rdbuf());
    std::cout.clear();
    std::cerr.clear();
    try {
        last.status = program(static_cast<int>(words.size()), argv.data());
    } catch (const std::exception& e) {  // out of memory: c3p-check itself reports everything else
        err << "c3p-check: " << e.what() << '\n';
        last.status = 2;
    }
    std::cout.rdbuf(cout_buffer);
    std::cerr.rdbuf(cerr_buffer);
    last.out = std::move(out).str();
    last.err = std::move(err).str();
    return last.status;
}

/// Runs `step(options, header)` on `arguments` as captured() runs a program, for a check of a
/// `file_size`-byte budget file in pieces: the options from the command line, the header read
/// from the file's first bytes `head`. not_in_pieces where c3p-check would not check that file on
/// its fast path.
template <class Step>
int in_pieces(const char* arguments, std::string_view head, std::size_t file_size, Step&& step) {
    return captured(arguments, [&](int argc, const char* const* argv) {
        int status = 0;
        const auto o = c3p_check::read_command_line(argc, argv, status);
        if (!o || !c3p_check::takes_fast_path(*o, file_size)) return not_in_pieces;
        const c3p::csv_reader header(head, o->settings);
        if (!c3p_check::fast_path_takes(header, head.size())) return not_in_pieces;
        return step(*o, header);
    });
}

}  // namespace

extern "C" {

/// Runs c3p-check on `arguments`, one a line. Returns the exit status.
EMSCRIPTEN_KEEPALIVE int c3p_web_run(const char* arguments) { return captured(arguments, c3p_check::run); }

/// Checks one piece of a long budget file, as c3p-check's fast path does, for c3p_web_join in
/// another instance (a Web Worker's): `arguments` are the check's (c3p_web_run's); `head` the
/// file's first bytes (fast_header_bytes, or all of a shorter file); `piece` the file's bytes
/// from `offset` on to at least the first line end at or past `share` bytes, or to the file's
/// end (`file_size` bytes). Returns 0 with the piece's check as bytes in c3p_web_stdout, or
/// not_in_pieces.
EMSCRIPTEN_KEEPALIVE int c3p_web_piece(const char* arguments, const char* head, std::size_t head_size, const char* piece,
                                       std::size_t piece_size, std::size_t share, std::size_t offset, std::size_t file_size) {
    return in_pieces(arguments, {head, head_size}, file_size, [&](const c3p_check::options& o, const c3p::csv_reader& header) {
        const std::string_view text(piece, piece_size);
        const auto until = c3p_check::piece_end(text, share, offset + piece_size >= file_size);
        if (until == std::string_view::npos) return not_in_pieces;  // a row longer than the bytes given past the share
        const auto bytes = c3p_check::to_bytes(c3p_check::check_piece(text.substr(0, until), offset == 0, header, o.settings));
        if (!bytes) return not_in_pieces;
        std::cout << *bytes;
        return 0;
    });
}

/// c3p-check's output for a long budget file from its pieces' checks (c3p_web_piece's bytes, in
/// file order, each after its length as 4 bytes little-endian, in `pieces`): what c3p_web_run
/// gives for the whole file. `arguments` and `head` as for c3p_web_piece. Returns c3p-check's
/// exit status, or not_in_pieces.
EMSCRIPTEN_KEEPALIVE int c3p_web_join(const char* arguments, const char* head, std::size_t head_size, const char* pieces,
                                      std::size_t pieces_size, std::size_t file_size) {
    return in_pieces(arguments, {head, head_size}, file_size, [&](const c3p_check::options& o, const c3p::csv_reader& header) {
        std::vector<c3p_check::piece_check> checks;
        for (std::string_view rest(pieces, pieces_size); !rest.empty();) {
            std::uint32_t size = 0;
            for (int b = 0; b < 4 && static_cast<std::size_t>(b) < rest.size(); ++b)
                size |= std::uint32_t{static_cast<unsigned char>(rest[static_cast<std::size_t>(b)])} << (8 * b);
            if (rest.size() < 4 || rest.size() - 4 < size) return not_in_pieces;
            auto check = c3p_check::piece_from_bytes(rest.substr(4, size), header, o.settings);
            if (!check) return not_in_pieces;
            checks.push_back(std::move(*check));
            rest.remove_prefix(4 + std::size_t{size});
        }
        std::optional<c3p::check_result> result;
        try {
            result = c3p_check::join_pieces(header, o.settings, checks);
        } catch (const std::exception&) {  // totals that cannot be exact: c3p-check reports them on the whole file
        }
        if (!result) return not_in_pieces;
        c3p::csv_check checked;
        checked.result = std::move(*result);
        return c3p_check::report_check(checked, o.file, o);
    });
}

/// The fast path's sizes, for JavaScript to cut a file as c3p_web_piece takes it: the shortest
/// file it takes, and how many first bytes hold the header.
EMSCRIPTEN_KEEPALIVE std::size_t c3p_web_fast_file_bytes() { return static_cast<std::size_t>(c3p_check::fast_file_bytes); }
EMSCRIPTEN_KEEPALIVE std::size_t c3p_web_fast_header_bytes() { return c3p_check::fast_header_bytes; }

EMSCRIPTEN_KEEPALIVE const char* c3p_web_stdout() { return last.out.data(); }
EMSCRIPTEN_KEEPALIVE std::size_t c3p_web_stdout_size() { return last.out.size(); }
EMSCRIPTEN_KEEPALIVE const char* c3p_web_stderr() { return last.err.data(); }
EMSCRIPTEN_KEEPALIVE std::size_t c3p_web_stderr_size() { return last.err.size(); }

/// The names of Table 5's groups, categories and items and of Table 6's rows in both languages,
/// from the library's tables, as JSON: {"groups": [{"code", "english", "japanese"}],
/// "categories": [... "group"], "items": [... "category", "computed"], "score_rows": [...
/// "computed"]}, in the tables' order.
EMSCRIPTEN_KEEPALIVE const char* c3p_web_names() {
    static const std::string names = [] {
        nlohmann::json out{{"groups", nlohmann::json::array()},
                           {"categories", nlohmann::json::array()},
                           {"items", nlohmann::json::array()},
                           {"score_rows", nlohmann::json::array()}};
        for (const auto& g : c3p::group_table) out["groups"].push_back({{"code", g.code}, {"english", g.english}, {"japanese", g.japanese}});
        for (const auto& c : c3p::category_table)
            out["categories"].push_back({{"code", c.code}, {"english", c.english}, {"japanese", c.japanese},
                                         {"group", c3p::info(c.group).code}});
        for (const auto& i : c3p::item_table)
            out["items"].push_back({{"code", i.code}, {"english", i.english}, {"japanese", i.japanese},
                                    {"category", c3p::info(i.category).code}, {"computed", i.computed}});
        for (const auto& r : c3p::score_sheet)
            out["score_rows"].push_back({{"code", r.id}, {"english", r.english}, {"japanese", r.japanese}, {"computed", r.computed()}});
        return out.dump();
    }();
    return names.c_str();
}

/// The rule catalogue as JSON: [{"code", "severity", "family", "source": {"document", "place",
/// "provisional"}, "english", "japanese"}], the templates with their named slots as they are.
EMSCRIPTEN_KEEPALIVE const char* c3p_web_rules() {
    static const std::string rules = [] {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& r : c3p::rule_table)
            out.push_back({{"code", r.code},
                           {"severity", c3p::to_string(r.severity)},
                           {"family", c3p::to_string(r.family)},
                           {"source", {{"document", r.source.document}, {"place", r.source.place}, {"provisional", r.source.provisional}}},
                           {"english", r.english},
                           {"japanese", r.japanese}});
        return out.dump();
    }();
    return rules.c_str();
}

}  // extern "C"
