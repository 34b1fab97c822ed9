"""benchmarks/plot.py draws the suite's JSON: peer / mxgraph per case, leaving out the
cells that are n/a or disagreed with NumPy (DIFF)."""

import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PLOT = os.path.join(ROOT, "benchmarks", "plot.py")

TINY = {
    "mode": "tiny", "date": "2026-12-07", "machine": {"cpus": 2},
    "cases": [
        {"id": "exp", "title": "exp 16 f32", "unit": "ms", "results": {
            "numpy": {"value": 3.0, "check": "ref"}, "mxgraph": {"value": 1.5, "check": "ok"},
            "torch": {"value": 0.75, "check": "ok"},
            "jax": {"value": 9.0, "check": "DIFF"},
            "mlx": {"value": None, "error": "mlx is not installed"}}},
        {"id": "load_cast_peak", "title": "  peak RSS", "unit": "MiB", "results": {
            "mxgraph": {"value": 10.0}, "mlx": {"value": 25.0}}},
        {"id": "only_numpy", "title": "no mxgraph", "unit": "ms", "results": {
            "numpy": {"value": 1.0}, "mxgraph": {"value": None, "error": "n/a"}}},
    ],
}


def test_plot_writes_a_png_of_the_ratios(tmp_path):
    src = tmp_path / "suite.json"
    src.write_text(json.dumps(TINY))
    out = tmp_path / "img" / "plot.png"
    r = subprocess.run([sys.executable, PLOT, str(src), "--out", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "2 cases" in r.stdout
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 5000


def test_ratios_leave_out_diff_and_missing_cells():
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    try:
        import plot
    finally:
        sys.path.pop(0)
    rows = dict(plot.ratios(TINY))
    assert rows == {"exp 16 f32 [ms]": {"numpy": 2.0, "torch": 0.5},
                    "load_cast_peak: peak RSS [MiB]": {"mlx": 2.5}}
