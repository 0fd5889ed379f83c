"""Command palette entries: jump to an agency (compare or search it) or a fiscal year."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class JumpProvider(Provider):
    """ "Compare บางครก", "Search in บางครก", "Search year 2568", "Library"."""

    def entries(self) -> list[tuple[str, object, str]]:
        """(text, callback, help) for every agency and year in the store."""
        app = self.app
        agencies = app.store.agencies()
        out: list[tuple[str, object, str]] = [("Library", app.action_library, "what is ingested")]
        for a in agencies:
            if len(a.years) >= 2:
                out.append((f"Compare {a.name}", partial(app.open_compare, a.name), "years"))
            out.append((f"Search in {a.name}", partial(app.open_search, agency=a.name), ""))
        for y in sorted({y for a in agencies for y in a.years}):
            out.append((f"Search year {y}", partial(app.open_search, years=str(y)), ""))
        return out

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self.entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text, help=help_text)

    async def discover(self) -> Hits:
        for text, callback, help_text in self.entries():
            yield DiscoveryHit(text, callback, text=text, help=help_text)
