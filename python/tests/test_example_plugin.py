"""examples/python/check_workbook.py, the accountant's plugin, on the bundled workbook."""

import shutil
import sys
from decimal import Decimal

import openpyxl
import pytest
from conftest import REPOSITORY

sys.path.insert(0, str(REPOSITORY / "examples" / "python"))
import check_workbook  # noqa: E402

SAMPLE = REPOSITORY / "examples" / "python" / "sample_budget.xlsx"


def test_the_checked_copy_lists_the_violation_and_marks_its_row(tmp_path, capsys):
    workbook = tmp_path / "予算.xlsx"
    shutil.copy(SAMPLE, workbook)
    assert check_workbook.main([str(workbook)]) == 1
    printed = capsys.readouterr().out
    assert "エラー\t11行目（C11）\tconsumable.at_or_above_threshold\t消耗品の単価231,000円" in printed
    assert "エラー 1 件、警告 0 件" in printed
    checked = openpyxl.load_workbook(tmp_path / "予算_checked.xlsx")
    assert checked.sheetnames == ["予算", "検証結果"]
    rows = list(checked["検証結果"].iter_rows(values_only=True))
    # 10,060,000 pre-tax in the CSV sample + 210,000 + G&A 10% of 7,570,000, plus 10% tax
    assert rows[0][:2] == ("合計（税込）", 12_129_700)
    assert rows[3][:4] == ("行", "セル", "重大度", "コード")
    (violation,) = rows[4:]
    assert violation[:7] == (11, "C11", "エラー", "consumable.at_or_above_threshold", "消耗品費", 231000, 200000)
    assert violation[7].startswith("消耗品の単価231,000円")
    assert checked["予算"]["B11"].value == "風速計"
    assert checked["予算"]["B11"].fill.fgColor.rgb.endswith("FFC7CE")
    assert checked["予算"]["B10"].fill.fgColor.rgb != checked["予算"]["B11"].fill.fgColor.rgb


def test_the_total_is_the_library_s(tmp_path):
    import c3p_budget as c3p

    assert c3p.check(c3p.read_xlsx(SAMPLE)).totals["total"] == Decimal("12129700")


def test_an_unreadable_workbook_is_reported_in_japanese(tmp_path, capsys):
    book = openpyxl.load_workbook(SAMPLE)
    book["予算"]["C3"] = "五万二千"
    workbook = tmp_path / "broken.xlsx"
    book.save(workbook)
    assert check_workbook.main([str(workbook), "-o", str(tmp_path / "out.xlsx")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"{workbook}[予算]!C3: ")
    assert "単価" in error
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("lang,label", [("en", "Check"), ("ja", "検証結果")])
def test_the_result_sheet_in_either_language(tmp_path, lang, label):
    workbook = tmp_path / "budget.xlsx"
    shutil.copy(SAMPLE, workbook)
    check_workbook.main([str(workbook), "--lang", lang, "--sheet", "予算", "-o", str(tmp_path / "out.xlsx")])
    assert openpyxl.load_workbook(tmp_path / "out.xlsx").sheetnames == ["予算", label]
