"""Complex64 support where MLX has it: values against NumPy (complex128), gradients
against finite differences in the real and imaginary directions.

Gradient convention (MLX's): for a real loss L(z), grad(L)(z) = dL/dx + i dL/dy.
"""

import numpy as np
import pytest

import mxgraph.core as mx

INF, NAN = np.inf, np.nan
RNG = np.random.default_rng(7)


def crandn(*shape, scale=1.0):
    return scale * (RNG.standard_normal(shape) + 1j * RNG.standard_normal(shape))


def c64(z):
    return mx.array(np.asarray(z, dtype=np.complex64))


def npy(a):
    return np.asarray(a)


def assert_c(got, want, rtol=2e-5, atol=2e-6):
    np.testing.assert_allclose(npy(got), want, rtol=rtol, atol=atol)


def lex_key(z):
    """NumPy's (and MLX's) complex order: real part, then imaginary part."""
    return np.lexsort((z.imag, z.real))


# ---- unary values -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["log1p", "log2"])
def test_log1p_log2_values(name):
    z = np.concatenate([crandn(40), [1 + 2j, -0.5 + 0.25j, 3 - 4j, -2 + 0j, 1e3 + 1e3j]])
    got = getattr(mx, name)(c64(z))
    assert got.dtype == mx.complex64
    want = getattr(np, name)(z.astype(np.complex64).astype(np.complex128))
    assert_c(got, want, rtol=1e-5, atol=1e-6)


def test_log1p_small_arguments_keep_precision():
    # log(1 + z) in float32 would round 1 + z to 1 and lose the real part entirely.
    z = np.array([1e-6 + 1e-6j, -3e-7 + 2e-8j, 1e-4 - 1e-4j, 0j], dtype=np.complex64)
    got = npy(mx.log1p(mx.array(z)))
    want = np.log1p(z.astype(np.complex128))
    np.testing.assert_allclose(got.real, want.real, rtol=1e-5, atol=0)
    np.testing.assert_allclose(got.imag, want.imag, rtol=1e-5, atol=0)


def test_isposinf_isneginf_complex():
    # As MLX: equal to +-inf + 0j (a comparison with the real infinity).
    z = np.array([complex(INF, 0), complex(INF, 1), complex(INF, INF), complex(0, INF),
                  complex(-INF, 0), complex(-INF, -1), complex(0, -INF), 1 + 1j,
                  complex(NAN, 0)], dtype=np.complex64)
    a = mx.array(z)
    assert mx.isposinf(a).dtype == mx.bool_
    np.testing.assert_array_equal(npy(mx.isposinf(a)), z == complex(INF, 0))
    np.testing.assert_array_equal(npy(mx.isneginf(a)), z == complex(-INF, 0))


# ---- logaddexp, logcumsumexp, logsumexp -------------------------------------------

def lae_ref(a, b):
    """MLX's complex logaddexp: max + log1p(exp(min - max)) in the lexicographic
    order (the imaginary part may leave (-pi, pi])."""
    swap = (a.real < b.real) | ((a.real == b.real) & (a.imag < b.imag))
    m, n = np.where(swap, b, a), np.where(swap, a, b)
    return m + np.log1p(np.exp(n - m))


def test_logaddexp_complex_values():
    a, b = crandn(30, scale=2), crandn(30, scale=2)
    a[:2], b[:2] = [1 + 3j, 1 + 3j], [0.9 - 3j, 0.9 + 4j]  # Im past pi on the second
    a, b = a.astype(np.complex64).astype(np.complex128), b.astype(np.complex64).astype(np.complex128)
    got = mx.logaddexp(c64(a), c64(b))
    assert got.dtype == mx.complex64
    assert_c(got, lae_ref(a, b), rtol=1e-5, atol=1e-5)
    # Whatever the branch, exp of the result is the sum of the exps.
    np.testing.assert_allclose(np.exp(npy(got).astype(np.complex128)), np.exp(a) + np.exp(b),
                               rtol=1e-4)
    assert npy(got)[1].imag > np.pi
    # Mixed with a real weak scalar, and the special values MLX gives.
    assert_c(mx.logaddexp(c64(a), 1.0), lae_ref(a, np.full_like(a, 1.0)), rtol=1e-5, atol=1e-5)
    s = npy(mx.logaddexp(c64([-INF, -INF, INF, NAN, 1]), c64([-INF, 1 + 1j, 1, 1, complex(0, NAN)])))
    assert s[0] == complex(-INF, 0) and s[1] == 1 + 1j and s[2] == complex(INF, 0)
    assert np.isnan(s[3]) and np.isnan(s[4])


