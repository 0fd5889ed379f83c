"""The SQLite store: versions, failures, migrations, reading back what was written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from index import migrations
from index.store import Store
from index.storequeries import AmbiguousAgency
from ingest.serialize import report_to_dict
from tests.conftest import make_report

BANGKROK = "องค์การบริหารส่วนตำบลบางครก"
BANGKAEW = "องค์การบริหารส่วนตำบลบางแก้ว"


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path)
    yield s
    s.close()


def test_round_trip_keeps_the_whole_report(store: Store) -> None:
    report = make_report(BANGKROK, 2568, "1" * 64)
    outcome = store.add_report(report)
    assert outcome.status == "ingested"
    stored = store.get_report(outcome.report_id)
    assert stored.report == report
    assert stored.current is True
    assert store.has_sha256("1" * 64)


def test_same_sha256_is_unchanged_and_writes_nothing(store: Store) -> None:
    first = store.add_report(make_report(BANGKROK, 2568, "1" * 64))
    before = store.counts()
    again = store.add_report(make_report(BANGKROK, 2568, "1" * 64, path="/elsewhere/copy.pdf"))
    assert again.status == "unchanged"
    assert again.report_id == first.report_id
    assert store.counts() == before


def test_same_agency_and_year_from_another_file_is_a_new_version(store: Store) -> None:
    old = store.add_report(make_report(BANGKROK, 2568, "1" * 64, path="/a/v1.pdf"))
    new = store.add_report(make_report(BANGKROK, 2568, "2" * 64, path="/a/v2.pdf", measures=3))
    assert new.status == "new_version"
    assert new.replaced_report_id == old.report_id
    assert store.current_report_ids() == {new.report_id}
    all_versions = list(store.iter_reports(current_only=False))
    assert [(s.report_id, s.current) for s in all_versions] == [
        (old.report_id, False),
        (new.report_id, True),
    ]
    assert [len(s.report.measures) for s in store.reports_for(BANGKROK)] == [3]


def test_other_year_of_same_agency_is_not_a_version(store: Store) -> None:
    store.add_report(make_report(BANGKROK, 2567, "1" * 64))
    outcome = store.add_report(make_report(BANGKROK, 2568, "2" * 64))
    assert outcome.status == "ingested"
    assert len(store.current_report_ids()) == 2


def test_failure_is_replaced_by_later_success(store: Store) -> None:
    store.add_failure("/a/r.pdf", "1" * 64, 10, "no measure table found")
    assert [(f.path, f.error) for f in store.failures()] == [
        ("/a/r.pdf", "no measure table found")
    ]
    assert not store.has_sha256("1" * 64)
    store.add_report(make_report(BANGKROK, 2568, "1" * 64, path="/a/r.pdf"))
    assert store.failures() == []
    assert store.counts()["documents"] == 1


def test_failure_of_same_file_is_recorded_once(store: Store) -> None:
    store.add_failure("/a/r.pdf", None, None, "permission denied")
    store.add_failure("/a/r.pdf", "1" * 64, 10, "not a PDF")
    store.add_failure("/a/r.pdf", "1" * 64, 10, "not a PDF")
    assert [(f.path, f.error) for f in store.failures()] == [("/a/r.pdf", "not a PDF")]


def test_failure_never_hides_a_stored_report(store: Store) -> None:
    store.add_report(make_report(BANGKROK, 2568, "1" * 64))
    store.add_failure("/a/copy.pdf", "1" * 64, 10, "timed out after 5 s")
    assert store.failures() == []
    assert store.has_sha256("1" * 64)


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    good = make_report(BANGKROK, 2568, "1" * 64)
    # A measure whose cells are not text cannot be written: the whole add must roll back.
    bad_cells = good.measures[0].cells.__class__(measure=None)  # type: ignore[arg-type]
    bad = good.__class__(
        **{**good.__dict__, "measures": (good.measures[0].__class__(1, (1,), bad_cells),)}
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.add_report(bad)
    assert set(store.counts().values()) == {0}


def test_agencies_and_reports_for(store: Store) -> None:
    store.add_report(make_report(BANGKROK, 2567, "1" * 64))
    store.add_report(make_report(BANGKROK, 2568, "2" * 64))
    store.add_report(make_report(BANGKAEW, 2568, "3" * 64, province="ชลบุรี"))
    agencies = store.agencies()
    # Code point order: ค (U+0E04) before แ (U+0E41).
    assert [(a.name, a.years) for a in agencies] == [(BANGKROK, (2567, 2568)), (BANGKAEW, (2568,))]
    assert agencies[1].province == "ชลบุรี"
    assert [s.report.fiscal_year.be for s in store.reports_for("บางครก")] == [2567, 2568]
    assert [s.report.fiscal_year.be for s in store.reports_for(BANGKROK, [2568])] == [2568]
    assert store.reports_for("ไม่มี") == []
    with pytest.raises(AmbiguousAgency) as err:
        store.reports_for("บาง")
    assert set(err.value.candidates) == {BANGKROK, BANGKAEW}


def test_get_reports_keeps_order_and_drops_unknown(store: Store) -> None:
    a = store.add_report(make_report(BANGKROK, 2567, "1" * 64)).report_id
    b = store.add_report(make_report(BANGKROK, 2568, "2" * 64)).report_id
    assert [s.report_id for s in store.get_reports([b, 999, a])] == [b, a]
    with pytest.raises(KeyError):
        store.get_report(999)


def test_low_quality_pages_only_current(store: Store) -> None:
    store.add_report(make_report(BANGKROK, 2568, "1" * 64, path="/a/v1.pdf"))
    new = store.add_report(make_report(BANGKROK, 2568, "2" * 64, path="/a/v2.pdf"))
    assert store.low_quality_pages(0.8) == [(new.report_id, "/a/v2.pdf", 2, 0.5)]
    assert store.low_quality_pages(0.4) == []


def test_year_counts(store: Store) -> None:
    store.add_report(make_report(BANGKROK, 2568, "1" * 64, measures=3))
    store.add_report(make_report(BANGKROK, 2568, "2" * 64, measures=4))
    store.add_report(make_report(BANGKAEW, None, "3" * 64, measures=1))
    store.add_report(make_report(BANGKROK, 2568, "4" * 64, measures=5, kind="plan",
                                 title="มาตรการส่งเสริมคุณธรรม ประจำปีงบประมาณ พ.ศ. 2568"))
    assert [(c.agency, c.year, c.kind, c.reports, c.measures) for c in store.year_counts()] == [
        (BANGKROK, 2568, "report", 1, 4),
        (BANGKROK, 2568, "plan", 1, 5),
        (BANGKAEW, None, "report", 1, 1),
    ]
    counts = store.counts()
    assert (counts["current_reports"], counts["current_plans"], counts["current_others"]) == (
        2, 1, 0)
    assert counts["current_documents"] == 3
    assert [d.agency for d in store.other_documents()] == [BANGKAEW]  # no year: listed apart


def test_reopen_sees_committed_data(tmp_path: Path) -> None:
    with Store(tmp_path) as s:
        s.add_report(make_report(BANGKROK, 2568, "1" * 64))
    with Store(tmp_path) as s:
        assert s.has_sha256("1" * 64)
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _old_database(tmp_path: Path, version: int, body: dict) -> None:
    """A store at schema `version` holding one report with this JSON body."""
    db = sqlite3.connect(tmp_path / "raingan.sqlite", isolation_level=None)
    migrations.migrate(db, target=version)
    doc = db.execute(
        "INSERT INTO documents (path, sha256, size, pages, status, ingested_at) "
        "VALUES ('/a/r.pdf', ?, 1, 2, 'ok', '2025-01-01')",
        ("1" * 64,),
    ).lastrowid
    db.execute(
        "INSERT INTO reports (document_id, org_name, org_kind, fiscal_year, title, current, body) "
        "VALUES (?, ?, 'อบต.', 2568, 't', 1, ?)",
        (doc, BANGKROK, json.dumps(body, ensure_ascii=False)),
    )
    db.close()


def test_version_1_database_is_migrated_with_page_quality_backfilled(tmp_path: Path) -> None:
    report = make_report(BANGKROK, 2568, "1" * 64)
    _old_database(tmp_path, 1, report_to_dict(report))

    with Store(tmp_path) as s:
        assert migrations.user_version(s.db) == migrations.LATEST
        assert s.low_quality_pages(0.8) == [(1, "/a/r.pdf", 2, 0.5)]
        assert s.get_report(1).report == report


def test_version_3_database_with_report_1_bodies_moves_to_report_2(tmp_path: Path) -> None:
    report = make_report(BANGKROK, 2568, "1" * 64)
    body = report_to_dict(report)
    v1 = {k: v for k, v in body.items() if k != "document_kind"} | {"schema": "raingan.report/1"}
    for m in v1["measures"]:
        del m["extra"], m["confidence"]
    for p in v1["pages"]:
        del p["source"], p["confidence"]
    _old_database(tmp_path, 3, v1)

    with Store(tmp_path) as s:
        stored = json.loads(s.db.execute("SELECT body FROM reports").fetchone()[0])
        assert stored["schema"] == "raingan.report/2"
        assert stored["document_kind"] == "report"
        assert stored["pages"][0]["source"] == "text"
        assert s.db.execute("SELECT document_kind FROM reports").fetchone()[0] == "report"
        assert s.get_report(1).report == report


def test_version_4_store_regroups_documents_that_were_collapsed(tmp_path: Path) -> None:
    """Before document identity, an order of the same agency and year hid the report."""
    report = make_report(BANGKROK, 2568, "1" * 64, path="/a/report.pdf")
    order = make_report(BANGKROK, 2568, "2" * 64, path="/a/order.pdf", measures=0,
                        title="คำสั่ง เรื่อง แต่งตั้งคณะทำงาน")
    fixed = make_report(BANGKROK, 2568, "3" * 64, path="/a/report2.pdf")
    db = sqlite3.connect(tmp_path / "raingan.sqlite", isolation_level=None)
    migrations.migrate(db, target=4)
    for i, (r, current) in enumerate(((report, 0), (order, 0), (fixed, 1)), start=1):
        db.execute(
            "INSERT INTO documents (path, sha256, size, pages, status, ingested_at) "
            "VALUES (?, ?, 1, 2, 'ok', '2025-01-01')", (r.source.path, r.source.sha256))
        db.execute(
            "INSERT INTO reports (document_id, org_name, org_kind, fiscal_year, title, current, "
            "body) VALUES (?, ?, 'อบต.', 2568, ?, ?, ?)",
            (i, BANGKROK, r.title, current, json.dumps(report_to_dict(r), ensure_ascii=False)))
    db.close()
    with Store(tmp_path) as s:
        rows = s.db.execute("SELECT id, document, current FROM reports ORDER BY id").fetchall()
    assert rows == [(1, 1, 0), (2, 2, 1), (3, 1, 1)]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "raingan.sqlite")
    db.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    db.close()
    with pytest.raises(migrations.SchemaTooNew):
        Store(tmp_path)


def test_samples_fixture_fills_the_store(store_with_samples: Store, sample_reports) -> None:
    stored = list(store_with_samples.iter_reports())
    assert len(stored) == len(
        {(r.document_kind, r.organization.name, r.fiscal_year) for r in sample_reports})
    assert store_with_samples.counts()["documents"] == len(sample_reports)


def test_current_version_does_not_depend_on_arrival_order(tmp_path) -> None:
    """Regression: whichever file finished parsing last became current."""
    import dataclasses

    from index.store import Store
    from tests.conftest import make_report

    base = make_report()
    older = dataclasses.replace(
        base, source=dataclasses.replace(base.source, path="a.pdf", sha256="1" * 64,
                                         issued="2025-01-01T00:00:00"))
    newer = dataclasses.replace(
        base, source=dataclasses.replace(base.source, path="b.pdf", sha256="2" * 64,
                                         issued="2025-06-01T00:00:00"))
    currents = []
    for order in ((older, newer), (newer, older)):
        with Store(tmp_path / "-".join(r.source.path for r in order)) as store:
            outcomes = [store.add_report(r) for r in order]
            currents.append(
                [s.report.source.path for s in store.iter_reports(current_only=True)])
            assert outcomes[1].status == "new_version"
            assert outcomes[1].current is (order[1] is newer)
    assert currents == [["b.pdf"], ["b.pdf"]]


def test_current_documents_of_one_agency_and_year_come_out_report_first_whatever_landed_first(
    tmp_path: Path,
) -> None:
    # A plan and a report of one agency and year are two documents, both current; the
    # cluster stores them in the order its workers finish, and the export followed that.
    plan = make_report(BANGKROK, 2568, "1" * 64, path="/a/plan.pdf", kind="plan",
                       title="มาตรการส่งเสริมคุณธรรม")
    report = make_report(BANGKROK, 2568, "2" * 64, path="/a/report.pdf")
    orders = []
    for first, second in ((plan, report), (report, plan)):
        with Store(tmp_path / first.source.path.rsplit("/", 1)[1]) as store:
            store.add_report(first)
            store.add_report(second)
            orders.append([s.report.source.path for s in store.iter_reports()])
    assert orders == [["/a/report.pdf", "/a/plan.pdf"]] * 2
