#include "fast_rows.hpp"

#include "json_writer.hpp"

#include <c3p/derivation.hpp>
#include <c3p/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstring>
#include <exception>
#include <fstream>
#include <memory>
#include <mutex>
#include <ostream>
#include <string_view>
#include <thread>
#include <vector>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define C3P_CHECK_SSE2 1
#endif

namespace c3p_check {

namespace {

/// The pieces the threads take in turn: small enough that a thread starting late or running
/// slow delays the end by one piece at most, large enough that a piece's set-up is noise.
constexpr std::size_t piece_bytes = std::size_t{1} << 17;
/// At most this many threads read one file, the calling one included.
constexpr unsigned max_threads = 8;
/// A row has at most this many cells here (one a known column); the library reads any other.
constexpr std::size_t max_cells = 16;

/// Where, in 64 bytes of text, the bytes are that end or complicate a cell: bit i stands for byte i.
struct stop_masks {
    std::uint64_t comma;
    std::uint64_t quote;
    std::uint64_t newline;
    std::uint64_t special;  ///< NUL, or part of a multi-byte UTF-8 sequence
};

/// The masks of the 64 bytes at `p`, all readable: with SSE2 sixteen bytes a comparison, so
/// that the cells of a row are found without a branch per byte.
stop_masks stop_masks_of(const char* p) noexcept {
    stop_masks m{};
#if defined(C3P_CHECK_SSE2)
    const __m128i commas = _mm_set1_epi8(','), quotes = _mm_set1_epi8('"'), newlines = _mm_set1_epi8('\n');
    const __m128i zero = _mm_setzero_si128();
    for (int k = 0; k < 4; ++k) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
        const auto bits = [&](__m128i x) {
            return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(x))) << (16 * k);
        };
        m.comma |= bits(_mm_cmpeq_epi8(v, commas));
        m.quote |= bits(_mm_cmpeq_epi8(v, quotes));
        m.newline |= bits(_mm_cmpeq_epi8(v, newlines));
        m.special |= bits(v) | bits(_mm_cmpeq_epi8(v, zero));  // high bit set, or NUL
    }
#else
    for (int i = 0; i < 64; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        const std::uint64_t bit = std::uint64_t{1} << i;
        if (c == ',') m.comma |= bit;
        if (c == '"') m.quote |= bit;
        if (c == '\n') m.newline |= bit;
        if (c == 0 || c >= 0x80) m.special |= bit;
    }
#endif
    return m;
}

/// Bit i of the result: whether an odd number of bits 0..i are set. Applied to the quotes, it
/// marks the bytes inside quoted text (the opening quote inside, the closing one outside).
constexpr std::uint64_t prefix_xor(std::uint64_t x) noexcept {
    for (int shift = 1; shift < 64; shift *= 2) x ^= x << shift;
    return x;
}

/// Reads the rows of one piece of text into a checker. Rows are cut from an index of a 2 KiB
/// window's separators (commas and line ends outside quotes), found block by block, so that a
/// row's bytes are not scanned again. The index takes only text whose every cell is either
/// unquoted and free of quotes or quoted whole: ASCII without NUL, each opening quote right after
/// a separator, each closing quote right before one (so no doubled quotes), no line end inside
/// quotes. Any other row, and any row whose cells do not parse, goes to the library's reader.
class piece_rows {
public:
    /// `kept`: where the lines read are kept too (with their file lines), or none.
    piece_rows(std::string_view text, std::size_t start, c3p::csv_reader& reader, c3p::checker& out, piece_lines* kept)
        : data_(text.data()), size_(text.size()), pos_(start), columns_(reader.column_count()), reader_(reader),
          out_(out), kept_(kept) {}

    /// Reads rows until one ends at or after `until` or the text ends; false when the piece
    /// needs the library's reader on the whole file (a problem with the input).
    bool read(std::size_t until) {
        if (columns_ > max_cells) return false;
        while (pos_ < until && pos_ < size_) {
            switch (read_indexed_row()) {
                case indexed::read: continue;
                case indexed::declined: return false;
                case indexed::not_indexed: break;
            }
            if (!read_with_reader()) return false;
        }
        return true;
    }

