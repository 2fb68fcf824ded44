"""Python catches up with the command line: every figure's derivation (explain, derivation),
plans, scores and headroom, each compared with c3p-check on the same files."""

import json
import subprocess
from decimal import Decimal

import pytest

import c3p_budget as c3p
from conftest import BUDGETS, REPOSITORY, SETTLEMENT

PLAN = REPOSITORY / "examples" / "plan" / "plan_fy2025_2027.csv"


def run(c3p_check, *args):
    done = subprocess.run([c3p_check, *map(str, args)], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_check_explains_every_figure_as_the_tool_does(c3p_check):
    sample = BUDGETS / "fy2025_toyama_semarang.csv"
    result = c3p.check(c3p.read_csv(sample, ga_rate="10%"))
    for lang in ("en", "ja"):
        report_and_derivation = run(c3p_check, "--explain", "--ga-rate", "10%", "--lang", lang, sample)
        assert report_and_derivation.endswith("\n" + result.explain(lang))
    tool = json.loads(run(c3p_check, "--explain", "--ga-rate", "10%", "--format", "json", sample))
    assert result.derivation.steps == tool["derivation"]
    total = result.derivation.find("total")
    assert total["value"] == "17423778"
    assert [o["name"] for o in total["operands"]] == ["pre_tax", "consumption_tax"]
    assert result.derivation.find("no such step") is None
    assert len(result.derivation) == len(tool["derivation"])


def test_the_derivation_is_of_the_budget_as_checked():
    budget = c3p.Budget(ga_rate="10%").add("personnel", 1000, 10, basis="untaxed")
    result = c3p.check(budget)
    budget.add("personnel", 5000)  # a later change to the budget does not change the result's derivation
    # 1,000 x 10 untaxed + 10% G&A = 11,000 before tax; 12,100 with it.
    assert result.derivation.find("total")["value"] == str(result.totals["total"]) == "12100"
    assert result.derivation.find("line.1.amount") is None


def test_a_policy_file_s_sources_are_in_the_derivation():
    fy2026 = c3p.Policy.from_file(REPOSITORY / "policies" / "fy2026.json")
    result = c3p.check(c3p.Budget().add("personnel", 1000), policy=fy2026)
    assert result.derivation.policies == [fy2026]
    assert "fy2026 cap 20000000: confirmed, MOE, the FY2026 call (February 2026)" in result.explain()


def test_settlement_explains_the_payment(c3p_check):
    contract = c3p.read_csv(SETTLEMENT / "contract.csv")
    records = c3p.read_records_csv(SETTLEMENT / "records_fy2025.csv")
    s = c3p.settle(contract, records, settlement_basis="per_category")
    tool = run(c3p_check, "settle", "--explain", "--settlement-basis", "per_category",
               "--contract", SETTLEMENT / "contract.csv", SETTLEMENT / "records_fy2025.csv")
    assert tool.endswith("\n" + s.explain())
    assert s.derivation.find("payable")["value"] == str(s.payable)
    assert s.derivation.find("moved.personnel")["operation"] == "minimum"


def test_plans_as_the_tool_checks_them(c3p_check):
    plan = c3p.read_plan_csv(PLAN)
    assert plan.fiscal_years == [2025, 2026, 2027]
    assert plan.policy is None
    result = c3p.check_plan(plan)
    tool = json.loads(run(c3p_check, "plan", "--format", "json", PLAN))
    assert str(result.total) == tool["total"]
    assert [(y.fiscal_year, y.era, y.phase, y.policy, y.policy_assumed) for y in result.years] == [
        (y["fiscal_year"], y["era"], y["phase"], y["policy"], y["policy_assumed"]) for y in tool["years"]]
    for year, expected in zip(result.years, tool["years"]):
        assert {k: str(v) for k, v in year.totals.items()} == expected["totals"]
        assert {str(k): str(v) for k, v in year.task_costs.items()} == expected["tasks"]
        assert [v.code for v in year.violations] == [v["code"] for v in expected["violations"]]
    assert [{k: str(v) for k, v in p.items()} for p in result.phases] == [
        {k: str(v) for k, v in p.items()} for p in tool["phases"]]
    assert result.report() == run(c3p_check, "plan", PLAN).split("\n", 1)[1]
    assert run(c3p_check, "plan", "--explain", "--lang", "ja", PLAN).endswith("\n" + result.explain("ja"))
    forced = c3p.check_plan(plan, policy="fy2025")
    assert {y.policy for y in forced.years} == {"fy2025"}
    with pytest.raises(c3p.ParseError, match="fiscal_year"):
        broken = REPOSITORY / "build" / "broken_plan.csv"
        broken.write_text("fiscal_year,item,unit_price\nFY20x5,personnel,1\n", encoding="utf-8")
        c3p.read_plan_csv(broken)


def test_scores_as_the_tool_scores(c3p_check):
    s = c3p.score(reduction=12000, cost=Decimal("46244220"), judged={"overall": 38, "technology": 20})
    tool = json.loads(run(c3p_check, "score", "--format", "json", "--reduction", "12000", "--cost", "46244220"))
    assert s.points("cost_effectiveness") == tool["cost_effectiveness"]["points"] == 5
    assert s.points("overall") == 38
    assert s.maximum == tool["maximum"]
    assert s.total == tool["total"] + 38 + 20
    assert str(s.yen_per_tonne) == tool["cost_effectiveness"]["yen_per_tonne"]
    assert [r["id"] for r in s.rows] == [r["id"] for r in tool["rows"]]
    assert s.derivation.find("cost")["judged"][0]["order"] == "less"
    assert s.explain().startswith("Derivation (計算根拠)\n  cost 46,244,220 = as given; below bound at 4,000 yen a tonne")
    with pytest.raises(ValueError, match="outside its allocation"):
        c3p.score(reduction=1, cost=1, judged={"overall": 51})
    with pytest.raises(ValueError, match="no Table 6 row"):
        c3p.score(reduction=1, cost=1, judged={"beauty": 5})
    rounded = c3p.score(reduction="999.5", cost=4_000_000, band_reading="rounded")
    assert rounded.points("ghg_reduction") == 1  # 999.5 t rounds half up to 1,000


def test_headroom_as_the_library_computes_it():
    b = c3p.read_csv(BUDGETS / "fy2025_toyama_semarang.csv", ga_rate="10%")
    room = c3p.headroom(b, "personnel")
    assert room > 0
    b.add("personnel", room)
    assert c3p.check(b).totals["headroom"] >= 0
    b.add("personnel", 1)
    assert c3p.check(b).totals["headroom"] < 0
    with pytest.raises(ValueError):
        c3p.headroom(b, "general_admin")


def test_item_names_in_either_language():
    assert c3p.item_name("consumables", "ja") == "消耗品費"
    assert c3p.item_name("消耗品費") == "Consumable costs"
    assert c3p.item_name("海外旅費", "ja") == "外国旅費"  # a short form
    with pytest.raises(ValueError):
        c3p.item_name("消耗品")
