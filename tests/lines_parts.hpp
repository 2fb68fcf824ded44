// A budget's lines cut into parts at random, as c3p-check cuts a long file into pieces, for the
// tests of a derivation written in parts (c3p::basic_check_derivation).
#pragma once

#include <c3p/derivation.hpp>

#include <algorithm>
#include <cstddef>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace c3p_test {

/// `lines` in parts of 1 to 7 lines, in order, each with the index of its first line.
inline std::vector<c3p::lines_part> random_parts(std::span<const c3p::line> lines, std::mt19937& cuts) {
    std::vector<c3p::lines_part> parts;
    for (std::size_t first = 0; first < lines.size();) {
        const std::size_t count = std::min<std::size_t>(1 + cuts() % 7, lines.size() - first);
        parts.push_back({lines.subspan(first, count), {}, first, 0});
        first += count;
    }
    return parts;
}

/// What `explained` writes for the check `r` with `parts` written last first, then joined in
/// order: its head, each part's lines, and the rest.
template <class Derivation>
std::string written_last_first(Derivation& explained, std::span<const c3p::lines_part> parts, const c3p::check_result& r,
                               bool field_survey) {
    std::vector<typename Derivation::lines_text> written(parts.size());
    for (std::size_t k = parts.size(); k-- > 0;) written[k] = explained.lines(parts[k]);
    std::string joined = explained.head();
    for (const auto& w : written) joined += w.text;
    return joined + explained.rest(r, written, field_survey);
}

}  // namespace c3p_test
