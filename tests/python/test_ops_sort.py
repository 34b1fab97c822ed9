"""Sorting ops against NumPy, through the op harness (axis sweeps)."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import FLOATS, INTS, OpCase, case_ids, check_axis_sweep, random_input, to_mx

NUMERIC = ("bool",) + INTS + FLOATS
SAME = lambda d: d  # noqa: E731

SORTS = [
    OpCase("sort", np.sort, dtypes=NUMERIC, out_dtype=SAME),
    OpCase("argsort", lambda x, axis: np.argsort(x, axis=axis, kind="stable"), dtypes=NUMERIC,
           out_dtype=lambda d: "uint32"),
]


@pytest.mark.parametrize("case", SORTS, ids=case_ids(SORTS))
def test_sort_values(case):
    check_axis_sweep(case, keepdims=(), single=True)


def test_argsort_is_stable_and_nan_last():
    x = np.array([3.0, np.nan, 1.0, 3.0, -np.inf, 1.0, np.nan, 2.0], np.float32)
    assert mx.argsort(mx.array(x)).tolist() == np.argsort(x, kind="stable").tolist()
    got = np.asarray(mx.sort(mx.array(x)))
    np.testing.assert_array_equal(got, np.sort(x))
    assert np.isnan(got[-2:]).all()


def check_partition(got, x, kth, axis):
    """Everything before kth is <= the kth element, everything after >= it, and the
    kth element is the sorted one."""
    ref = np.sort(x, axis=axis)
    got = np.moveaxis(got.numpy() if isinstance(got, mx.array) else got, axis, -1)  # bfloat16 as float32
    ref = np.moveaxis(ref, axis, -1)
    np.testing.assert_array_equal(got[..., kth], ref[..., kth])
    assert (got[..., :kth] <= got[..., kth:kth + 1]).all()
    assert (got[..., kth + 1:] >= got[..., kth:kth + 1]).all()
    np.testing.assert_array_equal(np.sort(got, axis=-1), ref)


@pytest.mark.parametrize("dtype", ["float32", "int32", "uint8", "float16", "bfloat16", "float64"])
@pytest.mark.parametrize("nc", [False, True])
def test_partition(dtype, nc):
    rng = np.random.default_rng(0)
    x = random_input((4, 7), dtype, (-10, 10), rng)
    a = to_mx(x, dtype, nc)
    for axis in (0, 1, -1):
        n = x.shape[axis]
        for kth in (0, 2, n - 1, -1, -n):
            k = kth % n
            out = mx.partition(a, kth, axis=axis)
            assert out.dtype == a.dtype
            check_partition(out, x, k, axis % 2)
            idx = np.asarray(mx.argpartition(a, kth, axis=axis)).astype(np.int64)
            assert mx.argpartition(a, kth, axis=axis).dtype == mx.uint32
            check_partition(np.take_along_axis(x, idx, axis=axis), x, k, axis % 2)
    flat = mx.partition(a, 5, axis=None)
    check_partition(flat, x.ravel(), 5, 0)


@pytest.mark.parametrize("dtype", ["float32", "int32", "float16"])
def test_topk(dtype):
    rng = np.random.default_rng(1)
    x = random_input((5, 6), dtype, (-10, 10), rng)
    for nc in (False, True):
        a = to_mx(x, dtype, nc)
        for axis in (0, 1, -1):
            n = x.shape[axis]
            for k in (0, 1, 3, n):
                out = mx.topk(a, k, axis=axis)
                shape = list(x.shape)
                shape[axis] = k
                assert out.shape == tuple(shape)
                want = np.take(np.sort(x, axis=axis), range(n - k, n), axis=axis)
                np.testing.assert_array_equal(np.sort(np.asarray(out), axis=axis), want)
        flat = mx.topk(a, 4, axis=None)
        np.testing.assert_array_equal(np.sort(np.asarray(flat)), np.sort(x.ravel())[-4:])
    assert mx.topk(mx.array([1, 5, 3, 4]), 2).shape == (2,)


def test_sort_default_axis_and_none():
    x = np.random.default_rng(2).uniform(-1, 1, (3, 4, 5)).astype(np.float32)
    np.testing.assert_array_equal(mx.sort(mx.array(x)), np.sort(x))
    np.testing.assert_array_equal(mx.sort(mx.array(x), axis=None), np.sort(x, axis=None))
    np.testing.assert_array_equal(mx.argsort(mx.array(x), axis=None), np.argsort(x, axis=None, kind="stable"))
    assert mx.sort(mx.array(np.zeros((2, 0), np.float32))).shape == (2, 0)


def test_sort_errors():
    a = mx.array(np.ones((2, 3), np.float32))
    for name in ("sort", "argsort"):
        with pytest.raises(ValueError, match=name):
            getattr(mx, name)(a, axis=2)
        with pytest.raises(TypeError):
            getattr(mx, name)(a, axis=(0, 1))
    for name in ("partition", "argpartition"):
        fn = getattr(mx, name)
        with pytest.raises(ValueError, match=name):
            fn(a, 3)
        with pytest.raises(ValueError, match=name):
            fn(a, -4)
        with pytest.raises(ValueError, match=name):
            fn(a, 0, axis=-3)
        with pytest.raises(ValueError, match="kth"):
            fn(mx.array(np.zeros((0,), np.float32)), 0)
    with pytest.raises(ValueError, match="topk"):
        mx.topk(a, 4)
    with pytest.raises(ValueError, match="topk"):
        mx.topk(a, -1)
    with pytest.raises(ValueError, match="sort"):
        mx.sort(mx.array(1.0))
