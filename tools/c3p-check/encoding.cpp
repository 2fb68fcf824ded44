#include "encoding.hpp"

#include <c3p/csv.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#if defined(_WIN32)
#include <windows.h>
#elif defined(__EMSCRIPTEN__)
#include <emscripten.h>
#else
#include <iconv.h>

#include <cerrno>
#endif

namespace c3p_check {

namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD, where bytes were not text

/// Line and character column of the end of the UTF-8 text converted so far, followed along as
/// the conversion goes, so that an invalid byte is reported where the user's editor shows it.
class position_tracker {
public:
    explicit position_tracker(std::vector<c3p::input_error>& errors) : errors_(errors) {}

    /// Records an invalid byte at the end of `converted`, once a line.
    void invalid_at(std::string_view converted) {
        for (; scanned_ < converted.size(); ++scanned_) {
            const auto byte = static_cast<unsigned char>(converted[scanned_]);
            if (byte == '\n') {
                ++line_;
                column_ = 1;
            } else if ((byte & 0xC0) != 0x80) {  // a character's first byte
                ++column_;
            }
        }
        if (reported_line_ == line_) return;
        reported_line_ = line_;
        errors_.push_back({.line = line_, .column = column_, .problem = c3p::input_problem::invalid_encoding,
                           .text = "CP932"});
        offsets_.push_back(converted.size());
    }

    /// Names the cell of each error reported, in `text`, the whole converted text.
    void name_cells(std::string_view text) const {
        const auto cells = c3p::cells_at(text, offsets_);
        const std::size_t first = errors_.size() - offsets_.size();
        for (std::size_t k = 0; k < cells.size(); ++k) errors_[first + k].cell = cells[k];
    }

private:
    std::vector<c3p::input_error>& errors_;
    std::vector<std::size_t> offsets_;  // in the converted text, of each error reported
    std::size_t scanned_ = 0, line_ = 1, column_ = 1, reported_line_ = 0;
};

#if defined(_WIN32) || defined(__EMSCRIPTEN__)

#if defined(_WIN32)

constexpr UINT cp932 = 932;

/// Appends `bytes` (CP932) as UTF-8; false when they hold a sequence the code page does not know.
bool append_converted(std::string_view bytes, std::string& out) {
    if (bytes.empty()) return true;
    const int size = static_cast<int>(bytes.size());
    const int wide_size = ::MultiByteToWideChar(cp932, MB_ERR_INVALID_CHARS, bytes.data(), size, nullptr, 0);
    if (wide_size <= 0) return false;
    std::wstring wide(static_cast<std::size_t>(wide_size), L'\0');
    ::MultiByteToWideChar(cp932, MB_ERR_INVALID_CHARS, bytes.data(), size, wide.data(), wide_size);
    const int utf8_size = ::WideCharToMultiByte(CP_UTF8, 0, wide.data(), wide_size, nullptr, 0, nullptr, nullptr);
    const std::size_t at = out.size();
    out.resize(at + static_cast<std::size_t>(utf8_size));
    ::WideCharToMultiByte(CP_UTF8, 0, wide.data(), wide_size, out.data() + at, utf8_size, nullptr, nullptr);
    return true;
}

bool is_lead_byte(char byte) { return ::IsDBCSLeadByteEx(cp932, static_cast<BYTE>(byte)) != 0; }

#else

// The browser's (or Node's) TextDecoder: its "shift_jis" is the WHATWG encoding, which is CP932
// (Windows-31J) with the NEC and IBM extensions. Writes the UTF-8 and its length, or returns -1
// where the bytes hold a sequence it does not know.
EM_JS(int, c3p_decode_cp932, (const char* bytes, int size, char* out, int room), {
    try {
        Module.c3pShiftJis = Module.c3pShiftJis || new TextDecoder("shift_jis", {fatal : true});
        const text = Module.c3pShiftJis.decode(HEAPU8.subarray(bytes, bytes + size));
        return stringToUTF8(text, out, room);
    } catch (e) {
        return -1;
    }
});

bool append_converted(std::string_view bytes, std::string& out) {
    if (bytes.empty()) return true;
    const std::size_t at = out.size(), room = bytes.size() * 3 + 1;  // a character of 1-2 bytes is at most 3 of UTF-8; a NUL
    out.resize(at + room);
    const int written = c3p_decode_cp932(bytes.data(), static_cast<int>(bytes.size()), out.data() + at, static_cast<int>(room));
    out.resize(written < 0 ? at : at + static_cast<std::size_t>(written));
    return written >= 0;
}

bool is_lead_byte(char byte) {
    const auto b = static_cast<unsigned char>(byte);
    return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
}

#endif

std::string convert_cp932(std::string_view bytes, std::vector<c3p::input_error>& errors) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    if (append_converted(bytes, out)) return out;  // the usual case: every byte known, one call
    out.clear();
    position_tracker where(errors);
    // Line by line (0x0A is never the second byte of a CP932 character); a line the code page
    // refuses is converted again a character at a time to find the bytes it does not know.
    for (std::size_t start = 0; start < bytes.size();) {
        const auto end = std::min(bytes.find('\n', start), bytes.size() - 1) + 1;
        const auto line = bytes.substr(start, end - start);
        if (!append_converted(line, out)) {
            for (std::size_t k = 0; k < line.size();) {
                const std::size_t length = is_lead_byte(line[k]) && k + 1 < line.size() ? 2 : 1;
                if (append_converted(line.substr(k, length), out)) {
                    k += length;
                } else {
                    where.invalid_at(out);
                    out += replacement_character;
                    ++k;
                }
            }
        }
        start = end;
    }
    where.name_cells(out);
    return out;
}

