// c3p::cell_ref — a cell as a spreadsheet names it: "D16" is the fourth column of row 16. A
// CSV file's row is its record (a cell holding a line break does not start a new row), as Excel
// numbers the rows of a CSV it opens.
#pragma once

#include <cstddef>
#include <string>

namespace c3p {

struct cell_ref {
    std::size_t column = 1;  ///< 1-based: A is 1, Z is 26, AA is 27
    std::size_t row = 1;     ///< 1-based
    friend bool operator==(const cell_ref&, const cell_ref&) = default;
};

/// The column's letters: 1 "A", 26 "Z", 27 "AA", 703 "AAA".
[[nodiscard]] inline std::string column_letters(std::size_t column) {
    std::string letters;
    for (; column > 0; column = (column - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
    return letters;
}

/// "D16".
[[nodiscard]] inline std::string to_string(const cell_ref& c) { return column_letters(c.column) + std::to_string(c.row); }

}  // namespace c3p
