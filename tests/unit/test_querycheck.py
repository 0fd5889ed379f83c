"""Queries Whoosh would misread are refused with one line saying how to write them; an
operator written against a parenthesis is read as meant."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query

from index.querycheck import QueryError, check
from index.search import FIELDS, SCHEMA, Substring, parse

# (query, words the one-line message must hold)
REFUSED = [
    ("OR ทุจริต", ["OR has no word before it", "write ทุจริต"]),
    ("AND ทุจริต", ["AND has no word before it", "write ทุจริต"]),
    ("ทุจริต AND", ["AND has no word after it", "write ทุจริต"]),
    ("ทุจริต OR", ["OR has no word after it", "write ทุจริต"]),
    ("(ทุจริต OR) ร้อง", ["OR has no word after it", "write (ทุจริต) ร้อง"]),
    ("ทุจริต NOT", ["NOT has no word after it", "write ทุจริต to leave it out"]),
    ("NOT", ["NOT has no word after it", 'quote "NOT"']),
    ("ทุจริต AND NOT", ["NOT has no word after it", "write ทุจริต to leave it out"]),
    ("ร้อง~", ["fuzzy search is not supported", "write ร้อง", '"ร้อง~"']),
    ("ร้อง~2", ["fuzzy search is not supported", "write ร้อง"]),
    ('"ร้อง เรียน"~2', ["proximity search is not supported", 'write "ร้อง เรียน"']),
    ("ทุจริต OR OR ร้อง", ["two operators in a row (OR OR)", "ทุจริต OR ร้อง"]),
    ("ก NOT NOT ข", ["NOT NOT", "write NOT once"]),
    ("()", ["empty parentheses"]),
    ("ก)(ข", ['closes no "("']),
    ("(ก", ["unbalanced parentheses"]),
    ("measure:", ["measure: needs a value", "measure:ร้องเรียน"]),
    ("ทุจริต^", ["^ needs a number", '"ทุจริต^"']),
    ('"', ["unbalanced quote"]),
    ("e-mail:x", ["unknown field 'mail'", 'quote it: "mail:…"']),
    ("", ["empty query"]),
    ('""', ["nothing to search for"]),
]


@pytest.mark.parametrize(("text", "words"), REFUSED)
def test_misread_queries_are_refused_with_one_line_on_how_to_write_them(
    text: str, words: list[str]
) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text, SCHEMA)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_regression_not_not_used_to_crash_whoosh() -> None:
    # Whoosh's parser raised IndexError on "ก NOT NOT ข"; it is now a QueryError, never a crash.
    with pytest.raises(QueryError):
        parse("ก NOT NOT ข", SCHEMA)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("NOT(ก)", query.Not(Substring("text", "ก"))),
        ("ก AND(ข)", query.And([Substring("text", "ก"), Substring("text", "ข")])),
        ("(ก OR ข)ค", query.And([query.Or([Substring("text", "ก"), Substring("text", "ข")]),
                                Substring("text", "ค")])),
        ("measure:(ก OR ข)", query.Or([Substring("measure", "ก"), Substring("measure", "ข")])),
        ("ก AND NOT ข", query.And([Substring("text", "ก"), query.Not(Substring("text", "ข"))])),
    ],
)
def test_operators_against_parentheses_are_read_as_meant(text: str, meant) -> None:
    assert parse(text, SCHEMA) == meant


@pytest.mark.parametrize(
    "text",
    ['"ก AND"', '"NOT"', "'ก OR'", "ก and ข", "ต.ค.~ธ.ค.", '"ร้อง~"', "measure:\"ก ข\"", "ก^2"],
)
def test_operators_and_marks_inside_quotes_or_words_are_text(text: str) -> None:
    assert check(text, FIELDS)
    parse(text, SCHEMA)  # no QueryError


def test_check_spaces_parentheses_outside_quotes_only() -> None:
    assert check('NOT(ก) "(ข)"', FIELDS) == 'NOT ( ก )  "(ข)"'
    assert check("measure:(ก)", FIELDS) == "measure:( ก ) "


TOKENS = ["ก", "ข", "e-serv", "256", "AND", "OR", "NOT", "ANDNOT", "(", ")", '"', "'", "~", "~2",
          "^", "^2", "*", "?", ":", "measure:", "year:", "agency:", "[", "]", "TO", "-", "&&"]


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory):
    from index.fulltext import FullTextIndex
    from tests.unit.test_search import BANGKROK, BANLAT, stored

    index = FullTextIndex(tmp_path_factory.mktemp("q") / "index")
    index._index_reports([stored(1, BANGKROK), stored(2, BANLAT)])
    yield index
    index.close()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(TOKENS), max_size=6), st.lists(st.booleans(), max_size=6))
def test_property_any_query_is_searched_or_refused_with_one_line(
    tiny_index, tokens: list[str], spaces: list[bool]
) -> None:
    text = "".join(t + (" " if spaces[i : i + 1] == [True] else "") for i, t in enumerate(tokens))
    try:
        tiny_index.search(text)
    except QueryError as e:
        assert str(e) and "\n" not in str(e)
