"""What a PDF carries besides its pages, named for the auditor and never acted on.

JavaScript is never run and embedded files are never extracted (raingan has no code that could
do either); a report that carries them says so in its warnings, with the files' names, since a
government report that ships a script or a program is itself worth an auditor's look. Every
object of the file is looked at once, so an action hidden in an annotation, a form field or an
orphaned object is seen as well as one in the document's name trees. The walk is iterative and
never follows references (each referenced object is visited on its own), so deep nesting and
loops in the object graph cost nothing more.

Parsing every object is most of the walk's cost (a tagged report's structure tree is thousands
of objects no page needs), so when the file's bytes are at hand a byte scan comes first: a
dictionary is only ever written in the file's body or inside an object stream, and names are
never encrypted, so a file in which no name could spell JS, JavaScript, Launch or EF, even
through #xx escapes, has nothing the walk could find, and the walk is skipped. A file in which
one could (or whose object streams cannot be read) is walked in full.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFStream, resolve1, stream_value
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


def _spelled(word: bytes) -> bytes:
    """A pattern for the name /word as pdfminer may read it: each byte as itself or as a #xx
    escape, after any number of '#' (pdfminer drops a '#' that no hex digit follows)."""
    def byte(b: int) -> bytes:
        escape = b"".join(b"[%s%s]" % (bytes([h]).upper(), bytes([h]).lower()) for h in b"%02x" % b)
        return b"#*(?:%s|#%s)" % (re.escape(bytes([b])), escape)
    return b"/" + b"".join(byte(b) for b in word)


# The names the walk acts on. A longer name that starts with one matches too: a needless walk,
# never a missed one.
_CUES = re.compile(b"|".join(_spelled(w) for w in (b"JS", b"JavaScript", b"Launch", b"EF")))


def could_carry(data: bytes | mmap.mmap) -> bool:
    """Whether `data` (a file's bytes, or an object stream's) holds a name the walk acts on."""
    return _CUES.search(data) is not None


def _object_streams(doc: PDFDocument) -> set[int]:
    """The numbers of the object streams that the cross-reference tables point into."""
    found = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            try:
                strmid, _, _ = xref.get_pos(objid)
            except KeyError:
                continue
            if strmid is not None:
                found.add(strmid)
    return found


def _needs_walk(doc: PDFDocument, path: Path) -> bool:
    try:
        with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as raw:
            if could_carry(raw):
                return True
        # Decoded once here, each stream's data is kept by pdfminer for the pages that need it.
        return any(could_carry(stream_value(doc.getobj(n)).get_data())
                   for n in _object_streams(doc))
    except Exception:  # noqa: BLE001 - whatever could not be scanned is walked
        return True


def _name(value: Any) -> str:
    if isinstance(value, PSLiteral):
        return str(value.name)
    if isinstance(value, bytes | str):
        return decode_text(value)
    return ""


def _action(value: Any) -> str:
    """An action's type: a name, as the PDF reference has it (a string there is no action)."""
    return str(value.name) if isinstance(value, PSLiteral) else ""


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


def carried(doc: PDFDocument, path: Path | None = None) -> Carried:
    """JavaScript actions, launch actions and embedded file names anywhere in `doc`.

    With `path`, the file `doc` was read from, a file whose bytes could not hold any of them is
    not walked (see the module's docstring).
    """
    scripts = launches = 0
    files: list[str] = []
    if path is not None and not _needs_walk(doc, path):
        return Carried()
    for obj in _objects(doc):
        for d in _dicts(obj):
            kind = _action(d.get("S"))
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
