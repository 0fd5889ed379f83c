"""Query strings that Whoosh would read as something other than what was typed.

Whoosh's query parser never fails: a dangling operator becomes a search for the word "or", a
fuzzy `~` becomes part of the text, `NOT(` is a word and `"…"~2` quietly drops the `~2`. The
user then sees 0 hits, or the wrong hits, and no reason. `check` refuses each such query with
a QueryError whose message is one line: what is wrong and how to write it. The one misreading
it repairs instead is an operator written against a parenthesis (`NOT(ก)`, `ก AND(ข)`): Whoosh
only takes AND/OR/NOT between spaces, so parentheses get spaces around them.

Only the shapes of the query are checked here (quotes, parentheses, operators, field names,
`~` and `^`); what the words mean is index.search's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Whoosh's default operators; they are operators only in capitals.
BINARY = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE", "REQUIRE"})
NOT = "NOT"
_QUOTED = re.compile(r'"[^"]*"')
# Whoosh's SingleQuotePlugin: 'text' after a non-word character, before space/bracket/end.
_SINGLE_QUOTED = re.compile(r"(^|(?<=\W))'(.*?)'(?=\s|\]|[)}]|$)")
_PROXIMITY = re.compile(r"~[\d.]*")
_FIELD_REF = re.compile(r"(?<![\w:])([A-Za-z_]\w*):")
_FIELD_ONLY = re.compile(r"[A-Za-z_]\w*:")
_TOKEN = re.compile(r"[()]|[^\s()]+")
_FUZZY = re.compile(r"~\d*(?:\.\d+)?(?:/\d+)?$")


class QueryError(ValueError):
    """A query string that cannot be searched; the message is one line for the user."""


def check(text: str, fields: Iterable[str]) -> str:
    """The query as Whoosh should get it, or QueryError saying what is wrong and how to write
    it. `fields` are the names a query may use as `name:value`."""
    if not text.strip():
        raise QueryError("empty query: type a word to search for")
    if text.count('"') % 2:
        raise QueryError(f'unbalanced quote in {text}: close the phrase with another "')
    masked = _mask_quotes(text)
    _check_fields(masked, tuple(fields))
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(masked)]
    _check_words(text, tokens)
    _check_grammar(text, tokens)
    return _space_parentheses(text, masked)


def _mask_quotes(text: str) -> str:
    """text with every quoted phrase's inside turned to "Q" (same length), so nothing in a
    phrase is taken for an operator; a proximity `~N` after a phrase is refused."""

    def hide(m: re.Match[str]) -> str:
        after = _PROXIMITY.match(text, m.end())
        if after:
            phrase = m.group()
            raise QueryError(
                f"proximity search is not supported ({phrase}{after.group()}): write {phrase} "
                f"for the words together, or {' AND '.join(phrase.strip(chr(34)).split())} "
                "for each anywhere in the measure"
            )
        return '"' + "Q" * (len(m.group()) - 2) + '"'

    masked = _QUOTED.sub(hide, text)
    return _SINGLE_QUOTED.sub(lambda m: m.group(1) + "'" + "Q" * len(m.group(2)) + "'", masked)


def _check_fields(masked: str, fields: tuple[str, ...]) -> None:
    for name in _FIELD_REF.findall(masked):
        if name not in fields:
            raise QueryError(
                f"unknown field {name!r} (fields are: {', '.join(fields)}); "
                f'to search for text with a colon in it, quote it: "{name}:…"'
            )


def _check_words(text: str, tokens: list[tuple[str, int, int]]) -> None:
    """Fuzzy `~`, a `^` with no weight, a field with no value."""
    for i, (token, start, end) in enumerate(tokens):
        original = text[start:end]
        if token in ("(", ")") or token in BINARY or token == NOT:
            continue
        if _FUZZY.search(token):
            word = original[: _FUZZY.search(token).start()]
            raise QueryError(
                f"fuzzy search is not supported ({original}): write {word or 'the word'}, "
                f'which also finds it inside longer words; quote "{original}" to search for '
                "the ~ itself"
            )
        if token.endswith("^"):
            raise QueryError(
                f"^ needs a number after it ({original}2 counts {original[:-1]} twice); "
                f'quote "{original}" to search for the ^ itself'
            )
        if _FIELD_ONLY.fullmatch(token):
            follows = tokens[i + 1] if i + 1 < len(tokens) else None
            if follows is None or follows[0] != "(" or follows[1] != end:
                raise QueryError(
                    f"{original} needs a value right after the colon, e.g. {original}ร้องเรียน"
                )


def _without(tokens: list[tuple[str, int, int]], skip: int) -> str:
    """The query without token number `skip` and any operator left dangling by that, for
    "write … instead"."""
    words = [t for i, (t, _, _) in enumerate(tokens) if i != skip]
    changed = True
    while changed:
        changed = False
        for i, word in enumerate(words):
            kind = _kind(word)
            before = _kind(words[i - 1]) if i else None
            after = _kind(words[i + 1]) if i + 1 < len(words) else None
            dangling = kind == "bin" and (before in (None, "(", "bin", NOT) or after in (None, ")"))
            if dangling or (kind == NOT and after in (None, ")", "bin", NOT)):
                del words[i]
                changed = True
                break
    return re.sub(r"\( | \)", lambda m: m.group().strip(), " ".join(words))


def _check_grammar(text: str, tokens: list[tuple[str, int, int]]) -> None:
    """Operators need a word on each side (NOT: after it); parentheses hold something."""
    originals = [(text[s:e], s, e) for _, s, e in tokens]
    kinds = [_kind(t) for t, _, _ in tokens]
    depth = 0
    for i, kind in enumerate(kinds):
        prev = kinds[i - 1] if i else None
        after = kinds[i + 1] if i + 1 < len(kinds) else None
        op = tokens[i][0]
        if kind == "(":
            depth += 1
        elif kind == ")":
            if depth == 0:
                raise QueryError(f'")" in {text} closes no "(": remove it, or add the "("')
            if prev == "(":
                raise QueryError(
                    f"empty parentheses in {text}: put words inside, or leave them out"
                )
            depth -= 1
        elif kind == "bin" and prev in (None, "(", NOT):
            raise QueryError(_dangling(op, "before", _without(originals, i)))
        elif kind == "bin" and after == "bin":
            raise QueryError(
                f"two operators in a row ({op} {tokens[i + 1][0]}): keep one, e.g. "
                f"{_without(originals, i)}"
            )
        elif kind == "bin" and after in (None, ")"):
            raise QueryError(_dangling(op, "after", _without(originals, i)))
        elif kind == NOT and prev == NOT:
            raise QueryError('NOT NOT: write NOT once ("NOT ข" finds measures without ข)')
        elif kind == NOT and after in (None, ")", "bin"):
            rest = _without(originals, i)
            example = (
                f"write {rest} to leave it out"
                if rest
                else 'quote "NOT" to search for the word itself'
            )
            raise QueryError(f'NOT has no word after it: "ก NOT ข" finds ก without ข; {example}')
    if depth:
        raise QueryError(f'unbalanced parentheses in {text}: close each "(" with a ")"')


def _kind(token: str) -> str:
    if token in ("(", ")"):
        return token
    if token in BINARY:
        return "bin"
    return NOT if token == NOT else "word"


def _dangling(op: str, side: str, rest: str) -> str:
    instead = f"write {rest}, or " if rest else ""
    return (
        f"{op} has no word {side} it: {instead}put a word on each side (ก {op} ข); "
        f'quote "{op}" to search for the word itself'
    )


def _space_parentheses(text: str, masked: str) -> str:
    """Spaces around each parenthesis outside quotes (not between `field:` and its "("), so
    that Whoosh takes an operator written against one for an operator."""
    out: list[str] = []
    for at, ch in enumerate(text):
        if masked[at] == "(":
            out.append("( " if at and text[at - 1] == ":" else " ( ")
        elif masked[at] == ")":
            out.append(" ) ")
        else:
            out.append(ch)
    return "".join(out)
