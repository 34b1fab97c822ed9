"""Boolean-mask assignment a[mask] = v (MLX's masked scatter): values against NumPy,
laziness (nothing evaluates while building), errors, gradients and vmap."""

import numpy as np
import pytest

import mxgraph.core as mx

RNG = np.random.default_rng(7)
A = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
M2 = np.array([[True, False, True], [False, True, False]])


def masked(a, mask, v):
    y = mx.array(a)
    y[mask] = v
    return np.array(y)


def np_masked(a, mask, v):
    """NumPy's a[mask] = v, with MLX's rule: one leading axis more than the selected
    sub-arrays means the values are consumed in order (extra ones are ignored)."""
    out = a.copy()
    v = np.asarray(v, dtype=a.dtype)
    if v.ndim == a.ndim - np.ndim(mask) + 1:
        v = v[: int(np.sum(mask))]
    out[mask] = v
    return out


@pytest.mark.parametrize("mask,v", [
    (M2, 0.0),                                      # scalar broadcast
    (M2, np.array([100, 101, 102, 103])),           # one row broadcast
    (M2, np.arange(12).reshape(3, 4) + 100),        # rows in order
    (M2, np.arange(20).reshape(5, 4) + 100),        # extra rows ignored
    (M2, np.arange(3).reshape(3, 1) + 100),         # rows broadcast along the last axis
    (np.array([True, False]), np.arange(12).reshape(3, 4)),
    (np.array([False, True]), np.arange(24).reshape(2, 3, 4)),
    (A > 10, -1.0),
    (A > 10, np.arange(13) + 100),                  # full mask, values in order
    (A > 10, np.arange(30) + 100),
    (A > 100, np.zeros(0)),                         # nothing selected, no values
    (np.zeros((2, 3), bool), 5.0),
])
def test_mask_set_matches_numpy(mask, v):
    got = masked(A, mx.array(mask), mx.array(np.asarray(v, np.float32)))
    np.testing.assert_array_equal(got, np_masked(A, mask, v))


def test_mask_forms_and_dtypes():
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    m = np.array([[True, False, True], [False, True, False]])
    # A Python list, a NumPy array, a 1-tuple and a Python bool are masks too.
    np.testing.assert_array_equal(masked(a, m.tolist(), 7), np.where(m, 7, a))
    np.testing.assert_array_equal(masked(a, m, 7), np.where(m, 7, a))
    np.testing.assert_array_equal(masked(a, (mx.array(m),), 7), np.where(m, 7, a))
    np.testing.assert_array_equal(masked(a, True, 9), np.full((2, 3), 9))
    np.testing.assert_array_equal(masked(a, False, 9), a)
    np.testing.assert_array_equal(masked(np.float32(3), mx.array(True), 5), np.float32(5))
    # Values are cast to the array's dtype.
    y = mx.array(a)
    y[mx.array(m)] = 2.7
    assert y.dtype == mx.int32
    np.testing.assert_array_equal(np.array(y), np.where(m, 2, a))
    # An empty array with an empty mask.
    e = mx.zeros((0, 3))
    e[mx.zeros((0,), dtype=mx.bool_)] = 5
    assert e.shape == (0, 3)


def test_mask_set_is_lazy(counters):
    x = mx.array(A) * 2
    mask = x > 20
    y = mx.array(x)
    y[mask] = mx.arange(24).astype(mx.float32)
    assert counters()["evals"] == 0
    ref = A * 2
    np.testing.assert_array_equal(np.array(y), np_masked(ref, ref > 20, np.arange(24)))


def test_mask_set_errors():
    a = mx.array(A)
    with pytest.raises(ValueError, match=r"^\[masked_scatter\].*mask has shape \(3,\)"):
        a[mx.array([True, False, True])] = 1
    with pytest.raises(ValueError, match=r"^\[masked_scatter\]"):
        a[mx.array([[True, False, True]])] = 1          # no broadcasting of the mask
    with pytest.raises(ValueError, match=r"last 1 dimensions"):
        a[mx.array(M2)] = mx.zeros((1, 3, 4))           # two axes more than a row
    with pytest.raises(ValueError, match=r"^\[masked_scatter\]"):
        a[mx.array(M2)] = mx.zeros((12,))               # a row of the wrong size
    with pytest.raises(ValueError, match=r"^\[setitem\].*whole index"):
        a[mx.array([True, False]), 0] = 1
    with pytest.raises(ValueError, match=r"^\[getitem\]"):
        a[mx.array([True, False])]
    # Too few values: the count is data, so the failure comes at eval.
    y = mx.array(A)
    y[mx.array(M2)] = mx.zeros((2, 4))
    with pytest.raises(IndexError):
        mx.eval(y)


def test_mask_set_grad_finite_differences():
    mask = mx.array([[True, False, True], [False, True, True]])
    w = mx.array(RNG.standard_normal((2, 3)).astype(np.float32))

    def f(x, v):
        y = mx.array(x)
        y[mask] = v
        return (mx.sin(y) * w).sum()

    x0 = RNG.standard_normal((2, 3)).astype(np.float32)
    v0 = RNG.standard_normal((6,)).astype(np.float32)   # 4 used, 2 ignored
    gx, gv = mx.grad(f, argnums=(0, 1))(mx.array(x0), mx.array(v0))
    eps = 1e-3
    for arr, g, which in ((x0, gx, 0), (v0, gv, 1)):
        num = np.zeros_like(arr)
        for i in np.ndindex(arr.shape):
            d = np.zeros_like(arr)
            d[i] = eps
            args = [x0, v0]
            args[which] = arr + d
            hi = f(*map(mx.array, args)).item()
            args[which] = arr - d
            lo = f(*map(mx.array, args)).item()
            num[i] = (hi - lo) / (2 * eps)
        np.testing.assert_allclose(np.array(g), num, atol=2e-3)
    assert np.all(np.array(gv)[4:] == 0) and np.all(np.array(gx)[np.array(mask)] == 0)


def test_mask_set_vmap_matches_loop():
    masks = RNG.random((3, 2, 3)) > 0.5
    xs = RNG.standard_normal((3, 2, 3)).astype(np.float32)
    vs = RNG.standard_normal((3, 6)).astype(np.float32)

    def f(x, m, v):
        y = mx.array(x)
        y[m] = v
        return y

    got = np.array(mx.vmap(f)(mx.array(xs), mx.array(masks), mx.array(vs)))
    for i in range(3):
        np.testing.assert_array_equal(got[i], np_masked(xs[i], masks[i], vs[i]))
    # Only the values batched; the mask shared.
    got = np.array(mx.vmap(f, in_axes=(None, None, 0))(mx.array(xs[0]), mx.array(masks[0]),
                                                       mx.array(vs)))
    for i in range(3):
        np.testing.assert_array_equal(got[i], np_masked(xs[0], masks[0], vs[i]))
