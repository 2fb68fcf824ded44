"""Budgets built in Python: the exact figures, Decimal in and out, and every refusal."""

import fractions
from decimal import Decimal

import pytest

import c3p_budget as c3p


def personnel_only(pre_tax) -> c3p.Budget:
    return c3p.Budget(ga_rate=0).add("personnel", pre_tax, basis="untaxed")


class TestFigures:
    def test_largest_pre_tax_under_the_cap_is_18181819(self):
        at_cap = c3p.check(personnel_only(18_181_819))
        assert at_cap.totals["consumption_tax"] == Decimal("1818181")
        assert at_cap.totals["total"] == Decimal("20000000")
        assert at_cap.totals["headroom"] == 0
        assert at_cap.ok and at_cap.violations == []

    def test_one_yen_more_is_over_the_cap(self):
        over = c3p.check(personnel_only(18_181_820))
        assert over.totals["total"] == Decimal("20000002")
        assert [v.code for v in over.violations] == ["cap.exceeded"]
        assert over.violations[0].actual == Decimal("20000002")
        assert over.violations[0].limit == Decimal("20000000")
        assert over.has_errors and not over.ok

    def test_one_yen_less_leaves_room(self):
        under = c3p.check(personnel_only(18_181_818))
        assert under.totals["total"] == Decimal("19999999")
        assert under.violations == []

    def test_110_yen_tax_included_is_100_yen(self):
        result = c3p.check(c3p.Budget().add("consumables", "110", basis="inclusive"))
        assert result.line_amounts == [Decimal("100")]
        assert result.items["consumables"] == Decimal("100")

    def test_amounts_come_out_as_decimal(self):
        result = c3p.check(c3p.Budget(ga_rate="10%").add("personnel", Decimal("40000.5"), 3, basis="untaxed"))
        assert all(type(v) is Decimal for v in result.totals.values())
        assert all(type(v) is Decimal for v in result.items.values())
        assert result.line_amounts == [Decimal("120001")]  # 120,001.5 floored
        assert result.general_admin_base == Decimal("120001")
        assert result.totals["general_admin"] == Decimal("12000")  # 12,000.1 floored
        assert result.general_admin_rate == Decimal("0.1")

    def test_japanese_names_and_people_s_amounts(self):
        by_code = c3p.check(c3p.Budget().add("equipment", 1_200_000).add("consumables", 5000, 3))
        by_name = c3p.check(c3p.Budget().add("備品費", "¥1,200,000").add("消耗品費", "５，０００", "３"))
        assert by_name.totals == by_code.totals
        assert by_name.items["equipment"] == Decimal("1200000")

    def test_messages_in_english_and_japanese(self):
        result = c3p.check(c3p.Budget(ga_rate=0).add("consumables", 210_000))
        (v,) = result.violations
        assert v.code == "consumable.at_or_above_threshold"
        assert v.severity == "error" and v.is_error
        assert v.line == 0 and v.source_line is None and v.item == "consumables"
        assert (v.actual, v.limit) == (Decimal("231000"), Decimal("200000"))
        assert "231,000 yen" in v.message()
        assert "231,000円" in v.message("ja")
        assert str(v) == v.message("en")

    def test_validate_is_empty_for_a_budget_that_passes(self):
        assert c3p.validate(personnel_only(1000)) == []
        assert [v.code for v in c3p.validate(personnel_only(18_181_820))] == ["cap.exceeded"]

    def test_terms(self):
        b = c3p.Budget(ga_rate=Decimal("0.1"), uplift="5,000,000", outsourcing_justified=True)
        assert (b.ga_rate, b.uplift, b.outsourcing_justified) == (Decimal("0.1"), Decimal("5000000"), True)
        b.ga_rate = fractions.Fraction(1, 3)
        assert b.ga_rate == fractions.Fraction(1, 3)
        b.ga_rate = "7.5%"
        assert b.ga_rate == Decimal("0.075")
        b.ga_rate = None
        assert b.ga_rate is None

    def test_lines_read_back(self):
        b = c3p.Budget().add("consumables", "1100", 2, basis="税込", consumable_reason="fragile", description="ビーカー")
        (line,) = b.lines
        assert len(b) == 1
        assert (line.item, line.unit_price, line.quantity, line.basis) == ("consumables", Decimal("1100"), Decimal("2"), "inclusive")
        assert (line.consumable_reason, line.description, line.field_survey) == ("fragile", "ビーカー", False)

    def test_add_returns_the_budget(self):
        b = c3p.Budget()
        assert b.add("personnel", 1).add("personnel", 2) is b
        assert len(b) == 2


