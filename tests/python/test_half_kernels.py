"""float16/bfloat16 elementwise ops, casts, reductions, softmax and norms against
float64 NumPy references of the same (rounded) inputs. Casts are bit-exact (round to
nearest even, checked on the raw bits); an op computed in float32 and rounded once
is within u_h |ref| (+ the float32 kernel's own error, far below it; u_h = 2^-8
bfloat16, 2^-11 float16); sums accumulate in float32. Sizes 1..67 cover the SIMD
loops' tails; the whole file runs again with MXGRAPH_CPU=baseline."""

import numpy as np
import pytest

import mxgraph.core as mx
from simd_levels import rerun_at_baseline
import mxgraph.nn as nn

HALVES = ["bfloat16", "float16"]
U = {"bfloat16": 2.0**-8, "float16": 2.0**-11}
TINY = {"bfloat16": 2.0**-133, "float16": 2.0**-24}  # the smallest subnormal
U32 = 2.0**-24


def dt(name):
    return getattr(mx, name)


def bf16_bits(x32):
    """Round-to-nearest-even float32 -> bfloat16 bits (NaN: quiet, top bits kept)."""
    u = np.asarray(x32, dtype=np.float32).view(np.uint32).astype(np.uint64)
    r = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16) & 0xFFFF
    nan = (u & 0x7FFFFFFF) > 0x7F800000
    r[nan] = (u[nan] >> 16) | 0x40
    return r.astype(np.uint16)


def half_bits(x32, name):
    if name == "bfloat16":
        return bf16_bits(x32)
    return np.asarray(x32, dtype=np.float32).astype(np.float16).view(np.uint16)


def bits_to_f64(bits, name):
    bits = np.asarray(bits, dtype=np.uint16)
    if name == "bfloat16":
        return (bits.astype(np.uint32) << 16).view(np.float32).astype(np.float64)
    return bits.view(np.float16).astype(np.float64)


def as_half(x, name):
    """(mx array of dtype name, its exact float64 values)."""
    a = mx.array(np.asarray(x, dtype=np.float32)).astype(dt(name))
    return a, bits_to_f64(np.array(a.view(mx.uint16)), name)


def values(a, name):
    return bits_to_f64(np.array(a.view(mx.uint16)), name)


def specials():
    return np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 65504.0, 65520.0, 7e4,
                     6e-8, 3e-8, 2.9e-8, 1e-40, 3.3895314e38, 3.4e38, 1.0009765625,
                     1.00048828125, 1.00390625, 1.001953125], dtype=np.float32)


def sample(n, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n).astype(np.float32) * np.float32(3.0)
    sp = specials()
    idx = np.arange(0, n, 7)[: len(sp)]
    x[idx] = sp[: len(idx)]
    return x


@pytest.mark.parametrize("name", HALVES)
def test_cast_from_float32_bit_exact(name):
    rng = np.random.default_rng(0)
    pool = np.concatenate([specials(), rng.standard_normal(5000).astype(np.float32) * 1e3,
                           np.logspace(-45, 38, 3000).astype(np.float32),
                           rng.integers(0, 2**32, 5000, dtype=np.uint64).astype(np.uint32).view(np.float32)])
    for n in list(range(1, 68)) + [len(pool)]:
        x = pool[:n]
        got = np.array(mx.array(x).astype(dt(name)).view(mx.uint16))
        want = half_bits(x, name)
        nan = np.isnan(x)
        np.testing.assert_array_equal(got[~nan], want[~nan])
        assert np.all(np.isnan(bits_to_f64(got[nan], name)))


@pytest.mark.parametrize("name", HALVES)
def test_cast_to_float32_exact(name):
    bits = np.arange(65536, dtype=np.uint16)
    for n in list(range(1, 68)) + [65536]:
        a = mx.array(bits[:n]).view(dt(name))
        got = np.array(a.astype(mx.float32)).astype(np.float64)
        want = bits_to_f64(bits[:n], name)
        nan = np.isnan(want)
        np.testing.assert_array_equal(got[~nan], want[~nan])
        assert np.all(np.isnan(got[nan]))


