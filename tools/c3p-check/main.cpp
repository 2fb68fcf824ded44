// c3p-check: the command-line program; everything it does is in run.cpp.
#include <iostream>

#include "run.hpp"

#if defined(_WIN32)
#include <windows.h>
#endif

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
#if defined(_WIN32)
    ::SetConsoleOutputCP(CP_UTF8);  // the messages are UTF-8; a console shows them as such
#endif
    return c3p_check::run(argc, argv);
}
