// The WebAssembly entry: c3p-check's own program (tools/c3p-check/run.hpp), run on arguments
// from JavaScript with its two streams captured, so that the module and the page give exactly
// what the command line gives. Files are those JavaScript wrote into the module's memory file
// system; nothing is read from or sent to anywhere else.
#include <emscripten.h>

#include <cstddef>
#include <exception>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <c3p/categories.hpp>
#include <c3p/score.hpp>
#include <c3p/violation.hpp>
#include <nlohmann/json.hpp>

#include "run.hpp"

namespace {

/// The last run's exit status and what it wrote, until the next run.
struct outcome {
    int status = 0;
    std::string out, err;
};
outcome last;

}  // namespace

extern "C" {

/// Runs c3p-check on `arguments`, one a line (no argument holds a line break: they are options,
/// their values and the memory file system's paths). Returns the exit status.
EMSCRIPTEN_KEEPALIVE int c3p_web_run(const char* arguments) {
    std::vector<std::string> words{"c3p-check"};
    for (std::string_view rest = arguments; !rest.empty();) {
        const auto end = rest.find('\n');
        words.emplace_back(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    std::vector<const char*> argv;
    for (const auto& w : words) argv.push_back(w.c_str());
    argv.push_back(nullptr);

    std::ostringstream out, err;
    auto* const cout_buffer = std::cout.rdbuf(out.rdbuf());
    auto* const cerr_buffer = std::cerr.rdbuf(err.rdbuf());
    std::cout.clear();
    std::cerr.clear();
    try {
        last.status = c3p_check::run(static_cast<int>(words.size()), argv.data());
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
