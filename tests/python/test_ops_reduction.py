"""Reductions and scans against NumPy, through the op harness (axis sweeps)."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import FLOATS, INTS, OpCase, case_ids, check_axis_sweep, to_mx

NUMERIC = ("bool",) + INTS + FLOATS
SAME = lambda d: d  # noqa: E731
TO_FLOAT = lambda d: d if d in FLOATS else "float32"  # noqa: E731
BOOL = lambda d: "bool"  # noqa: E731


def sum_dtype(d):
    if d in ("bool", "int8", "int16", "int32"):
        return "int32"
    if d in ("uint8", "uint16", "uint32"):
        return "uint32"
    return d


def np_logsumexp(x, axis=None, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    r = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    return r if keepdims else (np.squeeze(r) if axis is None else np.squeeze(r, axis=axis))


def np_softmax(x, axis=None):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


# Sums of values that may cancel need an absolute tolerance scaled to the inputs.
SUM_TOL = {"float32": (1e-5, 1e-5), "float16": (2e-3, 2e-2), "bfloat16": (2e-2, 1e-1)}

REDUCTIONS = [
    OpCase("sum", np.sum, dtypes=NUMERIC, out_dtype=sum_dtype, tol=SUM_TOL),
    OpCase("prod", np.prod, dtypes=("bool", "int8", "int32", "uint16", "int64", "float32", "float16",
                                    "float64"), domain=(0.5, 1.5), out_dtype=sum_dtype),
    OpCase("max", np.max, dtypes=NUMERIC, out_dtype=SAME),
    OpCase("min", np.min, dtypes=NUMERIC, out_dtype=SAME),
    OpCase("all", np.all, dtypes=("bool", "int32", "float32", "uint8"), domain=(0, 1), out_dtype=BOOL),
    OpCase("any", np.any, dtypes=("bool", "int32", "float32", "uint8"), domain=(-0.4, 0.4),
           out_dtype=BOOL),
    OpCase("mean", np.mean, dtypes=("bool", "int8", "int32", "uint64") + FLOATS, out_dtype=TO_FLOAT,
           tol=SUM_TOL),
    OpCase("var", np.var, dtypes=("int16", "float32", "float16", "bfloat16", "float64"),
           out_dtype=TO_FLOAT, tol=SUM_TOL),
    OpCase("std", np.std, dtypes=("int32", "float32", "float64"), out_dtype=TO_FLOAT),
    OpCase("logsumexp", np_logsumexp, dtypes=("float32", "float16", "float64", "int32"),
           domain=(-5, 5), out_dtype=TO_FLOAT),
]
NONEMPTY = {"max", "min", "logsumexp"}


@pytest.mark.parametrize("case", REDUCTIONS, ids=case_ids(REDUCTIONS))
def test_reduction_values(case):
    check_axis_sweep(case, empty=case.name not in NONEMPTY)


@pytest.mark.parametrize("ddof", [1, 2])
def test_var_std_ddof(ddof):
    x = np.random.default_rng(1).uniform(-1, 1, (4, 5)).astype(np.float32)
    for axis in (None, 0, 1, (0, 1)):
        np.testing.assert_allclose(mx.var(mx.array(x), axis=axis, ddof=ddof), np.var(x, axis=axis, ddof=ddof),
                                   rtol=1e-5)
        np.testing.assert_allclose(mx.std(mx.array(x), axis=axis, ddof=ddof), np.std(x, axis=axis, ddof=ddof),
                                   rtol=1e-5)


def test_var_std_correction():
    # The array-API keyword: correction= replaces ddof when given, on mx.* and methods.
    x = np.random.default_rng(2).uniform(-1, 1, (4, 5)).astype(np.float32)
    a = mx.array(x)
    for axis in (None, 0, (0, 1)):
        np.testing.assert_allclose(a.var(axis=axis, correction=1), np.var(x, axis=axis, ddof=1), rtol=1e-5)
        np.testing.assert_allclose(a.std(axis, correction=2), np.std(x, axis=axis, ddof=2), rtol=1e-5)
        np.testing.assert_allclose(mx.var(a, axis=axis, correction=1), np.var(x, axis=axis, ddof=1),
                                   rtol=1e-5)
        np.testing.assert_allclose(mx.std(a, axis=axis, correction=1), np.std(x, axis=axis, ddof=1),
                                   rtol=1e-5)
    np.testing.assert_allclose(a.var(ddof=3, correction=1), np.var(x, ddof=1), rtol=1e-5)
    np.testing.assert_allclose(a.var(ddof=1, correction=None), np.var(x, ddof=1), rtol=1e-5)
    assert a.std(axis=0, keepdims=True, correction=1).shape == (1, 5)
    with pytest.raises(TypeError):
        a.var(correction=0.5)


ARGS = [
    OpCase("argmax", np.argmax, dtypes=NUMERIC, out_dtype=lambda d: "uint32"),
    OpCase("argmin", np.argmin, dtypes=NUMERIC, out_dtype=lambda d: "uint32"),
]


@pytest.mark.parametrize("case", ARGS, ids=case_ids(ARGS))
def test_argreduce_values(case):
    check_axis_sweep(case, single=True, empty=False)


def test_softmax_values():
    case = OpCase("softmax", np_softmax, dtypes=("float32", "float16", "float64", "int32"),
                  domain=(-30, 30), out_dtype=TO_FLOAT, tol={"float32": (1e-5, 1e-7)})
    check_axis_sweep(case, keepdims=(), empty=False)
    # Large inputs do not overflow: the maximum is subtracted first.
    x = mx.array([1000.0, 1001.0, 1002.0])
    np.testing.assert_allclose(mx.softmax(x), np_softmax(np.array([1000.0, 1001.0, 1002.0])), rtol=1e-6)
    h = mx.array([1.0, 2.0, 3.0], dtype=mx.float16)
    assert mx.softmax(h, precise=True).dtype == mx.float16


def flat_scan(f):
    return lambda x, axis=None: f(x.ravel() if axis is None else x, axis=0 if axis is None else axis)


SCANS = [
    OpCase("cumsum", flat_scan(np.cumsum), dtypes=NUMERIC,
           out_dtype=lambda d: "int32" if d == "bool" else d, tol=SUM_TOL),
    OpCase("cumprod", flat_scan(np.cumprod), dtypes=("int32", "int64", "float32", "float16", "float64"),
           domain=(0.5, 1.5), out_dtype=SAME),
    OpCase("cummax", flat_scan(np.maximum.accumulate), dtypes=NUMERIC, out_dtype=SAME),
    OpCase("cummin", flat_scan(np.minimum.accumulate), dtypes=NUMERIC, out_dtype=SAME),
    OpCase("logcumsumexp", flat_scan(np.logaddexp.accumulate), dtypes=("float32", "float64", "int32"),
           out_dtype=TO_FLOAT),
]


@pytest.mark.parametrize("case", SCANS, ids=case_ids(SCANS))
def test_scan_values(case):
    check_axis_sweep(case, keepdims=(), single=True)


@pytest.mark.parametrize("name,ufunc,init", [("cumsum", np.add, 0), ("cumprod", np.multiply, 1),
                                             ("cummax", np.maximum, -np.inf),
                                             ("cummin", np.minimum, np.inf)])
def test_scan_reverse_exclusive(name, ufunc, init):
    x = np.random.default_rng(2).uniform(0.5, 1.5, (3, 5)).astype(np.float32)
    fn = getattr(mx, name)
    for axis in (0, 1, -1):
        inc = ufunc.accumulate(x, axis=axis)
        rev = np.flip(ufunc.accumulate(np.flip(x, axis), axis=axis), axis)
        np.testing.assert_allclose(fn(mx.array(x), axis=axis), inc, rtol=1e-6)
        np.testing.assert_allclose(fn(mx.array(x), axis=axis, reverse=True), rev, rtol=1e-6)
        # Exclusive: shifted by one, the identity first.
        pad = np.full_like(np.take(x, [0], axis=axis), init)
        exc = np.concatenate([pad, np.delete(inc, -1, axis=axis)], axis=axis)
        np.testing.assert_allclose(fn(mx.array(x), axis=axis, inclusive=False), exc, rtol=1e-6)
        rexc = np.concatenate([np.delete(rev, 0, axis=axis), pad], axis=axis)
        np.testing.assert_allclose(fn(mx.array(x), axis=axis, reverse=True, inclusive=False), rexc,
                                   rtol=1e-6)


def test_cumsum_dtype_argument():
    x = mx.array([100, 100, 100], dtype=mx.int8)
    out = mx.cumsum(x, dtype=mx.int32)
    assert out.dtype == mx.int32
    assert out.tolist() == [100, 200, 300]
    assert mx.cumsum(mx.array([True, True, False])).tolist() == [1, 2, 2]


def test_dtype_rules():
    assert mx.sum(mx.array([1, 2], dtype=mx.int8)).dtype == mx.int32
    assert mx.sum(mx.array([1, 2], dtype=mx.uint16)).dtype == mx.uint32
    assert mx.sum(mx.array([1, 2], dtype=mx.int64)).dtype == mx.int64
    assert mx.sum(mx.array([True, True])).item() == 2
    assert mx.prod(mx.array([2, 3], dtype=mx.uint8)).dtype == mx.uint32
    assert mx.sum(mx.array([1.0], dtype=mx.bfloat16)).dtype == mx.bfloat16
    assert mx.mean(mx.array([1, 2], dtype=mx.int32)).dtype == mx.float32
    assert mx.var(mx.array([1, 2], dtype=mx.int32)).dtype == mx.float32
    assert mx.argmax(mx.array([1.0, 3.0])).dtype == mx.uint32
    assert mx.all(mx.array([1.0, 2.0])).dtype == mx.bool


def test_empty_results():
    assert mx.sum(mx.zeros((0,))).item() == 0
    e = mx.array(np.zeros((0, 3), np.float32))
    assert mx.prod(e, axis=0).tolist() == [1.0, 1.0, 1.0]
    assert mx.sum(e, axis=1).shape == (0,)
    assert np.isnan(mx.mean(e).item())
    assert mx.all(e).item() is True
    assert mx.any(e).item() is False


def test_nan_handling():
    x = np.array([[1.0, np.nan, 3.0], [2.0, 5.0, -1.0]], np.float32)
    a = mx.array(x)
    np.testing.assert_array_equal(mx.max(a, axis=1), np.max(x, axis=1))
    np.testing.assert_array_equal(mx.min(a, axis=1), np.min(x, axis=1))
    assert np.isnan(mx.max(a).item())
    assert mx.argmax(a, axis=1).tolist() == [1, 1]
    assert mx.argmin(a, axis=1).tolist() == [1, 2]
    np.testing.assert_array_equal(mx.cummax(a, axis=1), np.maximum.accumulate(x, axis=1))


def test_noncontiguous_inputs():
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, (4, 1, 5)).astype(np.float32)
    b = mx.broadcast_to(mx.array(x), (4, 3, 5))  # zero strides
    xb = np.broadcast_to(x, (4, 3, 5))
    for axis in (None, 0, 1, 2, (0, 2), (1, 2)):
        np.testing.assert_allclose(mx.sum(b, axis=axis), np.sum(xb, axis=axis), rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(mx.max(b, axis=axis), np.max(xb, axis=axis))
    y = rng.uniform(-1, 1, (3, 4, 5)).astype(np.float32)
    t = mx.transpose(mx.array(y), (2, 0, 1))
    yt = np.transpose(y, (2, 0, 1))
    for axis in (None, 0, 1, 2, (0, 1), (1, 2), (0, 2)):
        np.testing.assert_allclose(mx.sum(t, axis=axis), np.sum(yt, axis=axis), rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(mx.prod(t, axis=axis), np.prod(yt, axis=axis), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(mx.cumsum(t, axis=1), np.cumsum(yt, axis=1), rtol=1e-5, atol=1e-6)
    assert mx.argmax(t, axis=2).tolist() == np.argmax(yt, axis=2).tolist()


def test_large_reductions():
    rng = np.random.default_rng(4)
    x = rng.uniform(0, 1, 3_000_001).astype(np.float32)
    a = mx.array(x)
    np.testing.assert_allclose(mx.sum(a).item(), np.sum(x, dtype=np.float64), rtol=1e-6)
    np.testing.assert_allclose(mx.mean(a).item(), np.mean(x, dtype=np.float64), rtol=1e-6)
    assert mx.max(a).item() == x.max()
    assert mx.argmin(a).item() == int(np.argmin(x))
    m = x[:3_000_000].reshape(1000, 3000)
    am = mx.array(m)
    np.testing.assert_allclose(mx.sum(am, axis=0), m.sum(axis=0), rtol=1e-5)
    np.testing.assert_allclose(mx.sum(am, axis=1), m.sum(axis=1), rtol=1e-5)
    h = mx.array(x[:100_000], dtype=mx.float16)
    np.testing.assert_allclose(mx.mean(h).item(), np.mean(x[:100_000].astype(np.float16), dtype=np.float64),
                               rtol=1e-3)


def test_methods():
    x = np.random.default_rng(5).uniform(-1, 1, (3, 4)).astype(np.float32)
    a = mx.array(x)
    np.testing.assert_allclose(a.sum(axis=1), x.sum(axis=1), rtol=1e-6)
    np.testing.assert_allclose(a.mean(0, keepdims=True), x.mean(0, keepdims=True), rtol=1e-6)
    np.testing.assert_allclose(a.prod(), x.prod(), rtol=1e-5)
    np.testing.assert_allclose(a.max(axis=(0, 1)), x.max(), rtol=0)
    np.testing.assert_allclose(a.min(1), x.min(1), rtol=0)
    assert a.argmax(axis=1).tolist() == x.argmax(axis=1).tolist()
    assert a.argmin().item() == x.argmin()
    assert a.all().item() == bool(x.all()) and a.any(axis=0).tolist() == x.any(axis=0).tolist()
    np.testing.assert_allclose(a.var(ddof=1), x.var(ddof=1), rtol=1e-5)
    np.testing.assert_allclose(a.std(axis=0), x.std(axis=0), rtol=1e-5)
    np.testing.assert_allclose(a.logsumexp(axis=1), np_logsumexp(x, axis=1), rtol=1e-6)
    np.testing.assert_allclose(a.cumsum(1), x.cumsum(1), rtol=1e-6)
    np.testing.assert_allclose(a.cumprod(axis=0, reverse=True), np.flip(np.flip(x, 0).cumprod(0), 0), rtol=1e-6)
    np.testing.assert_allclose(a.cummax(1), np.maximum.accumulate(x, 1))
    np.testing.assert_allclose(a.cummin(), np.minimum.accumulate(x.ravel()))
    np.testing.assert_allclose(a.logcumsumexp(1), np.logaddexp.accumulate(x, 1), rtol=1e-6)


@pytest.mark.parametrize("name", ["sum", "prod", "max", "min", "all", "any", "mean", "var", "std",
                                  "logsumexp", "softmax"])
def test_axis_errors(name):
    a = mx.array(np.ones((2, 3), np.float32))
    fn = getattr(mx, name)
    with pytest.raises(ValueError, match=name):
        fn(a, axis=2)
    with pytest.raises(ValueError, match=name):
        fn(a, axis=-3)
    with pytest.raises(ValueError, match="duplicate"):
        fn(a, axis=(1, -1))
    with pytest.raises(TypeError):
        fn(a, axis="x")


@pytest.mark.parametrize("name", ["argmax", "argmin", "cumsum", "cumprod", "cummax", "cummin", "logcumsumexp"])
def test_single_axis_errors(name):
    a = mx.array(np.ones((2, 3), np.float32))
    fn = getattr(mx, name)
    with pytest.raises(ValueError, match=name):
        fn(a, axis=2)
    with pytest.raises(TypeError):
        fn(a, axis=(0, 1))


@pytest.mark.parametrize("name", ["max", "min", "argmax", "argmin", "logsumexp"])
def test_empty_errors(name):
    e = mx.array(np.zeros((0, 3), np.float32))
    with pytest.raises(ValueError, match=name):
        getattr(mx, name)(e)


def test_zero_dim():
    s = mx.array(3.5)
    assert mx.sum(s).item() == 3.5 and mx.sum(s).shape == ()
    assert mx.max(s, keepdims=True).shape == ()
    assert mx.argmax(s).item() == 0
    assert mx.cumsum(s).tolist() == [3.5]
    assert mx.mean(mx.array(4, dtype=mx.int32)).item() == 4.0


def test_lazy_graph():
    a = mx.array(np.ones((4, 4), np.float32))
    s = mx.sum(a, axis=0)
    assert s.shape == (4,)  # shape known before evaluation
    assert s.tolist() == [4.0] * 4
    with pytest.raises(ValueError, match="sum"):
        mx.sum(a, axis=(0, 0))


def test_large_nan_inf_and_ties():
    x = np.random.default_rng(6).uniform(-1, 1, 200_003).astype(np.float32)
    x[7] = np.inf
    x[150_000] = -np.inf
    a = mx.array(x)
    assert mx.max(a).item() == np.inf and mx.min(a).item() == -np.inf  # inf is not NaN
    assert mx.argmax(a).item() == 7 and mx.argmin(a).item() == 150_000
    x[123_456] = np.nan
    a = mx.array(x)
    assert np.isnan(mx.max(a).item()) and np.isnan(mx.min(a).item())
    assert mx.argmax(a).item() == 123_456 and mx.argmin(a).item() == 123_456
    ties = np.zeros(300_000, np.float32)
    ties[[1000, 299_000]] = 5.0
    assert mx.argmax(mx.array(ties)).item() == 1000  # the first of equal maxima, across chunks
    rows = np.tile(np.arange(5000, dtype=np.float32), (3, 1))
    rows[1, 4000] = np.nan
    np.testing.assert_array_equal(mx.max(mx.array(rows), axis=1), np.max(rows, axis=1))
    np.testing.assert_array_equal(mx.max(mx.array(rows.T.copy()), axis=0), np.max(rows, axis=1))
