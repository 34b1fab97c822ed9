"""Edge cases of indexing and shapes that MLX settles (issue 14, section 4): zero-size
reductions, empty takes, put_along_axis checks, wide reflect/symmetric pads, arange's
dtype, integers that overflow, kron/median argument errors, empty matmuls."""

import numpy as np
import pytest

import mxgraph.core as mx


@pytest.mark.parametrize("dtype", [mx.float32, mx.int32, mx.uint8, mx.bool_])
@pytest.mark.parametrize("fn", ["max", "min"])
def test_max_min_of_zero_size_over_nonempty_axis(fn, dtype):
    x = mx.zeros((0, 3), dtype=dtype)
    y = getattr(mx, fn)(x, axis=1)
    assert y.shape == (0,) and y.dtype == dtype
    assert np.array(y).shape == (0,)
    assert getattr(mx, fn)(x, axis=1, keepdims=True).shape == (0, 1)
    for bad in (lambda: getattr(mx, fn)(x, axis=0), lambda: getattr(mx, fn)(x)):
        with pytest.raises(ValueError, match=rf"^\[{fn}\].*axis 0 with size 0"):
            bad()


def test_take_from_empty_axis():
    e = mx.zeros((0, 3))
    assert mx.take(e, mx.array([], dtype=mx.int32), axis=0).shape == (0, 3)
    assert mx.take(e, mx.zeros((2, 0), dtype=mx.int32), axis=0).shape == (2, 0, 3)
    with pytest.raises(ValueError, match=r"^\[take\]"):
        mx.take(e, mx.array([0]), axis=0)
    with pytest.raises(ValueError, match=r"^\[take\]"):
        mx.take(e, 0, axis=0)
    with pytest.raises(IndexError, match=r"^\[take\]"):
        mx.take(e, mx.array([0]), axis=2)


def test_put_along_axis_checks_and_broadcast():
    x = np.arange(12, dtype=np.float32).reshape(3, 4)
    idx = np.array([[0], [1], [2]])
    # Values wider than the indices: both broadcast to (3, 2), as MLX does.
    got = mx.put_along_axis(mx.array(x), mx.array(idx), mx.ones((3, 2)), axis=1)
    want = x.copy()
    np.put_along_axis(want, np.broadcast_to(idx, (3, 2)), 1.0, axis=1)
    np.testing.assert_array_equal(np.array(got), want)
    for axis in (2, -3):
        with pytest.raises(IndexError, match=r"^\[put_along_axis\]"):
            mx.put_along_axis(mx.array(x), mx.array(idx), mx.array(1.0), axis=axis)
        with pytest.raises(IndexError, match=r"^\[take_along_axis\]"):
            mx.take_along_axis(mx.array(x), mx.array(idx), axis=axis)
    with pytest.raises(IndexError, match=r"^\[put_along_axis\]"):
        mx.put_along_axis(mx.array(1.0), mx.array(0), mx.array(2.0), axis=0)
    with pytest.raises(ValueError, match=r"^\[put_along_axis\]"):
        mx.put_along_axis(mx.array(x), mx.array([0, 1]), mx.array(1.0), axis=1)
    with pytest.raises(ValueError):
        mx.put_along_axis(mx.array(x), mx.array(idx), mx.ones((4, 1)), axis=1)
    with pytest.raises(ValueError):
        mx.put_along_axis(mx.array(x), mx.array(idx), mx.ones((2, 3, 1)), axis=1)


@pytest.mark.parametrize("mode", ["reflect", "symmetric"])
@pytest.mark.parametrize("n", [1, 2, 5])
@pytest.mark.parametrize("width", [(1, 1), (3, 0), (0, 7), (6, 11)])
def test_pad_mirror_modes_any_width(mode, n, width):
    x = np.arange(n, dtype=np.float32) + 1
    got = mx.pad(mx.array(x), [width], mode=mode)
    np.testing.assert_array_equal(np.array(got), np.pad(x, [width], mode=mode))


def test_pad_mirror_2d_and_grad():
    x = np.arange(12, dtype=np.float32).reshape(3, 4)
    widths = ((4, 2), (5, 9))
    for mode in ("reflect", "symmetric"):
        got = mx.pad(mx.array(x), widths, mode=mode)
        np.testing.assert_array_equal(np.array(got), np.pad(x, widths, mode=mode))
        # d/dx sum(w * pad(x)): each w lands on the element it copies.
        w = np.random.default_rng(0).standard_normal(got.shape).astype(np.float32)
        g = mx.grad(lambda a: (mx.pad(a, widths, mode=mode) * mx.array(w)).sum())(mx.array(x))
        src = np.pad(np.arange(12).reshape(3, 4), widths, mode=mode)
        want = np.zeros(12, np.float32)
        np.add.at(want, src.ravel(), w.ravel())
        np.testing.assert_allclose(np.array(g), want.reshape(3, 4), rtol=1e-5, atol=1e-5)


def test_pad_mirror_of_empty_axis_raises():
    for mode in ("reflect", "symmetric"):
        with pytest.raises(ValueError, match=r"^\[pad\].*empty axis 0"):
            mx.pad(mx.zeros((0,)), 1, mode=mode)


