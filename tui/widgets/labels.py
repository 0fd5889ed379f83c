"""Short labels for narrow tables: agency kinds and column names as auditors abbreviate them."""

from __future__ import annotations

# Longest prefixes first: "เทศบาลตำบล" before a bare "เทศบาล".
AGENCY_PREFIXES = (
    ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("องค์การบริหารส่วนตำบล", "อบต."),
    ("เทศบาลนคร", "ทน."),
    ("เทศบาลเมือง", "ทม."),
    ("เทศบาลตำบล", "ทต."),
)

SHORT_COLUMN = {
    "measure": "มาตรการ",
    "steps": "ขั้นตอน",
    "responsible": "ผู้รับผิดชอบ",
    "period": "ระยะเวลา",
    "results": "ผลการดำเนินการ",
    "outcome": "ผลลัพธ์",
    "extra": "ช่องอื่น",  # the columns with no canonical field (งบประมาณ, หมายเหตุ, …)
    "page": "หน้า",  # the text of a page of a document with no measure table
}
DOCUMENT_MARK = {"report": "", "plan": "แผน", "other": "อื่น"}


def hit_where(hit, titles: dict[str, str] = SHORT_COLUMN) -> str:  # noqa: ANN001 - a Hit
    """Where a search hit is: its column ("หน้า 3" for a page of a document with no measure
    table), and "OCR" or "OCR?" (read with low confidence) when its text was read by OCR."""
    where = titles.get(hit.column, hit.column)
    if hit.column == "page" and hit.pages:
        where = f"{SHORT_COLUMN['page']} {hit.pages[0]}"
    if hit.doubtful:
        return f"{where} ⚠OCR?"
    return f"{where} OCR" if hit.ocr else where


def short_agency(name: str) -> str:
    """"องค์การบริหารส่วนตำบลบางครก" -> "อบต.บางครก"; other names unchanged."""
    for prefix, short in AGENCY_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return short + name[len(prefix) :]
    return name


def around_first_mark(snippet: str, start: str, before: int = 12) -> str:
    """The snippet from a little before its first hit, so a narrow column shows the hit."""
    i = snippet.find(start)
    if i <= before:
        return snippet
    return "…" + snippet[i - before :].lstrip("…")
