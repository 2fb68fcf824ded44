"""Random budgets built through the Python API against c3p-check on the same budget as CSV:
every figure, every violation and its sentence in both languages must agree."""

import csv
import random
from decimal import Decimal

import pytest
from checker_json import assert_same_check, run

import c3p_budget as c3p

ITEMS = ["personnel", "honoraria", "domestic_travel", "overseas_travel", "meeting", "equipment", "consumables",
         "rent_and_damage", "wages", "miscellaneous", "outsourcing", "joint_implementation", "人件費", "消耗品費",
         "外注費", "備品費"]
BASES = ["exclusive", "inclusive", "untaxed"]
REASONS = [None, None, None, "not_reusable", "fragile", "short_life"]


def random_amount(rng: random.Random) -> Decimal:
    scale = rng.choice([1, 1, 1, 100, 10_000, 1_000_000])
    whole = rng.randrange(0, 3_000_000 // scale + 2) * scale
    cents = rng.choice([0, 0, 0, rng.randrange(1, 100)])
    return Decimal(whole) + Decimal(cents) / 100


def random_budget(rng: random.Random):
    lines = []
    for _ in range(rng.randrange(1, 25)):
        lines.append({
            "item": rng.choice(ITEMS),
            "unit_price": random_amount(rng),
            "quantity": Decimal(rng.randrange(0, 50)) / rng.choice([1, 1, 2, 4]),
            "basis": rng.choice(BASES),
            "consumable_reason": rng.choice(REASONS),
            "field_survey": rng.random() < 0.1,
            "description": rng.choice(["", "調査", "workshop, day 2", 'a "quoted" word']),
        })
    terms = {"ga_rate": rng.choice([None, "0%", "10%", "7.5%", "15%"]),
             "uplift": rng.choice([0, 0, 2_000_000, 5_000_000, 6_000_000]),
             "outsourcing_justified": rng.random() < 0.2}
    return lines, terms


def as_csv(path, lines) -> None:
    with open(path, "w", encoding="utf-8", newline="") as file:
        out = csv.writer(file, lineterminator="\n")
        out.writerow(["item", "description", "unit_price", "quantity", "price_basis", "consumable_reason", "field_survey"])
        for line in lines:
            out.writerow([line["item"], line["description"], line["unit_price"], line["quantity"], line["basis"],
                          line["consumable_reason"] or "", "yes" if line["field_survey"] else "no"])


@pytest.mark.parametrize("seed", range(40))
def test_random_budget_agrees_with_c3p_check(c3p_check, tmp_path, seed):
    rng = random.Random(seed)
    lines, terms = random_budget(rng)
    budget = c3p.Budget(**terms)
    for line in lines:
        budget.add(line["item"], line["unit_price"], line["quantity"], basis=line["basis"],
                   consumable_reason=line["consumable_reason"], field_survey=line["field_survey"],
                   description=line["description"])
    result = c3p.check(budget)
    path = tmp_path / "budget.csv"
    as_csv(path, lines)
    options = ["--uplift", str(terms["uplift"])]
    if terms["ga_rate"]:
        options += ["--ga-rate", terms["ga_rate"]]
    if terms["outsourcing_justified"]:
        options += ["--outsourcing-justified"]
    status, document = run(c3p_check, *options, str(path))
    assert status == (1 if result.has_errors else 0)
    assert_same_check(result, document, with_source_lines=False)
    _, japanese = run(c3p_check, "--lang", "ja", *options, str(path))
    assert [v.message("ja") for v in result.violations] == [v["message"] for v in japanese["violations"]]
