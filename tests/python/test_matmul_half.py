"""float16/bfloat16 matmul (and the float32 matrix-vector kernels) against float64
NumPy references of the same (rounded) inputs, with the bound docs/kernels.md states:

    |got - ref| <= u_h |ref| + (1 + u_h) k u_32 sum_i |a_i b_i| + tiny_h

u_h: the result's unit roundoff (2^-8 bfloat16, 2^-11 float16; 0 for float32), u_32 =
2^-24 (float32 accumulation), tiny_h: half the result type's smallest subnormal.
Every shape class: matrix-vector both ways, batched, broadcast batch, transposed and
strided operands, 0-size, odd sizes (SIMD tails), NaN/inf, addmm. The whole file runs
again with MXGRAPH_CPU=baseline (test_baseline_level)."""
import os

import numpy as np
import pytest

import mxgraph.core as mx
from simd_levels import rerun_at_baseline

U = {"bfloat16": 2.0**-8, "float16": 2.0**-11, "float32": 0.0}
TINY = {"bfloat16": 2.0**-134, "float16": 2.0**-25, "float32": 2.0**-150}
U32 = 2.0**-24
HALVES = ["bfloat16", "float16"]


def dt(name):
    return getattr(mx, name)


def rounded(x, name):
    """x (float64) rounded to dtype `name`, as (mx array, exact float64 values)."""
    a = mx.array(np.asarray(x, dtype=np.float32)).astype(dt(name))
    return a, np.array(a.astype(mx.float32)).astype(np.float64)


def check(got, ref, absprod, k, name):
    got = np.array(got.astype(mx.float32)).astype(np.float64)
    assert got.shape == ref.shape
    u = U[name]
    bound = u * np.abs(ref) + (1 + u) * k * U32 * absprod + TINY[name]
    err = np.abs(got - ref)
    assert np.all(err <= bound), (name, float(np.max(err - bound)))


def swapped(shape):
    return tuple(shape[:-2]) + (shape[-1], shape[-2])


def run(shape_a, shape_b, name, seed=0, ta=False, tb=False):
    """a @ b for a, b of these (logical) shapes; ta/tb: stored transposed."""
    rng = np.random.default_rng(seed)
    a, a64 = rounded(rng.standard_normal(swapped(shape_a) if ta else shape_a), name)
    b, b64 = rounded(rng.standard_normal(swapped(shape_b) if tb else shape_b), name)
    if ta:
        a, a64 = mx.swapaxes(a, -1, -2), np.swapaxes(a64, -1, -2)
    if tb:
        b, b64 = mx.swapaxes(b, -1, -2), np.swapaxes(b64, -1, -2)
    got = a @ b
    assert got.dtype == dt(name)
    k = a64.shape[-1] if a64.ndim else 1
    check(got, np.matmul(a64, b64), np.matmul(np.abs(a64), np.abs(b64)), k, name)


@pytest.mark.parametrize("name", HALVES + ["float32"])
@pytest.mark.parametrize("k", [1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 64, 67])
def test_matvec_odd_sizes(name, k):
    for n in (1, 3, 4, 5, 8, 13, 67):
        run((1, k), (k, n), name, seed=k * 100 + n, tb=True)  # x @ w.T: dot rows
        run((1, k), (k, n), name, seed=k * 100 + n + 1)  # x @ w: axpy rows
        run((n, k), (k, 1), name, seed=k * 100 + n + 2)  # A @ v
        run((n, k), (k, 1), name, seed=k * 100 + n + 3, ta=True)  # A^T-stored @ v


@pytest.mark.parametrize("name", HALVES + ["float32"])
def test_matvec_large_threaded(name):
    run((1, 4099), (4099, 1029), name, tb=True)
    run((1, 1029), (1029, 4099), name)
    run((3000, 517), (517, 1), name, ta=True)


@pytest.mark.parametrize("name", HALVES)
@pytest.mark.parametrize("shapes", [((5, 7), (7, 3)), ((64, 67), (67, 33)), ((2, 3), (3, 2)),
                                    ((65, 300), (300, 1100))])
