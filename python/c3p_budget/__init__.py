"""c3p-budget for Python: the exact budget rules of Japan's Ministry of the Environment C3P
programme (City-to-City Collaboration for Zero Carbon Society), over the C++ library.

Amounts go in as ``decimal.Decimal``, ``int`` or ``str`` (``"¥1,200,000"`` too) and come out as
``Decimal``; a ``float`` is refused with TypeError, for it cannot hold most decimal amounts.

    >>> from decimal import Decimal
    >>> import c3p_budget as c3p
    >>> b = c3p.Budget(ga_rate="10%").add("personnel", Decimal("40000"), 200, basis="untaxed")
    >>> c3p.check(b).totals["total"]
    Decimal('8800000')
"""

from ._core import (
    Budget,
    CheckResult,
    Derivation,
    InputError,
    Plan,
    PlanResult,
    PlanYear,
    Policy,
    Record,
    Score,
    Settlement,
    Violation,
    check,
    check_plan,
    headroom,
    item_name,
    policies,
    policy,
    score,
    settle,
    validate,
)
from ._core import version as __version__
from ._errors import ParseError
from ._files import Records, read_csv, read_plan_csv, read_records_csv, read_records_xlsx, read_xlsx

__all__ = [
    "Budget",
    "CheckResult",
    "Derivation",
    "InputError",
    "ParseError",
    "Plan",
    "PlanResult",
    "PlanYear",
    "Policy",
    "Record",
    "Records",
    "Score",
    "Settlement",
    "Violation",
    "check",
    "check_plan",
    "headroom",
    "item_name",
    "policies",
    "policy",
    "read_csv",
    "read_plan_csv",
    "read_records_csv",
    "read_records_xlsx",
    "read_xlsx",
    "score",
    "settle",
    "validate",
]
