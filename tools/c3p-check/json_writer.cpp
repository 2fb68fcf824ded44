#include "json_writer.hpp"

#include <c3p/json.hpp>

#include <charconv>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace c3p_check {

bool is_plain_json(std::string_view text) noexcept {
    return c3p::detail::json_plain_prefix(text, true) == text.size();
}

namespace {

/// Bytes gathered for an ostream and written out a piece at a time, so that a long document is
/// neither held whole nor written in many small writes. A violation's line is some twenty short
/// fragments: each is copied here with one check of the room left.
class json_output {
public:
    static constexpr std::size_t piece = json_piece_bytes;  // written out when this full

    explicit json_output(std::ostream& out) : out_(out), bytes_(new char[piece]) {}
    json_output(const json_output&) = delete;
    json_output& operator=(const json_output&) = delete;

    /// A string literal: its size known here, it is copied with a few moves, not a call.
    template <std::size_t N>
    void put(const char (&literal)[N]) {
        constexpr std::size_t size = N - 1;
        static_assert(size <= piece);
        std::memcpy(room(size), literal, size);
        used_ += size;
    }
    void put(std::string_view text) {
        if (text.size() > piece) [[unlikely]] {  // longer than a piece: no use copying it
            flush();
            out_.write(text.data(), static_cast<std::streamsize>(text.size()));
            return;
        }
        std::memcpy(room(text.size()), text.data(), text.size());
        used_ += text.size();
    }
    /// Where to write up to `size` bytes (at most a piece); commit(end) then keeps them.
    [[nodiscard]] char* room(std::size_t size) {
        if (size > piece - used_) [[unlikely]]
            flush();
        return bytes_.get() + used_;
    }
    void commit(const char* end) noexcept { used_ = static_cast<std::size_t>(end - bytes_.get()); }
    /// A decimal as a JSON string, or null.
    void put_figure(const std::optional<c3p::decimal>& figure) {
        if (!figure) {
            put("null");
            return;
        }
        char* at = room(c3p::decimal_text_max + 2);
        *at++ = '"';
        at = c3p::write_text(at, *figure);
        *at++ = '"';
        commit(at);
    }
    /// A line number, or null.
    void put_index(const std::optional<std::size_t>& index) {
        if (!index) {
            put("null");
            return;
        }
        constexpr std::size_t digits = 20;  // of the largest std::size_t
        char* at = room(digits);
        commit(std::to_chars(at, at + digits, *index).ptr);
    }
    /// Any text as a JSON string literal: printable ASCII without '"' or '\\' as it is, anything
    /// else escaped by nlohmann, as the library's document does.
    void put_string(std::string_view text) {
        if (is_plain_json(text)) {
            put("\"");
            put(text);
            put("\"");
        } else {
            put(nlohmann::ordered_json(text).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
        }
    }
    /// A string literal, or null.
    void put_string_or_null(std::optional<std::string_view> text) {
        if (text) put_string(*text);
        else put("null");
    }
    void flush() {
        out_.write(bytes_.get(), static_cast<std::streamsize>(used_));
        used_ = 0;
    }

private:
    std::ostream& out_;
    std::unique_ptr<char[]> bytes_;
    std::size_t used_ = 0;
};

/// The document's members before "lines" and "violations", as the library writes them.
std::string document_head(const c3p::check_result& result) {
    const c3p::check_result head{result.policy, result.terms, result.line_count, result.totals,
                                 c3p::violation_list(result.policy)};
    std::string text = c3p::format_json(head);
    return text.substr(0, text.rfind("\"violations\":"));
}

void write_lines(json_output& text, const c3p::line_amount_list& lines) {
    text.put("\"lines\":[");
    bool first = true;
    for (const auto& l : lines) {
        text.put(first ? "\n  {\"line\":" : ",\n  {\"line\":");
        first = false;
        text.put_index(l.line);
        text.put(",\"source_line\":");
        text.put_index(l.source_line);
        text.put(",\"item\":\"");
        text.put(c3p::code(l.item));
        text.put("\",\"amount\":");
        text.put_figure(l.amount.value());
        text.put("}");
    }
    text.put(first ? "],\n " : "\n ],\n ");
}

/// The document of `result`; each violation with its steps where `steps_of` is given, and the
/// document then left open.
void write_document(std::ostream& out, const c3p::check_result& result, c3p::language lang, const violation_steps* steps_of) {
    json_output text(out);
    text.put(document_head(result));
    if (result.line_amounts) write_lines(text, *result.line_amounts);
    text.put("\"violations\":[");
    bool first = true;
    std::string message, cell;
    for (const auto& v : result.violations) {
        text.put(first ? "\n  {\"code\":\"" : ",\n  {\"code\":\"");
        first = false;
        text.put(v.code());
        text.put("\",\"severity\":\"");
        text.put(to_string(v.severity));
        text.put("\",\"line\":");
        text.put_index(v.line);
        text.put(",\"source_line\":");
        text.put_index(v.source_line);
        text.put(",\"cell\":");
        if (v.cell) {
            cell = c3p::to_string(*v.cell);
            text.put_string_or_null(cell);
        } else {
            text.put_string_or_null(std::nullopt);
        }
        text.put(",\"item\":");
        text.put_string_or_null(v.item ? std::optional(c3p::code(*v.item)) : std::nullopt);
        text.put(",\"actual\":");
        text.put_figure(v.actual);
        text.put(",\"limit\":");
        text.put_figure(v.limit);
        text.put(",\"message\":");
        message.clear();
        c3p::describe(message, v, lang);
        text.put_string(message);
        if (steps_of) {
            text.put(",\"steps\":[");
            bool first_step = true;
            for (const auto& id : (*steps_of)(v)) {
                if (!first_step) text.put(",");
                first_step = false;
                text.put_string(id);
            }
            text.put("]");
        }
        text.put("}");
    }
    if (steps_of) text.put(first ? "]" : "\n ]");
    else text.put(first ? "]}\n" : "\n ]}\n");
    text.flush();
}

}  // namespace

void write_json(std::ostream& out, const c3p::check_result& result, c3p::language lang) {
    write_document(out, result, lang, nullptr);
}

void write_json_before_derivation(std::ostream& out, const c3p::check_result& result, c3p::language lang,
                                  const violation_steps& steps_of) {
    write_document(out, result, lang, &steps_of);
}

}  // namespace c3p_check
