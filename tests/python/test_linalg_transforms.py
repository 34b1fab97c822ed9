"""mx.linalg under the transforms: vjp and jvp against central finite differences in
float64 (a random direction and a random cotangent, rtol 1e-5), second derivatives
through the lazy rules, vmap against a Python loop, compile, and .mxfn round trips."""

import io

import numpy as np
import pytest

import mxgraph.core as mx

L = mx.linalg
RNG = np.random.default_rng(1)


def A(x):
    """mx.array keeping a NumPy array's float64 (mx.array alone makes float32, as MLX)."""
    if isinstance(x, np.ndarray) and x.dtype == np.float64:
        return mx.array(x, dtype=mx.float64)
    return mx.array(x)
EPS = 1e-6


def rand(*shape):
    return RNG.standard_normal(shape)


def spd(*shape):
    a = RNG.standard_normal(shape)
    n = shape[-1]
    return a @ np.swapaxes(a, -1, -2) + n * np.eye(n)


def sym(a):
    return (a + np.swapaxes(a, -1, -2)) / 2


def well(*shape):
    return RNG.standard_normal(shape) + 3 * np.eye(shape[-1])


def as_list(out):
    return list(out) if isinstance(out, (list, tuple)) else [out]


def fd(fn, xs, dirs):
    """Central difference of every output of fn along dirs."""
    plus = as_list(fn(*[A(x + EPS * d) for x, d in zip(xs, dirs)]))
    minus = as_list(fn(*[A(x - EPS * d) for x, d in zip(xs, dirs)]))
    return [(np.array(p) - np.array(m)) / (2 * EPS) for p, m in zip(plus, minus)]


def check(fn, *xs, rtol=1e-5, atol=1e-6):
    xs = [np.asarray(x, dtype=np.float64) for x in xs]
    dirs = [rand(*x.shape) for x in xs]
    outs = as_list(fn(*[A(x) for x in xs]))
    cts = [rand(*o.shape) for o in outs]
    numeric = fd(fn, xs, dirs)
    # jvp
    _, tangents = mx.jvp(lambda *a: as_list(fn(*a)), [A(x) for x in xs], [A(d) for d in dirs])
    for t, n in zip(tangents, numeric):
        np.testing.assert_allclose(np.array(t), n, rtol=rtol, atol=atol)
    # vjp: <ct, J d> == <J^T ct, d>
    _, grads = mx.vjp(lambda *a: as_list(fn(*a)), [A(x) for x in xs], [A(c) for c in cts])
    lhs = sum(float(np.sum(c * n)) for c, n in zip(cts, numeric))
    rhs = sum(float(np.sum(np.array(g) * d)) for g, d in zip(grads, dirs))
    np.testing.assert_allclose(rhs, lhs, rtol=rtol, atol=atol)


GRADS = {
    "inv": (lambda a: L.inv(a), lambda: [well(3, 3)]),
    "inv-batched": (lambda a: L.inv(a), lambda: [well(2, 3, 3)]),
    "tri_inv": (lambda a: L.tri_inv(a), lambda: [well(4, 4)]),
    "tri_inv-upper": (lambda a: L.tri_inv(a, upper=True), lambda: [well(2, 4, 4)]),
    "cholesky": (lambda a: L.cholesky((a + mx.swapaxes(a, -1, -2)) / 2), lambda: [spd(4, 4)]),
    "cholesky-upper": (lambda a: L.cholesky((a + mx.swapaxes(a, -1, -2)) / 2, upper=True), lambda: [spd(2, 3, 3)]),
    "cholesky_inv": (lambda a: L.cholesky_inv(mx.tril(a)), lambda: [np.linalg.cholesky(spd(3, 3))]),
    "cholesky_inv-upper": (lambda a: L.cholesky_inv(mx.triu(a), upper=True),
                           lambda: [np.linalg.cholesky(spd(3, 3)).T]),
    "eigh-values": (lambda a: L.eigvalsh((a + mx.swapaxes(a, -1, -2)) / 2), lambda: [sym(rand(4, 4))]),
    "eigh": (lambda a: (lambda w, v: [w, v * mx.sign(v[..., :1, :])])(*L.eigh((a + mx.swapaxes(a, -1, -2)) / 2)),
             lambda: [sym(rand(2, 4, 4))]),
    "svd-values": (lambda a: L.svd(a, compute_uv=False), lambda: [rand(4, 3)]),
    "solve": (lambda a, b: L.solve(a, b), lambda: [well(3, 3), rand(3, 2)]),
    "solve-vector": (lambda a, b: L.solve(a, b), lambda: [well(2, 3, 3), rand(3)]),
    "solve_triangular": (lambda a, b: L.solve_triangular(a, b), lambda: [well(3, 3), rand(3, 2)]),
    "solve_triangular-upper": (lambda a, b: L.solve_triangular(a, b, upper=True), lambda: [well(2, 3, 3), rand(2, 3, 2)]),
    "det": (lambda a: L.det(a), lambda: [well(2, 3, 3)]),
    "slogdet": (lambda a: L.slogdet(a)[1], lambda: [rand(3, 3)]),
    "norm-fro": (lambda a: L.norm(a), lambda: [rand(3, 4)]),
    "norm-2": (lambda a: L.norm(a, 2), lambda: [rand(3, 4)]),
    "norm-nuc": (lambda a: L.norm(a, "nuc"), lambda: [rand(3, 4)]),
    "norm-vec3": (lambda a: L.norm(a, 3, axis=1), lambda: [rand(3, 4)]),
    "cross": (lambda a, b: L.cross(a, b), lambda: [rand(4, 3), rand(4, 3)]),
}


