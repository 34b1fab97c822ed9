"""mx.linalg's factorizations and solvers against NumPy in float64: reconstructions
(Q R = A, U S Vt = A, A inv(A) = I, L L^T = A, L[P] U = A, eigen-equations), batched and
non-contiguous inputs, float32 results within float32 tolerances, and every error."""

import numpy as np
import pytest

import mxgraph.core as mx

L = mx.linalg
RNG = np.random.default_rng(0)


def A(x):
    """mx.array keeping a NumPy array's float64 (mx.array alone makes float32, as MLX)."""
    if isinstance(x, np.ndarray) and x.dtype == np.float64:
        return mx.array(x, dtype=mx.float64)
    return mx.array(x)
TOL = {"float32": dict(rtol=2e-4, atol=2e-4), "float64": dict(rtol=1e-10, atol=1e-10)}
DTYPES = ["float32", "float64"]


def rand(*shape, dtype="float64"):
    return RNG.standard_normal(shape).astype(dtype)


def spd(*shape, dtype="float64"):
    a = RNG.standard_normal(shape)
    n = shape[-1]
    return (a @ np.swapaxes(a, -1, -2) + n * np.eye(n)).astype(dtype)


def well_conditioned(*shape, dtype="float64"):
    return (RNG.standard_normal(shape) + 3 * np.eye(shape[-1])).astype(dtype)


def npa(x):
    return np.array(x)


def noncontiguous(x):
    """x as a transposed view of its transpose (strides that are not row-major)."""
    return mx.swapaxes(A(np.ascontiguousarray(np.swapaxes(x, -1, -2))), -1, -2)


# ---- values --------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(4, 4), (3, 5, 5), (2, 1, 3, 3), (1, 1)])
def test_inv(dtype, shape):
    a = well_conditioned(*shape, dtype=dtype)
    x = L.inv(A(a))
    assert x.dtype == getattr(mx, dtype) and x.shape == shape
    np.testing.assert_allclose(npa(x), np.linalg.inv(a.astype(np.float64)), **TOL[dtype])
    eye = np.broadcast_to(np.eye(shape[-1]), shape)
    np.testing.assert_allclose(a.astype(np.float64) @ npa(x).astype(np.float64), eye, **TOL[dtype])


@pytest.mark.parametrize("upper", [False, True])
def test_tri_inv(upper):
    a = well_conditioned(2, 4, 4)
    tri = np.triu(a) if upper else np.tril(a)
    x = npa(L.tri_inv(A(a), upper=upper))
    np.testing.assert_allclose(x, np.linalg.inv(tri), **TOL["float64"])
    assert np.all((np.tril(x, -1) if upper else np.triu(x, 1)) == 0)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("upper", [False, True])
def test_cholesky(dtype, upper):
    a = spd(3, 5, 5, dtype=dtype)
    c = npa(L.cholesky(A(a), upper=upper)).astype(np.float64)
    want = np.linalg.cholesky(a.astype(np.float64))
    np.testing.assert_allclose(c, np.swapaxes(want, -1, -2) if upper else want, **TOL[dtype])
    rec = np.swapaxes(c, -1, -2) @ c if upper else c @ np.swapaxes(c, -1, -2)
    np.testing.assert_allclose(rec, a, **TOL[dtype])


def test_cholesky_reads_one_triangle():
    a = spd(4, 4)
    junk = a + np.triu(rand(4, 4), 1)  # the upper triangle is not read
    np.testing.assert_allclose(npa(L.cholesky(A(junk))), np.linalg.cholesky(a), rtol=1e-12)


@pytest.mark.parametrize("upper", [False, True])
def test_cholesky_inv(upper):
    a = spd(2, 4, 4)
    f = L.cholesky(A(a), upper=upper)
    np.testing.assert_allclose(npa(L.cholesky_inv(f, upper=upper)), np.linalg.inv(a), **TOL["float64"])


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(5, 5), (6, 3), (3, 6), (2, 4, 3)])
def test_qr(dtype, shape):
    a = rand(*shape, dtype=dtype)
    q, r = L.qr(A(a))
    k = min(shape[-2:])
    assert q.shape == shape[:-1] + (k,) and r.shape == shape[:-2] + (k, shape[-1])
    q, r = npa(q).astype(np.float64), npa(r).astype(np.float64)
    np.testing.assert_allclose(q @ r, a, **TOL[dtype])
    np.testing.assert_allclose(np.swapaxes(q, -1, -2) @ q, np.broadcast_to(np.eye(k), q.shape[:-2] + (k, k)),
                               **TOL[dtype])
    assert np.all(np.tril(r, -1) == 0)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(5, 5), (6, 3), (3, 6), (2, 4, 3)])
def test_svd(dtype, shape):
    a = rand(*shape, dtype=dtype)
    u, s, vt = L.svd(A(a))
    m, n = shape[-2:]
    k = min(m, n)
    assert u.shape == shape[:-1] + (m,) and s.shape == shape[:-2] + (k,) and vt.shape == shape[:-2] + (n, n)
    u, s, vt = (npa(x).astype(np.float64) for x in (u, s, vt))
    np.testing.assert_allclose(s, np.linalg.svd(a.astype(np.float64), compute_uv=False), **TOL[dtype])
    rec = (u[..., :, :k] * s[..., None, :]) @ vt[..., :k, :]
    np.testing.assert_allclose(rec, a, **TOL[dtype])
    np.testing.assert_allclose(np.swapaxes(u, -1, -2) @ u, np.broadcast_to(np.eye(m), u.shape), **TOL[dtype])
    np.testing.assert_allclose(vt @ np.swapaxes(vt, -1, -2), np.broadcast_to(np.eye(n), vt.shape), **TOL[dtype])
    s_only = L.svd(A(a), compute_uv=False)
    assert isinstance(s_only, mx.array)
    np.testing.assert_allclose(npa(s_only), s, **TOL[dtype])


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("uplo", ["L", "U"])
def test_eigh(dtype, uplo):
    a = spd(3, 5, 5, dtype=dtype) - 5 * np.eye(5, dtype=dtype)
    w, v = L.eigh(A(a), UPLO=uplo)
    w, v = npa(w).astype(np.float64), npa(v).astype(np.float64)
    np.testing.assert_allclose(w, np.linalg.eigvalsh(a.astype(np.float64)), **TOL[dtype])
    np.testing.assert_allclose(a @ v, v * w[..., None, :], **TOL[dtype])
    np.testing.assert_allclose(npa(L.eigvalsh(A(a), UPLO=uplo)), w, **TOL[dtype])


def test_eigh_reads_one_triangle():
    a = spd(4, 4)
    lower = np.tril(a) + np.triu(rand(4, 4), 1)
    upper = np.triu(a) + np.tril(rand(4, 4), -1)
    np.testing.assert_allclose(npa(L.eigvalsh(A(lower))), np.linalg.eigvalsh(a), rtol=1e-10)
    np.testing.assert_allclose(npa(L.eigvalsh(A(upper), UPLO="U")), np.linalg.eigvalsh(a), rtol=1e-10)


@pytest.mark.parametrize("dtype", DTYPES)
def test_eig(dtype):
    a = rand(3, 5, 5, dtype=dtype)
    w, v = L.eig(A(a))
    assert w.dtype == mx.complex64 and v.dtype == mx.complex64 and w.shape == (3, 5) and v.shape == (3, 5, 5)
    w, v = npa(w).astype(np.complex128), npa(v).astype(np.complex128)
    np.testing.assert_allclose(a @ v, v * w[..., None, :], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(np.sort_complex(w), np.sort_complex(np.linalg.eigvals(a.astype(np.float64))),
                               rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(npa(L.eigvals(A(a))), npa(w), rtol=1e-5, atol=1e-5)


def test_eig_complex_pair():
    w, v = L.eig(A([[0.0, -1.0], [1.0, 0.0]]))
    assert sorted(npa(w).tolist(), key=lambda z: z.imag) == [-1j, 1j]
    a = np.array([[0.0, -1.0], [1.0, 0.0]])
    np.testing.assert_allclose(a @ npa(v), npa(v) * npa(w)[None, :], atol=1e-6)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(4, 4), (5, 3), (3, 5), (2, 4, 4)])
def test_lu(dtype, shape):
    a = rand(*shape, dtype=dtype)
    p, l, u = L.lu(A(a))
    m, n = shape[-2:]
    k = min(m, n)
    assert p.dtype == mx.uint32 and p.shape == shape[:-1]
    assert l.shape == shape[:-2] + (m, k) and u.shape == shape[:-2] + (k, n)
    p, l, u = npa(p), npa(l).astype(np.float64), npa(u).astype(np.float64)
    lu = l @ u
    rec = np.take_along_axis(lu, p[..., :, None].astype(np.int64), axis=-2)
    np.testing.assert_allclose(rec, a, **TOL[dtype])
    assert np.all(np.triu(l[..., :k, :], 1) == 0) and np.all(np.diagonal(l, axis1=-2, axis2=-1) == 1)
    assert np.all(np.tril(u, -1) == 0)


def test_lu_factor_matches_scipy_convention():
    a = np.array([[1.0, 2, 3], [4, 5, 6], [7, 8, 10]])
    lu, piv = L.lu_factor(A(a))
    assert piv.dtype == mx.uint32 and npa(piv).tolist() == [2, 2, 2]
    p, l, u = L.lu(A(a))
    assert npa(p).tolist() == [1, 2, 0]
    np.testing.assert_allclose(np.tril(npa(lu), -1) + np.eye(3), npa(l), rtol=1e-12)
    np.testing.assert_allclose(np.triu(npa(lu)), npa(u), rtol=1e-12)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("sa, sb", [((4, 4), (4,)), ((4, 4), (4, 3)), ((2, 4, 4), (4, 64)), ((2, 4, 4), (3, 1, 4, 2)),
                                    ((4, 4), (2, 4, 1))])
def test_solve(dtype, sa, sb):
    a, b = well_conditioned(*sa, dtype=dtype), rand(*sb, dtype=dtype)
    x = L.solve(A(a), A(b))
    want = np.linalg.solve(a.astype(np.float64), b.astype(np.float64))
    assert x.shape == want.shape and x.dtype == getattr(mx, dtype)
    np.testing.assert_allclose(npa(x), want, **TOL[dtype])


def test_solve_promotes():
    a, b = well_conditioned(3, 3, dtype="float32"), rand(3)
    x = L.solve(A(a), A(b))
    assert x.dtype == mx.float64


@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("sb", [(4,), (4, 3), (2, 4, 2)])
def test_solve_triangular(upper, sb):
    a, b = well_conditioned(4, 4), rand(*sb)
    tri = np.triu(a) if upper else np.tril(a)
    x = L.solve_triangular(A(a), A(b), upper=upper)
    np.testing.assert_allclose(npa(x), np.linalg.solve(tri, b), **TOL["float64"])


@pytest.mark.parametrize("dtype", DTYPES)
def test_det_slogdet(dtype):
    a = rand(3, 4, 4, dtype=dtype)
    np.testing.assert_allclose(npa(L.det(A(a))), np.linalg.det(a.astype(np.float64)), **TOL[dtype])
    sign, logabs = L.slogdet(A(a))
    ws, wl = np.linalg.slogdet(a.astype(np.float64))
    np.testing.assert_array_equal(npa(sign), ws)
    np.testing.assert_allclose(npa(logabs), wl, **TOL[dtype])


def test_det_singular_and_integer():
    sing = A([[1.0, 2.0], [2.0, 4.0]])
    assert L.det(sing).item() == 0.0
    sign, logabs = L.slogdet(sing)
    assert sign.item() == 0.0 and logabs.item() == -np.inf
    d = L.det(A([[1, 2], [3, 4]]))
    assert d.dtype == mx.float32 and abs(d.item() + 2.0) < 1e-6
    s, la = L.slogdet(A([[0.0, 1.0], [1.0, 0.0]]))
    assert s.item() == -1.0 and la.item() == 0.0


@pytest.mark.parametrize("shape", [(5, 5), (6, 3), (3, 6), (2, 3, 4)])
def test_pinv(shape):
    a = rand(*shape)
    np.testing.assert_allclose(npa(L.pinv(A(a))), np.linalg.pinv(a), **TOL["float64"])
    sing = np.array([[1.0, 2.0], [2.0, 4.0]])
    np.testing.assert_allclose(npa(L.pinv(A(sing))), np.linalg.pinv(sing), rtol=1e-12)


@pytest.mark.parametrize("name", ["inv", "cholesky", "qr", "svd", "eigh", "lu", "det"])
def test_non_contiguous_input(name):
    a = spd(2, 4, 4)
    fn = getattr(L, name)
    want, got = fn(A(a)), fn(noncontiguous(a))
    for w, g in zip(want if isinstance(want, tuple) else [want], got if isinstance(got, tuple) else [got]):
        np.testing.assert_allclose(npa(g), npa(w), rtol=1e-12, atol=1e-12)
    got = fn(A(np.repeat(a, 2, axis=-1))[..., ::2])  # strided columns
    for w, g in zip(want if isinstance(want, tuple) else [want], got if isinstance(got, tuple) else [got]):
        np.testing.assert_allclose(npa(g), npa(w), rtol=1e-12, atol=1e-12)


def test_stream_cpu_accepted():
    a = A(spd(3, 3))
    np.testing.assert_allclose(npa(L.inv(a, stream=mx.cpu)), npa(L.inv(a)), rtol=1e-12)
    q, r = L.qr(a, stream=mx.cpu)
    assert q.shape == (3, 3)


def test_empty_matrices():
    assert L.inv(mx.zeros((0, 0))).shape == (0, 0)
    assert npa(L.det(mx.zeros((2, 0, 0)))).tolist() == [1.0, 1.0]
    assert L.solve(mx.zeros((3, 3)) + mx.eye(3), mx.zeros((3, 0))).shape == (3, 0)


# ---- errors --------------------------------------------------------------------------------

ONE_MATRIX = ["inv", "pinv", "tri_inv", "cholesky", "cholesky_inv", "qr", "svd", "eig", "eigvals", "eigh",
              "eigvalsh", "lu", "lu_factor"]
SQUARE = ["inv", "tri_inv", "cholesky", "cholesky_inv", "eig", "eigvals", "eigh", "eigvalsh", "det", "slogdet"]


@pytest.mark.parametrize("name", ONE_MATRIX)
def test_integer_input_raises(name):
    with pytest.raises(ValueError, match=rf"\[linalg::{name}\] Arrays must have type float32 or float64"):
        getattr(L, name)(A([[1, 2], [3, 4]]))


@pytest.mark.parametrize("name", ONE_MATRIX + ["det", "slogdet"])
def test_wrong_rank_raises(name):
    with pytest.raises(ValueError, match=r"Arrays must have >= 2 dimensions"):
        getattr(L, name)(mx.ones((3,)))


@pytest.mark.parametrize("name", SQUARE)
def test_non_square_raises(name):
    with pytest.raises(ValueError, match=r"square"):
        getattr(L, name)(mx.ones((2, 3)))


@pytest.mark.parametrize("dtype", [mx.float16, mx.complex64])
def test_other_float_types_raise(dtype):
    with pytest.raises(ValueError, match=r"float32 or float64"):
        L.inv(mx.ones((2, 2), dtype=dtype))


@pytest.mark.parametrize("fn", [lambda a: L.inv(a), lambda a: L.solve(a, mx.ones((2,))),
                                lambda a: L.tri_inv(mx.zeros((2, 2))),
                                lambda a: L.solve_triangular(mx.zeros((2, 2)), mx.ones((2,)))],
                         ids=["inv", "solve", "tri_inv", "solve_triangular"])
def test_singular_raises_at_eval(fn):
    out = fn(A([[1.0, 2.0], [2.0, 4.0]]))  # lazy: nothing raised yet
    with pytest.raises(RuntimeError, match=r"\[linalg::\w+\] The matrix is singular"):
        mx.eval(out)


def test_not_positive_definite_raises_at_eval():
    out = L.cholesky(A([[1.0, 2.0], [2.0, 1.0]]))
    with pytest.raises(RuntimeError, match=r"\[linalg::cholesky\] The matrix is not positive definite"):
        mx.eval(out)


def test_solve_shape_mismatch():
    with pytest.raises(ValueError, match=r"\[linalg::solve\] Last dimension of first input"):
        L.solve(mx.eye(3), mx.ones((2,)))
    with pytest.raises(ValueError, match=r"\[linalg::solve\]"):
        L.solve(mx.ones((2, 3, 3)), mx.ones((4, 3, 1)))


def test_eigh_bad_uplo():
    with pytest.raises(ValueError, match=r"UPLO must be 'L' or 'U'"):
        L.eigh(mx.eye(2), UPLO="X")


def test_failed_eval_can_be_retried():
    x = A([[1.0, 2.0], [2.0, 4.0]])
    out = L.inv(x)
    with pytest.raises(RuntimeError):
        mx.eval(out)
    with pytest.raises(RuntimeError):
        mx.eval(out)
