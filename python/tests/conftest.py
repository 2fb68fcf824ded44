"""Where the tests find the samples and the c3p-check they compare with."""

import os
import pathlib
import shutil

import pytest

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
BUDGETS = REPOSITORY / "examples" / "budgets"
SETTLEMENT = REPOSITORY / "examples" / "settlement"


@pytest.fixture(scope="session")
def c3p_check() -> str:
    """The command-line checker: $C3P_CHECK, else build/c3p-check, else c3p-check on PATH."""
    for candidate in (os.environ.get("C3P_CHECK"), str(REPOSITORY / "build" / "c3p-check"), shutil.which("c3p-check")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail("c3p-check is not built: set C3P_CHECK or build it (bash scripts/run.sh test builds it)")
