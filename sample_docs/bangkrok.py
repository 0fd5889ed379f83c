"""องค์การบริหารส่วนตำบลบางครก: the seed report (๒๕๖๘) and the two years before it."""

from __future__ import annotations

from frame import build_report
from seed import seed_measures
from spec import MeasureDoc, Org, ReportDoc

ORG = Org("องค์การบริหารส่วนตำบลบางครก", "อบต.", "บ้านแหลม", "เพชรบุรี", "bangkrok")
SHORT = "องค์การบริหารส่วนตำบล"
# The seed's cover splits the title after "ผลการดำเนินการ" and says "เพื่อ" not "ตามมาตรการ".
SEED_COVER = ("รายงานผลการดำเนินการ", "เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")


def report_2568() -> ReportDoc:
    """The seed report, cell texts exactly as the agency wrote them."""
    measures = [MeasureDoc(cells=m.cells, key=f"s{i}") for i, m in enumerate(seed_measures(), 1)]
    return build_report(ORG, 2568, measures, SHORT, cover_title=SEED_COVER)
