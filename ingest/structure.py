"""What a PDF carries besides its pages, named for the auditor and never acted on.

JavaScript is never run and embedded files are never extracted (raingan has no code that could
do either); a report that carries them says so in its warnings, with the files' names, since a
government report that ships a script or a program is itself worth an auditor's look. Every
object of the file is looked at once, so an action hidden in an annotation, a form field or an
orphaned object is seen as well as one in the document's name trees. The walk is iterative and
never follows references (each referenced object is visited on its own), so deep nesting and
loops in the object graph cost nothing more.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSLiteral
from pdfplumber.utils.pdfinternals import decode_text

# Names past this many are counted, not listed: a warning stays one readable line.
MAX_NAMES = 5
MAX_NAME_CHARS = 80


@dataclass(frozen=True)
class Carried:
    """Active content found in a file."""

    scripts: int = 0  # JavaScript actions
    launches: int = 0  # actions that would start a program
    files: tuple[str, ...] = ()  # names of embedded files, in file order


def _name(value: Any) -> str:
    if isinstance(value, PSLiteral):
        return str(value.name)
    if isinstance(value, bytes | str):
        return decode_text(value)
    return ""


def _clean(name: str) -> str:
    """A file name fit for one line: no control characters, not too long."""
    text = " ".join("".join(c if c.isprintable() else " " for c in name).split())
    return text if len(text) <= MAX_NAME_CHARS else text[: MAX_NAME_CHARS - 1] + "…"


def _objects(doc: PDFDocument) -> Iterator[Any]:
    """Every object the cross-reference tables list, once; unreadable ones are skipped."""
    seen: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                yield doc.getobj(objid)
            except Exception:  # noqa: BLE001 - a damaged object is the page reader's concern
                continue


def _dicts(obj: Any) -> Iterator[dict]:
    """The dictionaries in one object, nested ones included, without following references."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, PDFStream):
            item = item.attrs
        if isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, dict | list))


def carried(doc: PDFDocument) -> Carried:
    """JavaScript actions, launch actions and embedded file names anywhere in `doc`."""
    scripts = launches = 0
    files: list[str] = []
    for obj in _objects(doc):
        for d in _dicts(obj):
            kind = _name(d.get("S"))
            if kind == "JavaScript" or "JS" in d:
                scripts += 1
            elif kind == "Launch":
                launches += 1
            if "EF" in d:  # a file specification with the file inside it
                files.append(_clean(_name(d.get("UF")) or _name(d.get("F"))) or "(no name)")
    return Carried(scripts, launches, tuple(files))


def carried_warnings(found: Carried) -> list[str]:
    """One warning per kind of active content, naming embedded files."""
    warnings = []
    if found.scripts:
        n = found.scripts
        warnings.append(f"carries JavaScript ({n} script{'s' if n > 1 else ''}); it is never run")
    if found.launches:
        warnings.append("asks to launch a program; it is never launched")
    if found.files:
        names = ", ".join(found.files[:MAX_NAMES])
        more = len(found.files) - MAX_NAMES
        if more > 0:
            names += f" and {more} more"
        word = "files" if len(found.files) > 1 else "file"
        warnings.append(f"carries embedded {word}, never extracted: {names}")
    return warnings


def page_count_warning(doc: PDFDocument, found: int) -> str | None:
    """A warning when the page tree's own count disagrees with the pages found in it.

    pdfminer visits each page-tree node once, so a tree that loops back on itself, or lists a
    page twice, reads each page once; the count it claims then tells that it is damaged.
    """
    try:
        claimed = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
    except Exception:  # noqa: BLE001 - no readable count: nothing to compare
        return None
    if not isinstance(claimed, int) or claimed == found:
        return None
    return f"damaged page tree: it claims {claimed} pages, {found} found"
