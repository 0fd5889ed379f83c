"""How counts read in messages: "1 file", "2 files" (Thai nouns take no plural)."""

from __future__ import annotations

# English nouns whose plural is not the noun plus "s".
_IRREGULAR = {"agency": "agencies", "version": "versions", "copy": "copies"}


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`count` and the noun in the number it needs: plural(1, "file") is "1 file".

    A Thai noun is the same in both numbers (plural(3, "รายการ") is "3 รายการ"), so only
    nouns in Latin letters change.
    """
    if count == 1 or not noun.isascii():
        return f"{count} {noun}"
    return f"{count} {many or _IRREGULAR.get(noun, noun + 's')}"