def check_close(got, ref, name, extra=0.0):
    """|got - ref| <= u_h |ref| + extra + tiny; NaN/inf where ref has them."""
    got = values(got, name)
    ref = np.asarray(ref, dtype=np.float64)
    special = ~np.isfinite(ref)
    np.testing.assert_array_equal(np.isnan(got[special]), np.isnan(ref[special]))
    inf = np.isinf(ref)
    np.testing.assert_array_equal(got[inf], ref[inf])
    fin = ~special & np.isfinite(got)
    bound = U[name] * np.abs(ref[fin]) + np.broadcast_to(extra, ref.shape)[fin] + TINY[name]
    err = np.abs(got[fin] - ref[fin])
    assert np.all(err <= bound), (name, float(np.max(err - bound)))
    # Finite references overflow to inf only beyond the half range.
    over = ~special & ~np.isfinite(got)
    assert np.all(np.abs(ref[over]) >= (65504.0 if name == "float16" else 3.38e38))


UNARY = {"exp": np.exp, "tanh": np.tanh, "sqrt": np.sqrt, "abs": np.abs, "negative": np.negative,
         "sigmoid": lambda x: 1 / (1 + np.exp(-x)), "log": np.log, "square": np.square}


@pytest.mark.parametrize("name", HALVES)
@pytest.mark.parametrize("op", sorted(UNARY))
def test_unary(name, op):
    for n in (1, 2, 7, 8, 9, 16, 17, 31, 33, 63, 64, 65, 67, 513, 40000):
        a, a64 = as_half(sample(n, n), name)
        with np.errstate(all="ignore"):
            ref = UNARY[op](a64)
        # the float32 kernels' own error (a few float32 ulps) on top of one half rounding
        check_close(getattr(mx, op)(a), ref, name, extra=8 * U32 * np.abs(ref[np.isfinite(ref)]).max(initial=0))


BINARY = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide,
          "maximum": np.maximum, "minimum": np.minimum}
COMPARE = {"less": np.less, "greater_equal": np.greater_equal, "equal": np.equal}


@pytest.mark.parametrize("name", HALVES)
def test_binary_and_compare(name):
    for n in (1, 3, 8, 9, 17, 67, 1000, 40001):
        a, a64 = as_half(sample(n, 2 * n), name)
        b, b64 = as_half(sample(n, 2 * n + 1)[::-1].copy(), name)
        s, s64 = as_half(np.array([1.5]), name)
        for op, f in BINARY.items():
            with np.errstate(all="ignore"):
                for x, y, x64, y64 in ((a, b, a64, b64), (a, s[0], a64, s64[0]), (s[0], b, s64[0], b64)):
                    got = getattr(mx, op)(x, y)
                    assert got.dtype == dt(name)
                    check_close(got, f(x64, y64), name)
        for op, f in COMPARE.items():
            np.testing.assert_array_equal(np.array(getattr(mx, op)(a, b)), f(a64, b64))
            np.testing.assert_array_equal(np.array(getattr(mx, op)(a, s[0])), f(a64, s64[0]))


@pytest.mark.parametrize("name", HALVES)
def test_broadcast_binary(name):
    rng = np.random.default_rng(7)
    a, a64 = as_half(rng.standard_normal((33, 17)), name)
    b, b64 = as_half(rng.standard_normal((17,)), name)
    check_close(a * b, a64 * b64, name)
    check_close(a[:, ::2] + a[::3, 1:].T[:9, :9].T.reshape(-1)[:1], a64[:, ::2] + a64[::3, 1:].T[:9, :9].T.reshape(-1)[:1], name)


