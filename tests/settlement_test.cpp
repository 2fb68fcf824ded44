// c3p::settle: the worked figures of the settlement rules under both bases, each settlement
// rule at its boundary (the transfer allowance one yen under, at and over what must move; a
// record on 31 March and on 1 April), refunds, excluded records and the line rules on records.
#include <c3p/c3p.hpp>
#include <c3p/derivation.hpp>
#include <c3p/settlement.hpp>
#include <c3p/csv.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "support.hpp"

using namespace c3p::literals;
using c3p::item;
using namespace std::chrono;

namespace {

/// The worked contract: personnel 8,000,000 and operating 8,000,000, G&A 10%: total 19,360,000.
c3p::contract worked_contract() {
    c3p::budget b;
    b.add<c3p::items::personnel>("engineers", 8'000'000_yen, c3p::quantity(1), {.basis = c3p::price_basis::untaxed});
    b.add<c3p::items::meeting>("workshops", 8'000'000_yen);
    b.set_general_admin_rate(c3p::rate::percent(10));
    return c3p::contract{b};
}

c3p::actual_record spent(item i, const c3p::yen& amount, year_month_day date = year(2025) / June / 1) {
    return {c3p::line{.item = i, .unit_price = amount}, date};
}

/// The worked actuals: personnel 8,500,000, operating 7,000,000, nothing outsourced.
std::vector<c3p::actual_record> worked_actuals() {
    return {spent(item::personnel, 8'000'000_yen), spent(item::personnel, 500'000_yen),
            spent(item::meeting, 3'000'000_yen), spent(item::meeting, 4'000'000_yen)};
}

c3p::policy per_category(c3p::rate share = c3p::rate::percent(20)) {
    auto p = c3p::fy2025;
    p.settlement = c3p::settlement_basis::per_category;
    p.transfer_share = share;
    return p;
}

}  // namespace

TEST_SUITE("settlement") {
    TEST_CASE("settle: the worked figures, whole contract (the default)") {
        const auto s = c3p::settle(worked_contract(), worked_actuals());
        CHECK(s.fiscal_year == 2025);
        CHECK(s.category(c3p::category::personnel) == c3p::category_settlement{8'000'000_yen, 8'500'000_yen, {}, 8'500'000_yen, {}});
        CHECK(s.category(c3p::category::operating) == c3p::category_settlement{8'000'000_yen, 7'000'000_yen, {}, 7'000'000_yen, {}});
        CHECK(s.general_admin_contracted == 1'600'000_yen);
        CHECK(s.general_admin_settled == 1'550'000_yen);
        CHECK(s.pre_tax == 17'050'000_yen);
        CHECK(s.consumption_tax == 1'705'000_yen);
        CHECK(s.total == 18'755'000_yen);
        CHECK(s.contract_amount == 19'360'000_yen);
        CHECK(s.payable == 18'755'000_yen);
        CHECK(s.returned == 605'000_yen);
        CHECK(s.violations.empty());
    }

    TEST_CASE("settle: the worked figures per category, 20% moves the 500,000 overspend") {
        const auto s = c3p::settle(worked_contract(), worked_actuals(), per_category());
        CHECK(s.transfer_allowance == 3'200'000_yen);
        CHECK(s.category(c3p::category::personnel).moved == 500'000_yen);
        CHECK(s.category(c3p::category::operating).moved == -500'000_yen);
        CHECK(s.category(c3p::category::personnel).eligible == 8'500'000_yen);
        CHECK(s.category(c3p::category::operating).eligible == 7'000'000_yen);
        CHECK(s.payable == 18'755'000_yen);
        CHECK(s.violations.empty());
    }

    TEST_CASE("settle: the worked figures per category without a transfer share, not approved") {
        const auto s = c3p::settle(worked_contract(), worked_actuals(), per_category(c3p::rate{}));
        const auto& personnel = s.category(c3p::category::personnel);
        CHECK(personnel.moved == 0_yen);
        CHECK(personnel.eligible == 8'000'000_yen);
        CHECK(personnel.unpaid == 500'000_yen);
        CHECK(s.general_admin_settled == 1'500'000_yen);
        CHECK(s.payable == 18'150'000_yen);
        CHECK(c3p_test::codes(s.violations) == std::vector<std::string>{"transfer.needs_approval", "settlement.overspent"});
        CHECK(s.violations[0].actual == c3p::decimal(500'000));
        CHECK(s.violations[0].limit == c3p::decimal(0));
        CHECK(s.violations[0].category == c3p::category::personnel);
        CHECK(s.violations[1].actual == c3p::decimal(8'500'000));
        CHECK(s.violations[1].limit == c3p::decimal(8'000'000));
        CHECK(c3p::describe(s.violations[1]) ==
              "Personnel costs: 8,500,000 yen spent, 8,000,000 yen eligible; 500,000 yen is not paid");
        CHECK(c3p::describe(s.violations[1], c3p::language::japanese) ==
              "人件費の支出8,500,000円のうち精算対象は8,000,000円です（500,000円は支払われません）");
        // Approved, the whole overspend moves.
        const auto approved = c3p::settle(worked_contract(), worked_actuals(), per_category(c3p::rate{}),
                                          {.transfers_approved = true});
        CHECK(approved.payable == 18'755'000_yen);
        CHECK(approved.violations.empty());
    }

    TEST_CASE("settle: the transfer allowance one yen under, at and over the 500,000 that must move") {
        // The allowance is floor(share x 16,000,000): shares of 499,999 / 500,000 / 500,001 of it.
        for (const long long allowance : {499'999LL, 500'000LL, 500'001LL}) {
            CAPTURE(allowance);
            const auto s = c3p::settle(worked_contract(), worked_actuals(), per_category(c3p::rate::fraction(allowance, 16'000'000)));
            CHECK(s.transfer_allowance == c3p::yen(allowance));
            const auto& personnel = s.category(c3p::category::personnel);
            if (allowance < 500'000) {
                CHECK(c3p_test::codes(s.violations) == std::vector<std::string>{"transfer.needs_approval", "settlement.overspent"});
                CHECK(personnel.moved == 499'999_yen);
                CHECK(personnel.unpaid == 1_yen);
                CHECK(s.category(c3p::category::operating).moved == -499'999_yen);
            } else {
                CHECK(s.violations.empty());
                CHECK(personnel.moved == 500'000_yen);
                CHECK(personnel.unpaid == 0_yen);
            }
        }
    }

    TEST_CASE("settle: the allowance as a share of the receiving category, floored to the yen") {
        auto p = per_category(c3p::rate::fraction(1, 3));
        p.transfer_of = c3p::transfer_base::receiving_category;
        const auto s = c3p::settle(worked_contract(), worked_actuals(), p);
        CHECK(s.transfer_allowance == 2'666'666_yen);  // 8,000,000 / 3, floored
        p.transfer_of = c3p::transfer_base::direct_total;
        CHECK(c3p::settle(worked_contract(), worked_actuals(), p).transfer_allowance == 5'333'333_yen);
    }

    TEST_CASE("settle: operating overspent is covered by personnel's underspend; joint implementation never moves") {
        auto contract = worked_contract();
        contract.awarded.add<c3p::items::joint_implementation>("city", 1'000'000_yen);
        const std::vector<c3p::actual_record> actuals{spent(item::personnel, 7'000'000_yen),
                                                      spent(item::meeting, 8'300'000_yen),
                                                      spent(item::joint_implementation, 1'200'000_yen)};
        const auto s = c3p::settle(contract, actuals, per_category());
        CHECK(s.category(c3p::category::operating).moved == 300'000_yen);
        CHECK(s.category(c3p::category::personnel).moved == -300'000_yen);
        CHECK(s.category(c3p::category::operating).eligible == 8'300'000_yen);
        const auto& joint = s.category(c3p::category::joint_implementation);
        CHECK(joint.moved == 0_yen);
        CHECK(joint.eligible == 1'000'000_yen);
        CHECK(joint.unpaid == 200'000_yen);
        CHECK(c3p_test::codes(s.violations) == std::vector<std::string>{"settlement.overspent"});
        CHECK(s.violations[0].category == c3p::category::joint_implementation);
    }

    TEST_CASE("settle: records dated 31 March and 1 April at both ends of the fiscal year") {
        const std::vector<c3p::actual_record> actuals{
            spent(item::meeting, 1'000_yen, year(2025) / March / 31),  // FY2024: excluded
            spent(item::meeting, 2'000_yen, year(2025) / April / 1),
            spent(item::meeting, 4'000_yen, year(2026) / March / 31),
            spent(item::meeting, 8'000_yen, year(2026) / April / 1)};  // FY2026: excluded
        const auto s = c3p::settle(worked_contract(), actuals);
        CHECK(s.category(c3p::category::operating).actual == 6'000_yen);
        CHECK(c3p_test::codes(s.violations) == std::vector<std::string>{"actual.outside_fiscal_year", "actual.outside_fiscal_year"});
        CHECK(s.violations[0].line == 0u);
        CHECK(s.violations[1].line == 3u);
        CHECK(s.violations[1].date == year(2026) / April / 1);
        CHECK(c3p::describe(s.violations[1]) == "dated 2026-04-01, outside FY2025 (2025-04-01 to 2026-03-31); not counted");
        CHECK(c3p::describe(s.violations[1], c3p::language::japanese) ==
              "日付2026-04-01は令和7年度（2025-04-01〜2026-03-31）の外です。計上しません");
        CHECK(s.has_errors());
        // Another fiscal year asked for: the same records judged against it.
        const auto fy2026 = c3p::settle(worked_contract(), actuals, c3p::fy2025, {.fiscal_year = 2026});
        CHECK(fy2026.category(c3p::category::operating).actual == 8'000_yen);
    }

    TEST_CASE("settle: refunds reduce their item; computed items and items outside the contract are reported") {
        const std::vector<c3p::actual_record> actuals{
            spent(item::meeting, 500'000_yen), spent(item::meeting, -200'000_yen),  // a refund: no error
            spent(item::general_admin, 100'000_yen),                               // computed: excluded
            spent(item::wages, 30'000_yen)};                                       // not in the contract
        const auto s = c3p::settle(worked_contract(), actuals);
        CHECK(s.actual_items[static_cast<std::size_t>(item::meeting)] == 300'000_yen);
        CHECK(s.category(c3p::category::operating).actual == 330'000_yen);
        CHECK(c3p_test::codes(s.violations) == std::vector<std::string>{"actual.computed_item", "actual.item_not_in_contract"});
        CHECK(s.violations[0].line == 2u);
        CHECK(s.violations[0].is_error());
        CHECK(s.violations[1].item == item::wages);
        CHECK(s.violations[1].actual == c3p::decimal(30'000));
        CHECK_FALSE(s.violations[1].is_error());
        CHECK(s.general_admin_settled == 33'000_yen);  // recomputed on what is eligible, not the booked 100,000
    }

    TEST_CASE("settle: the line rules apply to records, located by record") {
        const std::vector<c3p::actual_record> actuals{spent(item::meeting, 10'000_yen),
                                                      spent(item::equipment, 150'000_yen),
                                                      spent(item::meeting, 0_yen)};
        const auto s = c3p::settle(worked_contract(), actuals);
        CHECK(c3p_test::codes(s.violations) == std::vector<std::string>{"equipment.below_threshold", "equipment.needs_approval",
                                                   "line.zero_amount", "actual.item_not_in_contract"});
        CHECK(s.violations[0].line == 1u);
        CHECK(s.violations[2].line == 2u);
    }

    TEST_CASE("settle: a reduced contract amount caps the payment, one yen under, at and over the total") {
        for (const long long amount : {18'754'999LL, 18'755'000LL, 18'755'001LL}) {
            CAPTURE(amount);
            auto contract = worked_contract();
            contract.amount = c3p::yen(amount);
            const auto s = c3p::settle(contract, worked_actuals());
            CHECK(s.payable == c3p::yen(std::min(amount, 18'755'000LL)));
            CHECK(s.returned == c3p::yen(amount - std::min(amount, 18'755'000LL)));
            CHECK((c3p_test::codes(s.violations) == std::vector<std::string>{"settlement.over_contract"}) == (amount < 18'755'000));
        }
    }

    TEST_CASE("settle: outsourcing is left out of the G&A base as far as it is eligible") {
        const std::vector<c3p::actual_record> actuals{spent(item::personnel, 8'000'000_yen),
                                                      spent(item::outsourcing, 2'000'000_yen),
                                                      spent(item::meeting, 1'000'000_yen)};
        const auto s = c3p::settle(worked_contract(), actuals);
        CHECK(s.general_admin_settled == 900'000_yen);  // 10% of 8,000,000 + 3,000,000 - 2,000,000
    }

    TEST_CASE("settle: the variance table, plan against actual for every item either has") {
        std::vector<c3p::actual_record> actuals = worked_actuals();
        actuals.push_back(spent(item::wages, 30'000_yen));
        const auto table = c3p::variance(c3p::settle(worked_contract(), actuals));
        const std::vector<c3p::item_variance> expected{{item::personnel, 8'000'000_yen, 8'500'000_yen, 500'000_yen},
                                                       {item::meeting, 8'000'000_yen, 7'000'000_yen, -1'000'000_yen},
                                                       {item::wages, 0_yen, 30'000_yen, 30'000_yen}};
        CHECK(table == expected);
    }

    TEST_CASE("settle: the room left before an overspend, and before a transfer needs approval") {
        // Personnel 6,000,000 and operating 7,000,000 spent of 8,000,000 each; 20% allows 3,200,000.
        const std::vector<c3p::actual_record> actuals{spent(item::personnel, 6'000'000_yen), spent(item::meeting, 7'000'000_yen)};
        const auto room = c3p::spending_room(c3p::settle(worked_contract(), actuals, per_category()));
        CHECK(room[0] == c3p::category_room{c3p::category::personnel, 2'000'000_yen, 3'000'000_yen});  // + operating's 1,000,000
        CHECK(room[1] == c3p::category_room{c3p::category::operating, 1'000'000_yen, 3'000'000_yen});  // + personnel's 2,000,000
        CHECK(room[2] == c3p::category_room{c3p::category::joint_implementation, 0_yen, std::nullopt});
        // A smaller allowance binds first: 5% of 16,000,000 is 800,000.
        const auto tight = c3p::spending_room(c3p::settle(worked_contract(), actuals, per_category(c3p::rate::percent(5))));
        CHECK(tight[0].before_approval == 2'800'000_yen);
        // Settled as a whole contract, nothing moves and nothing needs approval.
        const auto whole = c3p::spending_room(c3p::settle(worked_contract(), actuals));
        CHECK(whole[0] == c3p::category_room{c3p::category::personnel, 2'000'000_yen, std::nullopt});
    }

    TEST_CASE("read_records_csv: dates in every form, receipts, Japanese headers; summary rows skipped") {
        const auto read = c3p::read_records_csv(
            "日付,費目,内容,単価,数量,領収書番号\n"
            "2025-04-01,国内旅費,出張,\"12,000\",2,R-001\n"
            "2025/4/2,会議費,会場,\"¥30,000\",,\n"
            "令和7年4月3日,meeting,refund,▲5000,1,R-003\n"
            ",合計,,\"15,000\",,\n");
        REQUIRE(read.ok());
        REQUIRE(read.records.size() == 3);
        CHECK(read.records[0].date == year(2025) / April / 1);
        CHECK(read.records[0].receipt == "R-001");
        CHECK(read.records[0].source_line == 2u);
        CHECK(read.records[0].line.item == item::domestic_travel);
        CHECK(read.records[1].date == year(2025) / April / 2);
        CHECK(read.records[1].receipt.empty());
        CHECK(read.records[2].date == year(2025) / April / 3);
        CHECK(read.records[2].line.unit_price == -5'000_yen);
    }

    TEST_CASE("read_records_csv: dates as Japanese Excel shows them, and Excel's serial numbers") {
        const auto read = c3p::read_records_csv(
            "item,unit_price,date\nmeeting,100,R7.4.30\nmeeting,100,令和7年5月1日(木)\nmeeting,100,45809\n"
            "meeting,100,2025.6.2\nmeeting,100,R7/6/3\nmeeting,100,令和7年5月1日(金)\n");
        REQUIRE(read.errors.size() == 1);  // the last: 1 May 2025 was a Thursday
        CHECK(read.errors[0].line == 7);
        CHECK(read.errors[0].code() == "input.invalid_date");
        REQUIRE(read.records.size() == 5);  // the row with the error is not a record
        CHECK(read.records[0].date == year(2025) / April / 30);
        CHECK(read.records[1].date == year(2025) / May / 1);
        CHECK(read.records[2].date == year(2025) / June / 1);
        CHECK(read.records[3].date == year(2025) / June / 2);
        CHECK(read.records[4].date == year(2025) / June / 3);
    }

    TEST_CASE("settle: outsourcing held to half of what is settled, as the budget was") {
        c3p::budget contract;
        contract.add<c3p::items::personnel>("engineers", 5'000'000_yen, c3p::quantity(1), {.basis = c3p::price_basis::untaxed});
        contract.add<c3p::items::outsourcing>("local consultant", 4'000'000_yen);
        REQUIRE_FALSE(c3p::check(contract).has_errors());  // 4,000,000 of 9,000,000 planned: within half
        const auto date = year(2025) / June / 1;
        // Spent: 2,000,000 on people, 3,000,000 outsourced: 60% of the 5,000,000 settled.
        const std::vector<c3p::actual_record> spent{
            {c3p::line{.item = item::personnel, .unit_price = 2'000'000_yen, .basis = c3p::price_basis::untaxed}, date},
            {c3p::line{.item = item::outsourcing, .unit_price = 3'000'000_yen}, date}};
        const auto s = c3p::settle(c3p::contract{contract}, spent);
        REQUIRE(c3p_test::codes(s.violations) == std::vector<std::string>{"outsourcing.over_half"});
        CHECK(s.violations[0].is_error());
        CHECK(s.violations[0].actual == c3p::decimal(3'000'000));
        CHECK(s.violations[0].limit == c3p::decimal(2'500'000));
        CHECK(c3p::describe(s.violations[0]) ==
              "outsourcing 3,000,000 yen exceeds 50% of the pre-tax total 5,000,000 yen (2,500,000 yen)");
        // At exactly half it holds; with the outsourcing justified in the contract it is a warning.
        const std::vector<c3p::actual_record> half{spent[0], {c3p::line{.item = item::outsourcing, .unit_price = 2'000'000_yen}, date}};
        CHECK(c3p::settle(c3p::contract{contract}, half).violations.empty());
        contract.set_outsourcing_justified(true);
        const auto justified = c3p::settle(c3p::contract{contract}, spent);
        REQUIRE(justified.violations.size() == 1);
        CHECK_FALSE(justified.violations[0].is_error());
        // Its figures' steps are in the settlement's derivation.
        const auto d = c3p::derive(c3p::contract{contract}, spent, s);
        for (const auto& id : c3p::steps_behind(s.violations[0])) CHECK(d.find(id));
    }

    TEST_CASE("settle: a records file's summary rows are warned, as a budget's are") {
        const auto read = c3p::read_records_csv("date,item,unit_price\n2025-04-01,meeting,1000\n合計,,1000\n"
                                                "2025-04-02,meeting,500\n小計（会議費）,,1500\n");
        REQUIRE(read.ok());
        CHECK(read.records.size() == 2);
        CHECK(read.summary_rows == std::vector<std::size_t>{3, 5});
        c3p::budget contract;
        contract.add<c3p::items::meeting>("workshops", 10'000_yen);
        const auto s = c3p::settle(c3p::contract{contract}, read.records, c3p::fy2025, {.summary_rows = read.summary_rows});
        REQUIRE(c3p_test::codes(s.violations) == std::vector<std::string>{"input.summary_row", "input.summary_row"});
        CHECK(s.violations[0].source_line == 3u);
        CHECK(s.violations[1].source_line == 5u);
        CHECK_FALSE(s.has_errors());
        CHECK(c3p::settle(c3p::contract{contract}, read.records).violations.empty());  // none given, none warned
        // What they state against the records' sums as typed: 合計 1,000 was typed before the
        // second record (the whole list is 1,500), 小計（会議費） agrees.
        const auto compared = c3p::settle(c3p::contract{contract}, read.records, c3p::fy2025,
                                          {.summary_rows = read.summary_rows, .summaries = read.summaries});
        REQUIRE(read.summaries.size() == 2);
        REQUIRE(c3p_test::codes(compared.violations) ==
                std::vector<std::string>{"input.summary_row", "input.summary_row", "input.summary_mismatch"});
        CHECK(compared.violations[2].source_line == 3u);
        CHECK(compared.violations[2].actual == c3p::decimal(1'000));
        CHECK(compared.violations[2].limit == c3p::decimal(1'500));
        // Prices as typed: a tax-inclusive price is its price, and a record outside the year is on the list.
        const auto typed = c3p::read_records_csv("date,item,unit_price,price_basis\n2025-04-01,meeting,1100,inclusive\n"
                                                 "2024-04-01,meeting,100,\n合計,,1200,\n");
        REQUIRE(typed.ok());
        const auto t = c3p::settle(c3p::contract{contract}, typed.records, c3p::fy2025,
                                   {.summary_rows = typed.summary_rows, .summaries = typed.summaries});
        CHECK(c3p_test::codes(t.violations) == std::vector<std::string>{"input.summary_row", "actual.outside_fiscal_year"});
    }

    TEST_CASE("read_records_csv: a missing or bad date is an error with its line and column, in both languages") {
        const auto read = c3p::read_records_csv("item,unit_price,date\nmeeting,100,2025-02-30\nmeeting,100,\nmeeting,1x,令和元年4月30日\n");
        REQUIRE(read.errors.size() == 4);
        CHECK(read.errors[0].code() == "input.invalid_date");
        CHECK(read.errors[0].line == 2);
        CHECK(read.errors[0].column == 13);
        CHECK(c3p::describe(read.errors[0]) == "invalid date \"2025-02-30\" (write 2025-04-01, 2025/4/1, R7.4.1 or 令和7年4月1日)");
        CHECK(c3p::describe(read.errors[1]) == "empty date: every record needs the date it was spent");
        CHECK(c3p::describe(read.errors[1], c3p::language::japanese) == "日付が空欄です（支出した日付が必要です）");
        CHECK(read.errors[2].code() == "input.invalid_number");  // every problem of a row is reported
        CHECK(read.errors[3].code() == "input.invalid_date");
        const auto no_date = c3p::read_records_csv("item,unit_price\nmeeting,100\n");
        REQUIRE(no_date.errors.size() == 1);
        CHECK(no_date.errors[0].code() == "input.missing_column");
        CHECK(no_date.errors[0].column_name == c3p::csv_column::date);
        // In a budget, a date column is no column.
        const auto budget = c3p::read_budget_csv("item,unit_price,date\nmeeting,100,2025-04-01\n");
        REQUIRE(budget.errors.size() == 1);
        CHECK(budget.errors[0].code() == "input.unknown_column");
    }
}