def test_arange_dtype_inference_and_checks():
    assert mx.arange(5).dtype == mx.int32
    assert mx.arange(0, 5, 0.5).dtype == mx.float32
    y = mx.arange(0, 2**33, 2**32)
    assert y.dtype == mx.int64 and y.tolist() == [0, 2**32]
    assert mx.arange(-2**40, -2**40 + 3).tolist() == [-2**40, -2**40 + 1, -2**40 + 2]
    assert mx.arange(3, None).tolist() == [0, 1, 2]
    with pytest.raises(ValueError, match=r"^\[arange\]"):
        mx.arange(True)
    with pytest.raises(ValueError, match=r"^\[arange\]"):
        mx.arange(3, dtype=mx.bool_)
    with pytest.raises(TypeError, match=r"^\[arange\]"):
        mx.arange(2**63)
    with pytest.raises(ValueError, match=r"^\[arange\]"):
        mx.arange(0, 5, 0)


def test_python_int_overflow_in_ops():
    for dtype, v in [(mx.int8, 300), (mx.int8, -129), (mx.uint8, -1), (mx.uint8, 256),
                     (mx.int32, 2**31), (mx.uint32, -1), (mx.uint64, -1)]:
        with pytest.raises(ValueError, match="overflow"):
            mx.array([1], dtype=dtype) + v
    # In range, or a dtype that holds it: no error, exact values.
    assert (mx.array([1], dtype=mx.int8) + (-128)).tolist() == [-127]
    assert (mx.array([1], dtype=mx.uint8) + 254).tolist() == [255]
    assert (mx.array([1], dtype=mx.int64) + 2**40).tolist() == [2**40 + 1]
    assert (mx.array([1.0]) + 2**40).tolist() == [2.0**40]  # float32 rounds the +1 away
    with pytest.raises(ValueError):
        mx.array([1]) + 2**64


@pytest.mark.parametrize("make", [
    lambda: mx.zeros((2**63,)),
    lambda: mx.zeros((2**64, 2)),
    lambda: mx.ones(2**64),
    lambda: mx.zeros((2,)).reshape(2**64),
    lambda: mx.zeros((2,)).reshape((2**64, 1)),
    lambda: mx.reshape(mx.zeros((2,)), (2**63,)),
])
def test_shapes_past_64_bits_raise_overflow(make):
    with pytest.raises(OverflowError, match=r"^\[(zeros|ones|reshape)\]"):
        make()


def test_shape_products_past_64_bits_raise_value_error():
    with pytest.raises(ValueError, match=r"^\[zeros\]"):
        mx.zeros((2**40, 2**40))
    with pytest.raises(ValueError, match=r"^\[reshape\]"):
        mx.zeros((0,)).reshape(2**40, 2**40, 0)
    assert mx.zeros((2,)).reshape(np.int64(2)).shape == (2,)


def test_kron_and_median_argument_errors():
    for a, b in [(mx.zeros((0, 2)), mx.ones((2, 2))), (mx.ones((2,)), mx.ones((0,)))]:
        with pytest.raises(ValueError, match=r"^\[kron\].*empty"):
            mx.kron(a, b)
    np.testing.assert_array_equal(np.array(mx.kron(mx.array([1, 2]), mx.array([[1, 1], [2, 2]]))),
                                  np.kron([1, 2], [[1, 1], [2, 2]]))
    x = mx.array([[3.0, 1.0], [2.0, 5.0]])
    with pytest.raises(IndexError, match=r"^\[median\]"):
        mx.median(x, axis=2)
    with pytest.raises(ValueError, match=r"^\[median\]"):
        mx.median(x, axis=(0, 0))
    with pytest.raises(ValueError, match=r"^\[median\].*empty"):
        mx.median(mx.zeros((0,)))
    with pytest.raises(ValueError, match=r"^\[median\].*empty"):
        mx.median(mx.zeros((0, 3)), axis=0)
    assert mx.median(mx.zeros((0, 3)), axis=1).shape == (0,)
    np.testing.assert_allclose(np.array(mx.median(x, axis=1)), np.median(np.array(x), axis=1))


def test_matmul_tensordot_empty_and_bool():
    np.testing.assert_array_equal(np.array(mx.matmul(mx.ones((2, 0)), mx.ones((0, 3)))),
                                  np.zeros((2, 3), np.float32))
    assert mx.matmul(mx.ones((0, 2)), mx.ones((2, 3))).shape == (0, 3)
    assert mx.matmul(mx.ones((0, 2, 2)), mx.ones((1, 2, 2))).shape == (0, 2, 2)
    np.testing.assert_array_equal(np.array(mx.tensordot(mx.ones((2, 0)), mx.ones((0, 3)), axes=1)),
                                  np.zeros((2, 3), np.float32))
    g = mx.grad(lambda a: mx.matmul(a, mx.ones((0, 3))).sum())(mx.ones((2, 0)))
    assert g.shape == (2, 0)
    for f in (mx.matmul, lambda a, b: mx.tensordot(a, b, axes=1)):
        with pytest.raises(ValueError, match="floating"):
            f(mx.array([[True, False]]), mx.array([[True], [True]]))
        with pytest.raises(ValueError, match="floating"):
            f(mx.ones((2, 0), dtype=mx.int32), mx.ones((0, 3), dtype=mx.int32))