    [[nodiscard]] std::size_t position() const noexcept { return pos_; }
    /// File lines read so far.
    [[nodiscard]] std::size_t lines() const noexcept { return line_ - 1; }

private:
    enum class indexed { read, not_indexed, declined };

    static constexpr std::size_t index_blocks = 32;  // a window of 2 KiB
    static constexpr std::size_t prefetch_distance = 8192;

    [[nodiscard]] std::size_t separator_at(std::size_t k) const noexcept { return index_base_ + separators_[k]; }

    // The masks of the 64 bytes at `block`; for the last, partial block, bits past the end are cleared.
    [[nodiscard]] stop_masks masks_at(std::size_t block) const noexcept {
        if (block + prefetch_distance < size_) prefetch(data_ + block + prefetch_distance);
        if (block + 64 <= size_) return stop_masks_of(data_ + block);
        std::array<char, 64> tail{};
        std::memcpy(tail.data(), data_ + block, size_ - block);
        auto m = stop_masks_of(tail.data());
        const std::uint64_t inside = (std::uint64_t{1} << (size_ - block)) - 1;
        m.comma &= inside;
        m.quote &= inside;
        m.newline &= inside;
        m.special &= inside;
        return m;
    }

    // The page after next, asked for early: hardware prefetchers stop at a page's end.
    static void prefetch(const char* address) noexcept {
#if defined(__GNUC__) || defined(__clang__)
        __builtin_prefetch(address);
#else
        (void)address;
#endif
    }

    // Indexes a window from pos_, a row's start (so outside quotes). Returns where it stopped:
    // the window's end, or past the block it refused.
    std::size_t index_from_here() {
        index_base_ = pos_ & ~std::size_t{63};
        index_next_ = index_count_ = 0;
        std::uint64_t inside_carry = 0;                                            // all ones while a quoted cell runs on
        std::uint64_t after_separator = std::uint64_t{1} << (pos_ - index_base_);  // where an opening quote may be
        std::uint64_t closing_at_end = 0;                                          // a closing quote in the last byte before
        const std::size_t window_end = std::min(size_, index_base_ + index_blocks * 64);
        for (std::size_t block = index_base_; block < window_end; block += 64) {
            const std::uint64_t window = block == index_base_ ? ~std::uint64_t{0} << (pos_ - block) : ~std::uint64_t{0};
            const stop_masks m = masks_at(block);
            const std::uint64_t quote = m.quote & window, newline = m.newline & window;
            const std::uint64_t inside = prefix_xor(quote) ^ inside_carry;
            const std::uint64_t separators = (m.comma | m.newline) & window & ~inside;
            const std::uint64_t opening = quote & inside, closing = quote & ~inside;
            const bool refused = (m.special & window) != 0 || (newline & inside) != 0 ||
                                 (opening & ~((separators << 1) | after_separator)) != 0 ||
                                 (closing_at_end != 0 && (separators & 1) == 0) ||
                                 (closing & ~(separators >> 1) & ~(std::uint64_t{1} << 63)) != 0;
            if (refused) return std::min(size_, block + 64);
            append_separators(block - index_base_, separators);
            inside_carry = (inside >> 63) != 0 ? ~std::uint64_t{0} : 0;
            after_separator = separators >> 63;
            closing_at_end = closing >> 63;
        }
        return window_end;
    }

    void append_separators(std::size_t offset, std::uint64_t separators) noexcept {
        std::uint32_t* out = separators_.data() + index_count_;
        index_count_ += static_cast<std::size_t>(std::popcount(separators));
        // Eight entries a round, unconditionally: a block holds about seven, so the loop's one
        // branch is well predicted where a branch per separator would not be. Entries past the
        // last are garbage, overwritten by the next block's.
        while (separators != 0) {
            for (int k = 0; k < 8; ++k) {
                out[k] = static_cast<std::uint32_t>(offset + static_cast<std::size_t>(std::countr_zero(separators)));
                separators &= separators - 1;
            }
            out += 8;
        }
    }

