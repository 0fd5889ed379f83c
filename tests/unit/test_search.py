"""Searching a tiny measure index: recall inside compounds, digits, filters, syntax, highlights."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from index import suffixes
from index.analyzer import word_spans
from index.fulltext import FORMAT_FILE, FullTextIndex
from index.model import StoredReport
from index.search import MARK_END, MARK_START, SCHEMA, QueryError, measure_matches, parse
from ingest.digits import fold_digits
from ingest.model import Cells, FiscalYear, Measure, Organization, Report, Source

BANGKROK = (
    "องค์การบริหารส่วนตำบลบางครก",
    "เพชรบุรี",
    2567,
    Cells(
        measure="๑. การจัดซื้อจัดจ้างภาครัฐ",
        steps="เปิดช่องทางการร้องเรียน",
        responsible="กองคลัง",
        period="ปีงบประมาณ ๒๕๖๗",
        results="ดำเนินการผ่าน E-Service ครบ ๑๒ เดือน",
        outcome="ประชาชนพึงพอใจ",
    ),
)
BANLAT = (
    "เทศบาลตำบลบ้านลาด",
    "ราชบุรี",
    2568,
    Cells(
        measure="๑. มาตรการร้องเรียน",
        steps="จัดซื้อ วัสดุ",
        responsible="สำนักปลัด",
        period="ปีงบประมาณ 2568",
        results="ประชาชนร้องเรียนผ่านช่อง ทางออนไลน์",
        outcome="ไม่มีเรื่องร้องเรียน",
    ),
)


def stored(report_id: int, spec: tuple) -> StoredReport:
    name, province, year, cells = spec
    report = Report(
        source=Source(path=f"/r/{report_id}.pdf", sha256=str(report_id) * 64, pages=3),
        title="รายงาน",
        organization=Organization(name=name, kind="อบต.", district="เมือง", province=province),
        fiscal_year=FiscalYear.from_be(year),
        measures=(Measure(number=1, pages=(2, 3), cells=cells),),
        pages=(),
    )
    return StoredReport(report_id, report, True, "", report_id)


@pytest.fixture
def ix(tmp_path: Path):
    index = FullTextIndex(tmp_path / "index")
    index._index_reports([stored(1, BANGKROK), stored(2, BANLAT)])
    yield index
    index.close()


def ids(ix: FullTextIndex, q: str, **kw) -> list[int]:
    return sorted(h.report_id for h in ix.search(q, **kw))


def test_word_inside_a_compound_is_found(ix) -> None:
    # The segmenter keeps ภาครัฐ whole, so a word index alone would miss รัฐ.
    assert "รัฐ" not in [w for w, _, _ in word_spans(BANGKROK[3].measure)]
    assert ids(ix, "รัฐ") == [1]


def test_string_cut_differently_by_the_segmenter_is_found(ix) -> None:
    # ช่องทาง | การ in one text, "ช่อง ทาง" with a space in the other.
    assert ids(ix, "ช่องทาง") == [1, 2]


def test_prefix_of_a_compound_is_found(ix) -> None:
    assert ids(ix, "จัดซื้อ") == [1, 2]


def test_thai_digits_find_arabic_digits_and_back(ix) -> None:
    assert ids(ix, "๒๕๖๘") == [2]
    assert ids(ix, "2567") == [1]


def test_year_field_accepts_thai_digits(ix) -> None:
    assert ids(ix, "year:๒๕๖๘") == [2]
    assert ids(ix, "ร้องเรียน AND year:[2567 TO 2567]") == [1]


def test_filters(ix) -> None:
    assert ids(ix, "ร้องเรียน", years=(2568, 2568)) == [2]
    assert ids(ix, "ร้องเรียน", org="บ้านลาด") == [2]
    assert ids(ix, "ร้องเรียน", province="เพชรบุรี") == [1]
    assert ids(ix, "ร้องเรียน", column="steps") == [1]


def test_phrase_ignores_the_space_the_document_put_in(ix) -> None:
    assert ids(ix, '"จัดซื้อ วัสดุ"') == [2]
    assert ids(ix, '"ช่อง ทางออนไลน์"') == [2]


def test_and_or_not(ix) -> None:
    assert ids(ix, "ภาครัฐ OR ออนไลน์") == [1, 2]
    assert ids(ix, "ร้องเรียน AND ออนไลน์") == [2]
    assert ids(ix, "ร้องเรียน NOT ออนไลน์") == [1]


def test_field_value(ix) -> None:
    assert ids(ix, "steps:ช่องทาง") == [1]
    assert ids(ix, "results:ช่องทาง") == [2]
    assert ids(ix, "agency:บางครก") == [1]
    assert ids(ix, "province:ราชบุรี") == [2]


def test_agency_name_is_not_part_of_the_measure_text(ix) -> None:
    assert ids(ix, "บางครก") == []


def test_latin_words(ix) -> None:
    assert ids(ix, "e-service") == [1]
    assert ids(ix, "SERVICE") == [1]


@pytest.mark.parametrize("bad", ["", "foo:bar", '"open', "(ก"])
def test_bad_query_raises_query_error(ix, bad: str) -> None:
    with pytest.raises(QueryError):
        ix.search(bad)


def test_unknown_column_raises_query_error(ix) -> None:
    with pytest.raises(QueryError):
        ix.search("ก", column="nope")


def test_hit_fields_and_marked_snippet_keep_original_digits(ix) -> None:
    (hit,) = ix.search("2567")
    assert (hit.organization, hit.fiscal_year, hit.measure_number) == (BANGKROK[0], 2567, 1)
    assert hit.column == "period"
    assert f"{MARK_START}๒๕๖๗{MARK_END}" in hit.snippet
    assert hit.pages == (2, 3) and hit.source_path == "/r/1.pdf"


def test_column_is_the_cell_with_most_matches(ix) -> None:
    (hit,) = ix.search("ออนไลน์")
    assert hit.column == "results"


def test_measure_matches_spans_cover_the_original_text() -> None:
    text = "ช่อง ทางการ ร้องเรียน ๒๕๖๘"
    spans = measure_matches(text, "ช่องทาง OR 2568")
    assert [text[s:e] for s, e in spans] == ["ช่อง ทาง", "๒๕๖๘"]


def test_measure_matches_skips_negated_terms() -> None:
    assert measure_matches("ก ข", "NOT ก") == []


def test_sync_removes_a_replaced_report_once_its_documents_are_deleted(
    tmp_path: Path, report_factory
) -> None:
    from index.store import Store

    with Store(tmp_path / "data") as store, FullTextIndex(tmp_path / "index") as index:
        first = store.add_report(report_factory(sha256="a" * 64, year=2568))
        other = store.add_report(report_factory(name="เทศบาลตำบลอื่น", sha256="b" * 64))
        result = index.sync(store)
        assert (result.added, result.removed, result.total) == (2, 0, 2)
        assert index.sync(store).added == 0
        newer = store.add_report(report_factory(sha256="c" * 64, year=2568))
        assert newer.replaced_report_id == first.report_id
        result = index.sync(store)
        assert (result.added, result.removed) == (1, 1)
        assert index.report_ids() == {other.report_id, newer.report_id}
        assert index.rebuild(store).total == 2


def test_same_report_twice_in_one_batch_is_indexed_once(tmp_path: Path) -> None:
    # update_document with one id twice in a writer stores both; batches are de-duplicated.
    with FullTextIndex(tmp_path / "index") as index:
        index._index_reports([stored(1, BANGKROK), stored(1, BANGKROK)])
        assert index.doc_count() == 1


def test_reindexing_a_report_replaces_its_documents(tmp_path: Path) -> None:
    with FullTextIndex(tmp_path / "index") as index:
        index._index_reports([stored(1, BANGKROK)])
        index._index_reports([stored(1, BANLAT)])
        assert index.doc_count() == 1
        assert [h.organization for h in index.search("ร้องเรียน")] == [BANLAT[0]]


def test_not_alone_and_andnot(ix) -> None:
    assert ids(ix, "NOT ออนไลน์") == [1]
    assert ids(ix, "ร้องเรียน ANDNOT ออนไลน์") == [1]


@pytest.mark.parametrize(
    "q", ["รัฐ", "ร้องเรียน NOT ออนไลน์", "steps:ช่องทาง OR 2568", "e-service", "year:2568"]
)
def test_whoosh_collector_finds_the_same_measures(ix, q: str) -> None:
    # Whoosh evaluates the same parsed query with Substring's own matcher (its fallback for
    # query trees index.ranking does not evaluate itself).
    searcher = ix._searcher()
    found = searcher.docs_for_query(parse(q, SCHEMA))
    whoosh_ids = sorted(searcher.stored_fields(d)["report_id"] for d in found)
    assert whoosh_ids == ids(ix, q)


def test_matching_measures_is_the_unlimited_search(ix) -> None:
    for q in ["ร้องเรียน", "ภาครัฐ OR ออนไลน์", "ก"]:
        hits = ix.search(q, limit=None)
        assert ix.matching_measures(q) == {(h.report_id, h.measure_number) for h in hits}


def test_filters_restrict_without_changing_scores(ix) -> None:
    (alone,) = [h for h in ix.search("ร้องเรียน") if h.report_id == 2]
    (filtered,) = ix.search("ร้องเรียน", org="บ้านลาด")
    assert filtered.score == alone.score


def test_concurrent_first_searches_agree_and_build_each_segment_once(tmp_path: Path) -> None:
    with FullTextIndex(tmp_path / "index") as index:
        index._index_reports([stored(1, BANGKROK)])
        index._index_reports([stored(2, BANLAT)])  # a second segment
        queries = ["ร้องเรียน", "ช่องทาง", "2567", "agency:บ้านลาด", "ก"] * 8
        expected = {q: index.search(q) for q in set(queries)}
    for entry in tmp_path.joinpath("index").glob("*.norm_*.npy"):
        entry.unlink()
    with FullTextIndex(tmp_path / "index") as index, ThreadPoolExecutor(8) as pool:
        loaded = []
        real = suffixes.segment_text

        def counting(*args, **kw):
            loaded.append((kw["segment_id"], kw["column"]))
            return real(*args, **kw)

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(suffixes, "segment_text", counting)
            got = list(pool.map(index.search, queries))
    assert got == [expected[q] for q in queries]
    assert len(loaded) == len(set(loaded)) and {c for _, c in loaded} >= {"norm_text"}
    assert len({s for s, _ in loaded}) == 2
    assert len(list(tmp_path.joinpath("index").glob("*.norm_text.before.npy"))) == 2


def test_saved_substring_files_go_with_their_segment(tmp_path: Path) -> None:
    with FullTextIndex(tmp_path / "index") as index:
        index._index_reports([stored(1, BANGKROK)])
        index._index_reports([stored(2, BANLAT)])
        index.prepare()

        def saved_segments() -> set[str]:
            return {p.name.split(".")[0] for p in index.path.glob("*.npy")}

        before = saved_segments()
        assert len(before) == 2
        index._ix.optimize()  # merges both segments into a new one
        index.prepare()
        after = saved_segments()
        assert len(after) == 1 and not after & before
        assert ids(index, "ร้องเรียน") == [1, 2]


LATIN = (
    "เทศบาลตำบลท่าช้าง",
    "เพชรบุรี",
    2568,
    Cells(
        measure="๑. ประกาศนโยบาย No-Gift Policy",
        steps="ประชาสัมพันธ์ทาง Facebook และ E-Service",
        responsible="สำนักปลัด",
        period="ต.ค. ๖๗ - ก.ย. ๖๘",
        results="คำสั่งที่ ๑๒/๒๕๖๗ และ 45/2567",
        outcome="ไม่รับของขวัญ (gifts)",
    ),
)


@pytest.fixture
def ix3(tmp_path: Path):
    index = FullTextIndex(tmp_path / "index")
    index._index_reports([stored(1, BANGKROK), stored(2, BANLAT), stored(3, LATIN)])
    yield index
    index.close()


@pytest.mark.parametrize("q", ["256", "๒๕๖", "25", "๕๖๗"])
def test_digits_match_inside_longer_numbers_in_either_script(ix3, q: str) -> None:
    expected = [1, 3] if "7" in fold_digits(q) else [1, 2, 3]
    assert ids(ix3, q) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [("gift", [3]), ("e-serv", [1, 3]), ("SERV", [1, 3]), ("aceboo", [3]), ("no-g", [3])],
)
def test_latin_matches_inside_longer_words(ix3, q: str, expected: list[int]) -> None:
    assert ids(ix3, q) == expected


def test_two_latin_words_unquoted_find_each_anywhere(ix3) -> None:
    # "No-Gift" holds both words; a quoted phrase wants them with only a space between.
    assert ids(ix3, "no gift") == [3]
    assert ids(ix3, '"no gift"') == []
    assert ids(ix3, '"gift policy"') == [3]


def test_a_space_between_numbers_is_not_squeezed_away(ix3) -> None:
    # "๑๒/๒๕๖๗ และ 45/2567": no "256745" anywhere, though the digits stand side by side
    # once the Thai word between them is gone.
    assert ids(ix3, "2567 45") == [3] and ids(ix3, '"2567 45"') == []


def test_whole_numbers_rank_above_numbers_inside_longer_ones(tmp_path: Path) -> None:
    inside = replace(BANGKROK[3], period="๒๕๖๗ ๒๕๖๗ ๒๕๖๗ 1167")  # 67 only inside longer numbers
    whole = replace(BANGKROK[3], period="ประจำปีฯ ๖๗", results="")  # one whole 67
    with FullTextIndex(tmp_path / "index") as index:
        index._index_reports([stored(1, (*BANGKROK[:3], inside)), stored(2, (*BANLAT[:3], whole))])
        assert [h.report_id for h in index.search("67")] == [2, 1]
        assert [h.report_id for h in index.search("๖๗")] == [2, 1]
        # Whoosh's own evaluation of the same query ranks alike.
        searcher = index._searcher()
        hits = searcher.search(parse("67", SCHEMA))
        assert [searcher.stored_fields(h.docnum)["report_id"] for h in hits] == [2, 1]


def test_whole_latin_words_rank_above_longer_words(tmp_path: Path) -> None:
    inside = replace(BANGKROK[3], outcome="gifts gifts gifts giftbox")
    whole = replace(BANGKROK[3], outcome="(No Gift)")
    with FullTextIndex(tmp_path / "index") as index:
        index._index_reports([stored(1, (*BANGKROK[:3], inside)), stored(2, (*BANLAT[:3], whole))])
        assert [h.report_id for h in index.search("gift")] == [2, 1]


def test_star_alone_finds_every_measure_and_filters_apply(ix3) -> None:
    assert ids(ix3, "*") == [1, 2, 3]
    assert ids(ix3, "*", years=(2568, 2568)) == [2, 3]


@pytest.mark.parametrize("q", ["ร้อง*", "*ร้อง", "*ร้อง*"])
def test_a_star_at_either_end_is_a_substring(ix, q: str) -> None:
    assert ids(ix, q) == ids(ix, "ร้อง") == [1, 2]


def test_an_index_of_an_older_format_is_rebuilt(tmp_path: Path) -> None:
    with FullTextIndex(tmp_path / "index") as index:
        index._index_reports([stored(1, BANGKROK)])
    (tmp_path / "index" / FORMAT_FILE).write_text("1\n")
    with FullTextIndex(tmp_path / "index") as index:
        assert index.doc_count() == 0
    with FullTextIndex(tmp_path / "index") as index:
        index._index_reports([stored(1, BANGKROK)])
    with FullTextIndex(tmp_path / "index") as index:
        assert index.doc_count() == 1


def _indexed(tmp_path: Path, *reports: Report) -> FullTextIndex:
    index = FullTextIndex(tmp_path / "index2")
    index._index_reports([StoredReport(i, r, True, "", i) for i, r in enumerate(reports, 1)])
    return index


def test_plan_extra_cells_and_kind_filter(tmp_path: Path) -> None:
    report = stored(1, BANGKROK).report
    plan = replace(
        report, document_kind="plan",
        measures=(replace(report.measures[0],
                          extra=(("งบประมาณ", "๒๕,๐๐๐ บาท"), ("ตัวชี้วัด", "ร้อยละ ๘๐"))),),
    )
    ix = _indexed(tmp_path, report, plan)
    try:
        hits = ix.search("ตัวชี้วัด")  # a header name is part of the extra text
        assert [(h.report_id, h.document_kind, h.column) for h in hits] == [(2, "plan", "extra")]
        assert MARK_START + "ตัวชี้วัด" + MARK_END in hits[0].snippet
        assert [h.report_id for h in ix.search("25,000", column="extra")] == [2]
        assert sorted(h.report_id for h in ix.search("จัดซื้อ")) == [1, 2]
        assert [h.report_id for h in ix.search("จัดซื้อ", doctypes=("plan",))] == [2]
        assert [h.report_id for h in ix.search("doctype:report AND จัดซื้อ")] == [1]
    finally:
        ix.close()


def test_document_without_measures_is_found_page_by_page(tmp_path: Path) -> None:
    from ingest.model import PageQuality

    order = Report(
        source=Source(path="/r/order.pdf", sha256="9" * 64, pages=2),
        title="คำสั่ง", organization=Organization("", "other"), fiscal_year=None,
        measures=(), document_kind="other",
        pages=(PageQuality(1, 30, 1.0, 0, text="คำสั่งแต่งตั้งคณะทำงาน"),
               PageQuality(2, 30, 0.9, 0, source="ocr", confidence=0.6,
                           text="ลงนาม นายกองค์การบริหารส่วนตำบล")),
    )
    ix = _indexed(tmp_path, order)
    try:
        (hit,) = ix.search("แต่งตั้ง")
        assert (hit.column, hit.measure_number, hit.pages, hit.ocr) == ("page", 0, (1,), False)
        (signed,) = ix.search("ลงนาม")
        assert (signed.pages, signed.ocr, signed.doubtful) == ((2,), True, True)
    finally:
        ix.close()


def test_hit_from_a_doubtful_ocr_cell_says_so(tmp_path: Path) -> None:
    report = stored(1, BANGKROK).report
    scanned = replace(report, measures=(replace(
        report.measures[0], confidence=(("measure", 0.95), ("results", 0.41))),))
    ix = _indexed(tmp_path, scanned)
    try:
        (typed_cell,) = ix.search("จัดจ้าง")
        assert (typed_cell.column, typed_cell.ocr, typed_cell.doubtful) == ("measure", True, False)
        (doubtful,) = ix.search("E-Service")
        assert (doubtful.column, doubtful.ocr, doubtful.doubtful) == ("results", True, True)
    finally:
        ix.close()
