"""Deskew, rules and cells, text lines and touching digits on small numpy-drawn images."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ingest.ocr.cellimage import Blobs, Line, letter_height, prepare, text_lines
from ingest.ocr.deskew import binarize, deskew, rotate, skew_angle
from ingest.ocr.digits import THAI_DIGITS, classify, split_touching, templates
from ingest.ocr.grid import (
    MERGE_GAP,
    blob_boxes,
    find_rules,
    find_tables,
    rule_length,
    table_rows,
)

WHITE = 255


def page(h: int = 600, w: int = 800) -> np.ndarray:
    return np.full((h, w), WHITE, np.uint8)


def text_block(img: np.ndarray, x: int, y: int, lines: int, width: int, pitch: int = 40) -> None:
    """Lines of "letters": stems 3 px wide and 18 px tall, 7 px apart, in words, like print
    (no run of ink longer than a letter, as in real text)."""
    rng = np.random.default_rng(x * 31 + y)
    for i in range(lines):
        cx = x
        while cx < x + width:
            for _ in range(int(rng.integers(2, 7))):
                cv2.rectangle(img, (cx, y + i * pitch), (cx + 2, y + i * pitch + 18), 0, -1)
                cx += 7
            cx += int(rng.integers(8, 16))


def ruled_table(img: np.ndarray, xs: list[int], ys: list[int]) -> None:
    for x in xs:
        cv2.line(img, (x, ys[0]), (x, ys[-1]), 0, 2)
    for y in ys:
        cv2.line(img, (xs[0], y), (xs[-1], y), 0, 2)


@pytest.mark.parametrize("angle", [-2.0, -0.7, 0.0, 1.2, 2.0])
def test_skew_angle_finds_the_lean_of_a_text_page(angle: float) -> None:
    img = page()
    text_block(img, 60, 60, 12, 680)
    leaned = rotate(img, angle)
    assert skew_angle(binarize(leaned)) == pytest.approx(angle, abs=0.15)
    straight, found = deskew(leaned)
    assert abs(skew_angle(binarize(straight))) <= 0.1


def test_blank_page_has_no_lean() -> None:
    assert skew_angle(binarize(page())) == 0.0


def test_grid_of_a_ruled_table_with_text_inside() -> None:
    img = page()
    xs, ys = [50, 250, 450, 750], [100, 200, 350, 500]
    ruled_table(img, xs, ys)
    text_block(img, 60, 110, 2, 150)
    (grid,) = find_tables(find_rules(binarize(img)))
    assert grid.shape == (3, 3)
    assert all(abs(a - b) <= 2 for a, b in zip(grid.xs, xs, strict=True))
    assert all(abs(a - b) <= 2 for a, b in zip(grid.ys, ys, strict=True))
    assert len(grid.cells) == 9


def test_merged_cells_come_out_once_in_their_first_row_and_column() -> None:
    img = page()
    xs, ys = [50, 250, 450, 750], [100, 200, 350, 500]
    for x in xs:  # the rule between columns 0 and 1 stops at the second row
        top = ys[0] if x != 250 else ys[1]
        cv2.line(img, (x, top), (x, ys[-1]), 0, 2)
    for y in ys:  # no rule between rows 1 and 2 in the last column
        cv2.line(img, (xs[0], y), (xs[-1] if y != 350 else 450, y), 0, 2)
    (grid,) = find_tables(find_rules(binarize(img)))
    spans = {(c.row0, c.col0): (c.row1, c.col1) for c in grid.cells}
    assert spans[(0, 0)] == (0, 1)  # header spanning two columns
    assert spans[(1, 2)] == (2, 2)  # a cell spanning two rows
    assert len(grid.cells) == 7
    rows = table_rows(grid, {key: f"{key}" for key in spans})
    assert rows[0] == ("(0, 0)", "", "(0, 2)")
    assert rows[2][2] == ""


def test_text_alone_is_no_table() -> None:
    img = page()
    text_block(img, 40, 40, 12, 700)
    assert find_tables(find_rules(binarize(img))) == []


def test_two_tables_on_a_page_top_to_bottom() -> None:
    img = page(900)
    ruled_table(img, [50, 400, 750], [50, 150, 250])
    ruled_table(img, [50, 300, 750], [500, 600, 800])
    grids = find_tables(find_rules(binarize(img)))
    assert [g.box[1] for g in grids] == sorted(g.box[1] for g in grids)
    assert [g.shape for g in grids] == [(2, 2), (2, 2)]


def pasted(line: Line, shape: tuple[int, ...]) -> np.ndarray:
    """A line's cropped mask put back in its place in a region of `shape`."""
    full = np.zeros(shape, np.uint8)
    x0, y0, x1, y1 = line.box
    full[y0:y1, x0:x1] = line.mask
    return full


def test_text_lines_keep_a_row_of_marks_with_the_line_below() -> None:
    ink = np.zeros((200, 400), np.uint8)
    for line_top in (40, 120):
        for x in range(20, 380, 30):  # letters 20 px tall
            ink[line_top: line_top + 20, x: x + 18] = 255
        ink[line_top - 10: line_top - 5, 50:58] = 255  # a tone mark above, apart
    ink[line_top + 24: line_top + 29, 80:86] = 255  # a vowel below the second line
    lines = text_lines(ink, letter_height(ink) or 20)
    assert len(lines) == 2
    first, second = (pasted(line, ink.shape) for line in lines)
    assert first[30:35, 50:58].all() and not second[30:35].any()
    assert second[110:115, 50:58].all() and second[144:149, 80:86].all()


