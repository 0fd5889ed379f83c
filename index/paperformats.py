"""The working paper (index/workpaper.py) as a file to attach to an audit: XLSX (a sheet per
section), Markdown or a self-contained HTML page. Text is written as the document has it."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from index.sheets import add_sheet
from index.workpaper import Section, Workpaper

# Columns of free text, given width (XLSX) and kept whole (Markdown, HTML).
WIDE = {"value", "text", "finding", "note", "planned measure", "reported measure",
        "last year's title", "this year's title", "มาตรการ/โครงการ/กิจกรรม",
        "ขั้นตอนหรือวิธีการปฏิบัติ", "ผลการดำเนินการ", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"}


def stamp() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def write_xlsx(paper: Workpaper, path: Path) -> None:
    """A cover sheet, then one sheet per section."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    cover = wb.active
    cover.title = "paper"
    cover.append([paper.title])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([f"made by raingan, {stamp()}"])
    for s in paper.sections:
        cover.append([f"{s.title}: {len(s.rows)} rows" + (f" ({s.note})" if s.note else "")])
    cover.column_dimensions["A"].width = 100
    for s in paper.sections:
        add_sheet(wb, s.key, s.header, s.rows, [h for h in s.header if h in WIDE])
    wb.save(path)


def _md_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", "<br>")


def markdown(paper: Workpaper) -> str:
    """The paper as Markdown: a heading per section and a pipe table."""
    lines = [f"# {paper.title}", "", f"Made by raingan, {stamp()}.", ""]
    for s in paper.sections:
        lines += [f"## {s.title}", ""]
        if s.note:
            lines += [_md_cell(s.note), ""]
        if s.rows:
            lines.append("| " + " | ".join(_md_cell(h) for h in s.header) + " |")
            lines.append("|" + "---|" * len(s.header))
            lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in s.rows]
            lines.append("")
    return "\n".join(lines)


def _html_table(s: Section) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in s.header)
    body = "".join(
        "<tr>" + "".join(
            f"<td>{html.escape('' if v is None else str(v)).replace(chr(10), '<br>')}</td>"
            for v in row) + "</tr>\n"
        for row in s.rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


STYLE = """
body { font-family: "TH Sarabun New", "Sarabun", "Garuda", "Laksaman", sans-serif;
       margin: 2em; line-height: 1.5; }
table { border-collapse: collapse; margin-bottom: 2em; }
th, td { border: 1px solid #888; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #eee; }
td { max-width: 40em; }
"""


def page(paper: Workpaper) -> str:
    """The paper as one HTML page with its own style (nothing to fetch), Thai declared."""
    parts = [
        "<!DOCTYPE html>", '<html lang="th">', "<head>", '<meta charset="utf-8">',
        f"<title>{html.escape(paper.title)}</title>", f"<style>{STYLE}</style>", "</head>",
        "<body>", f"<h1>{html.escape(paper.title)}</h1>",
        f"<p>Made by raingan, {html.escape(stamp())}.</p>",
    ]
    for s in paper.sections:
        parts.append(f'<h2 id="{s.key}">{html.escape(s.title)}</h2>')
        if s.note:
            parts.append(f"<p>{html.escape(s.note)}</p>")
        if s.rows:
            parts.append(_html_table(s))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _text_writer(render: Callable[[Workpaper], str]) -> Callable[[Workpaper, Path], None]:
    def write(paper: Workpaper, path: Path) -> None:
        path.write_text(render(paper), encoding="utf-8")

    return write


WRITERS: dict[str, Callable[[Workpaper, Path], None]] = {
    ".xlsx": write_xlsx,
    ".md": _text_writer(markdown),
    ".html": _text_writer(page),
    ".htm": _text_writer(page),
}


def writer_for(path: Path) -> Callable[[Workpaper, Path], None]:
    """The writer for a file name's suffix; ValueError for any other."""
    try:
        return WRITERS[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"{path.name}: write a .xlsx, .md or .html file") from None
