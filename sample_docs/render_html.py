"""Render a report as HTML and print it to PDF with headless Chromium."""

from __future__ import annotations

import html
import subprocess
import tempfile
from pathlib import Path

from layouts import LAYOUTS, shares
from spec import FONT_SIZES, ReportDoc

CSS = """
@page {{ size: A4 {orientation}; margin: 1.5cm; }}
@page cover {{ size: A4 portrait; margin: 2.5cm; }}
body {{ font-family: '{font}'; font-size: {body}pt; line-height: 1.25; margin: 0; }}
.cover, .preface {{ page: cover; }}
.cover {{ text-align: center; padding-top: 6cm; break-after: page; }}
.cover .title {{ font-size: {title}pt; font-weight: bold; margin: 0; }}
.cover .org {{ font-size: {org}pt; font-weight: bold; margin: 0; }}
.preface {{ break-after: page; }}
.preface h1 {{ text-align: center; font-size: {org}pt; margin: 0 0 1em; }}
p.para {{ text-indent: 2.5cm; text-align: justify; margin: 0; }}
p.sign {{ text-align: right; margin-top: 1em; }}
.heading {{ text-align: center; font-weight: bold; margin: 0; }}
.intro {{ margin: 0.6em 0; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; font-size: {small}pt; }}
thead {{ display: table-header-group; }}
th, td {{ border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }}{rules}
th {{ text-align: center; font-weight: bold; }}
td.period {{ text-align: center; }}
tr {{ break-inside: auto; }}
td p {{ margin: 0; }}
"""


# Rules between rows only: no vertical rule anywhere, the header set off by a heavier one.
HORIZONTAL_ONLY = """
th, td { border-left: none; border-right: none; }
th { border-bottom-width: 1.5pt; }"""
# The header row printed once: a thead shown as body rows is not repeated on each page.
HEADER_ONCE = """
thead { display: table-row-group; }"""


def _lines(lines) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines)


def build_html(doc: ReportDoc) -> str:
    """The report as one HTML page: portrait cover and preface, the table on landscape pages
    (portrait where its layout says)."""
    layout = LAYOUTS[doc.layout]
    body, small = FONT_SIZES[doc.font]
    small = layout.table_pt or small
    css = CSS.format(
        font=doc.font, body=body, small=small, title=body + 8, org=body + 4,
        orientation="portrait" if layout.portrait else "landscape",
        rules=(HORIZONTAL_ONLY if layout.rules == "horizontal" else "")
        + ("" if layout.repeat_header else HEADER_ONCE),
    )
    cover = "".join(f'<p class="title">{html.escape(t)}</p>' for t in doc.cover)
    place = f"อำเภอ{doc.org.district} จังหวัด{doc.org.province}"
    preface = "".join(f'<p class="para">{html.escape(t)}</p>' for t in doc.preface)
    heading = "".join(f'<p class="heading">{html.escape(t)}</p>' for t in doc.heading)
    intro = "".join(f'<p class="para">{html.escape(t)}</p>' for t in doc.intro)
    if any(c.group for c in doc.columns):
        raise ValueError(f"{doc.stem}: the HTML writer here makes one-row headers only")
    cols = "".join(f'<col style="width:{w}%">' for w in shares(doc))
    head = "".join(f"<th>{html.escape(c.header)}</th>" for c in doc.columns)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td class="{c.key if not c.extra else "extra"}">{_lines(m.cells.get(c.key, ()))}</td>'
            for c in doc.columns
        )
        + "</tr>"
        for m in doc.measures
    )
    return (
        f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><style>{css}</style></head>'
        f'<body><section class="cover">{cover}<br><p class="org">{html.escape(doc.org.name)}</p>'
        f'<p class="org">{html.escape(place)}</p></section>'
        f'<section class="preface"><h1>คำนำ</h1>{preface}'
        f'<p class="sign">{html.escape(doc.org.name)}</p></section>'
        f'<section class="table">{heading}<div class="intro">{intro}</div>'
        f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></section></body></html>"
    )


def html_to_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print with a fresh profile and no network chatter, without header or footer."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
                "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.as_uri(),
            ],
            check=True, capture_output=True, timeout=300,
        )


def render_chromium(doc: ReportDoc, pdf_path: Path) -> None:
    """Render the report to pdf_path through HTML and Chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        html_path = Path(tmp, pdf_path.stem + ".html")
        html_path.write_text(build_html(doc), encoding="utf-8")
        html_to_pdf(html_path, pdf_path)
