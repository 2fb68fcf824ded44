// The seven tasks of the guidebook's Table 3 that every C3P project carries out, and the set of
// them a budget line serves (a plan's `task` column: "4", "4;5").
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "c3p/detail/sv_literals.hpp"

namespace c3p {

inline constexpr int task_count = 7;

struct task_info {
    int number;  ///< 1-7, as Table 3 numbers them
    std::string_view code, english, japanese;
};

inline constexpr std::array<task_info, task_count> task_table{{
    {1, "deliverables"sv, "Deliverables"sv, "成果物の作成"sv},
    {2, "monthly_reports"sv, "Monthly reports"sv, "月次報告"sv},
    {3, "report_sessions"sv, "Report sessions"sv, "報告会"sv},
    {4, "field_surveys"sv, "Field surveys and invitations"sv, "現地調査・招へい"sv},
    {5, "local_workshop"sv, "Local workshop"sv, "現地ワークショップ"sv},
    {6, "presentations_in_japan"sv, "Presentations in Japan"sv, "国内での発表"sv},
    {7, "supporting_organisations"sv, "Working with supporting organisations"sv, "支援機関との連携"sv},
}};

/// Task `number` (1-7). Throws std::out_of_range for another number.
[[nodiscard]] constexpr const task_info& task_of(int number) {
    return task_table.at(static_cast<std::size_t>(number - 1));
}

/// A set of Table 3 tasks, one bit each.
class task_set {
public:
    constexpr task_set() = default;
    constexpr task_set& add(int number) {
        bits_ = static_cast<std::uint8_t>(bits_ | bit(number));
        return *this;
    }
    [[nodiscard]] constexpr bool contains(int number) const noexcept { return (bits_ & bit(number)) != 0; }
    [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
    constexpr task_set& operator|=(task_set other) noexcept {
        bits_ = static_cast<std::uint8_t>(bits_ | other.bits_);
        return *this;
    }
    friend constexpr bool operator==(task_set, task_set) = default;

    /// "4;5" (also "4,5", "4・5", "4 5", full-width digits): nullopt for anything but task numbers 1-7.
    [[nodiscard]] static constexpr std::optional<task_set> parse(std::string_view text) noexcept {
        task_set out;
        bool any = false;
        for (std::size_t at = 0; at < text.size();) {
            const auto c = static_cast<unsigned char>(text[at]);
            int number = 0;
            if (c >= '1' && c <= '7') {
                number = c - '0';
                ++at;
            } else if (text.substr(at, 2) == "\xEF\xBC" && at + 2 < text.size() &&
                       static_cast<unsigned char>(text[at + 2]) >= 0x91 && static_cast<unsigned char>(text[at + 2]) <= 0x97) {
                number = static_cast<unsigned char>(text[at + 2]) - 0x90;  // １-７
                at += 3;
            } else if (c == ';' || c == ',' || c == ' ' || c == '\t') {
                ++at;
                continue;
            } else if (text.substr(at, 3) == "\xE3\x83\xBB" || text.substr(at, 3) == "\xE3\x80\x81") {  // ・、
                at += 3;
                continue;
            } else {
                return std::nullopt;
            }
            // A digit right after a task number ("45", "4０") makes no task number.
            if (at < text.size() && ((text[at] >= '0' && text[at] <= '9') || text.substr(at, 2) == "\xEF\xBC")) return std::nullopt;
            out.add(number);
            any = true;
        }
        if (!any) return std::nullopt;
        return out;
    }

private:
    static constexpr std::uint8_t bit(int number) noexcept {
        if (number < 1 || number > task_count) return 0;
        return static_cast<std::uint8_t>(1u << (number - 1));
    }
    std::uint8_t bits_ = 0;
};

}  // namespace c3p