def lcse_ref(x, axis, reverse):
    x = np.moveaxis(x, axis, -1)
    if reverse:
        x = x[..., ::-1]
    out = np.empty_like(x)
    acc = np.full(x.shape[:-1], complex(-INF, 0))
    for i in range(x.shape[-1]):
        xi = x[..., i]
        acc = np.where(acc == complex(-INF, 0), xi, lae_ref(acc, xi))
        out[..., i] = acc
    if reverse:
        out = out[..., ::-1]
    return np.moveaxis(out, -1, axis)


@pytest.mark.parametrize("axis,reverse", [(1, False), (1, True), (0, False), (0, True)])
def test_logcumsumexp_complex_values(axis, reverse):
    x = crandn(3, 5).astype(np.complex64).astype(np.complex128)
    got = mx.logcumsumexp(c64(x), axis=axis, reverse=reverse)
    assert got.dtype == mx.complex64
    assert_c(got, lcse_ref(x, axis, reverse), rtol=1e-5, atol=1e-5)
    e = np.exp(x)
    want_exp = np.flip(np.cumsum(np.flip(e, axis), axis), axis) if reverse else np.cumsum(e, axis)
    np.testing.assert_allclose(np.exp(npy(got).astype(np.complex128)), want_exp, rtol=1e-4)


def test_logsumexp_complex():
    x = crandn(4, 6).astype(np.complex64).astype(np.complex128)
    for axis in (None, 0, 1):
        got = mx.logsumexp(c64(x), axis=axis)
        assert got.dtype == mx.complex64
        np.testing.assert_allclose(np.exp(npy(got).astype(np.complex128)),
                                   np.exp(x).sum(axis=axis), rtol=1e-4)


# ---- max / min / median ------------------------------------------------------------

@pytest.mark.parametrize("shape,axis", [((7,), None), ((5, 6), 0), ((5, 6), 1), ((3, 1200), 1),
                                        ((1200, 3), 0), ((4, 5, 6), (0, 2))])
def test_max_min_complex_values(shape, axis):
    # Ties in the real part so the imaginary part decides.
    x = (RNG.integers(-3, 4, shape) + 1j * RNG.integers(-3, 4, shape)).astype(np.complex64)
    for name in ("max", "min"):
        got = getattr(mx, name)(mx.array(x), axis=axis)
        assert got.dtype == mx.complex64
        np.testing.assert_array_equal(npy(got), getattr(np, name)(x, axis=axis))


def test_max_min_complex_nan_propagates():
    x = np.array([[1 + 1j, complex(NAN, 5), 2], [1 + 1j, complex(3, NAN), 2], [1, 3j, 2 + 5j]],
                 dtype=np.complex64)
    for name in ("max", "min"):
        got = npy(getattr(mx, name)(mx.array(x), axis=1))
        assert np.isnan(got[0]) and np.isnan(got[1]) and not np.isnan(got[2])
        assert got[2] == getattr(np, name)(x[2])
        assert np.isnan(npy(getattr(mx, name)(mx.array(x))))


def test_median_complex():
    for x, axis in [(crandn(7), None), (crandn(8), None), (crandn(3, 4), 1), (crandn(5, 2), 0)]:
        x = x.astype(np.complex64)
        got = mx.median(mx.array(x), axis=axis)
        assert got.dtype == mx.complex64
        assert_c(got, np.median(x.astype(np.complex128), axis=axis), rtol=1e-6, atol=1e-6)
    got = npy(mx.median(c64([1 + 1j, NAN, 2]), keepdims=True))
    assert got.shape == (1,) and np.isnan(got[0])


# ---- var / std ---------------------------------------------------------------------

@pytest.mark.parametrize("axis,ddof,keepdims", [(None, 0, False), (0, 0, True), (1, 1, False),
                                                ((0, 1), 2, False)])
def test_var_std_complex_are_real(axis, ddof, keepdims):
    x = crandn(4, 5).astype(np.complex64)
    v = mx.var(mx.array(x), axis=axis, ddof=ddof, keepdims=keepdims)
    s = mx.std(mx.array(x), axis=axis, ddof=ddof, keepdims=keepdims)
    assert v.dtype == mx.float32 and s.dtype == mx.float32
    want = np.var(x.astype(np.complex128), axis=axis, ddof=ddof, keepdims=keepdims)
    np.testing.assert_allclose(npy(v), want, rtol=1e-5)
    np.testing.assert_allclose(npy(s), np.sqrt(want), rtol=1e-5)


