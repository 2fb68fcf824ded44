"""Settlement from Python: the sample year as c3p-check settles it, records built by hand, and
the refusals."""

import datetime
import json
import subprocess
from decimal import Decimal

import pytest
from checker_json import json_violation, violation_fields
from conftest import SETTLEMENT

import c3p_budget as c3p

CONTRACT = SETTLEMENT / "contract.csv"
RECORDS = SETTLEMENT / "records_fy2025.csv"


def settle_json(c3p_check: str, *options: str) -> dict:
    done = subprocess.run([c3p_check, "settle", "--format", "json", "--contract", str(CONTRACT), *options, str(RECORDS)],
                          capture_output=True, check=False, env={"LC_ALL": "C"})
    assert done.returncode in (0, 1), done.stderr.decode()
    return json.loads(done.stdout)


@pytest.mark.parametrize("options", [
    {},
    {"settlement_basis": "per_category"},
    {"settlement_basis": "per_category", "transfer_share": "5%", "transfer_base": "receiving_category"},
    {"settlement_basis": "per_category", "transfer_share": "5%", "transfers_approved": True},
    {"contract_amount": "15,000,000"},
])
def test_the_sample_year_as_c3p_check_settles_it(c3p_check, options):
    s = c3p.settle(c3p.read_csv(CONTRACT), c3p.read_records_csv(RECORDS), **options)
    flags = []
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        flags += [flag] if value is True else [flag, str(value)]
    document = settle_json(c3p_check, *flags)
    assert (s.policy, s.settlement_basis, s.fiscal_year) == (document["policy"], document["settlement_basis"],
                                                              document["fiscal_year"])
    assert s.categories == {name: {k: Decimal(v) for k, v in figures.items()}
                            for name, figures in document["categories"].items()}
    assert s.general_admin == {k: Decimal(v) for k, v in document["general_admin"].items()}
    for name in ("pre_tax", "consumption_tax", "total", "contract_amount", "payable", "returned"):
        assert getattr(s, name) == Decimal(document[name]), name
    assert [violation_fields(v) for v in s.violations] == [json_violation(v) for v in document["violations"]]
    assert s.payable == min(s.total, s.contract_amount)
    assert s.payable + s.returned == s.contract_amount


def contract() -> c3p.Budget:
    return (c3p.Budget(ga_rate="10%")
            .add("personnel", 40_000, 100, basis="untaxed")
            .add("consumables", 100_000, 10))


def test_records_built_by_hand():
    records = [
        c3p.Record(datetime.date(2025, 4, 1), "personnel", 40_000, 100, basis="untaxed", receipt="R-1"),
        c3p.Record("令和7年6月30日", "消耗品費", "¥100,000", 9),
        c3p.Record("2026/3/31", "consumables", Decimal("-50000"), description="戻入"),  # a refund
        c3p.Record("2026-04-01", "consumables", 1000),  # the next fiscal year: not counted
    ]
    s = c3p.settle(contract(), records)
    assert s.categories["personnel"]["actual"] == Decimal("4000000")
    assert s.categories["operating"]["actual"] == Decimal("850000")
    assert [v.code for v in s.violations] == ["actual.outside_fiscal_year"]
    (outside,) = s.violations
    assert (outside.line, outside.date, outside.fiscal_year) == (3, datetime.date(2026, 4, 1), 2025)
    assert s.general_admin["settled"] == Decimal("485000")
    assert s.total == Decimal("5868500")  # (4,000,000 + 850,000 + 485,000) x 1.1
    assert s.returned == s.contract_amount - s.payable
    assert [row["item"] for row in s.variance] == ["personnel", "consumables"]
    assert s.variance[1]["difference"] == Decimal("-150000")
    assert s.spending_room["operating"] == {"before_overspend": Decimal("150000"), "before_approval": None}
    assert records[1].date == datetime.date(2025, 6, 30)


def test_over_the_contract_amount():
    records = [c3p.Record("2025-05-01", "personnel", 40_000, 100, basis="untaxed")]
    s = c3p.settle(contract(), records, contract_amount=4_000_000)
    assert s.payable == Decimal("4000000") and s.returned == 0
    assert [(v.code, v.severity) for v in s.violations] == [("settlement.over_contract", "warning")]
    assert not s.has_errors  # the excess is simply not paid
    assert s.violations[0].actual == Decimal("4840000") and s.violations[0].limit == Decimal("4000000")


def test_refusals():
    with pytest.raises(ValueError, match="令和99年"):
        c3p.Record("令和99年13月1日", "personnel", 1)
    with pytest.raises(TypeError, match="date"):
        c3p.Record(20250401, "personnel", 1)
    with pytest.raises(TypeError, match="float"):
        c3p.settle(contract(), [], contract_amount=1.5)
    with pytest.raises(ValueError, match="per_category"):
        c3p.settle(contract(), [], settlement_basis="per_item")
    with pytest.raises(ValueError, match="receiving_category"):
        c3p.settle(contract(), [], transfer_base="own")
    with pytest.raises(TypeError):
        c3p.settle(contract(), ["2025-04-01,personnel,1"])
