// The known word nearest a mistyped one, for "did you mean" hints: edits counted in characters
// (a kanji is one edit, not three bytes), ignoring the case of ASCII letters.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "c3p/detail/utf8.hpp"

namespace c3p::detail {

/// The characters of UTF-8 `text`, ASCII letters in lower case (an invalid byte is one character).
[[nodiscard]] inline std::u32string characters_of(std::string_view text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8_sequence_length(text, i);
        char32_t c = length == 0 ? static_cast<unsigned char>(text[i]) : utf8_decode(text, i, length);
        if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
        out += c;
        i += length == 0 ? 1 : length;
    }
    return out;
}

/// Edits (insert, delete, replace a character) from `a` to `b`.
[[nodiscard]] inline std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
    const auto a = characters_of(a_text), b = characters_of(b_text);
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// The candidate nearest `word`, when it is within a third of the word's characters (at least
/// one edit): "capp" finds "cap", "消耗品" finds "消耗品費", "xyz" finds nothing.
[[nodiscard]] inline std::optional<std::string_view> nearest(std::string_view word,
                                                             std::span<const std::string_view> candidates) {
    std::optional<std::string_view> best;
    std::size_t best_distance = std::max<std::size_t>(1, characters_of(word).size() / 3) + 1;
    for (const auto candidate : candidates) {
        const auto distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace c3p::detail
