"""The small-op fast paths: shared weak-scalar constants and the Binary kernel's
one-element operands (no broadcast view). Values against NumPy."""
import numpy as np
import pytest

import mxgraph.core as mx


def _np(a):
    return np.asarray(a)


@pytest.mark.parametrize("xs, ys", [
    ((4,), ()), ((), (4,)), ((1,), ()), ((), (1, 1)), ((1,), (1,)),
    ((2, 3), (1,)), ((1, 1), (3, 2)), ((0,), ()), ((), (0, 2)),
])
@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "divide", "maximum", "less"])
def test_one_element_operands(xs, ys, op):
    rng = np.random.default_rng(0)
    a = rng.standard_normal(xs).astype(np.float32)
    b = rng.standard_normal(ys).astype(np.float32) + 2
    got = getattr(mx, op)(mx.array(a), mx.array(b))
    want = getattr(np, op)(a, b)
    assert got.shape == want.shape
    np.testing.assert_allclose(_np(got), want, rtol=1e-6)


def test_non_contiguous_and_broadcast_next_to_a_scalar():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    t = mx.transpose(mx.array(a))  # dense but not row-major
    np.testing.assert_array_equal(_np(t + 1.0), a.T + 1)
    np.testing.assert_array_equal(_np(2.0 * t), 2 * a.T)
    s = mx.array(a)[:, ::2]  # strided
    np.testing.assert_array_equal(_np(s - 0.5), a[:, ::2] - 0.5)
    b = mx.broadcast_to(mx.array(3.0), (2, 4))  # stride 0
    np.testing.assert_array_equal(_np(b * 2.0), np.full((2, 4), 6.0, np.float32))


def test_repeated_constants_in_a_chain():
    x0 = np.array([1, 2, 3, 4], np.float32)
    x, ref = mx.array(x0), x0.copy()
    for i in range(300):  # the intermediates donate their buffers; constants must not
        x = x * 1.0001 if i % 2 else x + 0.5
        ref = ref * np.float32(1.0001) if i % 2 else ref + np.float32(0.5)
    np.testing.assert_allclose(_np(x), ref, rtol=1e-5)


def test_many_distinct_constants_each_used_twice():
    x = mx.array(np.zeros(3, np.float32))
    total = 0.0
    for i in range(200):  # more values than the per-thread cache holds
        c = 0.25 * i
        x = x + c
        x = x - c * 0.5
        total += c - c * 0.5
    np.testing.assert_allclose(_np(x), np.full(3, total, np.float32), rtol=1e-6)


def test_weak_scalar_dtypes_are_kept():
    assert (mx.array([1, 2], dtype=mx.int8) + 3).dtype == mx.int8
    assert (mx.array([1.0], dtype=mx.float16) * 2.5).dtype == mx.float16
    assert (mx.array([1, 2], dtype=mx.int32) + 0.5).dtype == mx.float32
    assert (mx.array([True]) + 1).dtype == mx.int32
    # One value cached next to one dtype is not handed out for another.
    a = mx.array([1.0], dtype=mx.float16) + 7.0
    b = mx.array([1.0], dtype=mx.float32) + 7.0
    assert (a.dtype, b.dtype) == (mx.float16, mx.float32)
    big = mx.array([1], dtype=mx.int64) + (1 << 40)
    assert big.dtype == mx.int64 and big.item() == (1 << 40) + 1


def test_cached_constants_do_not_count_as_active_memory():
    x = mx.array(np.ones(4, np.float32))
    mx.eval(x)
    before = mx.get_active_memory()
    y = x + 123.25  # a new constant, kept in the cache afterwards
    mx.eval(y)
    del y
    assert mx.get_active_memory() == before
