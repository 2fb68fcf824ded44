// The tables of texts (item names, the rule catalogue, eras, tasks) are written as "..."sv:
// a string_view made from a plain literal in a constant expression has its length counted by
// GCC's constant evaluator one character at a time, at ~10,000 instructions a byte, which
// every file including the tables paid for (0.13 s of <c3p/c3p.hpp>'s compile time under
// valgrind's count, for the rule catalogue alone); "..."sv is given its length.
#pragma once

#include <string_view>

namespace c3p {
using std::string_view_literals::operator""sv;
}  // namespace c3p