    // Reads the row at pos_ from the index; not_indexed leaves it to the library's reader.
    indexed read_indexed_row() {
        while (index_next_ < index_count_ && separator_at(index_next_) < pos_) ++index_next_;  // the reader read them
        if (index_next_ + columns_ > index_count_) {
            if (pos_ < index_retry_) return indexed::not_indexed;
            const std::size_t stop = index_from_here();
            if (index_count_ < columns_) {  // not one whole row in the window: the reader reads on past it
                index_retry_ = stop;
                return indexed::not_indexed;
            }
        }
        bool commas = true;  // and a line end last: a row of columns_ cells
        for (std::size_t c = 0; c + 1 < columns_; ++c) commas &= data_[separator_at(index_next_ + c)] == ',';
        if (!commas || data_[separator_at(index_next_ + columns_ - 1)] != '\n') return indexed::not_indexed;
        for (std::size_t c = 0; c < columns_; ++c) {
            const std::size_t begin = c == 0 ? pos_ : separator_at(index_next_ + c - 1) + 1;
            std::size_t end = separator_at(index_next_ + c);
            if (c + 1 == columns_ && end > begin && data_[end - 1] == '\r') --end;  // CRLF
            const std::size_t quoted = end > begin && data_[begin] == '"';          // then quoted whole (the index made sure)
            cells_[c] = std::string_view(data_ + begin + quoted, end - begin - 2 * quoted);
        }
        const auto parsed = reader_.parse_cells(std::span(cells_.data(), columns_), false);
        if (!parsed) return indexed::not_indexed;  // the reader reports why
        add(*parsed, line_);
        pos_ = separator_at(index_next_ + columns_ - 1) + 1;
        ++line_;
        index_next_ += columns_;
        return indexed::read;
    }

    // Reads the next row with the library's reader; false when it found a problem.
    bool read_with_reader() {
        reader_.seek(pos_, line_);
        const auto row = reader_.next();
        if (!reader_.errors().empty()) return false;
        if (row && row->summary) {
            out_.skipped_summary_row(row->source_line, row->stated);
        } else if (row) {
            add(row->line, row->source_line);
        }
        pos_ = reader_.position();
        line_ = reader_.line_number();
        return true;
    }

    void add(const c3p::line& l, std::size_t source_line) {
        out_.add(l, source_line);
        if (kept_) kept_->add(l, source_line);
    }

    const char* data_;
    std::size_t size_;
    std::size_t pos_;
    std::size_t line_ = 1;
    std::size_t columns_;
    c3p::csv_reader& reader_;
    c3p::checker& out_;
    piece_lines* kept_;
    std::array<std::string_view, max_cells> cells_;  // of the row at hand (a member: not cleared per row)
    // One entry per separator in the window, its offset from index_base_; room for the seven
    // entries written past the last.
    std::array<std::uint32_t, index_blocks * 64 + 8> separators_;
    std::size_t index_base_ = 0, index_next_ = 0, index_count_ = 0;
    std::size_t index_retry_ = 0;  // the reader reads rows until here, where the last window had no whole row
};

/// A file's bytes in pieces, read into one buffer per thread that is reused: the pass then
/// works on memory that stays in the caches and the TLB.
class file_piece {
public:
    /// Reads bytes [offset, offset + count) of `in`; false when fewer are there.
    bool read(std::ifstream& in, std::uint64_t offset, std::size_t count) {
        size_ = 0;
        return append(in, offset, count);
    }
    /// Reads `count` more bytes, from `offset` on (the offset of the piece's end).
    bool append(std::ifstream& in, std::uint64_t offset, std::size_t count) {
        if (size_ + count > capacity_) {  // room for a piece and the rest of its last line, then reused
            capacity_ = std::max(size_ + count + piece_bytes / 8, 2 * capacity_);
            auto larger = std::unique_ptr<char[]>(new char[capacity_]);  // not zeroed: written before it is read
            if (size_ != 0) std::memcpy(larger.get(), bytes_.get(), size_);
            bytes_ = std::move(larger);
        }
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(bytes_.get() + size_, static_cast<std::streamsize>(count));
        size_ += static_cast<std::size_t>(in.gcount());
        return static_cast<std::size_t>(in.gcount()) == count;
    }
    [[nodiscard]] std::string_view text() const noexcept { return {bytes_.get(), size_}; }

private:
    std::unique_ptr<char[]> bytes_;
    std::size_t size_ = 0, capacity_ = 0;
};