#else

std::string convert_cp932(std::string_view bytes, std::vector<c3p::input_error>& errors) {
    const iconv_t converter = ::iconv_open("UTF-8", "CP932");
    if (converter == reinterpret_cast<iconv_t>(-1))
        throw std::runtime_error("this system's iconv cannot convert CP932 (Shift_JIS); convert the file to UTF-8");
    // A CP932 character of one or two bytes is at most three bytes of UTF-8, as is U+FFFD.
    std::string out(bytes.size() * 3, '\0');
    char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write there
    std::size_t in_left = bytes.size();
    char* written = out.data();
    std::size_t out_left = out.size();
    position_tracker where(errors);
    while (in_left > 0) {
        if (::iconv(converter, &in, &in_left, &written, &out_left) != static_cast<std::size_t>(-1)) break;
        if (errno != EILSEQ && errno != EINVAL) {  // E2BIG cannot happen: the room is enough
            ::iconv_close(converter);
            throw std::runtime_error("iconv failed to convert CP932");
        }
        // A byte that starts no character (EILSEQ), or a lead byte at the very end (EINVAL).
        const auto converted = static_cast<std::size_t>(written - out.data());
        where.invalid_at(std::string_view(out.data(), converted));
        std::copy(replacement_character.begin(), replacement_character.end(), written);
        written += replacement_character.size();
        out_left -= replacement_character.size();
        ++in;
        --in_left;
    }
    ::iconv_close(converter);
    out.resize(static_cast<std::size_t>(written - out.data()));
    where.name_cells(out);
    return out;
}

#endif

}  // namespace

std::optional<text_encoding> encoding_named(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    if (lower == "auto") return text_encoding::automatic;
    if (lower == "utf-8" || lower == "utf8") return text_encoding::utf8;
    if (lower == "cp932" || lower == "shift_jis" || lower == "shift-jis" || lower == "sjis" || lower == "windows-31j")
        return text_encoding::cp932;
    return std::nullopt;
}

decoded_text to_utf8(std::string bytes, text_encoding chosen) {
    decoded_text out;
    if (chosen == text_encoding::utf8 || (chosen == text_encoding::automatic && c3p::is_utf8(bytes))) {
        out.text = std::move(bytes);
        out.encoding = text_encoding::utf8;
        return out;
    }
    out.text = convert_cp932(bytes, out.errors);
    out.encoding = text_encoding::cp932;
    return out;
}

}  // namespace c3p_check
