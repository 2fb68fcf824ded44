#include "input.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace c3p_check {

namespace {

std::string read_stream(std::istream& in, const std::string& name) {
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) throw std::runtime_error("cannot read " + name);
    return std::move(content).str();
}

/// Why a file cannot be read, in the language: the system's words, or, in Japanese, the usual
/// reasons in Japanese.
std::string reason(const std::error_code& error, c3p::language lang) {
    if (lang != c3p::language::japanese) return error.message();
    if (error == std::errc::no_such_file_or_directory) return "ファイルがありません";
    if (error == std::errc::permission_denied) return "読む権限がありません";
    return error.message();
}

}  // namespace

std::optional<std::string> input::open(const std::string& name, c3p::language lang) {
    const bool ja = lang == c3p::language::japanese;
    if (name == "-") {
        std::cin.exceptions(std::ios::goodbit);
        text_ = read_stream(std::cin, "standard input");
        return std::nullopt;
    }
    path_ = name;
    std::error_code error;
    const auto status = std::filesystem::status(path_, error);
    if (error) return ja ? name + " を開けません：" + reason(error, lang) : "cannot open " + name + ": " + reason(error, lang);
    if (std::filesystem::is_directory(status))
        return ja ? name + " はフォルダーです。ファイルを指定してください" : "cannot read " + name + ": it is a directory";
    regular_ = std::filesystem::is_regular_file(status);
    if (regular_) size_ = std::filesystem::file_size(path_, error);
    if (error) return ja ? name + " を読めません：" + reason(error, lang) : "cannot read " + name + ": " + reason(error, lang);
    std::ifstream probe(path_, std::ios::binary);
    if (!probe) return ja ? name + " を開けません" : "cannot open " + name;
    return std::nullopt;
}

std::string input::take_bytes() {
    if (!text_) {
        std::ifstream in(path_, std::ios::binary);
        if (!in) throw std::runtime_error("cannot open " + path_.string());
        text_ = read_stream(in, path_.string());
    }
    return std::move(*text_);
}

}  // namespace c3p_check