/// Runs work(i) for every i < count on up to max_threads threads (this one included), each
/// taking the next i in turn; each thread's `work` is made by make_work(), and stops the others
/// taking more where it returns false. The first exception thrown does too, and is thrown here
/// once all have stopped.
template <class MakeWork>
void run_on_threads(std::size_t count, const MakeWork& make_work) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::atomic<bool> failed{false};
    const auto run = [&] {
        try {
            auto work = make_work();
            for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;)
                if (!work(i)) next.store(count, std::memory_order_relaxed);  // the rest is wasted work
        } catch (...) {
            next.store(count, std::memory_order_relaxed);
            if (!failed.exchange(true)) failure = std::current_exception();
        }
    };
    std::vector<std::thread> helpers;
    try {
        const std::size_t threads = std::min<std::size_t>({std::thread::hardware_concurrency(), max_threads, count});
        for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(run);
    } catch (...) {  // no more threads: the ones there are will do
    }
    run();
    for (auto& helper : helpers) helper.join();
    if (failure) std::rethrow_exception(failure);
}

/// A file's header and its pieces' checks (read_file_pieces).
struct file_pieces {
    std::array<char, fast_header_bytes> first{};  // the header's text
    std::optional<c3p::csv_reader> header;
    std::vector<piece_check> pieces;
};

/// Reads the header from the file's first 4 KiB (it must end inside them: a longer header is
/// rare enough to leave to the library) and checks each piece on a thread; false where the fast
/// path does not take the file.
bool read_file_pieces(const std::filesystem::path& file, std::uint64_t size, const c3p::csv_settings& settings,
                      bool keep_lines, file_pieces& out) {
    std::ifstream in(file, std::ios::binary);
    const auto first_bytes = static_cast<std::size_t>(std::min<std::uint64_t>(size, out.first.size()));
    if (!in.read(out.first.data(), static_cast<std::streamsize>(first_bytes))) return false;
    const auto& header = out.header.emplace(std::string_view(out.first.data(), first_bytes), settings);
    if (!fast_path_takes(header, first_bytes)) return false;

    constexpr std::size_t step = 4096;  // reading on to a line end past the share
    auto& results = out.pieces;
    results.resize(static_cast<std::size_t>((size + piece_bytes - 1) / piece_bytes));
    // Each thread reads through its own stream into its own buffer, reused piece after piece.
    run_on_threads(results.size(), [&] {
        return [&, stream = std::ifstream(file, std::ios::binary), piece = file_piece()](std::size_t k) mutable {
            piece_check& result = results[k];
            try {
                const std::uint64_t offset = std::uint64_t{k} * piece_bytes;
                const auto share = static_cast<std::size_t>(std::min<std::uint64_t>(piece_bytes, size - offset));
                if (!stream || !piece.read(stream, offset, share)) return false;  // result.ok stays false
                std::size_t until;
                // On to the first line end at or past the next piece's offset.
                while ((until = piece_end(piece.text(), share, offset + piece.text().size() >= size)) == std::string_view::npos) {
                    const auto more = static_cast<std::size_t>(std::min<std::uint64_t>(step, size - offset - piece.text().size()));
                    if (!piece.append(stream, offset + piece.text().size(), more)) return false;
                }
                result = check_piece(piece.text().substr(0, until), k == 0, header, settings, keep_lines);
            } catch (...) {  // out of memory, a read error, arithmetic that fails: the library decides
                result.ok = false;
            }
            return result.ok;
        };
    });
    return true;
}

