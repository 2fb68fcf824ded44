// The languages sentences are written in.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace c3p {

enum class language : std::uint8_t {
    english,
    japanese,
};

/// "en" or "ja".
[[nodiscard]] constexpr std::string_view code(language lang) noexcept { return lang == language::japanese ? "ja" : "en"; }

/// From "en" / "ja" (also "english", "japanese", "日本語").
[[nodiscard]] constexpr std::optional<language> language_from_string(std::string_view text) noexcept {
    if (text == "en" || text == "english") return language::english;
    if (text == "ja" || text == "japanese" || text == "日本語") return language::japanese;
    return std::nullopt;
}

}  // namespace c3p
