#include "input.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "fast_rows.hpp"

namespace c3p_check {

namespace {

std::string read_stream(std::istream& in, const std::string& name) {
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) throw std::runtime_error("cannot read " + name);
    return std::move(content).str();
}

}  // namespace

std::optional<std::string> input::open(const std::string& name) {
    if (name == "-") {
        std::cin.exceptions(std::ios::goodbit);
        text_ = read_stream(std::cin, "standard input");
        return std::nullopt;
    }
    path_ = name;
    std::error_code error;
    const auto status = std::filesystem::status(path_, error);
    if (error) return "cannot open " + name + ": " + error.message();
    if (std::filesystem::is_directory(status)) return "cannot read " + name + ": it is a directory";
    regular_ = std::filesystem::is_regular_file(status);
    if (regular_) size_ = std::filesystem::file_size(path_, error);
    if (error) return "cannot read " + name + ": " + error.message();
    std::ifstream probe(path_, std::ios::binary);
    if (!probe) return "cannot open " + name;
    return std::nullopt;
}

bool input::is_large_file() const noexcept { return regular_ && size_ >= fast_file_bytes; }

std::string input::take_bytes() {
    if (!text_) {
        std::ifstream in(path_, std::ios::binary);
        if (!in) throw std::runtime_error("cannot open " + path_.string());
        text_ = read_stream(in, path_.string());
    }
    return std::move(*text_);
}

}  // namespace c3p_check
