"""Policies as data in Python: the built-in ones with their sources, policy files and dicts read
back, every problem of a bad one named by its key, and a Policy given to check and settle."""

import json
import subprocess
from decimal import Decimal

import pytest

import c3p_budget as c3p
from conftest import BUDGETS, REPOSITORY, SETTLEMENT

POLICIES = REPOSITORY / "policies"


def test_built_in_policies_with_their_sources():
    names = [p.name for p in c3p.policies()]
    assert names == ["fy2025", "fy2026"]
    fy2026 = c3p.policy("fy2026")
    assert fy2026.fiscal_year == 2026
    assert fy2026.values["cap"] == "20000000"
    assert fy2026.values["consumption_tax"] == "10%"
    assert fy2026.values["max_phases"] == "2"
    confirmed = sorted(k for k, s in fy2026.sources.items() if s["status"] == "confirmed")
    assert confirmed == ["cap", "max_phase_years", "max_phases"]
    assert fy2026.sources["cap"]["source"] == "MOE, the FY2026 call (February 2026)"
    assert fy2026.sources["consumption_tax"]["place"].startswith("carried over from fy2025: ")
    assert repr(fy2026) == "<Policy fy2026 for FY2026 (令和8年度)>"
    with pytest.raises(ValueError, match="fy2030"):
        c3p.policy("fy2030")


def test_policy_files_and_dicts_read_back_equal(tmp_path):
    for p in c3p.policies():
        assert c3p.Policy.from_file(POLICIES / f"{p.name}.json") == p
        assert c3p.Policy.from_dict(p.to_dict()) == p
        assert p.to_json() == (POLICIES / f"{p.name}.json").read_text(encoding="utf-8")
    assert c3p.policy("fy2025") != c3p.policy("fy2026")
    # The same text as `c3p-check policy show NAME --format json`.
    assert json.loads(c3p.policy("fy2026").to_json()) == c3p.policy("fy2026").to_dict()


def test_based_on_and_decimal_values():
    draft = c3p.Policy.from_dict({
        "name": "fy2027_draft", "fiscal_year": 2027, "based_on": "fy2026",
        "cap": {"value": Decimal("22000000"), "status": "assumed", "source": "a draft"},
        "consumption_tax": {"value": Decimal("0.08"), "status": "assumed", "source": "a draft"},
    })
    assert draft.values["cap"] == "22000000"
    assert draft.values["consumption_tax"] == "8%"
    assert draft.sources["cap"] == {"status": "assumed", "source": "a draft", "place": ""}
    assert draft.sources["transfer_share"]["status"] == "assumed"


def test_bad_policies_name_every_key_in_both_languages(tmp_path):
    bad = {"name": "x", "fiscal_year": 2027, "based_on": "fy2026",
           "consumption_tax": {"value": 0.1, "status": "confirmed", "source": "law"}, "capp": {}}
    with pytest.raises(ValueError) as english:
        c3p.Policy.from_dict(bad)
    assert str(english.value).split("\n") == [
        'consumption_tax.value: a rate is text such as "10%" or "1/2", not the JSON number 0.1 (no binary float reads a rate)',
        'unknown key "capp" (did you mean "cap"?)',
    ]
    with pytest.raises(ValueError) as japanese:
        c3p.Policy.from_dict(bad, lang="ja")
    assert "不明なキー「capp」です（「cap」のことですか）" in str(japanese.value)
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x",\n  oops}', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2, character 3: not JSON"):
        c3p.Policy.from_file(broken)
    with pytest.raises(ValueError, match="cannot open"):
        c3p.Policy.from_file(tmp_path / "absent.json")
    with pytest.raises(TypeError, match="policy must be"):
        c3p.check(c3p.Budget(), policy=2026)


def test_a_policy_object_is_the_rules_of_check_and_settle():
    budget = c3p.read_csv(BUDGETS / "fy2025_toyama_semarang.csv", ga_rate="10%")
    fy2026 = c3p.Policy.from_file(POLICIES / "fy2026.json")
    assert c3p.check(budget, policy=fy2026).policy == "fy2026"
    assert c3p.check(budget, policy=fy2026).totals == c3p.check(budget, policy="fy2026").totals
    low = fy2026.to_dict()
    low["name"] = "low_cap"
    low["cap"]["value"] = "15000000"
    result = c3p.check(budget, policy=c3p.Policy.from_dict(low))
    assert result.totals["cap"] == Decimal("15000000")
    assert [v.code for v in result.violations if v.is_error] == ["cap.exceeded"]
    contract = c3p.read_csv(SETTLEMENT / "contract.csv")
    records = c3p.read_records_csv(SETTLEMENT / "records_fy2025.csv")
    assert c3p.settle(contract, records, policy=fy2026, fiscal_year=2025).payable == \
        c3p.settle(contract, records, policy="fy2026", fiscal_year=2025).payable


def test_explain_is_the_tools_policy_show(c3p_check):
    for lang in ("en", "ja"):
        shown = subprocess.run([c3p_check, "policy", "show", "fy2026", "--lang", lang],
                               capture_output=True, text=True, encoding="utf-8", check=True).stdout
        assert c3p.policy("fy2026").explain(lang) == shown
