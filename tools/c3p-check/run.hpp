// c3p-check's whole program behind main(): the command line in, the report on std::cout, messages
// on std::cerr, the exit status out. main.cpp calls it; the WebAssembly build (web/) calls it with
// both streams captured.
#pragma once

namespace c3p_check {

/// The exit status: 0 clean (warnings allowed), 1 a rule broken, 2 the input or the command line
/// could not be read.
int run(int argc, const char* const* argv);

}  // namespace c3p_check
