"""vjp/jvp of reductions, scans and sorts against finite differences (the harness),
plus the non-smooth points: zeros in products, ties in max/min, and permutations."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import axis_specs, case_ids, check_grads
from test_ops_reduction import REDUCTIONS, SCANS

def f64(x):
    return mx.array(np.asarray(x, dtype=np.float64), dtype=mx.float64)


SHAPES = [(), (5,), (3, 4), (2, 3, 4)]  # empty inputs have nothing to differentiate

GRAD_REDUCTIONS = [c for c in REDUCTIONS if c.name not in ("all", "any")]
GRAD_SCANS = SCANS


def axis_fn(case, axis, **kw):
    op = getattr(mx, case.name)
    return lambda x: op(x, axis=axis, **kw)


@pytest.mark.parametrize("case", GRAD_REDUCTIONS, ids=case_ids(GRAD_REDUCTIONS))
def test_reduction_grads(case):
    # std of one element is sqrt(0): not differentiable (NaN, as MLX).
    for shape in SHAPES[1:] if case.name == "std" else SHAPES:
        for axis in axis_specs(len(shape)):
            for keepdims in (False, True):
                check_grads(case, fn=axis_fn(case, axis, keepdims=keepdims), shapes=[(shape,)])


def test_var_std_ddof_grads():
    case = next(c for c in REDUCTIONS if c.name == "var")
    for name in ("var", "std"):
        op = getattr(mx, name)
        check_grads(case, fn=lambda x: op(x, axis=1, ddof=1), shapes=[((3, 4),)])
        check_grads(case, fn=lambda x: op(x, ddof=2), shapes=[((2, 3, 4),)])


def test_softmax_grads():
    case = next(c for c in REDUCTIONS if c.name == "logsumexp")  # any float case will do
    for shape in SHAPES[1:]:
        for axis in axis_specs(len(shape)):
            check_grads(case, fn=lambda x: mx.softmax(x, axis=axis), shapes=[(shape,)])
    check_grads(case, fn=lambda x: mx.softmax(x, axis=-1, precise=True), shapes=[((3, 4),)])


def finite(f):
    """f with its infinite outputs (the -inf that starts an exclusive cummax or
    logcumsumexp) replaced by 0, so that finite differences stay finite."""
    def g(x):
        y = f(x)
        return mx.where(mx.isinf(y), mx.zeros_like(y), y)
    return g


@pytest.mark.parametrize("case", GRAD_SCANS, ids=case_ids(GRAD_SCANS))
def test_scan_grads(case):
    for shape in SHAPES:
        for axis in axis_specs(len(shape), single=True):
            for reverse in (False, True):
                for inclusive in (True, False):
                    fn = finite(axis_fn(case, axis, reverse=reverse, inclusive=inclusive))
                    check_grads(case, fn=fn, shapes=[(shape,)])


def test_sort_partition_topk_grads():
    case = next(c for c in REDUCTIONS if c.name == "sum")
    for shape in SHAPES[1:]:
        for axis in axis_specs(len(shape), single=True):
            check_grads(case, fn=lambda x: mx.sort(x, axis=axis), shapes=[(shape,)])
            n = int(np.prod(shape)) if axis is None else shape[axis]
            for kth in sorted({0, n // 2, n - 1, -1}):
                check_grads(case, fn=lambda x: mx.partition(x, kth, axis=axis), shapes=[(shape,)])
            for k in sorted({1, n // 2 or 1, n}):
                check_grads(case, fn=lambda x: mx.topk(x, k, axis=axis), shapes=[(shape,)])


# ---- exact values at non-smooth points -----------------------------------------


def prod_of_others(x, axis):
    """d prod / d x_i by brute force (product of every other element), along axis."""
    x = np.moveaxis(x, axis, -1)
    out = np.empty_like(x)
    for i in range(x.shape[-1]):
        out[..., i] = np.prod(np.delete(x, i, axis=-1), axis=-1)
    return np.moveaxis(out, -1, axis)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_prod_grad_with_zeros(dtype):
    rows = np.array([[1.5, 2.0, 3.0, -0.5],   # no zero
                     [1.5, 0.0, 3.0, -0.5],   # one zero: only its gradient is nonzero
                     [0.0, 2.0, 0.0, -0.5],   # two zeros: every gradient is zero
                     [0.0, 0.0, 0.0, 0.0]])
    x = mx.array(rows, dtype=getattr(mx, dtype))
    for axis in (1, 0):
        g = mx.grad(lambda a: mx.sum(mx.prod(a, axis=axis)))(x)
        np.testing.assert_allclose(np.asarray(g), prod_of_others(rows, axis), rtol=1e-6)
    g = np.asarray(mx.grad(lambda a: mx.sum(mx.prod(a, axis=1) * f64([0, 1, 0, 0])))(x))
    np.testing.assert_array_equal(g[1], [0.0, -2.25, 0.0, 0.0])
    assert np.isfinite(np.asarray(mx.grad(lambda a: mx.prod(a))(x))).all()
    # Over all axes of a 3-d input with one zero: the zero's gradient is the product of the rest.
    z = np.random.default_rng(0).uniform(0.5, 1.5, (2, 3, 4))
    z[1, 2, 3] = 0.0
    g = np.asarray(mx.grad(lambda a: mx.prod(a))(f64(z)))
    want = np.zeros_like(z)
    want[1, 2, 3] = np.prod(np.delete(z.ravel(), z.size - 1))
    np.testing.assert_allclose(g, want, rtol=1e-12)
    # jvp: the tangent of prod at a single zero picks the zero's tangent only.
    _, (t,) = mx.jvp(lambda a: mx.prod(a, axis=1), [f64(rows)], [mx.ones((4, 4), dtype=mx.float64)])
    np.testing.assert_allclose(np.asarray(t), prod_of_others(rows, 1).sum(axis=1))


def cumprod_grad_brute(x, g):
    """d sum(g * cumprod(x)) / dx by brute force, 1-d."""
    out = np.zeros_like(x)
    for i in range(x.size):
        for j in range(i, x.size):
            out[i] += g[j] * np.prod(np.delete(x[: j + 1], i))
    return out


@pytest.mark.parametrize("x", [[2.0, 0.0, 3.0, 0.0, 5.0], [0.0, 2.0, 3.0], [1.5, -2.0, 0.0],
                               [0.0, 0.0, 2.0], [1.0, 2.0, 3.0]])
def test_cumprod_grad_with_zeros(x):
    x = np.array(x)
    g = np.arange(1.0, x.size + 1)
    got = mx.vjp(lambda a: mx.cumprod(a), [f64(x)], [f64(g)])[1][0]
    np.testing.assert_allclose(np.asarray(got), cumprod_grad_brute(x, g), rtol=1e-12)
    # Reverse scans are the forward ones on the flipped input.
    got = mx.vjp(lambda a: mx.cumprod(a, reverse=True), [f64(x)], [f64(g)])[1][0]
    np.testing.assert_allclose(np.asarray(got), cumprod_grad_brute(x[::-1], g[::-1])[::-1], rtol=1e-12)
    # jvp is the transpose: <vjp(g), e_i> == <g, jvp(e_i)>.
    jac = np.stack([np.asarray(mx.jvp(lambda a: mx.cumprod(a), [f64(x)], [f64(e)])[1][0])
                    for e in np.eye(x.size)], axis=1)
    np.testing.assert_allclose(g @ jac, cumprod_grad_brute(x, g), rtol=1e-12)


def test_max_min_ties_split_evenly():
    x = f64([[1.0, 3.0, 3.0, 2.0], [5.0, 5.0, 5.0, 5.0]])
    g = mx.grad(lambda a: mx.sum(mx.max(a, axis=1)))(x)
    np.testing.assert_allclose(np.asarray(g), [[0, 0.5, 0.5, 0], [0.25] * 4])
    g = mx.grad(lambda a: mx.min(a))(x)
    np.testing.assert_allclose(np.asarray(g), [[1, 0, 0, 0], [0] * 4])
    g = mx.grad(lambda a: mx.max(a))(x)
    np.testing.assert_allclose(np.asarray(g), [[0] * 4, [0.25] * 4])
    # jvp at a tie: the mean of the tied tangents.
    _, (t,) = mx.jvp(lambda a: mx.max(a, axis=1), [x], [f64([[1.0, 2.0, 4.0, 8.0]] * 2)])
    np.testing.assert_allclose(np.asarray(t), [3.0, 3.75])


def test_cummax_cummin_ties_go_to_latest_holder():
    x = f64([3.0, 1.0, 3.0, 4.0, 4.0])
    g = mx.grad(lambda a: mx.sum(mx.cummax(a)))(x)
    np.testing.assert_allclose(np.asarray(g), [2, 0, 1, 1, 1])
    g = mx.grad(lambda a: mx.sum(mx.cummin(a, reverse=True)))(x)  # x[3] holds the 4 last
    np.testing.assert_allclose(np.asarray(g), [0, 2, 1, 1, 1])
    g = mx.grad(lambda a: mx.sum(mx.cummax(a, inclusive=False)))(x)  # first output is -inf
    np.testing.assert_allclose(np.asarray(g), [2, 0, 1, 1, 0])


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("inclusive", [True, False])
def test_cumsum_vjp_is_transpose(reverse, inclusive):
    n = 6
    # The scan as a matrix: y = M x.
    m = np.tril(np.ones((n, n)), 0 if inclusive else -1)
    if reverse:
        m = m.T
    u = np.arange(1.0, n + 1)
    got = mx.vjp(lambda a: mx.cumsum(a, reverse=reverse, inclusive=inclusive),
                 [mx.zeros((n,), dtype=mx.float64)], [f64(u)])[1][0]
    np.testing.assert_allclose(np.asarray(got), m.T @ u)
    got = mx.jvp(lambda a: mx.cumsum(a, axis=0, reverse=reverse, inclusive=inclusive),
                 [mx.zeros((n,), dtype=mx.float64)], [f64(u)])[1][0]
    np.testing.assert_allclose(np.asarray(got), m @ u)


def test_logcumsumexp_large_and_neg_inf():
    # Far apart values: no overflow in the gradient.
    x = np.array([-300.0, 0.0, 300.0, -1e4])
    g = np.asarray(mx.grad(lambda a: mx.sum(mx.logcumsumexp(a)))(f64(x)))
    y = np.logaddexp.accumulate(x)
    want = [np.sum(np.exp(x[i] - y[i:])) for i in range(x.size)]
    np.testing.assert_allclose(g, want, rtol=1e-12)
    g32 = np.asarray(mx.grad(lambda a: mx.sum(mx.logcumsumexp(a)))(mx.array(x, dtype=mx.float32)))
    np.testing.assert_allclose(g32, want, rtol=1e-5)
    # -inf inputs get zero gradient; an output over only -inf adds nothing.
    x = f64([-np.inf, -np.inf, 1.0])
    g = np.asarray(mx.grad(lambda a: mx.sum(mx.logcumsumexp(a)))(x))
    np.testing.assert_array_equal(g, [0.0, 0.0, 1.0])
    g = np.asarray(mx.grad(lambda a: mx.sum(mx.logcumsumexp(a, inclusive=False)))(f64([1.0, 2.0])))
    np.testing.assert_allclose(g, [1.0, 0.0])
    _, (t,) = mx.jvp(lambda a: mx.logcumsumexp(a, inclusive=False), [f64([1.0, 2.0])],
                     [f64([1.0, 1.0])])
    np.testing.assert_allclose(np.asarray(t), [0.0, 1.0])


def test_sort_and_topk_grads_follow_the_permutation():
    x = np.array([[2.0, -1.0, 5.0, 0.5], [3.0, 4.0, -2.0, 1.0]])
    w = np.array([1.0, 10.0, 100.0, 1000.0])
    g = np.asarray(mx.grad(lambda a: mx.sum(mx.sort(a, axis=1) * f64(w)))(f64(x)))
    want = np.empty_like(x)
    np.put_along_axis(want, np.argsort(x, axis=1), np.broadcast_to(w, x.shape), axis=1)
    np.testing.assert_array_equal(g, want)
    g = np.asarray(mx.grad(lambda a: mx.sum(mx.topk(a, 2, axis=1)))(f64(x)))
    np.testing.assert_array_equal(g, [[1, 0, 1, 0], [1, 1, 0, 0]])
    g = np.asarray(mx.grad(lambda a: mx.sum(mx.topk(a, 3, axis=None) ** 2))(f64(x)))
    np.testing.assert_array_equal(g, [[0, 0, 10, 0], [6, 8, 0, 0]])
    # The kth element of a partition gets the kth cotangent.
    pick = f64([[0, 0, 0, 0], [0, 0, 1, 0]])
    g = np.asarray(mx.grad(lambda a: mx.sum(mx.partition(a, 1, axis=0) * pick))(f64(x)))
    np.testing.assert_array_equal(g, [[0, 0, 1, 0], [0, 0, 0, 0]])


# ---- second order ----------------------------------------------------------------


def check_second_order(f, x, eps=1e-5, rtol=1e-6, atol=1e-8):
    """grad(h) for h(x) = <grad(f)(x), w> against central differences of h."""
    w = np.random.default_rng(3).standard_normal(x.shape)

    def h(a):
        return mx.sum(mx.grad(f)(a) * f64(w))

    got = np.asarray(mx.grad(h)(f64(x)))
    want = np.zeros(x.size)
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps
        e = e.reshape(x.shape)
        want[k] = (h(f64(x + e)).item() - h(f64(x - e)).item()) / (2 * eps)
    np.testing.assert_allclose(got, want.reshape(x.shape), rtol=rtol, atol=atol)


@pytest.mark.parametrize("name,f", [
    ("prod", lambda a: mx.prod(a)),
    ("prod_axis", lambda a: mx.sum(mx.prod(a, axis=(0, 2)) ** 2)),
    ("cumprod", lambda a: mx.sum(mx.cumprod(a, axis=1) * mx.cumprod(a, axis=2, reverse=True))),
    ("cumsum", lambda a: mx.sum(mx.cumsum(a, axis=0, inclusive=False) ** 3)),
    ("logsumexp", lambda a: mx.logsumexp(a, axis=(1, 2)).sum()),
    ("logcumsumexp", lambda a: mx.sum(mx.logcumsumexp(a, axis=2) * mx.arange(4))),
    ("softmax", lambda a: mx.sum(mx.softmax(a, axis=-1) ** 2)),
    ("var", lambda a: mx.sum(mx.var(a, axis=1))),
    ("max", lambda a: mx.sum(mx.max(a, axis=1) ** 2)),
])
def test_second_order(name, f):
    x = np.random.default_rng(4).uniform(0.5, 1.5, (2, 3, 4))
    check_second_order(f, x)


def test_second_order_prod_with_one_zero():
    # d2 prod / dx_i dx_j is the product of the rest; with one zero at k only the
    # pairs (k, j) are nonzero.
    x = np.array([1.5, 0.0, 2.0, -0.5])
    def row(i):
        return mx.grad(lambda a: mx.sum(mx.grad(mx.prod)(a) * f64(np.eye(4)[i])))(f64(x))

    hess = np.stack([np.asarray(row(i)) for i in range(4)])
    want = np.zeros((4, 4))
    for i in range(4):
        for j in range(4):
            if i != j:
                want[i, j] = np.prod(np.delete(x, [i, j]))
    np.testing.assert_allclose(hess[1], want[1])
    np.testing.assert_allclose(hess[:, 1], want[:, 1])


@pytest.mark.parametrize("name,f", [
    ("sort", lambda a: mx.sum(mx.sort(a, axis=1) ** 3 * mx.arange(3).reshape(3, 1))),
    ("topk", lambda a: mx.sum(mx.topk(a, 2, axis=-1) ** 3)),
    ("partition", lambda a: mx.sum(mx.partition(a, 1, axis=0) ** 3 * mx.arange(4))),
    ("cummax", lambda a: mx.sum(mx.cummax(a, axis=2) ** 3)),
    ("cummin", lambda a: mx.sum(finite(lambda b: mx.cummin(b, axis=1, reverse=True, inclusive=False))(a) ** 3)),
])
def test_second_order_through_permutations(name, f):
    # These rules gather and scatter along an axis: their own derivatives are the
    # indexing family's rules.
    x = np.random.default_rng(5).uniform(0.5, 1.5, (2, 3, 4))
    check_second_order(f, x)
