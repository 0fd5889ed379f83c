"""Render a report as an Excel sheet (openpyxl) and print it to PDF with LibreOffice Calc.

The sheet is laid out the way agencies make the table in Excel: the title, fiscal year and
agency typed in merged rows above the header, one measure a row with its printed lines as
line breaks inside the cell (Alt+Enter) and wrapped text, gridlines printed, the title rows
and header repeated on every page (print titles), landscape and fitted to the page width.
A measure with many results spreads over two rows, its other cells merged down both.
"""

from __future__ import annotations

import subprocess
import tempfile
from functools import cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from PIL import ImageFont
from pythainlp.tokenize import word_tokenize
from render_docx import docx_to_pdf
from spec import COLUMN_KEYS, FONT_SIZES, HEADER_CELLS, STANDARD_COLUMNS, MeasureDoc, ReportDoc

# Column widths in characters of the default font.
WIDTHS = (24, 30, 15, 15, 40, 26)
# A measure with more results lines than this spreads them over two rows.
SPLIT_RESULTS = 5
LAST = get_column_letter(len(COLUMN_KEYS))
# Thai fonts need about 1.5 times their size a line; Calc adds a little above and below.
LINE_FACTOR = 1.5
ROW_MARGIN_PT = 6


@cache
def _font(name: str, size: float) -> ImageFont.FreeTypeFont:
    path = subprocess.run(
        ["fc-match", "-f", "%{file}", f"{name}:style=Regular"],
        capture_output=True, text=True, check=True,
    ).stdout
    return ImageFont.truetype(path, size)


def column_points(width_chars: float) -> float:
    """An Excel column width (characters of the default font) in points: 7 px a character
    and 5 px of padding, at 96 px to the inch."""
    return (7 * width_chars + 5) * 0.75


def wrapped_lines(text: str, font: ImageFont.FreeTypeFont, width_pt: float) -> int:
    """How many lines Calc needs for a cell: each typed line wrapped between Thai words.

    Excel saves the height it computed; openpyxl computes none and LibreOffice does not
    recompute it on import, so the generator has to, or every row shows one line.
    """
    count = 0
    for typed in text.split("\n"):
        count += 1
        used = 0.0
        for word in word_tokenize(typed, engine="nlpo3", keep_whitespace=True):
            w = font.getlength(word)
            if used and used + w > width_pt:
                count += 1
                used = 0.0 if word.isspace() else w
            else:
                used += w
    return count


def row_height(texts: list[str], font: ImageFont.FreeTypeFont, size: float) -> float:
    """A row's height in points: its tallest cell, with room to spare."""
    lines = max(
        wrapped_lines(t, font, column_points(w) - 4) for t, w in zip(texts, WIDTHS, strict=True)
    )
    return lines * size * LINE_FACTOR + ROW_MARGIN_PT


def _rows(m: MeasureDoc) -> list[dict[str, tuple[str, ...]]]:
    """The sheet rows of one measure: one, or two when its results are long (the second
    row holds only the rest of the results)."""
    results = m.cells.get("results", ())
    if len(results) <= SPLIT_RESULTS:
        return [m.cells]
    half = (len(results) + 1) // 2
    return [{**m.cells, "results": results[:half]}, {"results": results[half:]}]


def build_xlsx(doc: ReportDoc, path: Path) -> None:
    """Write the report as a one-sheet XLSX."""
    if doc.columns != STANDARD_COLUMNS or doc.layout != "standard":
        raise ValueError(f"{doc.stem}: the Calc writer here makes the six standard columns only")
    body, small = FONT_SIZES[doc.font]
    wb = Workbook()
    ws = wb.active
    ws.title = "ITA"
    title_font = Font(name=doc.font, size=body, bold=True)
    place = f"{doc.org.name} อำเภอ{doc.org.district} จังหวัด{doc.org.province}"
    for line in (*doc.cover, place):
        ws.append([line])
        row = ws.max_row
        ws.merge_cells(f"A{row}:{LAST}{row}")
        ws[f"A{row}"].font = title_font
        ws[f"A{row}"].alignment = Alignment(horizontal="center")
        ws.row_dimensions[row].height = body * LINE_FACTOR
    head_row = ws.max_row + 1
    ws.append(list(HEADER_CELLS))
    ws.row_dimensions[head_row].height = row_height(
        list(HEADER_CELLS), _font(doc.font, small), small
    )
    for cell in ws[head_row]:
        cell.font = Font(name=doc.font, size=small, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    text_font = Font(name=doc.font, size=small)
    for m in doc.measures:
        rows = _rows(m)
        first = ws.max_row + 1
        for cells in rows:
            texts = ["\n".join(cells.get(k, ())) for k in COLUMN_KEYS]
            ws.append(texts)
            ws.row_dimensions[ws.max_row].height = row_height(texts, _font(doc.font, small), small)
            for cell, key in zip(ws[ws.max_row], COLUMN_KEYS, strict=True):
                cell.font = text_font
                cell.alignment = Alignment(
                    horizontal="center" if key == "period" else "left",
                    vertical="top",
                    wrap_text=True,
                )
        if len(rows) > 1:
            for col, key in enumerate(COLUMN_KEYS, 1):
                if key != "results":
                    letter = get_column_letter(col)
                    ws.merge_cells(f"{letter}{first}:{letter}{ws.max_row}")
    for col, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.print_options.gridLines = True
    ws.print_title_rows = f"1:{head_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    wb.save(path)


def render_calc(doc: ReportDoc, pdf_path: Path) -> None:
    """Render the report to pdf_path through XLSX and LibreOffice Calc."""
    with tempfile.TemporaryDirectory() as tmp:
        xlsx_path = Path(tmp, pdf_path.stem + ".xlsx")
        build_xlsx(doc, xlsx_path)
        docx_to_pdf(xlsx_path, pdf_path)
