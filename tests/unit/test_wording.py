import pytest

from index.wording import plural


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "file", "1 file"),
        (0, "file", "0 files"),
        (2, "file", "2 files"),
        (1, "agency", "1 agency"),
        (3, "agency", "3 agencies"),
        (2, "new version", "2 new versions"),
        (3, "รายการ", "3 รายการ"),
        (1, "measure", "1 measure"),
    ],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected
