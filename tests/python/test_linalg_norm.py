"""mx.linalg.norm (every ord and axis form) and mx.linalg.cross against NumPy in
float64, float32 within its tolerance, result dtypes as MLX, and the errors."""

import numpy as np
import pytest

import mxgraph.core as mx

L = mx.linalg
RNG = np.random.default_rng(2)


def A(x):
    """mx.array keeping a NumPy array's float64 (mx.array alone makes float32, as MLX)."""
    if isinstance(x, np.ndarray) and x.dtype == np.float64:
        return mx.array(x, dtype=mx.float64)
    return mx.array(x)


INF = float("inf")


def npa(x):
    return np.array(x)


VECTOR_ORDS = [None, 2, 1, -1, 0, 3, 0.5, -2, INF, -INF]
MATRIX_ORDS = [None, "fro", "nuc", 1, -1, 2, -2, INF, -INF]


@pytest.mark.parametrize("ord", VECTOR_ORDS)
@pytest.mark.parametrize("axis", [None, 0, -1])
@pytest.mark.parametrize("keepdims", [False, True])
def test_vector_norms(ord, axis, keepdims):
    x = RNG.standard_normal(7)
    got = L.norm(A(x), ord, axis=axis, keepdims=keepdims)
    want = np.linalg.norm(x, ord, axis=axis, keepdims=keepdims)
    assert got.shape == np.shape(want)
    np.testing.assert_allclose(npa(got), want, rtol=1e-12)


@pytest.mark.parametrize("ord", MATRIX_ORDS)
@pytest.mark.parametrize("axis", [None, (0, 1), (1, 0)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_matrix_norms(ord, axis, keepdims):
    x = RNG.standard_normal((4, 3))
    got = L.norm(A(x), ord, axis=axis, keepdims=keepdims)
    want = np.linalg.norm(x, ord, axis=axis, keepdims=keepdims)
    assert got.shape == np.shape(want)
    np.testing.assert_allclose(npa(got), want, rtol=1e-12)


@pytest.mark.parametrize("ord", MATRIX_ORDS)
@pytest.mark.parametrize("axis", [(0, 2), (2, 1), (-1, 0)])
def test_matrix_norms_over_axes_of_a_batch(ord, axis):
    x = RNG.standard_normal((3, 2, 4))
    for keepdims in (False, True):
        want = np.linalg.norm(x, ord, axis=axis, keepdims=keepdims)
        got = L.norm(A(x), ord, axis=axis, keepdims=keepdims)
        assert got.shape == want.shape
        np.testing.assert_allclose(npa(got), want, rtol=1e-12)


@pytest.mark.parametrize("ord", [None, 1, INF, 3])
def test_vector_norm_over_a_batch(ord):
    x = RNG.standard_normal((3, 2, 4))
    for axis in (0, 1, 2, -1):
        np.testing.assert_allclose(npa(L.norm(A(x), ord, axis=axis)), np.linalg.norm(x, ord, axis=axis),
                                   rtol=1e-12)


def test_default_norm_flattens_any_rank():
    x = RNG.standard_normal((2, 3, 4))
    np.testing.assert_allclose(L.norm(A(x)).item(), np.linalg.norm(x.ravel()), rtol=1e-12)
    assert L.norm(A(x), keepdims=True).shape == (1, 1, 1)


def test_dtypes_as_mlx():
    assert L.norm(A([1, 2, -3])).dtype == mx.float32
    assert L.norm(A([1, 2, -3]), 1).item() == 6.0
    assert L.norm(A([True, False])).dtype == mx.float32
    assert L.norm(mx.ones((2, 2), dtype=mx.float16)).dtype == mx.float16
    assert L.norm(mx.ones((2, 2), dtype=mx.float64)).dtype == mx.float64
    c = L.norm(A([3 + 4j]))
    assert c.dtype == mx.float32 and c.item() == 5.0
    x = RNG.standard_normal((5, 4)).astype(np.float32)
    np.testing.assert_allclose(npa(L.norm(A(x), "nuc")), np.linalg.norm(x.astype(np.float64), "nuc"),
                               rtol=1e-5)


def test_norm_errors():
    a = mx.ones((2, 3))
    with pytest.raises(ValueError, match=r"\[linalg::norm\] Norm 'fro' only supported for matrices"):
        L.norm(a[0], "fro")
    with pytest.raises(ValueError, match=r"\[linalg::norm\] Invalid ord 0 for matrix norm"):
        L.norm(a, 0)
    with pytest.raises(ValueError, match=r"\[linalg::norm\] Invalid ord 3 for matrix norm"):
        L.norm(a, 3)
    with pytest.raises(ValueError, match=r"Invalid ord value 'bad' for matrix norm"):
        L.norm(a, "bad")
    with pytest.raises(ValueError, match=r"Received too many axes for norm"):
        L.norm(mx.ones((2, 2, 2)), 2)
    with pytest.raises(ValueError, match=r"Received too many axes for norm"):
        L.norm(mx.ones((2, 2, 2)), axis=[0, 1, 2])
    with pytest.raises(ValueError, match=r"Duplicate axes"):
        L.norm(mx.ones((2, 2, 2)), axis=[1, 1])
    with pytest.raises(IndexError):
        L.norm(mx.ones((2, 2, 2)), axis=3)
    with pytest.raises(TypeError):
        L.norm(a, [1])


@pytest.mark.parametrize("sa, sb, axis", [((3,), (3,), -1), ((4, 3), (4, 3), -1), ((4, 3), (3,), -1),
                                          ((3, 5), (3, 5), 0), ((2,), (2,), -1), ((2,), (3,), -1),
                                          ((5, 2), (2,), -1)])
def test_cross(sa, sb, axis):
    a, b = RNG.standard_normal(sa), RNG.standard_normal(sb)
    pa = a if sa[axis] == 3 else np.concatenate([a, np.zeros(a.shape[:-1] + (1,))], axis=-1)
    pb = b if sb[axis] == 3 else np.concatenate([b, np.zeros(b.shape[:-1] + (1,))], axis=-1)
    want = np.cross(pa, pb, axis=axis)
    got = L.cross(A(a), A(b), axis=axis)
    assert got.shape == want.shape
    np.testing.assert_allclose(npa(got), want, rtol=1e-12)


def test_cross_dtypes_and_errors():
    r = L.cross(A([1, 2, 3]), A([4, 5, 6]))
    assert r.dtype == mx.int32 and npa(r).tolist() == [-3, 6, -3]
    assert L.cross(A([1, 2, 3]), A([4.0, 5, 6])).dtype == mx.float32
    with pytest.raises(ValueError, match=r"\[linalg::cross\] The specified axis must have size 2 or 3"):
        L.cross(mx.ones((4,)), mx.ones((4,)))
