# Cross-compiling for 64-bit Windows with Debian's mingw-w64 (posix threads), as scripts/windows.sh
# does. Nothing is looked up among the Linux host's libraries and headers: scripts/windows.sh
# gives the header-only libraries (Boost, nlohmann/json, doctest) from a folder that holds them
# and nothing else of /usr/include.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)  # no toolchain DLLs to ship with c3p-check.exe or to find under wine

set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# ctest runs the Windows programs under wine.
find_program(C3P_WINE NAMES wine64 wine PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
if(C3P_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${C3P_WINE})
endif()
