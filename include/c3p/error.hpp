// Exceptions. Rule failures are never exceptions (see validate.hpp); these are for misuse and
// for figures that cannot be exact: overflow, an inexact value rounded with rounding::never,
// text that is not a number.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace c3p {

/// A result does not fit the representation. Derives from std::overflow_error.
class overflow_error : public std::overflow_error {
public:
    using std::overflow_error::overflow_error;
};

/// A value that is not a whole yen was rounded with rounding::never.
class inexact_error : public std::domain_error {
public:
    using std::domain_error::domain_error;
};

/// Text that is not a valid number, rate or code; `position` is the 0-based offset of the
/// offending character in the text that was parsed.
class parse_error : public std::invalid_argument {
public:
    parse_error(const std::string& message, std::size_t position)
        : std::invalid_argument(message), position_(position) {}
    [[nodiscard]] std::size_t position() const noexcept { return position_; }

private:
    std::size_t position_;
};

}  // namespace c3p