# ---- random.normal -----------------------------------------------------------------

def test_random_normal_complex():
    k = mx.random.key(3)
    z = mx.random.normal((4, 3), dtype=mx.complex64, key=k)
    assert z.dtype == mx.complex64 and z.shape == (4, 3)
    # As MLX: the real draws of shape + (2,), scaled by 1/sqrt(2), as (real, imag) pairs.
    pairs = npy(mx.random.normal((4, 3, 2), key=k)) / np.sqrt(2)
    np.testing.assert_allclose(npy(z), pairs[..., 0] + 1j * pairs[..., 1], rtol=1e-5, atol=1e-6)
    # loc and scale may be complex: scale * z + loc.
    w = mx.random.normal((4, 3), dtype=mx.complex64, loc=1 + 2j, scale=2j, key=k)
    np.testing.assert_allclose(npy(w), 2j * npy(z) + (1 + 2j), rtol=1e-5, atol=1e-5)
    assert mx.random.normal(dtype=mx.complex64, key=k).shape == ()
    big = npy(mx.random.normal((100000,), dtype=mx.complex64, key=mx.random.key(1)))
    assert abs(big.mean()) < 0.02
    assert abs(big.real.var() - 0.5) < 0.02 and abs(big.imag.var() - 0.5) < 0.02
    assert abs(np.mean(big.real * big.imag)) < 0.02


# ---- Python scalars ----------------------------------------------------------------

def test_complex_and_float_of_arrays():
    assert complex(mx.array(1 + 2j)) == 1 + 2j
    assert complex(mx.array([[2 - 1j]])) == 2 - 1j
    assert complex(mx.array(1.5)) == 1.5 + 0j and complex(mx.array(3, dtype=mx.int32)) == 3 + 0j
    assert complex(mx.array(True)) == 1 + 0j
    with pytest.raises(TypeError):
        float(mx.array(1 + 2j))
    with pytest.raises(ValueError, match=r"^\[complex\]"):
        complex(mx.array([1 + 1j, 2]))


# ---- gradients -----------------------------------------------------------------------

def fd_grad(f, z, eps=1e-6):
    """dL/dx + i dL/dy of a real NumPy loss, by central differences."""
    g = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        e = np.zeros_like(z)
        e[idx] = eps
        dx = (f(z + e) - f(z - e)) / (2 * eps)
        dy = (f(z + 1j * e) - f(z - 1j * e)) / (2 * eps)
        g[idx] = dx + 1j * dy
    return g


W = crandn(2, 3)

# (name, mxgraph function, NumPy function, input); complex outputs are folded into a
# real loss by sum(Re(w * f)) + sum(|f|), real ones by sum(Re(w) * f).
GRAD_CASES = [
    ("abs", mx.abs, np.abs, crandn(2, 3)),
    ("abs_exp", lambda z: mx.abs(mx.exp(z)), lambda z: np.abs(np.exp(z)), crandn(2, 3)),
    ("exp", mx.exp, np.exp, crandn(2, 3)),
    ("log", mx.log, np.log, crandn(2, 3) + 3),
    ("log1p", mx.log1p, np.log1p, crandn(2, 3) + 2),
    ("log2", mx.log2, np.log2, crandn(2, 3) + 3),
    ("prod", lambda z: mx.prod(z, axis=1, keepdims=True), lambda z: np.prod(z, axis=1, keepdims=True),
     crandn(2, 3)),
    ("logaddexp", lambda z: mx.logaddexp(z, z * z), lambda z: np.log(np.exp(z) + np.exp(z * z)),
     crandn(2, 3, scale=0.5)),
    ("logcumsumexp", lambda z: mx.logcumsumexp(z, axis=1),
     lambda z: np.log(np.cumsum(np.exp(z), axis=1)), crandn(2, 3)),
    ("logcumsumexp_rev", lambda z: mx.logcumsumexp(z, axis=1, reverse=True),
     lambda z: np.log(np.cumsum(np.exp(z)[:, ::-1], axis=1)[:, ::-1]), crandn(2, 3)),
    ("logsumexp", lambda z: mx.logsumexp(z, axis=1, keepdims=True),
     lambda z: np.log(np.exp(z).sum(axis=1, keepdims=True)), crandn(2, 3)),
    ("max", lambda z: mx.max(z, axis=0, keepdims=True), lambda z: z[z.real.argmax(0), [0, 1, 2]][None],
     crandn(2, 3)),
    ("var", lambda z: mx.var(z, axis=1, keepdims=True), lambda z: np.var(z, axis=1, keepdims=True),
     crandn(2, 3)),
    ("std", lambda z: mx.std(z, axis=0, keepdims=True), lambda z: np.std(z, axis=0, keepdims=True),
     crandn(2, 3)),
]


