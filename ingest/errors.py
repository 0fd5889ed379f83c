"""The one error type a bad input raises: it carries the file and a plain-words cause."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot become a Report. str() is the one line a user sees."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause
