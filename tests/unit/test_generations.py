"""A searcher in use stays open while other writers commit; it closes when its search ends."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.fulltext import FullTextIndex
from tests.unit.test_search import BANGKROK, BANLAT, stored


@pytest.fixture
def two(tmp_path: Path):
    """(index, other): an index of two segments (reports 1 and 2), and a second writer."""
    with FullTextIndex(tmp_path / "index") as index, FullTextIndex(tmp_path / "index") as other:
        index._index_reports([stored(1, BANGKROK)])
        index._index_reports([stored(2, BANLAT)])
        yield index, other


def test_a_search_in_progress_keeps_its_generation_while_a_newer_one_opens(two) -> None:
    index, other = two
    with index._generations.searcher() as old:
        other._index_reports([stored(1, BANGKROK)])  # replaces report 1: a deletion
        other._ix.optimize()  # merges every segment away
        assert sorted(h.report_id for h in index.search("ร้องเรียน")) == [1, 2]
        # The old generation still answers: its readers were not closed under it.
        assert not any(r.is_closed for r, _ in old.reader().leaf_readers())
        reader = old.reader()
        assert {old.stored_fields(d)["report_id"] for d in reader.all_doc_ids()} == {1, 2}
    assert all(r.is_closed for r, _ in old.reader().leaf_readers())
    assert len(index._generations._open) == 1


def test_a_segment_reader_is_reused_only_for_the_same_segment_with_the_same_deletions(
    two,
) -> None:
    index, other = two

    def readers() -> dict[str, object]:
        searcher = index._searcher()
        return {r.segment().segment_id(): r for r, _ in searcher.reader().leaf_readers()}

    first = readers()
    other._index_reports([stored(3, BANLAT)])  # a new segment; the old two unchanged
    second = readers()
    assert len(second) == 3
    assert all(second[s] is first[s] for s in first)
    other._index_reports([stored(1, BANLAT)])  # replaces report 1: deletes in its segment
    third = readers()
    changed = next(s for s in first if third[s] is not second[s])
    assert third[changed].segment().deleted_count() == 1
    hits = index.search("ร้องเรียน")
    assert sorted(h.report_id for h in hits) == [1, 2, 3]
    assert [h.organization for h in hits if h.report_id == 1] == [BANLAT[0]]


def test_substring_caches_keep_only_segments_an_open_generation_holds(two) -> None:
    index, other = two
    index.search("ร้องเรียน")
    before = {key[0] for key in index._cache._items}
    other._ix.optimize()
    index.search("ร้องเรียน")
    after = {key[0] for key in index._cache._items}
    assert len(before) == 2 and len(after) == 1 and not before & after


def test_an_index_made_anew_under_an_open_one_is_seen(tmp_path: Path) -> None:
    """`raingan reindex` in another process deletes the index and writes it again, so its
    generation numbers start again; a reader must not take the new generation 1 for the
    old one."""
    path = tmp_path / "index"
    with FullTextIndex(path) as index:
        index._index_reports([stored(1, BANGKROK)])
        first = index.generation()
        assert [h.report_id for h in index.search("ร้องเรียน")] == [1]
        shutil.rmtree(path)
        assert [h.report_id for h in index.search("ร้องเรียน")] == [1]  # what is open answers
        with FullTextIndex(path) as anew:
            anew._index_reports([stored(2, BANLAT)])
        assert index.generation()[0] == first[0] and index.generation() != first
        assert [h.report_id for h in index.search("ร้องเรียน")] == [2]
