// UTF-8 helpers for the CSV reader and the text report: validation, code-point columns,
// terminal display width (East Asian wide characters take two columns), and quoting of
// untrusted text in messages so that broken bytes never reach the output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace c3p::detail {

/// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is invalid
/// (overlong forms, surrogates and code points above U+10FFFF are invalid).
constexpr std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) return 1;
    std::size_t length;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        if (b0 == 0xE0) low = 0xA0;
        if (b0 == 0xED) high = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        if (b0 == 0xF0) low = 0x90;
        if (b0 == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return length;
}

constexpr char32_t utf8_decode(std::string_view text, std::size_t i, std::size_t length) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[i + k])); };
    switch (length) {
        case 1: return byte(0);
        case 2: return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
        case 3: return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
        default: return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    }
}

/// 1-based column of byte `offset` within a line starting at `line_start`, counted in code points
/// (an invalid byte counts as one).
constexpr std::size_t column_of(std::string_view text, std::size_t line_start, std::size_t offset) noexcept {
    std::size_t column = 1;
    for (std::size_t i = line_start; i < offset && i < text.size();) {
        const auto length = utf8_sequence_length(text, i);
        i += length == 0 ? 1 : length;
        ++column;
    }
    return column;
}

constexpr bool is_wide(char32_t c) noexcept {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

/// Columns the text takes in a terminal.
constexpr std::size_t display_width(std::string_view text) noexcept {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto length = utf8_sequence_length(text, i);
        if (length == 0) {
            ++width;
            ++i;
            continue;
        }
        width += is_wide(utf8_decode(text, i, length)) ? 2u : 1u;
        i += length;
    }
    return width;
}

/// "text" for a message: control characters escaped, invalid UTF-8 replaced by U+FFFD,
/// long text cut after `limit` code points with "...".
inline std::string quoted(std::string_view text, std::size_t limit = 40) {
    std::string out = "\"";
    std::size_t shown = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (shown == limit) {
            out += "...";
            break;
        }
        const auto length = utf8_sequence_length(text, i);
        const auto c = static_cast<unsigned char>(text[i]);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else if (c < 0x20 || c == 0x7F) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
            ++i;
        } else {
            if (c == '"' || c == '\\') out += '\\';
            out.append(text.substr(i, length));
            i += length;
        }
        ++shown;
    }
    out += '"';
    return out;
}

/// `s` without a leading enumerator, as numbered headings and lines are typed: "1. ", "１．",
/// "2)", "（3）", "(4)", "[5]", "①", "Ⅱ.", "Ⅲ　" (then blanks). Text that is only a number,
/// or has no enumerator, is returned as it is.
constexpr std::string_view without_enumerator(std::string_view s) noexcept {
    const auto code_point_at = [&](std::size_t i, std::size_t& length) -> char32_t {
        length = i < s.size() ? utf8_sequence_length(s, i) : 0;
        return length == 0 ? U'\0' : utf8_decode(s, i, length);
    };
    const auto is_digit = [](char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'\uFF10' && c <= U'\uFF19'); };
    const auto is_blank = [](char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000'; };
    std::size_t i = 0, length = 0;
    char32_t c = code_point_at(i, length);
    bool found = false;
    if (c == U'(' || c == U'\uFF08' || c == U'[' || c == U'\uFF3B') {  // (1) （１） [1]
        const char32_t close = c == U'(' ? U')' : c == U'\uFF08' ? U'\uFF09' : c == U'[' ? U']' : U'\uFF3D';
        std::size_t k = i + length, digits = 0;
        while (is_digit(c = code_point_at(k, length))) {
            k += length;
            ++digits;
        }
        if (digits > 0 && c == close) {
            i = k + length;
            found = true;
        }
    } else if ((c >= U'\u2460' && c <= U'\u2473') || (c >= U'\u2160' && c <= U'\u216B')) {  // ①..⑳, Ⅰ..Ⅻ
        i += length;
        found = true;
        c = code_point_at(i, length);
        if (c == U'.' || c == U'\uFF0E' || c == U'\u3001') i += length;
    } else if (is_digit(c)) {  // 1. １． 2) 3、
        std::size_t k = i;
        while (is_digit(c = code_point_at(k, length))) k += length;
        if (c == U'.' || c == U'\uFF0E' || c == U')' || c == U'\uFF09' || c == U'\u3001' || c == U':' || is_blank(c)) {
            i = k + length;
            found = true;
        }
    }
    if (!found) return s;
    while (is_blank(code_point_at(i, length))) i += length;
    return i < s.size() ? s.substr(i) : s;  // a number alone is no enumerator
}

/// `s` without any blank or line break, for names spaced out to align them (人　件　費, 合　計,
/// 単　価) or broken over two lines in a cell.
inline std::string without_blanks(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
            ++i;
        } else if (s.substr(i).starts_with("\u3000")) {
            i += 3;
        } else {
            out += s[i++];
        }
    }
    return out;
}

/// The number before a unit written after it, as Excel's custom formats show a quantity
/// (10人日, 1式, ３回): `s` without its trailing kana and kanji, or `s` itself when nothing or
/// nothing else is there.
constexpr std::string_view without_unit(std::string_view s) noexcept {
    std::size_t end = s.size();
    while (end >= 3) {
        const auto length = utf8_sequence_length(s, end - 3);
        if (length != 3) break;
        const char32_t c = utf8_decode(s, end - 3, 3);
        const bool unit_character = (c >= U'\u3040' && c <= U'\u30FF') || (c >= U'\u4E00' && c <= U'\u9FFF') || c == U'\u3005';
        if (!unit_character) break;
        end -= 3;
    }
    return end == 0 || end == s.size() ? s : s.substr(0, end);
}

/// `s` without blanks (ASCII and ideographic) at either end.
inline std::string_view trim_blanks(std::string_view s) noexcept {
    for (bool trimmed = true; trimmed;) {
        trimmed = false;
        for (const std::string_view blank : {" ", "\t", "\u3000"}) {
            if (s.starts_with(blank)) {
                s.remove_prefix(blank.size());
                trimmed = true;
            }
            if (s.ends_with(blank)) {
                s.remove_suffix(blank.size());
                trimmed = true;
            }
        }
    }
    return s;
}

}  // namespace c3p::detail
