"""c3p-check's JSON beside the package's results: the same document, field by field."""

import json
import subprocess
from decimal import Decimal


def run(c3p_check: str, *arguments: str) -> tuple[int, dict]:
    done = subprocess.run([c3p_check, "--format", "json", *arguments], capture_output=True, check=False,
                          env={"LC_ALL": "C"})
    assert done.returncode in (0, 1, 2), done.stderr.decode()
    return done.returncode, json.loads(done.stdout)


def violation_fields(v) -> dict:
    return {"code": v.code, "severity": v.severity, "line": v.line, "source_line": v.source_line, "item": v.item,
            "actual": v.actual, "limit": v.limit, "message": v.message()}


def json_violation(v: dict) -> dict:
    figures = {k: None if v[k] is None else Decimal(v[k]) for k in ("actual", "limit")}
    return {**{k: v[k] for k in ("code", "severity", "line", "source_line", "item", "message")}, **figures}


def assert_same_check(result, document: dict, *, with_source_lines: bool = True) -> None:
    """Every figure and every violation of `result` equals the c3p-check document's."""
    decimals = lambda mapping: {k: Decimal(v) for k, v in mapping.items()}  # noqa: E731
    assert result.policy == document["policy"]
    assert result.totals == decimals(document["totals"])
    assert result.categories == decimals(document["categories"])
    assert result.items == decimals(document["items"])
    assert result.general_admin_base == Decimal(document["general_admin_base"])
    assert result.granted_uplift == Decimal(document["granted_uplift"])
    rate = document["general_admin_rate"]
    assert (None if result.general_admin_rate is None else str(result.general_admin_rate)) == rate
    assert result.line_amounts == [Decimal(line["amount"]) for line in document["lines"]]
    ours = [violation_fields(v) for v in result.violations]
    theirs = [json_violation(v) for v in document["violations"]]
    if not with_source_lines:
        for v in ours + theirs:
            v.pop("source_line")
    assert ours == theirs
