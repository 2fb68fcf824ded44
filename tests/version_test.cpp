// The version macros and string are CMake's project version.
#include <c3p/version.hpp>

#include <doctest/doctest.h>

#include <string>

TEST_CASE("version: the macros, the string and CMake's project version agree") {
    const std::string from_macros = std::to_string(C3P_VERSION_MAJOR) + "." + std::to_string(C3P_VERSION_MINOR) + "." +
                                    std::to_string(C3P_VERSION_PATCH);
    CHECK(from_macros == C3P_CMAKE_VERSION);
    CHECK(std::string(c3p::version) == C3P_CMAKE_VERSION);
}