/// The file lines before each piece's first: the header's, then each piece's lines in turn.
std::vector<std::size_t> lines_before(const c3p::csv_reader& header, const std::vector<piece_check>& pieces) {
    std::vector<std::size_t> before;
    before.reserve(pieces.size());
    std::size_t lines = header.line_number() - 1;
    for (const auto& piece : pieces) {
        before.push_back(lines);
        lines += piece.lines;
    }
    return before;
}

}  // namespace

void piece_lines::reserve(std::size_t lines) {
    small_.reserve(lines);
    source_lines_.reserve(lines);
}

void piece_lines::add(const c3p::line& l, std::size_t source_line) {
    const auto unit_price = c3p::detail::to_int64(c3p::detail::millionths(l.unit_price.value()));
    const auto quantity = c3p::detail::to_int64(c3p::detail::millionths(l.quantity.value()));
    if (whole_.empty() && unit_price && quantity) {
        small_.push_back({*unit_price, *quantity, l.item, l.basis, l.reason, l.field_survey});
    } else {
        if (whole_.empty()) {  // the lines so far, whole
            std::vector<c3p::line> room;
            const auto so_far = lines(room);
            whole_.assign(so_far.begin(), so_far.end());
            small_ = {};
        }
        whole_.push_back(l);
    }
    source_lines_.push_back(source_line);
    field_survey_ = field_survey_ || l.field_survey;
}

std::span<const c3p::line> piece_lines::lines(std::vector<c3p::line>& room) const {
    if (!whole_.empty()) return whole_;
    room.resize(small_.size());
    for (std::size_t i = 0; i < small_.size(); ++i) {
        const auto& s = small_[i];
        auto& l = room[i];
        l.item = s.item;
        l.unit_price = c3p::yen(c3p::detail::decimal_from_millionths(s.unit_price));
        l.quantity = c3p::quantity(c3p::detail::decimal_from_millionths(s.quantity));
        l.basis = s.basis;
        l.reason = s.reason;
        l.field_survey = s.field_survey;
    }
    return room;
}

bool fast_path_takes(const c3p::csv_reader& header, std::size_t first_bytes) {
    // The index cuts at commas.
    return header.has_columns() && header.errors().empty() && header.position() < first_bytes && header.delimiter() == ',';
}

std::size_t piece_end(std::string_view text, std::size_t share, bool file_ends_here) noexcept {
    const auto line_end = text.find('\n', share);
    if (line_end != std::string_view::npos) return line_end + 1;
    return file_ends_here ? text.size() : std::string_view::npos;
}

piece_check check_piece(std::string_view text, bool first, const c3p::csv_reader& header, const c3p::csv_settings& settings,
                        bool keep_lines) {
    piece_check result;
    std::size_t start = header.position();
    if (!first) {  // its first row is the previous piece's last
        const auto line_end = text.find('\n');
        start = line_end == std::string_view::npos ? text.size() : line_end + 1;
    }
    c3p::csv_reader reader(text, header);
    result.checked.emplace(header.rules(), header.terms(), settings.options);
    if (keep_lines) {  // room for a line a row: the vectors are not moved as they grow
        const auto rows = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
        result.kept.emplace().reserve(rows);
    }
    piece_rows rows(text, start, reader, *result.checked, result.kept ? &*result.kept : nullptr);
    result.ok = rows.read(text.size());
    result.ended_at_cut = rows.position() == text.size();
    result.lines = rows.lines();
    result.line_breaks = reader.layout().line_breaks;
    result.summary_labels = reader.layout().summary_labels;
    return result;
}

std::optional<std::string> to_bytes(const piece_check& piece) {
    if (!piece.ok || !piece.ended_at_cut || !piece.checked) return std::nullopt;
    const auto checked = piece.checked->to_bytes();
    if (!checked) return std::nullopt;
    std::string out;
    const auto put = [&](std::uint64_t value) { c3p::detail::put_word(out, value); };
    put(piece.lines);
    for (const auto* pairs : {&piece.line_breaks, &piece.summary_labels}) {
        put(pairs->size());
        for (const auto& [a, b] : *pairs) {
            put(a);
            put(b);
        }
    }
    return out + *checked;
}

