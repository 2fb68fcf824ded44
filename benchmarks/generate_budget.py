#!/usr/bin/env python3
"""Writes a deterministic C3P budget CSV of N data rows (default 200,000) to standard output.

A realistic mix: every cost item, tax-exclusive, inclusive and untaxed prices, some fractional
prices and quantities, grouped numbers in quotes, descriptions with commas, a few field surveys
and consumables with exception reasons. Used by benchmarks/run.sh for both checkers.
"""
import random
import sys

ITEMS = ["personnel", "honoraria", "domestic_travel", "overseas_travel", "committee_travel", "meeting",
         "equipment", "consumables", "rent_and_damage", "wages", "communication_logistics", "utilities",
         "printing_binding", "miscellaneous", "outsourcing", "joint_implementation"]
BASES = ["exclusive", "exclusive", "exclusive", "inclusive", "untaxed"]


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rng = random.Random(2025)
    out = sys.stdout
    out.write("item,description,unit_price,quantity,price_basis,consumable_reason,field_survey\n")
    for n in range(rows):
        item = ITEMS[rng.randrange(len(ITEMS))]
        if item == "equipment":
            price = rng.randrange(200_000, 3_000_000)
        elif item == "consumables":
            price = rng.randrange(100, 180_000)
        else:
            price = rng.randrange(100, 500_000)
        price_text = f'"{price:,}"' if rng.random() < 0.3 else str(price)
        if rng.random() < 0.05:
            price_text = f"{price}.{rng.randrange(1, 100):02d}"
        quantity = str(rng.randrange(1, 40)) if rng.random() < 0.9 else f"{rng.randrange(1, 20)}.5"
        reason = rng.choice(["not_reusable", "fragile", "short_life"]) if item == "consumables" and rng.random() < 0.1 else ""
        survey = "yes" if item == "overseas_travel" and rng.random() < 0.5 else "no"
        description = f'"Line {n}, {item} for the field work"' if rng.random() < 0.2 else f"Line {n} {item}"
        out.write(f"{item},{description},{price_text},{quantity},{BASES[rng.randrange(len(BASES))]},{reason},{survey}\n")


if __name__ == "__main__":
    main()
