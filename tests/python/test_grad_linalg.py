"""vjp/jvp of matmul, addmm, inner, outer and tensordot against finite differences,
through the harness (reusing the value OpCases), plus the facts finite differences
do not show: beta = 0, mixed dtypes, complex adjoints, second derivatives."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import OpCase, case_ids, check_grads
from test_ops_linalg import CASES

GRAD_CASES = [c for c in CASES if any(d in ("float32", "float64") for d in c.dtypes)]


@pytest.mark.parametrize("case", GRAD_CASES, ids=case_ids(GRAD_CASES))
def test_grads(case):
    check_grads(case)


# Batch axes that broadcast inside the primitive, with size-1 axes on either side.
BROADCAST_BATCH = OpCase(
    "matmul", np.matmul, arity=2,
    shapes=[((2, 1, 3, 4), (5, 4, 2)), ((1, 3, 4), (2, 4, 2)), ((3, 1, 2, 3), (1, 4, 3, 2)),
            ((4, 3), (2, 3, 2)),
            # one operand without batch axes: its cotangent folds the batch into one product
            ((2, 3, 2, 4), (4, 3)), ((2, 4), (3, 2, 4, 3)), ((5,), (2, 3, 5, 2))],
    id="matmul-broadcast-batch")


def test_grads_broadcast_batch():
    check_grads(BROADCAST_BATCH)


@pytest.mark.parametrize("sa, sb", [((0, 3, 4), (4, 2)), ((3, 4), (0, 4, 2)), ((2, 0, 3), (3, 4)),
                                    ((2, 3, 0), (0, 4)), ((0, 4), (2, 4, 3)), ((3, 0), (2, 0, 3))])
def test_empty_shapes(sa, sb):
    a, b = mx.ones(sa), mx.ones(sb)
    out, (ga, gb) = mx.vjp(mx.matmul, [a, b], [mx.ones((a @ b).shape)])
    assert (ga.shape, gb.shape) == (sa, sb)
    assert np.all(np.asarray(ga) == 0) and np.all(np.asarray(gb) == 0)
    _, (t,) = mx.jvp(mx.matmul, [a, b], [mx.ones(sa), mx.ones(sb)])
    assert t.shape == out[0].shape
    assert np.all(np.asarray(t) == 0)


def test_grads_addmm_broadcast_c():
    case = OpCase("addmm", None, arity=3,
                  shapes=[((1, 5), (2, 3, 4), (2, 4, 5)), ((3, 1), (3, 4), (4, 5)),
                          ((2, 1, 1), (2, 3, 4), (4, 2)), ((), (4,), (4,))], id="addmm-c-broadcast")
    check_grads(case, fn=lambda c, a, b: mx.addmm(c, a, b, alpha=-1.5, beta=0.25))


def test_addmm_beta_zero_c_gets_zero_gradient():
    c = mx.array(np.full((3, 5), np.nan, np.float32))
    a, b = mx.ones((3, 4)), mx.ones((4, 5))
    u = mx.ones((3, 5))
    _, (gc, ga, gb) = mx.vjp(lambda c, a, b: mx.addmm(c, a, b, alpha=2.0, beta=0.0), [c, a, b], [u])
    assert gc.shape == (3, 5) and gc.dtype == mx.float32
    np.testing.assert_array_equal(np.asarray(gc), np.zeros((3, 5)))
    np.testing.assert_allclose(np.asarray(ga), np.full((3, 4), 10.0))
    np.testing.assert_allclose(np.asarray(gb), np.full((4, 5), 6.0))
    _, (t,) = mx.jvp(lambda c: mx.addmm(c, a, b, alpha=2.0, beta=0.0), [c], [mx.ones((3, 5))])
    np.testing.assert_array_equal(np.asarray(t), np.zeros((3, 5)))


def test_jvp_through_c_alone_broadcasts_to_the_output():
    a, b = mx.ones((3, 4)), mx.ones((4, 5))
    _, (t,) = mx.jvp(lambda c: mx.addmm(c, a, b, alpha=3.0, beta=2.0), [mx.zeros((5,))],
                     [mx.array(np.arange(5.0), dtype=mx.float32)])
    assert t.shape == (3, 5) and t.dtype == mx.float32
    np.testing.assert_allclose(np.asarray(t), np.broadcast_to(2.0 * np.arange(5.0), (3, 5)))


def test_mixed_dtypes_give_each_input_its_dtype():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((3, 4))
    b = rng.standard_normal((4, 2))
    u = rng.standard_normal((3, 2))
    for da, db in ((mx.float32, mx.float64), (mx.float16, mx.float32), (mx.bfloat16, mx.float16)):
        ma, mb = mx.array(a, dtype=da), mx.array(b, dtype=db)
        out, (ga, gb) = mx.vjp(mx.matmul, [ma, mb], [mx.array(u, dtype=(ma @ mb).dtype)])
        assert (ga.dtype, gb.dtype) == (da, db)
        an = np.asarray(ma.astype(mx.float64))
        bn = np.asarray(mb.astype(mx.float64))
        np.testing.assert_allclose(np.asarray(ga.astype(mx.float64)), u @ bn.T, rtol=2e-2, atol=2e-2)
        np.testing.assert_allclose(np.asarray(gb.astype(mx.float64)), an.T @ u, rtol=2e-2, atol=2e-2)
        _, (t,) = mx.jvp(mx.matmul, [ma, mb], [mx.ones((3, 4), dtype=da), mx.ones((4, 2), dtype=db)])
        assert t.dtype == out[0].dtype


def test_complex_vjp_is_the_adjoint():
    rng = np.random.default_rng(2)
    a = (rng.standard_normal((3, 4)) + 1j * rng.standard_normal((3, 4))).astype(np.complex64)
    b = (rng.standard_normal((4, 2)) + 1j * rng.standard_normal((4, 2))).astype(np.complex64)
    u = (rng.standard_normal((3, 2)) + 1j * rng.standard_normal((3, 2))).astype(np.complex64)
    _, (ga, gb) = mx.vjp(mx.matmul, [mx.array(a), mx.array(b)], [mx.array(u)])
    np.testing.assert_allclose(np.asarray(ga), u @ b.conj().T, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(np.asarray(gb), a.conj().T @ u, rtol=1e-5, atol=1e-5)
    ta = (rng.standard_normal((3, 4)) + 1j * rng.standard_normal((3, 4))).astype(np.complex64)
    _, (t,) = mx.jvp(lambda x: x @ mx.array(b), [mx.array(a)], [mx.array(ta)])
    np.testing.assert_allclose(np.asarray(t), ta @ b, rtol=1e-5, atol=1e-5)


def test_second_derivative_of_quadratic_form():
    # f(x) = x^T A x: grad = (A + A^T) x, Hessian-vector product = (A + A^T) v.
    rng = np.random.default_rng(3)
    A = rng.standard_normal((4, 4))
    x0, v = rng.standard_normal(4), rng.standard_normal(4)
    f64 = lambda z: mx.array(z, dtype=mx.float64)
    mA = f64(A)
    f = lambda x: x @ (mA @ x)
    g = mx.grad(f)(f64(x0))
    np.testing.assert_allclose(np.asarray(g), (A + A.T) @ x0, rtol=1e-12)
    _, (hv,) = mx.jvp(mx.grad(f), [f64(x0)], [f64(v)])
    np.testing.assert_allclose(np.asarray(hv), (A + A.T) @ v, rtol=1e-12)
    # Reverse over reverse: d/dx <grad f(x), v> = H v.
    hv2 = mx.grad(lambda x: mx.grad(f)(x) @ f64(v))(f64(x0))
    np.testing.assert_allclose(np.asarray(hv2), (A + A.T) @ v, rtol=1e-12)


def test_unused_operand_gets_zero_cotangent_only_where_asked():
    # Differentiating w.r.t. a alone must not need b's cotangent (and vice versa).
    a, b = mx.ones((2, 3)), mx.ones((3, 4))
    ga = mx.grad(lambda a: (a @ b).reshape(-1) @ mx.ones((8,)))(a)
    np.testing.assert_allclose(np.asarray(ga), np.full((2, 3), 4.0))
    gb = mx.grad(lambda b: (a @ b).reshape(-1) @ mx.ones((8,)))(b)
    np.testing.assert_allclose(np.asarray(gb), np.full((3, 4), 2.0))
