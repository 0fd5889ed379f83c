"""`python -m bench`: one bench that raises is reported, and the others still run."""

from __future__ import annotations

import json
import types

import pytest

import bench.__main__ as bench_main


def test_a_failing_bench_is_reported_and_the_rest_still_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> dict:
        raise ValueError("not enough values to unpack")

    benches = {"bench.renderings": broken, "bench.hostile": lambda: {"files": 7}}
    monkeypatch.setattr(bench_main.importlib, "import_module",
                        lambda name: types.SimpleNamespace(run=benches[name]))
    assert bench_main.main(["renderings", "hostile"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out) == {
        "renderings": {"error": "ValueError: not enough values to unpack"},
        "hostile": {"files": 7},
    }
    assert "Traceback" in err and "bench: failed: renderings" in err


def test_every_bench_ran_exits_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bench_main.importlib, "import_module",
                        lambda name: types.SimpleNamespace(run=lambda: {"ok": name}))
    assert bench_main.main(["parse"]) == 0
    assert json.loads(capsys.readouterr().out) == {"parse": {"ok": "bench.parse"}}
