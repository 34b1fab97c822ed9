"""Maximum error in ulps of the vectorised float32 functions against a float64
reference, over a dense sweep with special values, on both instruction sets (the
baseline one forced through MXGRAPH_CPU=baseline in a subprocess). The bounds are
the ones docs/kernels.md promises."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

# function name -> (bound in ulps, sweep range used for the dense part)
BOUNDS = {
    "exp": (1.5, (-110.0, 90.0)),
    "expm1": (2.0, (-20.0, 90.0)),
    "log": (1.0, (0.0, 1e6)),
    "log1p": (2.0, (-1.0, 1e6)),
    "sin": (2.0, (-65536.0, 65536.0)),
    "cos": (2.0, (-65536.0, 65536.0)),
    "tanh": (1.5, (-12.0, 12.0)),
    "sigmoid": (3.0, (-110.0, 110.0)),
    "erf": (3.0, (-5.0, 5.0)),
}

SCRIPT = textwrap.dedent(
    """
    import json, sys
    import numpy as np
    import mxgraph.core as mx
    from scipy.special import erf as erf64

    bounds = json.loads(sys.argv[1])
    ref = {"exp": np.exp, "expm1": np.expm1, "log": np.log, "log1p": np.log1p,
           "sin": np.sin, "cos": np.cos, "tanh": np.tanh, "erf": erf64,
           "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x))}
    specials = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, -1e-45, 1e-40, -1e-40,
                         1.17549435e-38, 3.4028235e38, -3.4028235e38, 1.0, -1.0,
                         2048.0, -1e6, 3e30], dtype=np.float32)
    rng = np.random.default_rng(0)
    out = {}
    with np.errstate(all="ignore"):
        for name, (bound, (lo, hi)) in bounds.items():
            dense = np.linspace(lo, hi, 2_000_001, dtype=np.float64).astype(np.float32)
            mags = np.logspace(-45, 38, 400_000).astype(np.float32)
            near = rng.uniform(-2, 2, 400_000).astype(np.float32)
            x = np.concatenate([dense, mags, -mags, near, specials])
            got = np.array(getattr(mx, name)(mx.array(x)))
            r64 = ref[name](x.astype(np.float64))
            r32 = r64.astype(np.float32)
            nan = np.isnan(r64)
            inf = np.isinf(r32)
            bad = (nan & ~np.isnan(got)) | (inf & (got != r32)) | (~nan & np.isnan(got))
            fin = ~nan & ~inf
            err = np.abs(got[fin].astype(np.float64) - r64[fin]) / np.spacing(np.abs(r32[fin]))
            i = int(np.argmax(err))
            out[name] = {"max_ulp": float(err[i]), "at": float(x[fin][i]), "bad": int(bad.sum())}
    print(json.dumps(out))
    """
)


def measure(level):
    import scipy.special  # noqa: F401  the subprocess's float64 reference
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    env.pop("MXGRAPH_CPU", None)
    if level == "baseline":
        env["MXGRAPH_CPU"] = "baseline"
    res = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(BOUNDS)], env=env,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("level", ["default", "baseline"])
def test_ulp_bounds(level):
    report = measure(level)
    for name, (bound, _) in BOUNDS.items():
        r = report[name]
        assert r["bad"] == 0, (level, name, r)
        assert r["max_ulp"] <= bound, (level, name, r)
