"""Report metadata from the cover and title text: title, organisation, fiscal year.

Pure functions over the repaired text of the first pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process

from ingest.model import FiscalYear, Organization
from ingest.tables import join_lines, to_int

# Longest prefixes first: เทศบาลตำบล must win over a bare เทศบาล.
_ORG_PREFIXES: tuple[tuple[str, str], ...] = (
    ("องค์การบริหารส่วนตำบล", "อบต."),
    ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("เทศบาลตำบล", "เทศบาลตำบล"),
    ("เทศบาลเมือง", "เทศบาลเมือง"),
    ("เทศบาลนคร", "เทศบาลนคร"),
)
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("ทต.", "เทศบาลตำบล"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทน.", "เทศบาลนคร"),
)
# Other public bodies still have a name an auditor can search by.
_OTHER_ORG = re.compile(
    r"^\s*(?:ประกาศ)?((?:สำนักงาน|โรงพยาบาล|โรงเรียน|กรม|กระทรวง|สถานีตำรวจ|สำนัก|มหาวิทยาลัย)[\u0e01-\u0e4e]+)",
    re.MULTILINE,
)
_THAI_WORD = r"[\u0e01-\u0e4e]+"
# A district is trusted only beside its province ("อำเภอบ้านแหลม จังหวัดเพชรบุรี"): Thai has
# no spaces, so a bare "อำเภอ" would swallow the rest of the sentence.
_DISTRICT = re.compile(rf"(?:อำเภอ|เขต)\s*({_THAI_WORD})\s+จังหวัด")
# Without a province beside it, only a district that ends its line ("…สาธารณสุขอำเภอหนองใหญ่").
_DISTRICT_ALONE = re.compile(rf"(?:อำเภอ|เขต)({_THAI_WORD})[ \t]*$", re.MULTILINE)
_PROVINCE = re.compile(rf"จังหวัด\s*({_THAI_WORD})")
_FISCAL = re.compile(r"ปีงบประมาณ\s*(?:พ\s*\.\s*ศ\s*\.)?\s*([๐-๙0-9]{4})(?![๐-๙0-9])")
_TITLE_START = re.compile(r"(?=รายงาน)")
# A measure plan's cover has no รายงาน line: its title is the plan's name, sometimes after
# "เรื่อง" in an announcement (ประกาศ … เรื่อง มาตรการส่งเสริมคุณธรรม…).
_PLAN_TITLE_START = re.compile(r"(?:เรื่อง\s*)?(?=มาตรการ|การดำเนินการตามมาตรการ)")
# What makes a title an ITA one, and what makes it the results rather than the plan
# (ITA items O42 "มาตรการส่งเสริม…" and O43 "การดำเนินการตามมาตรการส่งเสริม…"), whitespace removed.
_ITA_PHRASE = "ส่งเสริมคุณธรรมและความโปร่งใส"
_REPORT_WORDS = ("รายงานผล", "ผลการดำเนินการ", "ผลการดำเนินงาน", "การดำเนินการตามมาตรการ")
# The canonical fields a document of each kind is expected to have columns for: a plan is
# written before the year, so it has no results and no outcome yet.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "report": ("measure", "steps", "responsible", "period", "results", "outcome"),
    "plan": ("measure", "steps", "responsible", "period"),
    "other": (),
}


@dataclass(frozen=True)
class Metadata:
    title: str
    organization: Organization
    fiscal_year: FiscalYear | None


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def find_title(text: str) -> str:
    """The title: the cover's lines from the first "รายงาน…" (a plan's "มาตรการ…") to the
    fiscal-year line."""
    lines = _lines(text)
    for i, line in enumerate(lines):
        m = _TITLE_START.match(line) or _PLAN_TITLE_START.match(line)
        if not m:
            continue
        parts = [line[m.end() :]]
        for nxt in lines[i + 1 : i + 4]:
            if _FISCAL.search(parts[-1]):
                break
            parts.append(nxt)
        # The cover breaks the title wherever the line is full, even inside a word.
        return join_lines(parts).strip("* ")
    return lines[0] if lines else ""


def document_kind(title: str, has_measures: bool, fields: frozenset[str]) -> str:
    """"report", "plan" or "other" (model.DOCUMENT_KINDS), from the title and the table.

    An ITA title (it names ส่งเสริมคุณธรรมและความโปร่งใส, and มาตรการ or รายงาน, or stands over a
    measure table) decides: with รายงานผล / ผลการดำเนินการ / ผลการดำเนินงาน / การดำเนินการตาม
    มาตรการ it is the year's results, otherwise the measure plan. Without one, a measure table
    with a results column makes a report and one without makes a plan; no measure table, other.
    """
    flat = re.sub(r"\s+", "", title)
    if _ITA_PHRASE in flat and (has_measures or "มาตรการ" in flat or "รายงาน" in flat):
        return "report" if any(w in flat for w in _REPORT_WORDS) else "plan"
    if not has_measures:
        return "other"
    return "report" if "results" in fields else "plan"


def find_fiscal_year(text: str) -> FiscalYear | None:
    """The fiscal year the report is for: the first "ปีงบประมาณ [พ.ศ.] YYYY" on the cover."""
    m = _FISCAL.search(text)
    if not m:
        return None
    be = to_int(m.group(1))
    return FiscalYear.from_be(be) if 2400 <= be <= 2700 else None


def expand_abbreviations(text: str) -> str:
    """"อบต.บางครก" -> "องค์การบริหารส่วนตำบลบางครก" (also อบจ., ทต., ทม., ทน.)."""
    for short, full in _ABBREVIATIONS:
        text = re.sub(rf"{re.escape(short)}\s*(?={_THAI_WORD})", full, text)
    return text


def find_organization(text: str) -> Organization:
    """The agency that wrote the report, its kind, district and province."""
    flat = expand_abbreviations(text)
    name, kind = "", "other"
    best = len(flat) + 1
    for prefix, k in _ORG_PREFIXES:
        m = re.search(rf"{prefix}({_THAI_WORD})", flat)
        if m and m.start() < best:
            best, name, kind = m.start(), m.group(0), k
    if not name:
        m = _OTHER_ORG.search(flat)
        name = m.group(1) if m else ""
    district = next(
        (
            m
            for rx in (_DISTRICT, _DISTRICT_ALONE)
            for m in rx.finditer(flat)
            if plausible_district(m.group(1))
        ),
        None,
    )
    province = _PROVINCE.search(flat)
    # An อบจ. is named after its province.
    prov = province.group(1) if province else None
    if prov is None and kind == "อบจ.":
        prov = name.removeprefix("องค์การบริหารส่วนจังหวัด")
    return Organization(
        name=name,
        kind=kind,
        district=district.group(1) if district else None,
        province=check_province(prov) if prov else None,
    )


# Words that start a clause, never a district's name.
_CLAUSE_WORDS = ("และ", "ที่", "ใน", "ของ", "ได้", "ให้", "เป็น", "จะ", "การ", "ต่าง", "ซึ่ง", "โดย")
MAX_DISTRICT_LEN = 20


def plausible_district(name: str) -> bool:
    """A district name is short and does not open like a clause ("อำเภอและแนวทาง…")."""
    return len(name) <= MAX_DISTRICT_LEN and not name.startswith(_CLAUSE_WORDS)


@lru_cache(maxsize=1)
def _provinces() -> tuple[str, ...]:
    from pythainlp.corpus import provinces

    return tuple(sorted(provinces()))


def check_province(name: str) -> str | None:
    """The official province name closest to `name`, or None if none is close.

    Exact names pass; damaged text (a lost or doubled mark) still finds its province.
    """
    names = _provinces()
    if name in names:
        return name
    match = process.extractOne(name, names, score_cutoff=85)
    return match[0] if match else None


def extract_metadata(cover_text: str) -> Metadata:
    """Title, organisation and fiscal year from the text of the first pages."""
    return Metadata(
        title=find_title(cover_text),
        organization=find_organization(cover_text),
        fiscal_year=find_fiscal_year(cover_text),
    )
