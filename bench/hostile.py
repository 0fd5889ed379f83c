"""What each hostile file costs `raingan parse`, against an ordinary report in the same run.

Every file goes through `raingan parse` in a fresh process with the default limits and memory
ceiling; time is wall time of the whole command, peak memory that of its largest process (the
worker). The baseline is the same command on a 5-page sample report, so the figures are ratios.
Beside each, bare pdfplumber (extract_text on every page) on the same file, in a process capped
at BARE_CAP of address space and BARE_TIMEOUT seconds: what the guards are there to prevent.
The 2 GiB bomb of the issue is built into a temporary folder (sample_docs/hostile.py).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

from bench.measure import Measured, run_measured
from sample_docs import hostile

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "sample_docs" / "bad"
BASELINE = ROOT / "sample_docs" / "banlat_2568_chromium.pdf"
BARE_CAP = 4_000_000_000
BARE_TIMEOUT = 30.0

_BARE = r"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
import pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    chars = sum(len(page.extract_text() or "") for page in pdf.pages)
    print(f"read {len(pdf.pages)} pages, {chars} characters")
"""


def _raingan(path: Path) -> Measured:
    return run_measured([sys.executable, "-m", "tui.cli", "parse", str(path)], timeout=300)


def _outcome(result: Measured, killed_after: float | None = None) -> str:
    if killed_after is not None and result.returncode == -9:
        return f"still running after {killed_after:g} s: killed"
    if result.returncode == 0:
        return result.stdout.strip().splitlines()[-1] if killed_after else "read"
    last = (result.stderr.strip().splitlines() or [f"exit {result.returncode}"])[-1]
    return last.split(": ", 1)[-1] if not killed_after else last[:120]


def _row(result: Measured, base: Measured | None, killed_after: float | None = None) -> dict:
    row = {
        "outcome": _outcome(result, killed_after),
        "seconds": round(result.seconds, 2),
        "peak_mb": round(result.peak_rss / 1e6),
    }
    if base is not None:
        row["seconds_ratio"] = round(result.seconds / base.seconds, 2)
        row["peak_ratio"] = round(result.peak_rss / base.peak_rss, 2)
    return row


def run(repeat: int = 3) -> dict:
    """Seconds and peak memory of each hostile file, as ratios of an ordinary report's."""
    runs = [_raingan(BASELINE) for _ in range(repeat)]
    base = min(runs, key=lambda r: r.seconds)
    bare_code = _BARE.replace("CAP", str(BARE_CAP))
    files: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        bomb = Path(tmp, "bomb_2gib.pdf")
        hostile.make_bomb(bomb)
        for path in [*(BAD / name for name in hostile.FILES), bomb]:
            bare = run_measured([sys.executable, "-c", bare_code, str(path)],
                                timeout=BARE_TIMEOUT)
            files[path.name] = {
                "raingan_parse": _row(_raingan(path), base),
                "bare_pdfplumber": _row(bare, None, killed_after=BARE_TIMEOUT),
            }
    ratios = [f["raingan_parse"]["seconds_ratio"] for f in files.values()]
    peaks = [f["raingan_parse"]["peak_ratio"] for f in files.values()]
    return {
        "baseline": {"file": BASELINE.name, "seconds": round(base.seconds, 2),
                     "peak_mb": round(base.peak_rss / 1e6),
                     "seconds_spread": round(statistics.pstdev(r.seconds for r in runs), 3)},
        "files": files,
        "worst_seconds_ratio": max(ratios),
        "worst_peak_ratio": max(peaks),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