std::optional<piece_check> piece_from_bytes(std::string_view bytes, const c3p::csv_reader& header,
                                            const c3p::csv_settings& settings) {
    const auto take = [&](std::size_t& value) {
        std::uint64_t read;
        if (!c3p::detail::take_word(bytes, read)) return false;
        value = static_cast<std::size_t>(read);
        return value == read;  // a count or a line this machine can hold
    };
    piece_check piece;
    if (!take(piece.lines)) return std::nullopt;
    for (auto* pairs : {&piece.line_breaks, &piece.summary_labels}) {
        std::size_t count;
        if (!take(count) || count > bytes.size() / 16) return std::nullopt;
        pairs->resize(count);
        for (auto& [a, b] : *pairs)
            if (!take(a) || !take(b)) return std::nullopt;
    }
    piece.checked = c3p::checker::from_bytes(bytes, header.rules(), header.terms(), settings.options);
    if (!piece.checked) return std::nullopt;
    piece.ok = piece.ended_at_cut = true;
    return piece;
}

std::optional<c3p::check_result> join_pieces(const c3p::csv_reader& header, const c3p::csv_settings& settings,
                                             std::vector<piece_check>& pieces) {
    c3p::checker joined(header.rules(), header.terms(), settings.options);
    const auto before = lines_before(header, pieces);
    c3p::sheet_layout layout = header.layout();  // and the rows that are not lines, piece after piece
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        auto& piece = pieces[k];
        if (!piece.ok || !piece.ended_at_cut || !piece.checked) return std::nullopt;  // a problem, or a quoted cell across the cut
        joined.append(std::move(*piece.checked), before[k]);
        const std::size_t breaks_before = layout.line_breaks.empty() ? 0 : layout.line_breaks.back().second;
        for (const auto& [line, breaks] : piece.line_breaks)
            layout.line_breaks.emplace_back(line + before[k], breaks + breaks_before);
        for (const auto& [line, field] : piece.summary_labels) layout.summary_labels.emplace_back(line + before[k], field);
    }
    auto checked = std::move(joined).finish();
    checked.violations.locate(layout);
    return checked;
}

std::optional<c3p::check_result> fast_check_file(const std::filesystem::path& file, std::uint64_t size,
                                                 const c3p::csv_settings& settings) {
    file_pieces read;
    if (!read_file_pieces(file, size, settings, false, read)) return std::nullopt;
    return join_pieces(*read.header, settings, read.pieces);
}

namespace {

/// A long file read for explaining: its pieces with their lines kept, its check, and where each
/// piece's lines stand in the budget and the file.
struct explained_pieces {
    file_pieces read;
    std::optional<c3p::check_result> checked;
    std::vector<std::size_t> before;       // the file lines before each piece's first
    std::vector<std::size_t> first_index;  // the index in the budget of each piece's first line
    bool field_survey = false;             // whether a line is field survey work

