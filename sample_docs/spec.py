"""Plain data describing one sample report, shared by the content, renderers and truth writer."""

from __future__ import annotations

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
FONT_SIZES = {
    "Laksaman": (16, 14), "Garuda": (13, 11.5), "Kinnari": (15, 13), "Loma": (14, 12),
    "Norasi": (15, 13),
}  # fmt: skip

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

Cell = tuple[str, ...]  # the printed lines of one cell


@dataclass(frozen=True)
class Org:
    name: str
    kind: str  # อบต., เทศบาลตำบล, ..., อบจ., other
    district: str
    province: str
    slug: str  # file-name stem part, ASCII


@dataclass(frozen=True)
class MeasureDoc:
    cells: dict[str, Cell]
    continues: int | None = None
    key: str = ""  # content identity across years (to link a measure to last year's)

    @property
    def number(self) -> int:
        """The measure's number, read from the start of its measure cell."""
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

    @property
    def stem(self) -> str:
        return f"{self.org.slug}_{self.be}_{self.writer}"

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