def test_gemm_shapes(name, shapes):
    sa, sb = shapes
    for ta in (False, True):
        for tb in (False, True):
            run(sa, sb, name, ta=ta, tb=tb)


@pytest.mark.parametrize("name", HALVES)
def test_vectors_1d(name):
    rng = np.random.default_rng(3)
    v, v64 = rounded(rng.standard_normal(37), name)
    m, m64 = rounded(rng.standard_normal((37, 11)), name)
    check(v @ m, v64 @ m64, np.abs(v64) @ np.abs(m64), 37, name)
    check(m.T @ v, m64.T @ v64, np.abs(m64.T) @ np.abs(v64), 37, name)
    check(v @ v, np.array(v64 @ v64), np.array(np.abs(v64) @ np.abs(v64)), 37, name)


@pytest.mark.parametrize("name", HALVES)
def test_batched_and_broadcast(name):
    run((4, 5, 9), (4, 9, 6), name)
    run((4, 5, 9), (9, 6), name)  # shared weight: folds into one tall product
    run((1, 5, 9), (3, 9, 6), name)
    run((2, 1, 1, 9), (3, 9, 6), name)  # batched matrix-vector
    run((3, 1, 40), (3, 40, 20), name)
    run((2, 3, 8, 16), (1, 3, 16, 4), name)
    run((4, 5, 9), (4, 9, 6), name, ta=True)
    run((4, 5, 9), (9, 6), name, tb=True)


@pytest.mark.parametrize("name", HALVES)
def test_strided_operands(name):
    rng = np.random.default_rng(4)
    a, a64 = rounded(rng.standard_normal((20, 30)), name)
    b, b64 = rounded(rng.standard_normal((40, 50)), name)
    sa, sa64 = a[::2, 1::3], a64[::2, 1::3]  # (10, 10), no BLAS layout
    sb, sb64 = b[5:15, ::5], b64[5:15, ::5]
    check(sa @ sb, sa64 @ sb64, np.abs(sa64) @ np.abs(sb64), 10, name)
    x, x64 = a[3:4, ::3], a64[3:4, ::3]  # strided row vector
    check(x @ sb, x64 @ sb64, np.abs(x64) @ np.abs(sb64), 10, name)
    col, col64 = b[:10, 7:8], b64[:10, 7:8]  # column with a row stride of 50
    check(sa @ col, sa64 @ col64, np.abs(sa64) @ np.abs(col64), 10, name)


@pytest.mark.parametrize("name", HALVES)
def test_zero_size(name):
    z = mx.zeros((3, 0), dtype=dt(name)) @ mx.zeros((0, 4), dtype=dt(name))
    assert z.shape == (3, 4) and z.dtype == dt(name)
    assert np.all(np.array(z.astype(mx.float32)) == 0)
    e = mx.zeros((0, 5), dtype=dt(name)) @ mx.ones((5, 4), dtype=dt(name))
    assert e.shape == (0, 4)
    v = mx.ones((1, 5), dtype=dt(name)) @ mx.ones((5, 0), dtype=dt(name))
    assert v.shape == (1, 0)


@pytest.mark.parametrize("name", HALVES + ["float32"])
def test_nan_inf_propagate(name):
    w = np.ones((9, 33), dtype=np.float32)
    w[2, 5] = np.nan
    w[4, 32] = np.inf  # in the scalar tail of the SIMD loop
    w[6, 0] = -np.inf
    x = np.ones((1, 33), dtype=np.float32)
    x[0, 10] = 0.0
    w[7, 10] = np.inf  # inf * 0 = NaN
    W, X = mx.array(w).astype(dt(name)), mx.array(x).astype(dt(name))
    got = np.array((X @ W.T).astype(mx.float32))[0]
    assert np.isnan(got[2]) and np.isnan(got[7])
    assert got[4] == np.inf and got[6] == -np.inf
    assert np.all(got[[0, 1, 3, 5, 8]] == 32.0)
    got2 = np.array((X @ mx.array(w.T.copy()).astype(dt(name))).astype(mx.float32))[0]
    np.testing.assert_array_equal(got2, got)