    /// The lines of piece k as a part of the budget's; `room` as piece_lines::lines.
    c3p::lines_part part(std::size_t k, std::vector<c3p::line>& room) const {
        const auto& kept = *read.pieces[k].kept;
        return {kept.lines(room), kept.source_lines(), first_index[k], before[k]};
    }
};

/// Reads and checks the file's pieces, keeping their lines; false where the fast path does not
/// take it.
bool read_for_explaining(const std::filesystem::path& file, std::uint64_t size, const c3p::csv_settings& settings,
                         explained_pieces& out) {
    if (!read_file_pieces(file, size, settings, true, out.read)) return false;
    out.checked = join_pieces(*out.read.header, settings, out.read.pieces);
    if (!out.checked) return false;
    out.before = lines_before(*out.read.header, out.read.pieces);
    out.first_index.reserve(out.read.pieces.size());
    std::size_t index = 0;
    for (const auto& piece : out.read.pieces) {
        out.first_index.push_back(index);
        index += piece.kept->size();
        out.field_survey = out.field_survey || piece.kept->field_survey();
    }
    return true;
}

/// Writes `first` (written to `out` by a thread while the others explain lines), the head of
/// `explained`, each piece's lines' steps, then the rest of the derivation: each text is written
/// once those before it are, while the next parts are explained. One thread writes at a time,
/// outside the lock: a full pipe stops that thread alone, not the others handing in their texts.
/// A text written is cleared and used again: fresh memory for each would cost a page fault every
/// 4 KiB. `first` goes straight out, not through a text of its own: for a long file's JSON it is
/// tens of megabytes (each line's amount, each violation).
template <class Derivation>
void write_explained(const explained_pieces& pieces, Derivation& explained,
                     const std::function<void(std::ostream&)>& first, std::ostream& out) {
    const std::size_t parts = pieces.read.pieces.size();
    std::vector<typename Derivation::lines_text> written(parts);
    std::vector<std::string> texts(parts + 1);  // the first, then the parts'
    std::vector<char> done(texts.size(), 0);
    std::size_t next_to_write = 0;
    bool someone_writes = false;
    std::vector<std::string> spare;
    std::mutex handing_in;
    const auto hand_in = [&](std::size_t k, std::string text) {  // and write what is next in order, if none does
        std::unique_lock lock(handing_in);
        texts[k] = std::move(text);
        done[k] = 1;
        if (someone_writes) return;  // it writes this one too, in its turn
        someone_writes = true;
        while (next_to_write < texts.size() && done[next_to_write]) {
            std::string next = std::move(texts[next_to_write++]);
            lock.unlock();
            out << next;
            next.clear();
            lock.lock();
            spare.push_back(std::move(next));
        }
        someone_writes = false;
    };
    run_on_threads(texts.size(), [&] {
        return [&, room = std::vector<c3p::line>()](std::size_t k) mutable {
            if (k == 0) {  // nothing goes before it, so it may be written while the others hand in theirs
                first(out);
                hand_in(0, explained.head());
                return true;
            }
            std::string text;
            {
                const std::lock_guard lock(handing_in);
                if (!spare.empty()) {
                    text = std::move(spare.back());
                    spare.pop_back();
                }
            }
            written[k - 1] = explained.lines(pieces.part(k - 1, room), std::move(text));
            hand_in(k, std::move(written[k - 1].text));
            return true;
        };
    });
    explained.rest(*pieces.checked, written, pieces.field_survey,
                   [&](std::string_view text) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

}  // namespace

std::optional<c3p::check_result> fast_explain_file(const std::filesystem::path& file, std::uint64_t size,
                                                   const c3p::csv_settings& settings, c3p::language lang,
                                                   const c3p::sourced_policy* sources, std::ostream& out,
                                                   const std::function<std::string(const c3p::check_result&)>& report) {
    explained_pieces pieces;
    if (!read_for_explaining(file, size, settings, pieces)) return std::nullopt;
    c3p::check_derivation_text explained(pieces.checked->policy, lang, sources);
    write_explained(pieces, explained, [&](std::ostream& to) { to << report(*pieces.checked) << '\n'; }, out);
    return std::move(pieces.checked);
}

std::optional<c3p::check_result> fast_explain_json_file(const std::filesystem::path& file, std::uint64_t size,
                                                        const c3p::csv_settings& settings, c3p::language lang,
                                                        const c3p::sourced_policy* sources, std::ostream& out) {
    explained_pieces pieces;
    if (!read_for_explaining(file, size, settings, pieces)) return std::nullopt;
    c3p::check_derivation_json explained(pieces.checked->policy, lang, sources);
    // The document up to its derivation: each violation with the steps behind it, every one of
    // which a check's derivation has (c3p::steps_behind), so it is written before them.
    const auto document = [&](std::ostream& to) {
        write_json_before_derivation(to, *pieces.checked, lang, [](const c3p::violation& v) { return c3p::steps_behind(v); });
        to << ",\n ";
    };
    write_explained(pieces, explained, document, out);
    return std::move(pieces.checked);
}

}  // namespace c3p_check
