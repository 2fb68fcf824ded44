#!/usr/bin/env python3
"""The Python peer of c3p-check for benchmarks/run.sh: a straightforward implementation of the
SPEC rules (sections 4 to 7, FY2025 defaults) with csv and decimal.Decimal, printing the same
JSON shape. Usage: c3p_check.py [--ga-rate R] [--uplift YEN] [--outsourcing-justified] [--no-lines] FILE.csv
"""
import csv
import json
import sys
from decimal import ROUND_FLOOR, Decimal, getcontext

getcontext().prec = 80  # exact for every figure we meet: no silent rounding inside Decimal

ITEMS = ["personnel", "honoraria", "domestic_travel", "overseas_travel", "committee_travel", "meeting",
         "equipment", "consumables", "rent_and_damage", "wages", "communication_logistics", "utilities",
         "printing_binding", "miscellaneous", "outsourcing", "joint_implementation",
         "general_admin", "consumption_tax"]
JAPANESE = ["人件費", "謝金", "国内旅費", "外国旅費", "委員等旅費", "会議費", "備品費", "消耗品費", "借料及び損料", "賃金",
            "通信運搬費", "光熱水料", "印刷製本費", "雑役務費", "外注費", "共同実施費", "一般管理費", "消費税及び地方消費税"]
PERSONNEL = {"personnel", "honoraria"}
OPERATING = set(ITEMS[2:15])
TAX = Decimal("0.1")
CAP, MAX_UPLIFT, THRESHOLD = Decimal(20_000_000), Decimal(5_000_000), Decimal(200_000)


def floor(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding=ROUND_FLOOR)


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def main() -> int:
    args = sys.argv[1:]
    ga_rate, uplift, justified, with_lines = None, Decimal(0), False, True
    while args and args[0].startswith("--"):
        option = args.pop(0)
        if option == "--ga-rate":
            text = args.pop(0)
            ga_rate = Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)
        elif option == "--uplift":
            uplift = Decimal(args.pop(0))
        elif option == "--outsourcing-justified":
            justified = True
        elif option == "--no-lines":
            with_lines = False
    by_name = {**{c: c for c in ITEMS}, **dict(zip(JAPANESE, ITEMS))}

    totals = {item: Decimal(0) for item in ITEMS}
    stated = {"general_admin": None, "consumption_tax": None}
    violations, lines, survey = [], [], False
    with open(args[0], newline="", encoding="utf-8-sig") as f:
        rows = csv.DictReader(f)
        for index, row in enumerate(rows):
            item = by_name[row["item"]]
            price = number(row["unit_price"])
            quantity = number(row.get("quantity") or "1")
            basis = row.get("price_basis") or "exclusive"
            value = price * quantity / (1 + TAX) if basis == "inclusive" else price * quantity
            amount = floor(value)
            if with_lines:
                lines.append((index, rows.line_num, item, amount))
            survey = survey or (row.get("field_survey") or "").lower() in ("yes", "true", "1")
            if price < 0 or quantity < 0:
                violations.append(("line.negative_amount", "error", index, item))
            if amount == 0:
                violations.append(("line.zero_amount", "warning", index, item))
            unit = price * (1 + TAX) if basis == "exclusive" else price
            if item == "equipment":
                if unit < THRESHOLD:
                    violations.append(("equipment.below_threshold", "error", index, item))
                violations.append(("equipment.needs_approval", "warning", index, item))
            elif item == "consumables" and not row.get("consumable_reason") and unit >= THRESHOLD:
                violations.append(("consumable.at_or_above_threshold", "error", index, item))
            if item in stated:
                stated[item] = (stated[item] or Decimal(0)) + amount
            else:
                totals[item] += amount

    personnel = sum(totals[i] for i in PERSONNEL)
    operating = sum(totals[i] for i in OPERATING)
    direct = personnel + operating
    ga_max = floor((direct - totals["outsourcing"]) * ga_rate) if ga_rate is not None else Decimal(0)
    ga = stated["general_admin"] if stated["general_admin"] is not None else ga_max
    pre_tax = direct + totals["joint_implementation"] + ga
    tax = floor(pre_tax * TAX)
    total = pre_tax + tax
    cap = CAP + (min(uplift, MAX_UPLIFT) if survey else 0)
    if stated["general_admin"] is not None and ga_rate is not None and stated["general_admin"] > ga_max:
        violations.append(("general_admin.over_rate", "error", None, "general_admin"))
    if stated["general_admin"] is not None and ga_rate is None:
        violations.append(("general_admin.rate_missing", "error", None, "general_admin"))
    if stated["consumption_tax"] is not None and stated["consumption_tax"] != tax:
        violations.append(("consumption_tax.mismatch", "error", None, "consumption_tax"))
    if totals["outsourcing"] > 0 and 2 * totals["outsourcing"] > pre_tax:
        violations.append(("outsourcing.over_half", "warning" if justified else "error", None, "outsourcing"))
    if uplift > MAX_UPLIFT:
        violations.append(("uplift.over_maximum", "error", None, None))
    if uplift > 0 and not survey:
        violations.append(("uplift.without_field_survey", "error", None, None))
    if total > cap:
        violations.append(("cap.exceeded", "error", None, None))

    def text(d: Decimal) -> str:
        return format(d.normalize(), "f") if d != 0 else "0"

    out = {"policy": "fy2025",
           "totals": {"direct": text(direct), "joint_implementation": text(totals["joint_implementation"]),
                      "general_admin": text(ga), "pre_tax": text(pre_tax), "consumption_tax": text(tax),
                      "total": text(total), "cap": text(cap), "headroom": text(cap - total)},
           "items": {i: text(totals[i]) for i in ITEMS[:16]},
           "violations": [{"code": c, "severity": s, "line": l, "item": i} for c, s, l, i in violations]}
    if with_lines:
        out["lines"] = [{"line": i, "source_line": s, "item": item, "amount": text(a)} for i, s, item, a in lines]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 1 if any(v[1] == "error" for v in violations) else 0


if __name__ == "__main__":
    sys.exit(main())
