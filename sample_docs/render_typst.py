"""Render a report with Typst, through the `typst` Python package (no browser, no office suite).

The report goes to the template as JSON (sys.inputs), so no cell text is ever read as markup.
Typst can merge header cells, so a table whose columns have a `group` gets a two-row header.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import typst
from spec import FONT_SIZES, ReportDoc

TEMPLATE = r"""
#let doc = json(bytes(sys.inputs.doc))
#set document(
  title: doc.title,
  date: if doc.date == none { auto } else {
    datetime(year: doc.date.at(0), month: doc.date.at(1), day: doc.date.at(2))
  },
)
#set text(font: doc.font, size: doc.body * 1pt, lang: "th", hyphenate: false)
#set par(leading: 0.45em, spacing: 0.45em)
#let lines(ls) = if ls.len() == 0 { [] } else { ls.map(l => [#l]).join(linebreak()) }
#let bold(size, t) = text(size: size * 1pt, weight: "bold", t)

#set page(paper: "a4", margin: 2.5cm)
#v(6cm)
#align(center)[
  #for t in doc.cover { bold(doc.body + 8, t); linebreak() }
  #v(1em)
  #bold(doc.body + 6, doc.org) \
  #bold(doc.body + 4, doc.place)
]
#pagebreak()
#align(center, bold(doc.body + 4, "คำนำ"))
#v(1em)
#for p in doc.preface { par(justify: true, first-line-indent: (amount: 2.5cm, all: true), p) }
#v(1em)
#align(right, doc.org)

#set page(paper: "a4", flipped: true, margin: 1.5cm)
#align(center)[#for t in doc.heading { bold(doc.body, t); linebreak() }]
#for p in doc.intro { par(justify: true, first-line-indent: (amount: 2.5cm, all: true), p) }
#v(0.6em)
#let cols = doc.columns
#let grouped = cols.any(c => c.group != "")
#let head-cell(body, ..args) = table.cell(align: center + horizon, ..args, bold(doc.small, body))
#let header = if not grouped {
  cols.map(c => head-cell(c.header))
} else {
  let top = ()
  let i = 0
  while i < cols.len() {
    let c = cols.at(i)
    if c.group == "" {
      top.push(head-cell(c.header, rowspan: 2))
      i += 1
    } else {
      let n = 0
      while i + n < cols.len() and cols.at(i + n).group == c.group { n += 1 }
      top.push(head-cell(c.group, colspan: n))
      i += n
    }
  }
  top + cols.filter(c => c.group != "").map(c => head-cell(c.header))
}
#set text(size: doc.small * 1pt)
#table(
  columns: cols.map(c => c.width * 1cm),
  stroke: 0.75pt,
  inset: (x: 4pt, y: 3pt),
  align: (x, y) => if cols.at(x).key == "period" { center + top } else { left + top },
  table.header(..header),
  ..doc.rows.map(row => row.map(lines)).flatten(),
)
"""


def template_data(doc: ReportDoc) -> dict:
    """What the template reads: the report's text, layout and font sizes."""
    body, small = FONT_SIZES[doc.font]
    return {
        "title": doc.title,
        "date": [doc.date.year, doc.date.month, doc.date.day] if doc.date else None,
        "font": doc.font,
        "body": body,
        "small": small,
        "cover": list(doc.cover),
        "org": doc.org.name,
        "place": f"อำเภอ{doc.org.district} จังหวัด{doc.org.province}",
        "preface": list(doc.preface),
        "heading": list(doc.heading),
        "intro": list(doc.intro),
        "columns": [
            {"key": c.key, "header": c.header, "width": c.width_cm, "group": c.group}
            for c in doc.columns
        ],
        "rows": [[list(m.cells.get(c.key, ())) for c in doc.columns] for m in doc.measures],
    }


def render_typst(doc: ReportDoc, pdf_path: Path) -> None:
    """Render the report to pdf_path with Typst (system fonts: fonts-thai-tlwg)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp, pdf_path.stem + ".typ")
        source.write_text(TEMPLATE, encoding="utf-8")
        data = json.dumps(template_data(doc), ensure_ascii=False)
        typst.compile(str(source), output=str(pdf_path), sys_inputs={"doc": data})
