"""Budgets and spending records from CSV files and Excel workbooks.

Both are read by the library's own CSV reader (the same columns, Japanese headers, amounts
such as ``¥1,200,000`` and every error at once): a CSV file once decoded, a worksheet once its
cells are written out as CSV text, one text line per worksheet row, so that an error's line is
the row and its column maps back to the cell.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any, Callable

from . import _core
from ._errors import ParseError

# ---- CSV -------------------------------------------------------------------------------------


def _locate(data: bytes, offset: int, encoding: str) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte `offset`."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode(encoding, errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _decode(data: bytes, encoding: str | None) -> tuple[str, list]:
    """The text of `data` and its encoding errors (one per line, as c3p-check reports them).

    encoding None: UTF-8 when the bytes are UTF-8, else CP932 (Shift_JIS as Japanese Excel saves).
    """
    if encoding is None:
        try:
            return data.decode("utf-8"), []
        except UnicodeDecodeError:
            encoding = "cp932"
    codec = {"utf-8": "utf-8", "utf8": "utf-8", "cp932": "cp932", "shift_jis": "cp932", "sjis": "cp932"}.get(encoding.lower())
    if codec is None:
        raise ValueError(f'encoding must be None, "utf-8" or "cp932", not "{encoding}"')
    name = "" if codec == "utf-8" else "CP932"
    pieces, found, position, reported_line, decoded_bytes = [], [], 0, 0, 0
    while True:
        try:
            pieces.append(data[position:].decode(codec))
            break
        except UnicodeDecodeError as bad:
            pieces.append(data[position : position + bad.start].decode(codec))
            decoded_bytes += len(pieces[-1].encode("utf-8"))
            line, column = _locate(data, position + bad.start, codec)
            if line != reported_line:
                found.append((line, column, decoded_bytes))  # where in the decoded text: its cell
                reported_line = line
            pieces.append("\ufffd")
            decoded_bytes += 3
            position += bad.end
    text = "".join(pieces)
    return text, _core.encoding_errors(text, found, name) if found else []


def _read_text(path: str | os.PathLike, encoding: str | None) -> tuple[str, str, list]:
    source = os.fspath(path)
    with open(source, "rb") as file:
        data = file.read()
    text, errors = _decode(data, encoding)
    return source, text, errors


def _failed(source: str, errors: list, where: Callable[[Any], str]) -> ParseError:
    count = len(errors)
    return ParseError(
        f"{count} {'error' if count == 1 else 'errors'} in {source}; nothing was read",
        errors,
        [where(e) for e in errors],
        source,
    )


def _csv_result(source: str, read: Callable[[], tuple], decode_errors: list):
    """The value read, or ParseError: the bytes that are no text, else the reader's problems."""
    value, errors = (None, decode_errors) if decode_errors else read()
    if errors:
        raise _failed(source, errors, lambda e: f"{source}:{e.line}:{e.column}" + (f" ({e.cell})" if e.cell else ""))
    return value


def read_csv(path, *, encoding=None, ga_rate=None, uplift=None, outsourcing_justified=None, delimiter=None):
    """A Budget from a CSV file (UTF-8 or, as Japanese Excel saves it, CP932).

    The file's ``# ga_rate: 10%`` lines give its terms; the keywords override them. Raises
    ParseError listing every problem with its line and column.
    """
    source, text, decode_errors = _read_text(path, encoding)
    return _csv_result(
        source,
        lambda: _core.read_budget_text(
            text, ga_rate=ga_rate, uplift=uplift, outsourcing_justified=outsourcing_justified, delimiter=delimiter
        ),
        decode_errors,
    )


def read_plan_csv(path, *, encoding=None, ga_rate=None, uplift=None, outsourcing_justified=None, delimiter=None):
    """A Plan from a CSV file: the budget columns plus fiscal_year (年度), phase and task.

    Raises ParseError listing every problem with its line and column.
    """
    source, text, decode_errors = _read_text(path, encoding)
    return _csv_result(
        source,
        lambda: _core.read_plan_text(
            text, ga_rate=ga_rate, uplift=uplift, outsourcing_justified=outsourcing_justified, delimiter=delimiter
        ),
        decode_errors,
    )


