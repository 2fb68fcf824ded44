// The encodings c3p-check reads: UTF-8, and CP932 (Shift_JIS as Japanese Excel writes it),
// converted to UTF-8 at the edge by the platform's converter (iconv; on Windows the code-page API;
// in WebAssembly the TextDecoder of the browser or Node).
#pragma once

#include <c3p/input_error.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace c3p_check {

enum class text_encoding { automatic, utf8, cp932 };

/// "auto", "utf-8"/"utf8", "cp932"/"shift_jis"/"sjis"/"windows-31j", in any case.
std::optional<text_encoding> encoding_named(std::string_view name);

/// A file's text as UTF-8, and every byte sequence the encoding does not know (one error a line,
/// `input.invalid_encoding` with the line and the character column).
struct decoded_text {
    std::string text;
    text_encoding encoding = text_encoding::utf8;  ///< the one used: automatic picks UTF-8 or CP932
    std::vector<c3p::input_error> errors;
};

/// `bytes` as UTF-8 text: as they are for UTF-8 (the CSV reader reports bytes that are not),
/// converted for CP932; automatic takes UTF-8 when the bytes are UTF-8 throughout, else CP932.
/// Throws std::runtime_error when the platform cannot convert CP932 at all.
decoded_text to_utf8(std::string bytes, text_encoding chosen);

}  // namespace c3p_check
