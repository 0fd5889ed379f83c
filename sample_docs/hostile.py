"""Hostile inputs: PDFs built to exhaust a reader rather than to be read.

Each is written byte by byte with a tiny PDF writer (so its structure is exactly what it says),
deterministically, and small on disk: the bombs repeat one compressed block, the 5,000-page
file and the deep page tree go through `qpdf --object-streams=generate`. The file with
JavaScript and an embedded program is a real sample with both added by qpdf.

Only the Python standard library is needed for the bombs (tests build the 2 GiB one into a
temporary folder at test time); qpdf is needed for many_pages.pdf, deep_nesting.pdf and
active_content.pdf, which are committed.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import zlib
from pathlib import Path

# What bad.py writes into bad/ from here.
FILES = ("bomb.pdf", "many_pages.pdf", "deep_nesting.pdf", "reference_loop.pdf", "huge_page.pdf",
         "page_tree_loop.pdf", "active_content.pdf")
GIB = 1 << 30
BOMB_INFLATES_TO = 2 * GIB
MANY_PAGES = 5000
DEEP_LEVELS = 3000  # pdfminer walks the page tree recursively: Python stops at 1000 frames
HUGE_PAGE = 14400  # points: the largest page size the PDF format allows (200 inches)

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
SETUP_EXE = b"MZ" + b"\0" * 62 + b"Not a program: a raingan test file named like one.\n"
ATTACHED_ON = "D:20250301090000+07'00'"
SCRIPT = "app.alert('This report runs JavaScript when it is opened.');"


def stream(entries: bytes, data: bytes) -> bytes:
    """A stream object's bytes: its dictionary entries plus /Length, then the data."""
    return b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def write_pdf(
    objects: dict[int, bytes], out: Path, root: int = 1, packed: frozenset[int] = frozenset()
) -> None:
    """Write numbered objects as a PDF with a classic cross-reference table; or, with `packed`,
    those objects in one compressed object stream and the table as a cross-reference stream."""
    buf = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(set(objects) - packed):
        offsets[num] = len(buf)
        buf += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    if packed:
        _write_packed(buf, offsets, {n: objects[n] for n in sorted(packed)}, size, root)
    else:
        xref = len(buf)
        buf += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for num in range(1, size):
            buf += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
        buf += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    out.write_bytes(bytes(buf))


def _write_packed(
    buf: bytearray, offsets: dict[int, int], packed: dict[int, bytes], size: int, root: int
) -> None:
    """An object stream (number `size`) holding `packed`, then a cross-reference stream."""
    header, body = bytearray(), bytearray()
    for num, obj in packed.items():
        header += b"%d %d " % (num, len(body))
        body += obj + b"\n"
    stm, xref_num = size, size + 1
    offsets[stm] = len(buf)
    data = zlib.compress(bytes(header + body))
    entries = b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode" % (len(packed), len(header))
    buf += b"%d 0 obj\n" % stm + stream(entries, data) + b"\nendobj\n"
    offsets[xref_num] = len(buf)
    rows = bytearray(b"\0\0\0\0\0\xff\xff")  # object 0: the head of the free list
    index = {num: i for i, num in enumerate(packed)}
    for num in range(1, xref_num + 1):
        if num in index:
            rows += b"\2" + stm.to_bytes(4, "big") + index[num].to_bytes(2, "big")
        elif num in offsets:
            rows += b"\1" + offsets[num].to_bytes(4, "big") + b"\0\0"
        else:
            rows += b"\0" * 5 + b"\xff\xff"
    entries = b"/Type /XRef /Size %d /W [1 4 2] /Root %d 0 R" % (xref_num + 1, root)
    buf += b"%d 0 obj\n" % xref_num + stream(entries, bytes(rows)) + b"\nendobj\n"
    buf += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_num]


def text_content(lines: list[str], x: int = 72, top: int = 770, size: int = 14) -> bytes:
    """A content stream that prints Latin lines in Helvetica (font resource /F1)."""
    ops = [b"BT /F1 %d Tf %d TL %d %d Td" % (size, size + 4, x, top)]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def one_page(content: bytes, media: tuple[int, int] = (595, 842), extra: bytes = b"") -> dict:
    """Objects 1-5 of a one-page file: catalog, page tree, page, font, content stream."""
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % media
        + b"/Resources << /Font << /F1 4 0 R >> " + extra + b">> /Contents 5 0 R >>",
        4: FONT,
        5: stream(b"", content),
    }


