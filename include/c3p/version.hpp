// The library's version, as in CMakeLists.txt's project(VERSION) (a test holds them equal).
#pragma once

#define C3P_VERSION_MAJOR 0
#define C3P_VERSION_MINOR 3
#define C3P_VERSION_PATCH 0

namespace c3p {
/// "0.3.0"
inline constexpr const char* version = "0.3.0";
}  // namespace c3p