def np_loss(fn):
    def loss(z):
        y = fn(z)
        w = np.broadcast_to(W[: y.shape[0], : y.shape[1]], y.shape)
        if np.iscomplexobj(y):
            return np.sum((w * y).real) + np.sum(np.abs(y))
        return np.sum(w.real * y)
    return loss


def mx_loss(fn):
    def loss(z):
        y = fn(z)
        w = mx.array(np.broadcast_to(W[: y.shape[0], : y.shape[1]], y.shape).astype(np.complex64))
        if y.dtype == mx.complex64:
            return mx.sum(mx.real(w * y)) + mx.sum(mx.abs(y))
        return mx.sum(mx.real(w) * y)
    return loss


# The holomorphic unary ops: vjp = cotangent * conj(f'(z)).
UNARY = ["sin", "cos", "tan", "sinh", "cosh", "tanh", "sqrt", "square", "reciprocal", "log10",
         "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "rsqrt", "conjugate"]
NP_NAMES = {"reciprocal": np.reciprocal, "rsqrt": lambda z: 1 / np.sqrt(z), "conjugate": np.conj}
GRAD_CASES += [(n, getattr(mx, n), NP_NAMES.get(n, getattr(np, n, None)), crandn(2, 3, scale=0.4) + 0.3)
               for n in UNARY]


@pytest.mark.parametrize("name,fn,np_fn,z", GRAD_CASES, ids=[c[0] for c in GRAD_CASES])
def test_complex_grad_matches_finite_differences(name, fn, np_fn, z):
    z = z.astype(np.complex64).astype(np.complex128)
    got = mx.grad(mx_loss(fn))(c64(z))
    assert got.dtype == mx.complex64
    np.testing.assert_allclose(npy(got), fd_grad(np_loss(np_fn), z), rtol=2e-3, atol=2e-4)


def test_abs_grad_is_z_over_abs_z():
    z = np.array([1 + 2j, -0.5 + 0.25j, 3 - 4j], dtype=np.complex64)
    g = npy(mx.grad(lambda a: mx.abs(a).sum())(mx.array(z)))
    np.testing.assert_allclose(g, z / np.abs(z), rtol=1e-6)
    # |exp(z)| = e^x: the gradient is real.
    g = npy(mx.grad(lambda a: mx.abs(mx.exp(a)).sum())(mx.array(z)))
    np.testing.assert_allclose(g, np.exp(z.real), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name,fn,np_fn", [("abs", mx.abs, np.abs),
                                           ("logcumsumexp", lambda z: mx.logcumsumexp(z, axis=1),
                                            lambda z: np.log(np.cumsum(np.exp(z), axis=1))),
                                           ("log1p", mx.log1p, np.log1p)])
def test_complex_jvp_matches_finite_differences(name, fn, np_fn):
    z = crandn(2, 3).astype(np.complex64).astype(np.complex128) + 1
    t = crandn(2, 3).astype(np.complex64).astype(np.complex128)
    _, (got,) = mx.jvp(fn, [c64(z)], [c64(t)])
    eps = 1e-6
    want = (np_fn(z + eps * t) - np_fn(z - eps * t)) / (2 * eps)
    np.testing.assert_allclose(npy(got), want, rtol=2e-3, atol=2e-4)


def test_arccosh_grad_left_half_plane():
    # d/dz arccosh z = 1 / (sqrt(z - 1) sqrt(z + 1)); 1 / sqrt(z^2 - 1) has the wrong sign
    # where Re z < 0.
    z = np.array([-1 + 0.5j, -0.3 - 2j, 2 + 1j], dtype=np.complex64)
    g = npy(mx.grad(lambda a: mx.real(mx.arccosh(a)).sum())(mx.array(z)))
    zz = z.astype(np.complex128)
    np.testing.assert_allclose(g, np.conj(1 / (np.sqrt(zz - 1) * np.sqrt(zz + 1))), rtol=1e-5)


# ---- ordering: comparisons, maximum / minimum, clip, argmax / argmin -------------------