def test_text_lines_do_not_take_stacked_marks_for_a_line() -> None:
    ink = np.zeros((120, 400), np.uint8)
    for x in range(20, 380, 30):
        ink[60:80, x: x + 18] = 255
    ink[38:55, 200:216] = 255  # two marks blurred into one blob almost a letter tall
    lines = text_lines(ink, 20)
    assert len(lines) == 1 and pasted(lines[0], ink.shape)[40, 205]


def test_prepare_whitens_everything_but_the_kept_ink_and_adds_a_margin() -> None:
    grey = np.full((50, 100), 200, np.uint8)
    grey[10:30, 10:40] = 40
    ink = np.zeros_like(grey)
    ink[10:30, 10:40] = 255
    out = prepare(grey, ink, 1.0)
    assert out is not None and out.shape == (20 + 24, 30 + 24)
    assert out[0, 0] == WHITE and out[12 + 5, 12 + 5] < 60
    assert prepare(grey, np.zeros_like(ink), 1.0) is None


def test_split_touching_cuts_a_blob_two_digits_wide() -> None:
    mask = np.zeros((30, 60), np.uint8)
    mask[2:28, 2:22] = 1
    mask[2:28, 26:46] = 1
    mask[14:16, 22:26] = 1  # a thin bridge where blur joined them
    parts = split_touching(mask, (2, 2, 44, 26))
    assert len(parts) == 2 and all(p.shape[0] == 26 for p in parts)
    assert 18 <= parts[0].shape[1] <= 24
    assert len(split_touching(mask, (2, 2, 20, 26))) == 1


@pytest.mark.skipif(templates() is None, reason="needs fonts-thai-tlwg (the Makefile installs it)")
def test_classify_reads_blurred_thai_digits() -> None:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/tlwg/Loma.ttf", 36)
    right = 0
    for digit in THAI_DIGITS:
        image = Image.new("L", (60, 60), 255)
        ImageDraw.Draw(image).text((10, 5), digit, font=font, fill=0)
        blurred = np.asarray(image.filter(ImageFilter.GaussianBlur(1)))
        right += classify((blurred < 128).astype(np.uint8)) == digit
    assert right == 10


def test_text_lines_are_cropped_to_their_ink_with_their_own_letter_height() -> None:
    ink = np.zeros((160, 400), np.uint8)
    for x in range(20, 380, 40):  # a heading: letters 30 px tall
        ink[20:50, x: x + 24] = 255
    for x in range(20, 380, 30):  # body text: letters 20 px tall
        ink[100:120, x: x + 18] = 255
    ink[140:142, 300] = 255  # a toner speck of 2 pixels
    heading, body = text_lines(ink, 20)
    assert heading.box == (20, 20, 364, 50) and heading.mask.shape == (30, 344)
    assert heading.letter == 30 and body.letter == 20
    assert body.box[3] == 120  # the speck below joins no line
    assert not pasted(heading, ink.shape)[100:].any()


def opencv_default(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Labels and stats (background row dropped) by OpenCV's default labelling."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return labels, stats[1:]


def test_blobs_are_labelled_as_opencvs_default_labelling_does() -> None:
    img = page()
    text_block(img, 40, 40, 8, 600)
    ruled_table(img, [30, 300, 700], [30, 200, 380])
    for x in range(40, 400, 20):  # letters 12 wide and 18 tall (the outline is 2 thick)
        cv2.rectangle(img, (x, 450), (x + 9, 465), 0, 2)
    ink = binarize(img)
    labels, stats = opencv_default(ink)
    blobs = Blobs.of(ink)
    assert np.array_equal(blobs.labels, labels) and np.array_equal(blobs.stats, stats)
    assert blobs.letter == letter_height(ink) == 18.0


def test_blob_boxes_are_the_boxes_of_connected_components() -> None:
    img = page(200, 300)
    cv2.rectangle(img, (0, 0), (120, 90), 0, 2)  # a frame touching the image's corner
    cv2.rectangle(img, (30, 30), (60, 50), 0, -1)  # a blob inside the frame's hole
    cv2.line(img, (150, 199), (299, 120), 0, 1)  # a diagonal to the far edges
    for x in range(150, 290, 9):  # specks, some touching diagonally
        img[20 + x % 4, x: x + 2] = 0
    ink = binarize(img)
    _, stats = opencv_default(ink)
    want = sorted(tuple(int(v) for v in row[:4]) for row in stats)
    assert sorted(blob_boxes(ink)) == want and len(want) > 10
    assert blob_boxes(np.zeros((5, 5), np.uint8)) == []


def test_rules_found_row_by_row_are_the_whole_page_openings() -> None:
    img = page()
    text_block(img, 60, 60, 6, 500)
    ruled_table(img, [30, 300, 700], [30, 200, 380])
    img[200:203, 400:404] = WHITE  # a pinhole in a rule, bridged
    cv2.line(img, (100, 450), (112, 450), 0, 3)  # a dash too short for a rule
    ink = binarize(img)
    rules = find_rules(ink)
    for axis, found in ((1, rules.horizontal), (0, rules.vertical)):
        n = rule_length(ink.shape, axis)

        def kernel(k: int, axis: int = axis) -> np.ndarray:
            return cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1) if axis else (1, k))

        want = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel(n * 3 // 4))
        want = cv2.morphologyEx(want, cv2.MORPH_CLOSE, kernel(MERGE_GAP * 2))
        want = cv2.morphologyEx(want, cv2.MORPH_OPEN, kernel(n))
        assert np.array_equal(found, want) and found.any()
    assert rules.horizontal[201, 380:420].all()  # the pinhole bridged
    assert not rules.horizontal[445:456].any()
