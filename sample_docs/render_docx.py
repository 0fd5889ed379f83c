"""Render a report as DOCX (python-docx) and print it to PDF with LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from spec import FONT_SIZES, ReportDoc


def _run(par, text: str, font: str, size: float, bold: bool = False) -> None:
    """Add a run whose Thai (complex-script) font, size and weight are all set.

    LibreOffice shapes Thai with the complex-script attributes (w:cs, w:szCs, w:bCs), so the
    plain ones alone would leave Thai text in the default font.
    """
    run = par.add_run(text)
    rpr = run._r.get_or_add_rPr()
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    rpr.append(fonts)
    if bold:
        rpr.append(OxmlElement("w:b"))
        rpr.append(OxmlElement("w:bCs"))
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(size * 2)))
        rpr.append(el)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:bidi"), "th-TH")
    rpr.append(lang)


def _para(container, text: str, font: str, size: float, *, bold=False, align=None, indent=False):
    par = container.add_paragraph()
    fmt = par.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    if align is not None:
        par.alignment = align
    if indent:
        fmt.first_line_indent = Cm(2.5)
    _run(par, text, font, size, bold)
    return par


def _cell_lines(cell, lines, font: str, size: float, *, bold=False, center=False) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for line in lines or ("",):
        _para(cell, line, font, size, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER if center else None)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _set_grid(table, widths: list[float]) -> None:
    """Fix the column grid: LibreOffice sizes columns from w:tblGrid, not from cell widths."""
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width * 567)))  # twips
    tblw = table._tbl.tblPr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        table._tbl.tblPr.append(tblw)
    tblw.set(qn("w:w"), str(int(sum(widths) * 567)))
    tblw.set(qn("w:type"), "dxa")


def _set_landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))


def build_docx(doc: ReportDoc, path: Path) -> None:
    """Write the report as DOCX: portrait cover and preface, landscape table section."""
    font = doc.font
    body, small = FONT_SIZES[font]
    d = Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(2.5))
    center = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(6):
        _para(d, "", font, body)
    for line in doc.cover:
        _para(d, line, font, body + 8, bold=True, align=center)
    _para(d, "", font, body)
    _para(d, doc.org.name, font, body + 6, bold=True, align=center)
    _para(d, f"อำเภอ{doc.org.district} จังหวัด{doc.org.province}", font, body + 4, bold=True,
          align=center)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(d, "คำนำ", font, body + 4, bold=True, align=center)
    _para(d, "", font, body)
    for text in doc.preface:
        _para(d, text, font, body, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _para(d, "", font, body)
    _para(d, doc.org.name, font, body, align=WD_ALIGN_PARAGRAPH.RIGHT)

    _set_landscape(d.add_section(WD_SECTION.NEW_PAGE))
    for line in doc.heading:
        _para(d, line, font, body, bold=True, align=center)
    _para(d, "", font, small)
    for text in doc.intro:
        _para(d, text, font, body, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _para(d, "", font, small)

    if any(c.group for c in doc.columns):
        raise ValueError(f"{doc.stem}: the DOCX writer here makes one-row headers only")
    table = d.add_table(rows=1, cols=len(doc.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_grid(table, [c.width_cm for c in doc.columns])
    head = table.rows[0]
    _repeat_header(head)
    for cell, col in zip(head.cells, doc.columns, strict=True):
        cell.width = Cm(col.width_cm)
        _cell_lines(cell, (col.header,), font, small, bold=True, center=True)
    for m in doc.measures:
        row = table.add_row()
        for cell, col in zip(row.cells, doc.columns, strict=True):
            cell.width = Cm(col.width_cm)
            _cell_lines(cell, m.cells.get(col.key, ()), font, small, center=col.key == "period")
    d.save(str(path))


def docx_to_pdf(docx_path: Path, pdf_path: Path) -> None:
    """Convert with a private LibreOffice profile, so parallel runs do not share one."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
            check=True, capture_output=True, timeout=300,
        )
        shutil.move(Path(tmp, docx_path.stem + ".pdf"), pdf_path)


def render_libreoffice(doc: ReportDoc, pdf_path: Path) -> None:
    """Render the report to pdf_path through DOCX and LibreOffice."""
    with tempfile.TemporaryDirectory() as tmp:
        docx_path = Path(tmp, pdf_path.stem + ".docx")
        build_docx(doc, docx_path)
        docx_to_pdf(docx_path, pdf_path)
