"""The Python in README.md runs as shown, from the repository's root, and docs/python.md's
budget example gives the figures its comments state."""

import os
import re
from decimal import Decimal

from conftest import REPOSITORY

import c3p_budget as c3p


def python_blocks(path):
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_readme_s_python_runs(capsys):
    (block,) = python_blocks(REPOSITORY / "README.md")
    before = os.getcwd()
    os.chdir(REPOSITORY)
    try:
        exec(compile(block, "README.md", "exec"), {})
    finally:
        os.chdir(before)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("11 consumable.at_or_above_threshold 消耗品の単価231,000円")
    payable, returned = printed[-1].split()
    assert Decimal(payable) + Decimal(returned) == c3p.check(c3p.read_csv(REPOSITORY / "examples/settlement/contract.csv")).totals["total"]


def test_the_guide_s_budget_example_gives_its_figures():
    block = python_blocks(REPOSITORY / "docs" / "python.md")[0]
    scope = {}
    exec(compile(block, "docs/python.md", "exec"), scope)
    result = scope["result"]
    stated = re.search(r"result\.totals\[\"total\"\]\s+# (Decimal\('\d+'\))", block).group(1)
    assert repr(result.totals["total"]) == stated
    assert [(v.code, v.line, v.actual, v.limit) for v in result.violations] == [
        ("consumable.at_or_above_threshold", 1, Decimal("231000"), Decimal("200000"))]
