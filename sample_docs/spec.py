"""Plain data describing one sample report, shared by the content, renderers and truth writer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

COLUMN_KEYS = ("measure", "steps", "responsible", "period", "results", "outcome")
# Header cells as the agency typed them (the seed's wrapped header, joined).
HEADER_CELLS = (
    "มาตรการ/โครงการ/กิจกรรม",
    "ขั้นตอนหรือวิธีการปฏิบัติ",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
    "ผลการดำเนินการ",
    "ผลลัพธ์หรือความสำเร็จของการดำเนินการ",
)

# Point sizes (body, table) per font: Laksaman is small on the em, like TH Sarabun.
FONT_SIZES = {"Laksaman": (16, 14), "Garuda": (13, 11.5), "Norasi": (14, 12), "Loma": (13, 11),
              "Kinnari": (15, 13)}
# Header cells that hold the measure number, when a table has such a column.
NUMBER_HEADERS = ("ลำดับ", "ที่")

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

Cell = tuple[str, ...]  # the printed lines of one cell


@dataclass(frozen=True)
class Column:
    """One column of a sample's measure table, as the agency laid it out."""

    key: str  # a canonical field (COLUMN_KEYS), or for an extra column its header as printed
    header: str  # the header cell's text, on one line
    width_cm: float  # on a landscape A4 page with 1.5 cm margins (26.7 cm in all)
    group: str = ""  # a header cell merged over this column and its neighbours of one group

    @property
    def extra(self) -> bool:
        return self.key not in COLUMN_KEYS


# The seed's six columns (widths as the DOCX grid has them).
STANDARD_COLUMNS = tuple(
    Column(k, h, w)
    for k, h, w in zip(COLUMN_KEYS, HEADER_CELLS, (4.2, 5.3, 2.8, 3.0, 7.0, 4.4), strict=True)
)


@dataclass(frozen=True)
class Org:
    name: str
    kind: str  # อบต., เทศบาลตำบล, ..., อบจ., other
    district: str
    province: str
    slug: str  # file-name stem part, ASCII


@dataclass(frozen=True)
class MeasureDoc:
    cells: dict[str, Cell]  # by column key: canonical fields and extra columns alike
    continues: int | None = None
    key: str = ""  # content identity across years (to link a measure to last year's)
    reported_as: int | None = None  # in a plan: the number its year's report gives it
    topic: str = ""  # its ITA topic (index/topics.toml keys), as an auditor reads it
    shared: str = ""  # names text that other agencies' measures share (copied, or a template)

    @property
    def number(self) -> int:
        """The measure's number: the number column's, else the start of its measure cell."""
        for header in NUMBER_HEADERS:
            if self.cells.get(header):
                return int(self.cells[header][0].strip(" .").translate(TO_ARABIC))
        m = re.match(r"\s*([๐-๙0-9]+)\.", self.cells["measure"][0])
        if m is None:
            raise ValueError(f"measure cell has no number: {self.cells['measure'][0]!r}")
        return int(m.group(1).translate(TO_ARABIC))


def measure_doc(key: str, **cells: Cell) -> MeasureDoc:
    """A measure written out cell by cell; key names it across years."""
    return MeasureDoc(cells=cells, key=key)


@dataclass(frozen=True)
class ReportDoc:
    org: Org
    be: int
    cover: tuple[str, ...]  # title lines on the cover, the fiscal-year line last
    preface: tuple[str, ...]  # คำนำ paragraphs
    heading: tuple[str, ...]  # bold lines above the table
    intro: tuple[str, ...]  # paragraphs between heading and table
    measures: tuple[MeasureDoc, ...]
    writer: str = "libreoffice"
    font: str = "Laksaman"
    arabic: bool = False  # Arabic digits for all numbering, dates and years
    previous: str | None = None  # stem of the same agency's previous-year file
    layout: str = "standard"  # a key of layouts.LAYOUTS: page and table geometry
    extra: dict[str, str] = field(default_factory=dict)
    columns: tuple[Column, ...] = STANDARD_COLUMNS
    kind: str = "report"  # or "plan": the measure plan published before the year
    report: str | None = None  # a plan's: stem of the report on the same year
    date: dt.date | None = None  # the date the PDF says it was made (writers that can set it)

    @property
    def stem(self) -> str:
        kind = "" if self.kind == "report" else f"{self.kind}_"
        return f"{self.org.slug}_{self.be}_{kind}{self.writer}"

    @property
    def title(self) -> str:
        """The report title as on the cover's title lines."""
        return " ".join(self.cover)


def thai_num(n: int | str) -> str:
    """An integer written in Thai digits."""
    return str(n).translate(TO_THAI)


def to_arabic_report(doc: ReportDoc) -> ReportDoc:
    """The same report with every Thai digit written as an Arabic digit."""

    def conv(lines: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(s.translate(TO_ARABIC) for s in lines)

    measures = tuple(
        replace(m, cells={k: conv(v) for k, v in m.cells.items()}) for m in doc.measures
    )
    return replace(
        doc,
        cover=conv(doc.cover),
        preface=conv(doc.preface),
        heading=conv(doc.heading),
        intro=conv(doc.intro),
        measures=measures,
    )
