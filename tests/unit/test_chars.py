"""The character prepass on tiny hand-built pdfplumber char dicts."""

import copy
from pathlib import Path

from ingest import chars as ch


def char(text, x0, x1, top=100.0, font="F", size=16.0):
    return {
        "text": text,
        "x0": x0,
        "x1": x1,
        "width": x1 - x0,
        "top": top,
        "bottom": top + size,
        "doctop": top,
        "y0": 800 - top - size,
        "y1": 800 - top,
        "upright": True,
        "fontname": font,
        "size": size,
    }


def line(glyphs, font="F", x=10.0):
    """Chars drawn one after another from (text, advance width) pairs."""
    out = []
    for text, w in glyphs:
        out.append(char(text, x, x + w, font=font))
        x += w
    return out


def texts(chars):
    return "".join(c["text"] for c in chars)


def test_snap_marks_gives_mark_the_base_box():
    # ก U+0E01 at 10..20, SARA I U+0E34 drawn at 17 (zero width)
    out = ch.snap_marks([char("ก", 10, 20), char("\u0e34", 17, 17, top=99)])
    mark = out[1]
    assert 10 < mark["x0"] < 10.01
    assert mark["x1"] == 20
    assert mark["top"] == 100.0


def test_snap_marks_mark_drawn_past_next_consonant_sorts_after_its_base():
    # Tahoma: ว U+0E27 647.38..655.85, SARA I U+0E34 at 657.1, ส U+0E2A 655.9..666.16
    chars = [char("ว", 647.38, 655.85), char("\u0e34", 657.1, 657.1), char("ส", 655.9, 666.16)]
    assert ch.chars_text(ch.prepass_chars(chars)) == "วิส"


def test_chars_text_without_prepass_would_misorder():
    # The same three glyphs sorted by x alone put SARA I after ส: the bug the prepass fixes.
    from pdfplumber.utils import extract_text

    chars = [char("ว", 647.38, 655.85), char("\u0e34", 657.1, 657.1), char("ส", 655.9, 666.16)]
    assert extract_text(chars) == "วสิ"


def test_snap_marks_orders_vowel_before_tone():
    # ท U+0E17, then MAI EK U+0E48 drawn before SARA II U+0E35: rank puts the vowel first
    chars = [char("ท", 10, 20), char("\u0e48", 18, 18), char("\u0e35", 18, 18), char("น", 20, 28)]
    assert ch.chars_text(ch.prepass_chars(chars)) == "ที่น"


def test_snap_marks_leaves_mark_far_from_base():
    out = ch.snap_marks([char("ก", 10, 20), char("\u0e34", 200, 200)])
    assert out[1]["x0"] == 200


def test_snap_marks_does_not_mutate_input():
    chars = [char("ก", 10, 20), char("\u0e34", 17, 17)]
    ch.snap_marks(chars)
    assert chars[1]["x0"] == 17


def test_map_pua_chars():
    # ข U+0E02, U+F70B (MAI THO, PUA), อ U+0E2D
    out = ch.map_pua_chars([char("ข", 10, 17), char("\uf70b", 17, 17), char("อ", 17, 23)])
    assert texts(out) == "ข้อ"


def test_fixes_called_alone_pass_a_page_they_do_not_apply_to_through():
    # prepass_chars() looks before it calls a fix; called alone, a fix reads every char and
    # hands back the very dicts it was given where it has nothing to fix.
    chars = [char("ส", 10, 17), char(" ", 17, 21), char("\u0e32", 21, 26), char("น", 26, 33)]
    for fix in (ch.map_pua_chars, ch.restore_nikhahit):
        out = fix(chars)
        assert out == chars and out is not chars
        assert all(a is b for a, b in zip(out, chars, strict=True))


def test_restore_nikhahit_before_sara_aa():
    # ส U+0E2A, a zero-width space glyph, SARA AA U+0E32: "ส านัก" in MS Word output
    chars = [char("ส", 10, 17), char(" ", 17, 17), char("\u0e32", 17, 22), char("น", 22, 29)]
    assert texts(ch.restore_nikhahit(chars)) == "ส\u0e4d\u0e32น"


def test_restore_nikhahit_empty_text_glyph():
    chars = [char("ต", 10, 17), char("", 17, 17), char("\u0e32", 17, 22)]
    assert texts(ch.restore_nikhahit(chars)) == "ต\u0e4d\u0e32"


def test_restore_nikhahit_after_tone():
    # น, MAI THO U+0E49, empty glyph, SARA AA -> NIKHAHIT in between
    chars = [char("น", 10, 17), char("\u0e49", 17, 17), char(" ", 17, 17), char("\u0e32", 17, 22)]
    assert texts(ch.restore_nikhahit(chars)) == "น\u0e49\u0e4d\u0e32"


def test_restore_nikhahit_drops_empty_glyph_before_sara_am():
    # น, zero-width space, SARA AM U+0E33 ("ผู้น ำ" in Tahoma output)
    chars = [char("น", 10, 17), char(" ", 17, 17), char("\u0e33", 17, 23)]
    assert texts(ch.restore_nikhahit(chars)) == "น\u0e33"


