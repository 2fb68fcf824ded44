"""Writes sample_budget.xlsx: a budget as a Japanese applicant keeps it in Excel (a sheet 予算
with the agreed G&A rate above Japanese headers), with one consumable that is really equipment.

    python3 examples/python/make_workbook.py      (needs openpyxl)
"""

import pathlib

import openpyxl

ROWS = [
    ("人件費", "業務主任者（人日）", 52000, 40, "不課税"),
    ("人件費", "技術者（人日）", 38000, 90, "不課税"),
    ("謝金", "有識者ヒアリング", 20000, 5, "税抜"),
    ("外国旅費", "現地調査：航空賃", 165000, 4, "不課税", None, "はい"),
    ("外国旅費", "現地調査：宿泊費・日当", 21000, 24, "不課税", None, "はい"),
    ("国内旅費", "報告会出張", 29700, 3, "税込"),
    ("会議費", "現地ワークショップ", 88000, 1, "税込"),
    ("消耗品費", "測定用センサー", 45000, 4, "税抜"),
    ("消耗品費", "風速計", 210000, 1, "税抜"),  # 231,000 with tax: equipment, not a consumable
    ("印刷製本費", "報告書印刷", 3300, 25, "税込"),
    ("雑役務費", "通訳", 90000, 2, "税抜"),
    ("外注費", "現地コンサルタント：エネルギー診断", 1800000, 1, "税抜"),
    ("共同実施費", "北九州市：技術指導", 900000, 1, "税抜"),
]


def main() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "予算"
    sheet.append(["# 一般管理費率: 10%"])
    sheet.append(["費目", "内容", "単価", "数量", "税区分", "消耗品理由", "現地調査"])
    for row in ROWS:
        sheet.append(list(row))
    for column, width in zip("ABCDEFG", (12, 36, 12, 8, 10, 12, 10)):
        sheet.column_dimensions[column].width = width
    book.save(pathlib.Path(__file__).with_name("sample_budget.xlsx"))


if __name__ == "__main__":
    main()
