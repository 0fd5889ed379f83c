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
}


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