@pytest.mark.parametrize("name", HALVES)
def test_overflow_to_inf_and_rounding_once(name):
    # A float32 accumulation that exceeds the half range rounds to inf once at the end;
    # a sum that cancels is exact (the partial sums are not rounded to half).
    big = 60000.0 if name == "float16" else 3e38
    a = mx.array(np.array([[big, big]], dtype=np.float32)).astype(dt(name))
    b = mx.ones((2, 1), dtype=dt(name))
    assert np.array((a @ b).astype(mx.float32))[0, 0] == np.inf
    v = mx.array(np.array([[1.0, 2.0**-9, -1.0]], dtype=np.float32)).astype(dt(name))
    assert np.array((v @ mx.ones((3, 1), dtype=dt(name))).astype(mx.float32))[0, 0] == 2.0**-9


@pytest.mark.parametrize("name", HALVES)
@pytest.mark.parametrize("shapes", [((1, 70), (70, 9)), ((6, 70), (70, 9)), ((9, 70), (70, 1))])
def test_addmm(name, shapes):
    rng = np.random.default_rng(5)
    a, a64 = rounded(rng.standard_normal(shapes[0]), name)
    b, b64 = rounded(rng.standard_normal(shapes[1]), name)
    c, c64 = rounded(rng.standard_normal((shapes[0][0], shapes[1][1])), name)
    for alpha, beta in ((1.0, 1.0), (0.5, -2.0), (2.0, 0.0)):
        got = mx.addmm(c, a, b, alpha=alpha, beta=beta)
        ref = alpha * (a64 @ b64) + beta * c64
        absprod = abs(alpha) * (np.abs(a64) @ np.abs(b64)) + abs(beta) * np.abs(c64)
        check(got, ref, absprod, shapes[0][1] + 1, name)


@pytest.mark.parametrize("name", HALVES)
def test_gradient_matches_float64(name):
    rng = np.random.default_rng(6)
    a, a64 = rounded(rng.standard_normal((4, 12)), name)
    w, w64 = rounded(rng.standard_normal((5, 12)), name)
    g = mx.grad(lambda w: (a @ w.T).astype(mx.float32).sum())(w)
    ref = np.ones((4, 5)).T @ a64  # d/dw sum(a w^T) = 1^T a
    check(g, ref, np.abs(ref), 4, name)


def cpu_has_avx512_bf16():
    with open("/proc/cpuinfo") as f:
        flags = next((line for line in f if line.startswith("flags")), "").split()
    return {"avx512f", "avx512bw", "avx512_bf16"} <= set(flags)


def test_avx512_bf16_path_dispatch():
    """bfloat16 `x @ w.T` with m, n > 1 runs vdpbf16ps where the CPU has AVX-512 BF16
    and the SIMD level is not forced to baseline; that instruction reads a subnormal
    bfloat16 as 0, which shows which path ran (the float32 path keeps it)."""
    tiny = np.float32(2.0**-130)  # subnormal in bfloat16 (and float32)
    a = mx.array(np.full((2, 3), tiny, dtype=np.float32)).astype(mx.bfloat16)
    w = mx.array(np.full((2, 3), 2.0**100, dtype=np.float32)).astype(mx.bfloat16)
    got = np.array((a @ w.T).astype(mx.float32))
    flushed = bool(np.all(got == 0))
    exact = bool(np.all(got == np.float32(3 * 2.0**-30)))
    assert flushed or exact, got
    used = cpu_has_avx512_bf16() and os.environ.get("MXGRAPH_CPU") != "baseline"
    assert flushed == used, (used, got)
    # matrix-vector products never take it
    v = np.array((a[:1] @ w.T).astype(mx.float32))
    assert np.all(v == np.float32(3 * 2.0**-30))


def test_baseline_level():
    """Every test above again with the baseline (SSE2, no F16C, no AVX-512) kernels."""
    rerun_at_baseline(__file__)