@pytest.mark.parametrize("name", HALVES)
def test_sum_float32_accumulation(name):
    rng = np.random.default_rng(8)
    for n in list(range(1, 68)) + [1023, 1024, 1025, 4097, 1 << 20]:
        a, a64 = as_half(rng.uniform(0, 1, n), name)
        ref = a64.sum()
        # pairwise float32 accumulation, then one rounding to the half type
        check_close(mx.sum(a), ref, name, extra=np.ceil(np.log2(n) + 1) * 2 * U32 * np.abs(a64).sum())
    # A float32 accumulator: 4096 ones sum exactly (a half accumulator stalls at 256 / 2048).
    assert values(mx.sum(mx.ones((4096,), dtype=dt(name))), name) == 4096.0
    m, m64 = as_half(rng.standard_normal((37, 515)), name)
    for axis in (0, 1):
        ref = m64.sum(axis=axis)
        check_close(mx.sum(m, axis=axis), ref, name, extra=12 * U32 * np.abs(m64).sum(axis=axis))
    mean = mx.mean(m, axis=1)
    check_close(mean, m64.mean(axis=1), name, extra=12 * U32 * np.abs(m64).mean(axis=1))


@pytest.mark.parametrize("name", HALVES)
def test_max_min_nan(name):
    rng = np.random.default_rng(9)
    for n in list(range(1, 68)) + [2049, 5000]:
        a, a64 = as_half(rng.standard_normal(n), name)
        assert values(mx.max(a), name) == a64.max()
        assert values(mx.min(a), name) == a64.min()
        x = a64.copy()
        x[n // 2] = np.nan
        b = mx.array(x.astype(np.float32)).astype(dt(name))
        assert np.isnan(values(mx.max(b), name)) and np.isnan(values(mx.min(b), name))
        assert np.isnan(values(mx.sum(b), name))
    m, m64 = as_half(rng.standard_normal((9, 300)), name)
    np.testing.assert_array_equal(values(mx.max(m, axis=1), name), m64.max(axis=1))
    np.testing.assert_array_equal(values(mx.min(m, axis=0), name), m64.min(axis=0))


@pytest.mark.parametrize("name", HALVES)
def test_softmax_and_norms(name):
    rng = np.random.default_rng(10)
    x, x64 = as_half(rng.standard_normal((7, 67)) * 4, name)
    e = np.exp(x64 - x64.max(axis=1, keepdims=True))
    ref = e / e.sum(axis=1, keepdims=True)
    # In the half type, x - max rounds (relative error u_h |x - max| after exp), and so
    # do exp, the sum and the division; precise=True computes in float32 (as MLX).
    arg = np.abs(x64 - x64.max(axis=1, keepdims=True))
    check_close(mx.softmax(x, axis=-1), ref, name, extra=U[name] * (arg + 4) * ref)
    check_close(mx.softmax(x, axis=-1, precise=True), ref, name, extra=64 * U32 * ref)
    w, w64 = as_half(rng.uniform(0.5, 1.5, 67), name)
    b, b64 = as_half(rng.standard_normal(67), name)
    mu = x64.mean(axis=1, keepdims=True)
    var = ((x64 - mu) ** 2).mean(axis=1, keepdims=True)
    ln = (x64 - mu) / np.sqrt(var + 1e-5) * w64 + b64
    layer = nn.LayerNorm(67)
    layer.weight, layer.bias = w, b
    got = layer(x)
    assert got.dtype == dt(name)
    check_close(got, ln, name, extra=8 * U[name] * (np.abs(ln) + np.abs(b64) + 1))
    rms = x64 / np.sqrt((x64 ** 2).mean(axis=1, keepdims=True) + 1e-5) * w64
    norm = nn.RMSNorm(67)
    norm.weight = w
    got = norm(x)
    assert got.dtype == dt(name)
    check_close(got, rms, name, extra=8 * U[name] * np.abs(rms))


def test_baseline_level():
    """Every test above again with the baseline (SSE2, no F16C) kernels."""
    rerun_at_baseline(__file__)