def ordered_pairs():
    a = np.array([1 + 1j, 1 + 1j, 1 + 2j, 2, complex(NAN, 0), complex(1, NAN), 1, 0, -1 - 1j],
                 dtype=np.complex64)
    b = np.array([1 + 1j, 1 + 2j, 1 + 1j, 1 + 5j, 1, 1, complex(1, NAN), -1j, -1 + 1j],
                 dtype=np.complex64)
    return a, b


@pytest.mark.parametrize("name", ["less", "less_equal", "greater", "greater_equal"])
def test_complex_comparisons_order_like_numpy(name):
    a, b = ordered_pairs()
    got = getattr(mx, name)(mx.array(a), mx.array(b))
    assert got.dtype == mx.bool_
    with np.errstate(invalid="ignore"):
        np.testing.assert_array_equal(npy(got), getattr(np, name)(a, b))
        np.testing.assert_array_equal(npy(mx.array(a) < 1), a < 1)


@pytest.mark.parametrize("name", ["maximum", "minimum"])
def test_complex_maximum_minimum_like_numpy(name):
    a, b = ordered_pairs()
    got = getattr(mx, name)(mx.array(a), mx.array(b))
    assert got.dtype == mx.complex64
    np.testing.assert_array_equal(npy(got), getattr(np, name)(a, b))


def test_complex_clip():
    z = np.array([1 + 1j, 3 - 2j, -1 + 5j, 2 + 0.5j], dtype=np.complex64)
    got = npy(mx.clip(mx.array(z), 0, 2 + 0j))
    np.testing.assert_array_equal(got, np.minimum(np.maximum(z, 0), 2 + 0j))
    assert got.tolist() == [1 + 1j, 2 + 0j, 0j, 2 + 0j]


def test_complex_argmax_argmin_like_numpy():
    x = (RNG.integers(-2, 3, (4, 7)) + 1j * RNG.integers(-2, 3, (4, 7))).astype(np.complex64)
    for axis in (None, 0, 1):
        np.testing.assert_array_equal(npy(mx.argmax(mx.array(x), axis=axis)), np.argmax(x, axis=axis))
        np.testing.assert_array_equal(npy(mx.argmin(mx.array(x), axis=axis)), np.argmin(x, axis=axis))
    # The first NaN wins, a NaN in either part counting.
    y = np.array([1, 3j, complex(2, NAN), 2 + 5j, complex(NAN, 0)], dtype=np.complex64)
    assert int(mx.argmax(mx.array(y))) == 2 and int(mx.argmin(mx.array(y))) == 2


@pytest.mark.parametrize("name", ["maximum", "minimum"])
def test_complex_maximum_grad(name):
    z = crandn(2, 3).astype(np.complex64).astype(np.complex128)
    c = crandn(2, 3).astype(np.complex64).astype(np.complex128)

    def np_fn(v):
        pick_v = (v.real > c.real) if name == "maximum" else (v.real < c.real)
        return np.where(pick_v, v, c)

    got = mx.grad(mx_loss(lambda v: getattr(mx, name)(v, c64(c))))(c64(z))
    np.testing.assert_allclose(npy(got), fd_grad(np_loss(np_fn), z), rtol=2e-3, atol=2e-4)


@pytest.mark.parametrize("reverse", [False, True])
def test_complex_cummax_cummin_like_numpy(reverse):
    x = (RNG.integers(-2, 3, (3, 8)) + 1j * RNG.integers(-2, 3, (3, 8))).astype(np.complex64)
    x[1, 4] = complex(0, NAN)
    for name, ufunc in (("cummax", np.maximum), ("cummin", np.minimum)):
        got = npy(getattr(mx, name)(mx.array(x), axis=1, reverse=reverse))
        want = ufunc.accumulate(x[:, ::-1], axis=1)[:, ::-1] if reverse else ufunc.accumulate(x, axis=1)
        np.testing.assert_array_equal(got, want)


def test_complex_cummax_grad():
    z = crandn(2, 3).astype(np.complex64).astype(np.complex128)

    def np_fn(v):
        out = v.copy()
        for i in range(1, v.shape[1]):
            out[:, i] = np.where(v[:, i].real > out[:, i - 1].real, v[:, i], out[:, i - 1])
        return out

    got = mx.grad(mx_loss(lambda v: mx.cummax(v, axis=1)))(c64(z))
    np.testing.assert_allclose(npy(got), fd_grad(np_loss(np_fn), z), rtol=2e-3, atol=2e-4)