class Records(list):
    """Spending records read from a file: a list of Record that also knows the file's summary rows
    (``summary_rows``, their file lines: settle warns about each, input.summary_row) and where its
    cells are (settle's violations then name theirs)."""

    def __init__(self, records=(), summary_rows=(), layout=None, summaries=()):
        super().__init__(records)
        self.summary_rows = list(summary_rows)
        self._layout = layout
        self._summaries = list(summaries)


def _records(read: tuple):
    records, errors, summary_rows, layout, summaries = read
    return Records(records, summary_rows, layout, summaries), errors


def read_records_csv(path, *, encoding=None, delimiter=None):
    """Spending records (Records, a list of Record) from a CSV file: the budget columns plus
    ``date`` (日付) and an optional ``receipt`` (領収書番号). Raises ParseError listing every problem."""
    source, text, decode_errors = _read_text(path, encoding)
    return _csv_result(source, lambda: _records(_core.read_records_text(text, delimiter=delimiter)), decode_errors)


# ---- Excel workbooks ---------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell's value as the CSV reader reads it.

    A number is a binary double in the workbook: it is written with the 15 significant digits
    Excel shows (``'%.15g'``), so that ``=1000000*1.1`` (1100000.0000000002) is 1100000; the
    reader then refuses one with more than six decimal places. Dates are ISO dates.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(Decimal("%.15g" % value), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "date") and callable(value.date):  # datetime.datetime: the day
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return " ".join(str(value).splitlines())  # a row is one text line


def _csv_field(text: str) -> str:
    if any(c in text for c in ',"') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def _sheet_as_csv(path: str, sheet) -> tuple[str, str]:
    """The worksheet as CSV text, one line a row and one field a column (so that the reader's
    cells are the worksheet's), and the sheet's title. A formula without a computed value is
    written as its formula, which the reader reports where a value is needed (and not on a
    summary row, which it skips)."""
    try:
        import openpyxl
    except ImportError as missing:
        raise ImportError(
            "reading .xlsx needs openpyxl: apt-get install python3-openpyxl, or pip install openpyxl"
        ) from missing
    values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        if sheet is None:
            title = values.active.title
        elif isinstance(sheet, int):
            title = values.sheetnames[sheet]
        elif sheet in values.sheetnames:
            title = sheet
        else:
            raise KeyError(f'no worksheet "{sheet}" in {path}; its sheets: {", ".join(values.sheetnames)}')
        lines = []
        rows = list(zip(values[title].iter_rows(values_only=True), formulas[title].iter_rows(values_only=True)))
        width = max((len(row) for row, _ in rows), default=0)  # a sheet's rows are as wide as its widest
        for row, written in rows:
            cells = [cell_text(v) for v in row] + [""] * (width - len(row))
            for column, (value, formula) in enumerate(zip(row, written)):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    cells[column] = formula
            lines.append(",".join(_csv_field(c) for c in cells))
        return "\n".join(lines) + "\n", title
    finally:
        values.close()
        formulas.close()


def _sheet_result(source: str, title: str, read: tuple):
    value, errors = read
    if errors:
        # The reader's cells are the worksheet's (one line a row, one field a column); an error of
        # no cell (a missing column) names the header row.
        raise _failed(f"{source}[{title}]", errors, lambda e: f"{source}[{title}]!{e.cell or e.line}")
    return value


def read_xlsx(path, sheet=None, *, ga_rate=None, uplift=None, outsourcing_justified=None):
    """A Budget from a worksheet of an Excel workbook (sheet: a name, an index, or None for the
    active sheet), laid out as the CSV: ``# ga_rate: 10%`` rows, a header row (費目, 単価, 数量 …),
    a row per line. Needs openpyxl. Raises ParseError naming each problem's cell (``予算!C12``)."""
    source = os.fspath(path)
    text, title = _sheet_as_csv(source, sheet)
    read = _core.read_budget_text(
        text, ga_rate=ga_rate, uplift=uplift, outsourcing_justified=outsourcing_justified, delimiter=","
    )
    return _sheet_result(source, title, read)


def read_records_xlsx(path, sheet=None):
    """Spending records from a worksheet laid out as the records CSV (日付 as Excel dates or text)."""
    source = os.fspath(path)
    text, title = _sheet_as_csv(source, sheet)
    return _sheet_result(source, title, _records(_core.read_records_text(text, delimiter=",")))
