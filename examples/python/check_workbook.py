"""An accountant's plugin: checks the budget in an Excel workbook, prints what is wrong in
Japanese, and writes a checked copy of the workbook with a 検証結果 (check result) sheet and
the offending rows marked.

    python3 examples/python/check_workbook.py BUDGET.xlsx [--sheet 予算] [--lang en] [-o CHECKED.xlsx]

Exit status: 0 no errors, 1 errors (rules broken), 2 the workbook could not be read.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

import openpyxl
from openpyxl.styles import Font, PatternFill

import c3p_budget as c3p

LABELS = {
    "ja": {"sheet": "検証結果", "header": ["行", "セル", "重大度", "コード", "費目", "実額", "上限", "内容"],
           "severity": {"error": "エラー", "warning": "警告"}, "totals": "合計（税込）", "cap": "上限額",
           "summary": "エラー {errors} 件、警告 {warnings} 件", "written": "検証結果を書き出しました: {path}"},
    "en": {"sheet": "Check", "header": ["Row", "Cell", "Severity", "Code", "Item", "Actual", "Limit", "Message"],
           "severity": {"error": "error", "warning": "warning"}, "totals": "Total (tax included)", "cap": "Cap",
           "summary": "{errors} errors, {warnings} warnings", "written": "checked copy written: {path}"},
}
MARKED = {"error": PatternFill("solid", fgColor="FFC7CE"), "warning": PatternFill("solid", fgColor="FFEB9C")}


def checked_copy(source: pathlib.Path, sheet: str | None, result: c3p.CheckResult, lang: str,
                 target: pathlib.Path) -> None:
    """The workbook as it was, with a result sheet and each offending row filled."""
    labels = LABELS[lang]
    book = openpyxl.load_workbook(source)
    budget_sheet = book[sheet] if sheet else book.active
    if labels["sheet"] in book.sheetnames:
        del book[labels["sheet"]]
    out = book.create_sheet(labels["sheet"])
    out.append([labels["totals"], result.totals["total"]])
    out.append([labels["cap"], result.totals["cap"]])
    out.append([])
    out.append(labels["header"])
    for cell in out[4]:
        cell.font = Font(bold=True)
    for v in result.violations:
        item = c3p.item_name(v.item, lang) if v.item else None  # 消耗品費, not the code, for a Japanese reader
        out.append([v.source_line, v.cell, labels["severity"][v.severity], v.code, item, v.actual, v.limit,
                    v.message(lang)])
        if v.source_line is not None:
            for cell in budget_sheet[v.source_line]:
                if v.is_error or cell.fill.fgColor.rgb != MARKED["error"].fgColor.rgb:
                    cell.fill = MARKED[v.severity]
    for column, width in zip("ABCDEFGH", (6, 6, 8, 34, 16, 14, 14, 90)):
        out.column_dimensions[column].width = width
    book.save(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", type=pathlib.Path)
    parser.add_argument("--sheet", help="the budget's sheet (default: the active one)")
    parser.add_argument("--lang", choices=["ja", "en"], default="ja")
    parser.add_argument("-o", "--output", type=pathlib.Path, help="the checked copy (default: NAME_checked.xlsx)")
    arguments = parser.parse_args(argv)
    labels = LABELS[arguments.lang]
    try:
        budget = c3p.read_xlsx(arguments.workbook, arguments.sheet)
    except c3p.ParseError as unreadable:
        for line in unreadable.messages(arguments.lang):
            print(line, file=sys.stderr)
        return 2
    result = c3p.check(budget)
    for v in result.violations:
        where = f"{v.source_line}行目（{v.cell}）" if arguments.lang == "ja" else f"row {v.source_line} ({v.cell})"
        where = where if v.source_line is not None else ("予算全体" if arguments.lang == "ja" else "budget")
        print(f"{labels['severity'][v.severity]}\t{where}\t{v.code}\t{v.message(arguments.lang)}")
    errors = sum(v.is_error for v in result.violations)
    print(labels["summary"].format(errors=errors, warnings=len(result.violations) - errors))
    target = arguments.output or arguments.workbook.with_name(arguments.workbook.stem + "_checked.xlsx")
    checked_copy(arguments.workbook, arguments.sheet, result, arguments.lang, target)
    print(labels["written"].format(path=target))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