def test_restore_nikhahit_keeps_real_space():
    chars = [char("ก", 10, 17), char(" ", 17, 21), char("\u0e32", 21, 26)]
    assert texts(ch.restore_nikhahit(chars)) == "ก \u0e32"


def test_restore_nikhahit_leaves_zero_width_cid():
    # Regression: in MS Reporting Services output (cid:917) before SARA AA is MAI EK
    # (รายจ่าย), so a cid glyph must not become NIKHAHIT.
    chars = [char("จ", 10, 17), char("(cid:917)", 17, 17), char("\u0e32", 17, 22)]
    assert texts(ch.restore_nikhahit(chars)) == "จ(cid:917)\u0e32"


def tahoma_aa_as_am():
    # A font mapping SARA AA's glyph to U+0E33: ด้าน drawn as ด U+0E49 U+0E33(=AA) น,
    # and a real SARA AM as an empty glyph + U+0E33 (นำ).
    glyphs = [("ด", 8), ("\u0e49", 0), ("\u0e33", 6), ("น", 8), (" ", 4)] * 2 + [
        ("น", 8), (" ", 0), ("\u0e33", 6), ("ก", 8), ("\u0e33", 6),
    ]  # fmt: skip
    return line(glyphs, font="Tahoma,Bold")


def test_aa_as_am_fonts_found():
    assert ch.aa_as_am_fonts(tahoma_aa_as_am()) == {"Tahoma,Bold"}


def test_aa_as_am_fonts_not_found_where_font_has_sara_aa():
    chars = tahoma_aa_as_am() + [char("\u0e32", 300, 305, font="Tahoma,Bold")]
    assert ch.aa_as_am_fonts(chars) == frozenset()


def test_prepass_aa_as_am_font():
    out = ch.prepass_chars(tahoma_aa_as_am())
    # SARA AM read as SARA AA; the real SARA AM is NIKHAHIT + SARA AA for the text repair
    assert texts(out) == "ด้าน ด้าน น\u0e4d\u0e32กา"


def test_chars_text_no_space_inserted_inside_word():
    # ส านักงาน with the zero-width glyph: extraction must not split the word
    chars = line([("ส", 7), (" ", 0), ("\u0e32", 5), ("น", 7), ("\u0e31", 0), ("ก", 7)])
    assert ch.chars_text(ch.prepass_chars(chars)) == "ส\u0e4d\u0e32นัก"


def test_prepass_never_changes_the_chars_it_is_given():
    # pdfplumber caches a page's chars: a fix must come out as a new dict, not in place.
    # ก, MAI THO U+0E49 in its PUA form U+F70B drawn off its base, ส, an empty glyph, SARA AA
    chars = [char("ก", 10, 20), char("\uf70b", 17, 17), char("ส", 20, 28), char("", 28, 28),
             char("\u0e32", 28, 34)]
    before = copy.deepcopy(chars)
    out = ch.prepass_chars(chars)
    assert chars == before
    assert [c["text"] for c in out] == ["ก", "\u0e49", "ส", "\u0e4d", "\u0e32"]
    assert out[1]["x0"] == 10 + ch.EPSILON * 2 and out[0] is chars[0]


def test_chars_text_keeps_a_2_5_pt_gap_between_words():
    # Regression: with pdfplumber's default 3 pt tolerance "85 ปี" came out as "85ปี".
    chars = [char("8", 10, 16), char("5", 16, 22), char("ป", 24.5, 31), char("\u0e35", 29, 29)]
    assert ch.chars_text(ch.prepass_chars(chars)) == "85 ปี"


def test_words_text_gives_chars_text_for_lines_of_words() -> None:
    # Two words a space apart on one line, a third on the next: words_text() builds the text
    # from page_words() the way pdfplumber's extract_text builds it from the chars.
    chars = [*line([("ก", 8), ("ข", 8)]), char("ค", 40, 48), char("ง", 10, 18, top=130.0)]
    assert ch.words_text(ch.page_words(chars)) == ch.chars_text(chars) == "กข ค\nง"
    assert ch.words_text(ch.page_words([])) == ch.chars_text([]) == ""


def test_words_text_gives_chars_text_on_every_sample_page() -> None:
    # The parser takes the page text from the words it also reads tables from; a pdfplumber
    # that built extract_text otherwise would show here.
    import pdfplumber

    samples = Path(__file__).resolve().parents[2] / "sample_docs"
    pages = 0
    for name in ("banlat_2568_chromium.pdf", "chaam_2567_typst.pdf", "thayang_2566_calc.pdf"):
        with pdfplumber.open(samples / name) as pdf:
            for page in pdf.pages:
                chars = ch.prepass_chars(page.chars)
                assert ch.words_text(ch.page_words(chars)) == ch.chars_text(chars)
                pages += 1
    assert pages > 10
