#include <c3p/c3p.hpp>

#include <doctest/doctest.h>

#include "support.hpp"

using namespace c3p::literals;
using c3p::item;

namespace {
c3p::budget plus(c3p::budget b, item target, const c3p::yen& amount) {
    // An exception reason keeps a large consumable legal: only the cap and the share are probed.
    b.add(c3p::line{.item = target, .description = "added", .unit_price = amount,
                    .reason = c3p::consumable_reason::not_reusable});
    return b;
}
bool clean_of_errors(const c3p::budget& b) { return !c3p::check(b).has_errors(); }
}  // namespace

TEST_SUITE("headroom") {
    TEST_CASE("headroom: an empty budget without G&A has 18,181,819 yen for personnel") {
        const c3p::budget empty;
        const auto room = c3p::headroom<c3p::items::personnel>(empty);
        CHECK(room == 18'181'819_yen);
        CHECK(c3p::compute(plus(empty, item::personnel, room)).total == 20'000'000_yen);
        CHECK(c3p::compute(plus(empty, item::personnel, room + 1_yen)).total == 20'000'002_yen);
        CHECK(c3p::validate(plus(empty, item::personnel, room + 1_yen)).front().code() == "cap.exceeded");
    }

    TEST_CASE("headroom: outsourcing also stays within half of the pre-tax total") {
        c3p::budget b;
        b.add<c3p::items::personnel>("staff", 1'000'000_yen);
        const auto room = c3p::headroom(b, item::outsourcing);
        CHECK(room == 1'000'000_yen);  // 2 x 1,000,000 = 2,000,000
        CHECK(clean_of_errors(plus(b, item::outsourcing, room)));
        CHECK_FALSE(clean_of_errors(plus(b, item::outsourcing, room + 1_yen)));
        b.set_outsourcing_justified(true);  // then the share is only a warning and the cap decides
        CHECK(c3p::headroom(b, item::outsourcing) == 17'181'819_yen);
    }

    TEST_CASE("headroom: G&A and tax are recomputed for items in the G&A base") {
        const auto b = c3p_test::sample_budget();
        for (const auto& entry : c3p::item_table) {
            if (entry.computed) continue;
            CAPTURE(entry.code);
            const auto room = c3p::headroom(b, entry.id);
            CHECK(room > 0_yen);
            CHECK(clean_of_errors(plus(b, entry.id, room)));
            CHECK_FALSE(clean_of_errors(plus(b, entry.id, room + 1_yen)));
        }
        // Personnel carries 10% G&A, so less fits than for outsourcing (outside the G&A base).
        CHECK(c3p::headroom(b, item::personnel) < c3p::headroom(b, item::joint_implementation));
    }

    TEST_CASE("headroom: nothing fits a budget already over the cap") {
        c3p::budget b;
        b.add<c3p::items::personnel>("staff", 19'000'000_yen);
        CHECK(c3p::headroom(b, item::wages) == 0_yen);
    }

    TEST_CASE("headroom: computed items have none") {
        CHECK_THROWS_AS((void)c3p::headroom(c3p::budget{}, item::general_admin), std::invalid_argument);
    }
}
