"""`python -m bench [NAME ...]`: run the benchmarks and print one JSON document.

Every figure is measured against a baseline taken in the same run (a ratio), so numbers
from different machines can be compared; nothing here is a pass/fail timing. A bench that
raises is reported as {"error": ...} with its traceback on stderr, the others still run, and
the exit status is 1.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
import traceback

BENCHES = (
    "parse", "real_pdfs", "renderings", "ingest", "hostile", "ocr", "search", "tui",
    "shared_text", "audit_truth",
)


def main(argv: list[str]) -> int:
    names = argv or list(BENCHES)
    unknown = sorted(set(names) - set(BENCHES))
    if unknown:
        print(f"unknown benchmark: {', '.join(unknown)}; choose from {', '.join(BENCHES)}",
              file=sys.stderr)
        return 2
    results: dict[str, object] = {}
    failed = []
    for name in names:
        t0 = time.perf_counter()
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        try:
            results[name] = importlib.import_module(f"bench.{name}").run()
        except Exception as exc:  # noqa: BLE001 - one broken bench must not lose the others
            traceback.print_exc()
            results[name] = {"error": f"{type(exc).__name__}: {exc}"}
            failed.append(name)
        print(f"bench: {name} done in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if failed:
        print(f"bench: failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
