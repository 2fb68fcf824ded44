"""CSV files and Excel workbooks, read by the library's reader: the same figures as c3p-check,
every problem at once with its place, in English or Japanese."""

from decimal import Decimal

import openpyxl
import pytest
from checker_json import assert_same_check, run
from conftest import BUDGETS, SETTLEMENT

import c3p_budget as c3p

SAMPLES = sorted(p for p in BUDGETS.iterdir() if p.suffix in (".csv", ".txt"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("terms", [(), ("--ga-rate", "10%", "--uplift", "6000000")], ids=["file_terms", "given_terms"])
def test_samples_as_c3p_check_reads_them(c3p_check, sample, terms):
    keywords = {"ga_rate": terms[1], "uplift": terms[3]} if terms else {}
    result = c3p.check(c3p.read_csv(sample, **keywords))
    _, document = run(c3p_check, *terms, str(sample))
    assert_same_check(result, document)


def test_cp932_sample_is_the_utf8_sample():
    cp932 = c3p.read_csv(BUDGETS / "fy2025_excel_cp932.csv", ga_rate="10%")
    assert cp932.lines[0].item == "personnel"
    assert any("（" in line.description or "人" in line.description for line in cp932.lines)
    forced = c3p.read_csv(BUDGETS / "fy2025_excel_cp932.csv", ga_rate="10%", encoding="cp932")
    assert c3p.check(forced).totals == c3p.check(cp932).totals


def test_file_terms_and_policy(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("# ga_rate: 10%\n# policy: fy2025\nitem,unit_price\npersonnel,1000\n", encoding="utf-8")
    b = c3p.read_csv(path)
    assert (b.ga_rate, b.policy, b.lines[0].source_line) == (Decimal("0.1"), "fy2025", 4)
    assert c3p.read_csv(path, ga_rate="5%").ga_rate == Decimal("0.05")


def test_every_problem_at_once_as_c3p_check_reports_them(c3p_check, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("費目,単価,数量,税区分\n人件費,12a,1,税抜\nbogus,100,1,税抜\n人件費,100,1,gross\n人件費,100\n",
                    encoding="utf-8")
    with pytest.raises(c3p.ParseError) as raised:
        c3p.read_csv(path)
    status, document = run(c3p_check, str(path))
    assert status == 2
    errors = raised.value.errors
    assert [(e.line, e.column, e.cell, e.code, e.message()) for e in errors] == [
        (e["source_line"], e["column"], e["cell"], e["code"], e["message"]) for e in document["errors"]]
    assert [e.code for e in errors] == ["input.invalid_number", "input.unknown_item", "input.unknown_price_basis",
                                        "input.wrong_field_count"]
    assert raised.value.where[0] == f"{path}:2:7 (B2)"  # the 'a' of 12a, in cell B2
    assert str(raised.value).splitlines()[0] == f"4 errors in {path}; nothing was read"
    assert raised.value.messages("ja")[1] == f"{path}:3:1 (A3): {errors[1].message('ja')}"
    assert "bogus" in errors[1].message("ja") and errors[1].message("ja") != errors[1].message("en")


def test_bytes_in_no_encoding(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes(b"\x94\xef\x96\xda,\x92\x50\x89\xbf\n\x81\x20,1\n")  # 費目,単価 in CP932; then a lone lead byte
    with pytest.raises(c3p.ParseError) as raised:
        c3p.read_csv(path)
    (error,) = raised.value.errors
    assert (error.code, error.line, error.column, error.cell) == ("input.invalid_encoding", 2, 1, "A2")
    assert "CP932" in error.message()
    with pytest.raises(c3p.ParseError) as as_utf8:
        c3p.read_csv(path, encoding="utf-8")
    assert [(e.line, e.column, e.cell) for e in as_utf8.value.errors] == [(1, 1, "A1"), (2, 1, "A2")]
    # A bad byte in the second cell of a row, after a quoted cell holding a comma and a line break.
    path.write_bytes(b'item,description,unit_price\nwages,"a,\nb",1\x81\n')
    with pytest.raises(c3p.ParseError) as in_cell:
        c3p.read_csv(path, encoding="cp932")
    assert [(e.line, e.cell) for e in in_cell.value.errors] == [(3, "C2")]
    with pytest.raises(ValueError, match="latin-1"):
        c3p.read_csv(path, encoding="latin-1")


def test_records_carry_their_summary_rows_and_cells(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text("日付,費目,単価\n2026-04-01,会議費,1000\n2025-05-01,会議費,2000\n合計,,3001\n", encoding="utf-8")
    records = c3p.read_records_csv(path)
    assert isinstance(records, c3p.Records) and isinstance(records, list) and len(records) == 2
    assert records.summary_rows == [4]
    s = c3p.settle(c3p.read_csv(SETTLEMENT / "contract.csv"), records)
    found = [(v.code, v.source_line, v.cell) for v in s.violations]
    assert ("actual.outside_fiscal_year", 2, "A2") in found  # the date's cell
    assert ("input.summary_row", 4, "A4") in found
    assert ("input.summary_mismatch", 4, "C4") in found  # 3,001 stated, 3,000 typed (the dated-out record too)
    # Records built by hand: no file, no cells, no summary rows.
    plain = c3p.settle(c3p.read_csv(SETTLEMENT / "contract.csv"), list(records))
    assert [v.cell for v in plain.violations] == [None] * len(plain.violations)
    assert "input.summary_row" not in [v.code for v in plain.violations]


def test_a_plan_s_summary_rows_are_warned_and_compared(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("年度,費目,単価,数量\nR7,人件費,1000000,10\nR7,人件費計,9000000,\n", encoding="utf-8")
    r = c3p.check_plan(c3p.read_plan_csv(path))
    assert [(v.code, v.cell) for v in r.violations] == [("input.summary_row", "B3"), ("input.summary_mismatch", "C3")]


def test_records_csv():
    records = c3p.read_records_csv(SETTLEMENT / "records_fy2025.csv")
    assert len(records) == 206
    first = records[0]
    assert (str(first.date), first.item, first.unit_price, first.receipt, first.source_line) == (
        "2025-04-04", "communication_logistics", Decimal("3300"), "R-2025-0001", 2)


# ---- workbooks ----------------------------------------------------------------------------------

HEADER = ["費目", "内容", "単価", "数量", "税区分", "消耗品理由", "現地調査"]


def workbook(tmp_path, rows, *, title="予算", terms=(("# 一般管理費率: 10%",),)):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in (*terms, HEADER, *rows):
        sheet.append(list(row))
    path = tmp_path / "budget.xlsx"
    book.save(path)
    return path


def test_a_workbook_with_japanese_headers(tmp_path):
    rows = [
        ("人件費", "業務主任者（人日）", 52000, 60, "不課税", None, "いいえ"),
        ("消耗品費", "試薬", 1000000 * 1.1, 1, "税抜", "(2)", None),  # 1100000.0000000002 as Excel stores it
        ("備品費", "風速計", "¥1,200,000", 1, "税抜", None, None),
        ("外国旅費", "現地調査", 450000, 2, "不課税", None, True),
        ("合計", None, None, None, None, None, None),
    ]
    b = c3p.read_xlsx(workbook(tmp_path, rows), uplift=5_000_000)
    assert [line.unit_price for line in b.lines] == [Decimal("52000"), Decimal("1100000"), Decimal("1200000"),
                                                      Decimal("450000")]
    assert [line.source_line for line in b.lines] == [3, 4, 5, 6]
    assert b.lines[3].field_survey and b.ga_rate == Decimal("0.1")
    result = c3p.check(b)
    assert result.items["consumables"] == Decimal("1100000")
    assert result.granted_uplift == Decimal("5000000")
    assert [v.source_line for v in result.violations if v.line is not None] == [5]  # the equipment row


def test_a_workbook_as_its_csv(tmp_path, c3p_check):
    rows = [("人件費", "技術者", 38000, 100, "不課税", None, "いいえ"), ("外注費", "現地調査会社", 9_000_000, 1, "税抜")]
    from_workbook = c3p.check(c3p.read_xlsx(workbook(tmp_path, rows)))
    csv = tmp_path / "budget.csv"
    csv.write_text("# 一般管理費率: 10%\n" + ",".join(HEADER) + "\n人件費,技術者,38000,100,不課税,,いいえ\n"
                   "外注費,現地調査会社,9000000,1,税抜,,\n", encoding="utf-8")
    _, document = run(c3p_check, str(csv))
    assert_same_check(from_workbook, document)


def test_a_workbook_s_problems_name_their_cells(tmp_path):
    rows = [
        ("人件費", "技術者", "12a", 1, "不課税"),
        ("謎の費目", None, 100, 1, "税抜"),
        ("消耗品費", None, 0.1234567, 1, "税抜"),  # seven decimal places: not an amount
        ("消耗品費", None, "=B2*2", 1, "税抜"),  # a formula Excel never computed
    ]
    with pytest.raises(c3p.ParseError) as raised:
        c3p.read_xlsx(workbook(tmp_path, rows))
    error = raised.value
    assert [e.code for e in error.errors] == ["input.invalid_number", "input.unknown_item", "input.invalid_number",
                                              "input.formula_without_value"]  # one error for the formula's cell
    cells = [where.rsplit("!", 1)[1] for where in error.where]
    assert cells == ["C3", "A4", "C5", "C6"]
    assert [e.cell for e in error.errors] == cells
    assert error.where[0].startswith(f"{tmp_path / 'budget.xlsx'}[予算]!")
    assert "Excel で開いて保存" in error.messages("ja")[3]


def test_a_workbook_s_summary_rows_and_cells(tmp_path):
    # A =SUM() on the 合計 row without a computed value (openpyxl saves none): the row is skipped,
    # no error; a stated subtotal that disagrees is warned about on its cell.
    rows = [
        ("人件費", "技術者", 1000, 2, "不課税"),
        ("人件費計", None, 1999, None, None),
        ("備品費", "PC", 150000, 1, "税込"),
        ("合計", None, "=SUM(C3:C5)", None, None),
    ]
    checked = c3p.check(c3p.read_xlsx(workbook(tmp_path, rows)))
    found = [(v.code, v.cell) for v in checked.violations]
    # Row 1 holds the terms, row 2 the header: the lines are rows 3 to 6.
    assert found == [("input.summary_row", "A4"), ("equipment.below_threshold", "C5"), ("equipment.needs_approval", "A5"),
                     ("input.summary_row", "A6"), ("input.summary_mismatch", "C4")]
    mismatch = next(v for v in checked.violations if v.code == "input.summary_mismatch")
    assert (mismatch.actual, mismatch.limit) == (Decimal(1999), Decimal(2000))
    assert "人件費の小計" in mismatch.message("ja")
    # A budget made in code has no file, so no cells.
    made = c3p.Budget().add("備品費", "150000", basis="inclusive")
    assert [v.cell for v in c3p.check(made).violations] == [None, None, None]


def test_a_workbook_s_sheet_by_name_or_index(tmp_path):
    path = workbook(tmp_path, [("人件費", None, 1000, 1, "不課税")], title="FY2025")
    assert len(c3p.read_xlsx(path, "FY2025")) == len(c3p.read_xlsx(path, 0)) == 1
    with pytest.raises(KeyError, match="FY2025"):
        c3p.read_xlsx(path, "FY2026")


def test_records_from_a_workbook(tmp_path):
    import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日付", "費目", "単価", "数量", "税区分", "領収書番号"])
    sheet.append([datetime.datetime(2025, 4, 30), "人件費", 40000, 20, "不課税", "R-1"])
    sheet.append(["令和7年5月1日", "消耗品費", 1100, 1, "税込", "R-2"])
    path = tmp_path / "records.xlsx"
    book.save(path)
    records = c3p.read_records_xlsx(path)
    assert [(str(r.date), r.item, r.receipt) for r in records] == [
        ("2025-04-30", "personnel", "R-1"), ("2025-05-01", "consumables", "R-2")]


def test_cell_text_reads_numbers_as_excel_shows_them():
    assert c3p._files.cell_text(1000000 * 1.1) == "1100000"
    assert c3p._files.cell_text(0.1 + 0.2) == "0.3"
    assert c3p._files.cell_text(1e20) == "100000000000000000000"
    assert c3p._files.cell_text(0.1234567) == "0.1234567"  # refused by the reader: seven decimal places
    assert c3p._files.cell_text(False) == "no"
    assert c3p._files.cell_text("a\nb") == "a b"
