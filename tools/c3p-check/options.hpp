// The command line of c3p-check.
#pragma once

#include <c3p/c3p.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace c3p_check {

struct options {
    std::string file;
    c3p::budget_terms terms{};
    const c3p::policy* policy = &c3p::fy2025;
    bool json = false;
    bool help = false;
};

/// A command line that cannot be followed; the message names the option and what is wrong.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Throws usage_error.
options parse_options(int argc, char** argv);

extern const std::string_view help_text;

}  // namespace c3p_check