class TestRefusals:
    @pytest.mark.parametrize("where", ["unit_price", "quantity"])
    def test_a_float_amount_is_a_type_error(self, where):
        arguments = {"unit_price": 100, "quantity": 1, where: 1.1}
        with pytest.raises(TypeError, match="float.*Decimal"):
            c3p.Budget().add("personnel", **arguments)

    def test_a_float_anywhere_else(self):
        with pytest.raises(TypeError, match="float"):
            c3p.Budget(uplift=1.0)
        with pytest.raises(TypeError, match="float"):
            c3p.Budget(ga_rate=0.1)
        with pytest.raises(TypeError, match="float"):
            c3p.Record("2025-04-01", "personnel", 1.5)

    def test_a_bool_or_an_object_is_a_type_error(self):
        with pytest.raises(TypeError, match="bool"):
            c3p.Budget().add("personnel", True)
        with pytest.raises(TypeError, match="list"):
            c3p.Budget().add("personnel", [1])

    def test_not_a_number(self):
        with pytest.raises(c3p.ParseError, match=r'"12a": unexpected character'):
            c3p.Budget().add("personnel", "12a")
        with pytest.raises(ValueError, match="NaN"):
            c3p.Budget().add("personnel", Decimal("NaN"))
        with pytest.raises(c3p.ParseError, match="fraction"):
            c3p.Budget().add("personnel", Decimal("0.0000001"))
        assert issubclass(c3p.ParseError, ValueError)

    def test_too_large_is_an_overflow_error(self):
        with pytest.raises(OverflowError):
            c3p.Budget().add("personnel", 10**40)
        with pytest.raises(OverflowError):
            c3p.Budget().add("personnel", Decimal("1e400"))

    def test_a_product_beyond_the_exact_range(self):
        with pytest.raises(ValueError, match="too large"):
            c3p.Budget().add("personnel", 10**20, 10**20)

    def test_an_overflowing_total_is_an_overflow_error(self):
        b = c3p.Budget()
        for _ in range(100):
            b.add("personnel", 10**20, 10**11)
        with pytest.raises(OverflowError):
            c3p.check(b)

    def test_words_that_are_not_known(self):
        with pytest.raises(ValueError, match='unknown item "bogus"'):
            c3p.Budget().add("bogus", 1)
        with pytest.raises(ValueError, match="ambiguous|could be"):
            c3p.Budget().add("旅費", 1)
        with pytest.raises(ValueError, match="gross"):
            c3p.Budget().add("personnel", 1, basis="gross")
        with pytest.raises(ValueError, match="cheap"):
            c3p.Budget().add("consumables", 1, consumable_reason="cheap")
        with pytest.raises(ValueError, match="negative"):
            c3p.Budget().add("personnel", 1, -1)
        with pytest.raises(ValueError, match=r"fy1999.*known: fy2025, fy2026"):
            c3p.check(c3p.Budget(), policy="fy1999")
        with pytest.raises(ValueError, match='"fr"'):
            c3p.check(c3p.Budget().add("consumables", 210_000)).violations[0].message("fr")

    def test_fy2026_is_a_known_policy_with_fy2025s_figures(self):
        for amount, cap_exceeded in ((18_181_819, False), (18_181_820, True)):  # the cap, one yen either side
            under_2025 = c3p.check(personnel_only(amount), policy="fy2025")
            under_2026 = c3p.check(personnel_only(amount), policy="fy2026")
            assert (under_2025.policy, under_2026.policy) == ("fy2025", "fy2026")
            assert under_2026.totals == under_2025.totals
            assert [v.code for v in under_2026.violations] == (["cap.exceeded"] if cap_exceeded else [])

    def test_a_rate_over_100_percent(self):
        with pytest.raises(ValueError, match="100%"):
            c3p.Budget(ga_rate="150%")
        with pytest.raises(c3p.ParseError):
            c3p.Budget(ga_rate="-10%")
