"""bench.measure: the peak memory of a command is its own, not its starter's."""

from __future__ import annotations

import sys

from bench.measure import run_measured


def test_peak_of_a_command_started_from_a_large_process_is_its_own() -> None:
    """Regression: after the OCR tests had loaded their models into the test process, every
    command it started reported the test process's peak (Linux keeps it across fork+exec)."""
    ballast = bytearray(400_000_000)
    ballast[::4096] = b"\1" * len(ballast[::4096])  # resident, not only reserved
    small = run_measured([sys.executable, "-c", "print('ok')"])
    big = run_measured([sys.executable, "-c",
                        "x = bytearray(200_000_000); x[::4096] = b'\\1' * len(x[::4096])"])
    assert (small.returncode, small.stdout) == (0, "ok\n")
    assert small.peak_rss < 100_000_000
    assert 200_000_000 < big.peak_rss < 300_000_000
    del ballast
