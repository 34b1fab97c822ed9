"""Runs a test file again with the baseline SIMD kernels (MXGRAPH_CPU=baseline)."""
import os
import subprocess
import sys


def rerun_at_baseline(path):
    """pytest on `path` (its test_baseline_level left out) in a subprocess whose
    kernels are the baseline ones; asserts it passed."""
    env = dict(os.environ, MXGRAPH_CPU="baseline", PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                          "-k", "not test_baseline_level", path], env=env, capture_output=True,
                         text=True, timeout=900)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert " passed" in res.stdout
