// What c3p-check reads: a file, or standard input.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <c3p/language.hpp>

namespace c3p_check {

class input {
public:
    /// Opens `name` ("-" is standard input); the problem in words, in the language, when it
    /// cannot be read.
    std::optional<std::string> open(const std::string& name, c3p::language lang = c3p::language::english);

    /// A regular file (not standard input or a pipe): its size is known before it is read.
    [[nodiscard]] bool is_regular_file() const noexcept { return regular_; }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] std::uint64_t size() const noexcept { return size_; }

    /// The whole content as it is (any encoding), read on first use and handed over; throws
    /// std::runtime_error when it cannot be read.
    [[nodiscard]] std::string take_bytes();

private:
    std::filesystem::path path_;  // empty for standard input
    std::uint64_t size_ = 0;      // of a regular file
    bool regular_ = false;
    std::optional<std::string> text_;
};

}  // namespace c3p_check