def _adler32_repeated(byte: int, n: int) -> int:
    """zlib.adler32 of `n` copies of one byte, in closed form (A = 1 + b*n, B = sum of As)."""
    mod = 65521
    a = (1 + byte * n) % mod
    b = (n + byte * n * (n + 1) // 2) % mod
    return (b << 16) | a


def spaces_bomb(size: int, block: int = 1 << 20) -> bytes:
    """A zlib stream that inflates to `size` spaces (a multiple of `block`), built in a blink.

    After a full flush the compressor starts afresh, so every block of spaces compresses to the
    same bytes: one block is compressed and repeated, and the checksum is computed directly.
    Spaces are what a content stream may hold any amount of, so the page stays well-formed.
    """
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    unit = deflate.compress(b" " * block) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.flush(zlib.Z_FINISH)
    return b"\x78\xda" + unit * (size // block) + end + _adler32_repeated(32, size).to_bytes(4, "big")


def make_bomb(out: Path, inflates_to: int = BOMB_INFLATES_TO, layers: int = 1) -> None:
    """A one-page file whose content stream inflates to `inflates_to` bytes.

    layers=1 is the classic: about 1 KB per MB, so 2 GiB comes from a 2 MB file. layers=2
    compresses that once more (a /FlateDecode /FlateDecode chain) into a few kilobytes.
    """
    data = spaces_bomb(inflates_to)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    filters = b"[" + b" /FlateDecode" * layers + b" ]"
    objects = one_page(b"")
    objects[5] = stream(b"/Filter " + filters, data)
    write_pdf(objects, out)


def make_huge_page(out: Path) -> None:
    """A 14,400 x 14,400 pt page (the format's largest) with a text layer and a full-page image.

    The image is 14,400 x 14,400 one-bit pixels (26 MB raw, 25 KB compressed): reading the text
    must never rasterise it, and rendering it at 300 dpi would take 8.1 billion pixels.
    """
    side = HUGE_PAGE
    row = bytes([0xFF]) * (side // 8)
    pixels = zlib.compress(row * side, 9)
    content = b"q %d 0 0 %d 0 0 cm /Im1 Do Q\n" % (side, side) + text_content(
        ["Scanned poster with a text layer", "ITA report annex, 14400 x 14400 pt page"],
        top=side - 200,
        size=48,
    )
    objects = one_page(content, (side, side), b"/XObject << /Im1 6 0 R >> ")
    objects[6] = stream(
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 1 /Filter /FlateDecode" % (side, side),
        pixels,
    )
    write_pdf(objects, out)


def _compact(raw: Path, out: Path) -> None:
    """Pack a file's objects into compressed object streams (qpdf), keeping its structure."""
    subprocess.run(["qpdf", "--deterministic-id", "--object-streams=generate", str(raw), str(out)],
                   check=True)


def make_many_pages(out: Path, pages: int = MANY_PAGES) -> None:
    """`pages` pages that share one font and one content stream: 49 KB for 5,000 pages."""
    objects = one_page(text_content(["One of many identical pages."]))
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % (10 + i) for i in range(pages)), pages)
    objects[3] = b"null"  # the one-page template's page is not in the tree
    for i in range(pages):
        objects[10 + i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                           b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp, "raw.pdf")
        write_pdf(objects, raw)
        _compact(raw, out)


def make_deep_nesting(out: Path, levels: int = DEEP_LEVELS) -> None:
    """One page at the bottom of a page tree `levels` deep (real files nest a few levels)."""
    objects = one_page(text_content(["A page at the bottom of a very deep page tree."]))
    first = 10
    objects[2] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % first
    for i in range(levels):
        parent = first + i - 1 if i else 2
        objects[first + i] = b"<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>" % (
            parent, first + i + 1)
    objects[first + levels] = objects.pop(3).replace(
        b"/Parent 2 0 R", b"/Parent %d 0 R" % (first + levels - 1))
    objects[3] = b"null"
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp, "raw.pdf")
        write_pdf(objects, raw)
        _compact(raw, out)


def make_page_tree_loop(out: Path) -> None:
    """A page tree whose root lists itself among its kids (and counts 2 pages)."""
    objects = one_page(text_content(["The page tree of this file loops back on itself."]))
    objects[2] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"
    write_pdf(objects, out)


def make_reference_loop(out: Path) -> None:
    """The catalog's /Pages names object 6, which is only a reference to 7, which names 6."""
    objects = one_page(text_content(["Unreachable: the page tree is a reference loop."]))
    objects[1] = b"<< /Type /Catalog /Pages 6 0 R >>"
    objects[6] = b"7 0 R"
    objects[7] = b"6 0 R"
    write_pdf(objects, out)


def _qpdf_json(path: Path) -> dict:
    out = subprocess.run(["qpdf", "--json-output=2", "--json-key=qpdf", str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["qpdf"][1]


def make_active_content(src: Path, out: Path) -> None:
    """A real sample that runs JavaScript when opened and carries setup.exe.

    The catalog's /OpenAction is a JavaScript action whose /Next launches setup.exe, page 1 runs
    a second script when shown (/AA /O), and setup.exe is attached as an embedded file.
    """
    with tempfile.TemporaryDirectory() as tmp:
        exe, attached = Path(tmp, "setup.exe"), Path(tmp, "attached.pdf")
        exe.write_bytes(SETUP_EXE)
        subprocess.run(["qpdf", "--deterministic-id", str(src), "--add-attachment", str(exe),
                        "--key=setup.exe", f"--creationdate={ATTACHED_ON}",
                        f"--moddate={ATTACHED_ON}",
                        "--mimetype=application/vnd.microsoft.portable-executable", "--",
                        str(attached)], check=True)
        objects = _qpdf_json(attached)
        root = objects["trailer"]["value"]["/Root"]
        catalog = objects[f"obj:{root}"]["value"]
        catalog["/OpenAction"] = {
            "/S": "/JavaScript", "/JS": f"u:{SCRIPT}",
            "/Next": {"/S": "/Launch", "/F": "u:setup.exe"},
        }
        first_page = objects[f"obj:{catalog['/Pages']}"]["value"]["/Kids"][0]
        page = objects[f"obj:{first_page}"]["value"]
        page["/AA"] = {"/O": {"/S": "/JavaScript", "/JS": "u:this.print();"}}
        patch = {"qpdf": [{"jsonversion": 2}, {f"obj:{root}": {"value": catalog},
                                               f"obj:{first_page}": {"value": page}}]}
        patch_file = Path(tmp, "patch.json")
        patch_file.write_text(json.dumps(patch), encoding="utf-8")
        subprocess.run(["qpdf", "--deterministic-id", str(attached),
                        f"--update-from-json={patch_file}", str(out)], check=True)