@pytest.mark.parametrize("name", list(GRADS))
def test_grad_against_finite_differences(name):
    fn, args = GRADS[name]
    check(fn, *args())


def test_second_derivative_of_inv():
    a = well(3, 3)
    d = rand(3, 3)

    def g(x):
        return mx.grad(lambda y: L.inv(y).sum())(x)

    numeric = (np.array(g(A(a + EPS * d))) - np.array(g(A(a - EPS * d)))) / (2 * EPS)
    _, (t,) = mx.jvp(lambda x: [g(x)], [A(a)], [A(d)])
    np.testing.assert_allclose(np.array(t[0] if isinstance(t, list) else t), numeric, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", ["qr", "lu_factor", "eig", "svd", "pinv"])
def test_no_rule_raises(name):
    """MLX has no rule for these either (pinv goes through the full SVD)."""
    fn = getattr(L, name)

    def loss(a):
        out = fn(a)
        return mx.abs(out if isinstance(out, mx.array) else out[0]).sum()

    with pytest.raises(ValueError, match=r"is not differentiable"):
        mx.grad(loss)(A(well(3, 3)))


# ---- vmap ----------------------------------------------------------------------------------

VMAPS = {
    "inv": (lambda a: L.inv(a), [well(4, 3, 3)], 0),
    "cholesky": (lambda a: L.cholesky(a), [spd(4, 3, 3)], 0),
    "qr": (lambda a: L.qr(a), [rand(3, 4, 2)], 0),
    "svd": (lambda a: L.svd(a, compute_uv=False), [rand(3, 4, 2)], 0),
    "eigh": (lambda a: L.eigvalsh(a), [spd(3, 3, 3)], 0),
    "lu": (lambda a: L.lu(a), [rand(3, 3, 3)], 0),
    "det": (lambda a: L.det(a), [rand(3, 3, 3)], 0),
    "solve-both": (lambda a, b: L.solve(a, b), [well(4, 3, 3), rand(4, 3)], (0, 0)),
    "solve-a-only": (lambda a, b: L.solve(a, b), [well(4, 3, 3), rand(3, 2)], (0, None)),
    "solve-b-only": (lambda a, b: L.solve(a, b), [well(3, 3), rand(3, 2, 4)], (None, 2)),
    "solve_triangular-b": (lambda a, b: L.solve_triangular(a, b, upper=True), [well(3, 3), rand(5, 3)], (None, 0)),
    "norm": (lambda a: L.norm(a, "nuc"), [rand(3, 4, 2)], 0),
}


@pytest.mark.parametrize("name", list(VMAPS))
def test_vmap_against_loop(name):
    fn, xs, axes = VMAPS[name]
    ax = axes if isinstance(axes, tuple) else (axes,) * len(xs)
    got = as_list(mx.vmap(fn, in_axes=ax if len(xs) > 1 else ax[0])(*[A(x) for x in xs]))
    n = next(x.shape[a] for x, a in zip(xs, ax) if a is not None)
    for i in range(n):
        args = [A(np.take(x, i, axis=a) if a is not None else x) for x, a in zip(xs, ax)]
        want = as_list(fn(*args))
        for g, w in zip(got, want):
            np.testing.assert_allclose(np.array(g[i]), np.array(w), rtol=1e-10, atol=1e-10)


# ---- compile and export --------------------------------------------------------------------


def test_compile():
    def f(a, b):
        return L.solve(a, b) + L.inv(a).sum() + L.eigvalsh(a @ a.T).sum()

    a, b = A(well(3, 3)), A(rand(3, 2))
    np.testing.assert_allclose(np.array(mx.compile(f)(a, b)), np.array(f(a, b)), rtol=1e-12)


EXPORTS = {
    "inv": lambda a: L.inv(a),
    "tri_inv": lambda a: L.tri_inv(a, upper=True),
    "cholesky": lambda a: L.cholesky(a @ mx.swapaxes(a, -1, -2) + 4 * mx.eye(3), upper=True),
    "cholesky_inv": lambda a: L.cholesky_inv(L.cholesky(a @ mx.swapaxes(a, -1, -2) + 4 * mx.eye(3))),
    "qr": lambda a: list(L.qr(a)),
    "svd": lambda a: list(L.svd(a)),
    "svd-values": lambda a: L.svd(a, compute_uv=False),
    "eig": lambda a: list(L.eig(a)),
    "eigvals": lambda a: L.eigvals(a),
    "eigh": lambda a: list(L.eigh(a + mx.swapaxes(a, -1, -2), UPLO="U")),
    "eigvalsh": lambda a: L.eigvalsh(a + mx.swapaxes(a, -1, -2)),
    "lu": lambda a: list(L.lu(a)),
    "solve": lambda a: L.solve(a + 4 * mx.eye(3), a[..., :1]),
    "solve_triangular": lambda a: L.solve_triangular(a + 4 * mx.eye(3), a, upper=True),
    "det": lambda a: L.det(a),
    "slogdet": lambda a: list(L.slogdet(a)),
}


@pytest.mark.parametrize("name", list(EXPORTS))
def test_export_round_trip(name):
    fun = EXPORTS[name]
    buf = io.BytesIO()
    mx.export_function(buf, fun, A(rand(2, 3, 3)))
    buf.seek(0)
    g = mx.import_function(buf)
    assert "Linalg" in g._fn._node_kinds
    x = A(rand(2, 3, 3))  # new inputs: the graph, not the traced values
    got, want = g(x), as_list(fun(x))
    assert len(got) == len(want)
    for a, b in zip(got, want):
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_allclose(np.array(a), np.array(b), rtol=1e-10, atol=1e-10)
