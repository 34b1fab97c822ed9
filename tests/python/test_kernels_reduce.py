"""Reductions against NumPy at sizes that take the threaded and SIMD paths: full,
row and column reductions, several axes, non-contiguous inputs, NaN placement, and
float32 sum accuracy (pairwise), on both instruction sets for float32."""
import os
import subprocess
import sys

import numpy as np
import pytest

import mxgraph.core as mx

rng = np.random.default_rng(7)

SHAPES_AXES = [
    ((1 << 20,), None),
    ((1 << 20,), 0),
    ((3, 1 << 18), 1),
    ((1 << 18, 3), 0),
    ((512, 1024), 1),
    ((512, 1024), 0),
    ((64, 64, 64), (0, 2)),
    ((64, 64, 64), -1),
    ((7, 33, 1025), (1, 2)),
    ((2049,), 0),
    ((1,), None),
]


def _data(shape, dtype):
    if np.issubdtype(dtype, np.floating):
        return rng.standard_normal(shape).astype(dtype)
    return rng.integers(-50, 50, shape).astype(dtype)


@pytest.mark.parametrize("shape,axis", SHAPES_AXES)
@pytest.mark.parametrize("op", ["sum", "max", "min", "prod"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64])
def test_reduce_matches_numpy(shape, axis, op, dtype):
    x = _data(shape, dtype)
    if op == "prod":
        x = (x % 3 + 1).astype(dtype) if not np.issubdtype(dtype, np.floating) else (1 + x / 1e4).astype(dtype)
    got = np.array(getattr(mx, op)(mx.array(x, getattr(mx, np.dtype(dtype).name)), axis=axis))
    want = getattr(np, op)(x, axis=axis)
    if np.issubdtype(dtype, np.floating):
        # Summation order differs from NumPy's; both are pairwise.
        rtol, atol = (1e-5, 2e-3) if dtype == np.float32 else (1e-10, 1e-9)
        if op == "prod" and dtype == np.float32:  # a running product of 2^18 factors drifts
            rtol, want = 5e-3, np.prod(x.astype(np.float64), axis=axis)
        np.testing.assert_allclose(got, want, rtol=rtol, atol=atol if op == "sum" else 0)
    else:
        np.testing.assert_array_equal(got, want.astype(got.dtype))


@pytest.mark.parametrize("op", ["sum", "max", "min", "argmax", "argmin"])
def test_non_contiguous_inputs(op):
    base = rng.standard_normal((600, 900)).astype(np.float32)
    xm = mx.array(base)
    pairs = [(base.T, mx.transpose(xm)), (base[::2, 3:], xm[::2, 3:]), (base[:, ::-3], xm[:, ::-3])]
    for view, vm in pairs:
        for axis in (0, 1, None) if not op.startswith("arg") else (0, 1):
            got = np.array(getattr(mx, op)(vm, axis=axis))
            if op == "sum":  # against float64, within float32 rounding of the magnitudes
                want = view.astype(np.float64).sum(axis=axis)
                atol = 1e-6 * np.abs(view).sum(axis=axis)
                assert np.all(np.abs(got - want) <= atol)
            else:
                np.testing.assert_array_equal(got, getattr(np, op)(view, axis=axis))


@pytest.mark.parametrize("n", [1, 31, 2048, 2049, 1 << 20])
@pytest.mark.parametrize("where", [0, "mid", -1])
def test_nan_and_ties_in_max_min_argmax(n, where):
    x = np.zeros(n, np.float32)
    x[n // 3] = 5.0
    x[(2 * n) // 3] = 5.0  # a tie: the first index wins
    x[n // 4] = -5.0
    xm = mx.array(x)
    assert int(np.array(mx.argmax(xm))) == int(np.argmax(x))
    assert int(np.array(mx.argmin(xm))) == int(np.argmin(x))
    i = {0: 0, "mid": n // 2, -1: n - 1}[where]
    x[i] = np.nan
    xm = mx.array(x)
    assert np.isnan(np.array(mx.max(xm)))
    assert np.isnan(np.array(mx.min(xm)))
    assert int(np.array(mx.argmax(xm))) == int(np.argmax(x))
    assert int(np.array(mx.argmin(xm))) == int(np.argmin(x))


def test_inf_is_not_mistaken_for_nan():
    x = np.ones(10000, np.float32)
    x[1234] = np.inf
    x[77] = -np.inf
    xm = mx.array(x)
    assert float(np.array(mx.max(xm))) == np.inf
    assert float(np.array(mx.min(xm))) == -np.inf
    assert int(np.array(mx.argmax(xm))) == 1234


def test_float32_sum_is_pairwise_accurate():
    # 16M ones plus small values: a naive float32 running sum stalls at 2^24.
    x = np.full(1 << 24, 1.0, np.float32)
    x[::2] = 1.0 + 2.0 ** -10
    got = float(np.array(mx.sum(mx.array(x))))
    want = float(np.sum(x.astype(np.float64)))
    assert abs(got - want) / want < 1e-6


def test_reductions_and_elementwise_on_baseline_instruction_set():
    code = (
        "import numpy as np, mxgraph.core as mx\n"
        "x = np.random.default_rng(1).standard_normal((300, 5000)).astype(np.float32)\n"
        "x[7, 4321] = np.nan\n"
        "m = mx.array(x)\n"
        "np.testing.assert_allclose(np.array(mx.sum(m, axis=1))[8:], x.sum(axis=1)[8:], rtol=1e-5, atol=1e-3)\n"
        "assert np.isnan(np.array(mx.max(m, axis=1))[7])\n"
        "np.testing.assert_array_equal(np.array(mx.max(m, axis=1)), x.max(axis=1))\n"
        "np.testing.assert_array_equal(np.array(mx.argmin(m, axis=1)), x.argmin(axis=1))\n"
        "np.testing.assert_allclose(np.array(mx.exp(m)), np.exp(x), rtol=3e-7)\n"
        "y = x[::-1].copy()\n"
        "np.testing.assert_array_equal(np.array(mx.maximum(m, mx.array(y))), np.maximum(x, y))\n"
        "np.testing.assert_array_equal(np.array(mx.less(m, 0.5)), x < 0.5)\n"
        "np.testing.assert_array_equal(np.array(m[:, ::3] - m[:, 1::3]), x[:, ::3] - x[:, 1::3])\n"
        "i = mx.array(np.arange(-5, 5, dtype=np.int32)) * 2**30\n"
        "np.testing.assert_array_equal(np.array(i), np.arange(-5, 5, dtype=np.int32) * np.int32(2**30))\n"
        "print('ok')\n"
    )
    env = dict(os.environ, MXGRAPH_CPU="baseline", PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().endswith("ok")
