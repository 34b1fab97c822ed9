"""vjp/jvp of the elementwise ops against finite differences, through the harness."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import check_grads, case_ids
from test_ops_elementwise import CASES

# Ops whose outputs are floating and differentiable over the case's domain.
# stop_gradient is the identity as a function but has zero derivative by design.
GRAD_CASES = [
    c for c in CASES
    if any(d in ("float32", "float64") for d in c.dtypes) and c.name != "stop_gradient"
]


@pytest.mark.parametrize("case", GRAD_CASES, ids=case_ids(GRAD_CASES))
def test_grads(case):
    check_grads(case)


# The registry's grad column: piecewise-constant ops have a zero derivative (as MLX).
ZERO_GRAD_UNARY = ["sign", "floor", "ceil", "round", "isnan", "isinf", "isposinf", "isneginf",
                   "logical_not", "stop_gradient"]
ZERO_GRAD_BINARY = ["floor_divide", "equal", "not_equal", "less", "less_equal", "greater",
                    "greater_equal", "logical_and", "logical_or"]


@pytest.mark.parametrize("name", ZERO_GRAD_UNARY + ZERO_GRAD_BINARY)
def test_piecewise_constant_ops_have_zero_gradient(name):
    x = mx.array(np.array([1.5, -2.3, 0.25, 3.0], dtype=np.float32))
    op = getattr(mx, name)
    f = (lambda a: op(a)) if name in ZERO_GRAD_UNARY else (lambda a: op(a, mx.array(0.7)))
    g = mx.grad(lambda a: f(a).astype(mx.float32).sum())(x)
    np.testing.assert_array_equal(np.array(g), np.zeros(4, np.float32))
    _, t = mx.jvp(lambda a: f(a), [x], [mx.ones_like(x)])
    np.testing.assert_array_equal(np.array(t[0]).astype(np.float32), np.zeros(4, np.float32))


@pytest.mark.parametrize("name", ["bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift"])
def test_bitwise_binary_ops_have_zero_gradient(name):
    # MLX: zeros of the integer input's dtype.
    x = mx.array([1, 2, 3])
    g = mx.grad(lambda a: getattr(mx, name)(a, mx.array(1)).astype(mx.float32).sum())(x)
    assert g.dtype == mx.int32
    np.testing.assert_array_equal(np.array(g), np.zeros(3, np.int32))


def test_bitwise_invert_is_not_differentiable():
    # MLX defines no derivative for bitwise_invert and raises; so do we (was a silent zero).
    x = mx.array([1.5, -2.3, 0.25])
    f = lambda a: mx.bitwise_invert(a.astype(mx.int32)).astype(mx.float32).sum()  # noqa: E731
    with pytest.raises(ValueError, match=r"^\[vjp\] bitwise_invert is not differentiable"):
        mx.grad(f)(x)
    with pytest.raises(ValueError, match=r"^\[jvp\] bitwise_invert is not differentiable"):
        mx.jvp(lambda a: mx.bitwise_invert(a.astype(mx.int32)), [x], [mx.ones_like(x)])
    with pytest.raises(ValueError, match="bitwise_invert"):
        mx.grad(lambda a: (~a).astype(mx.float32).sum())(mx.array([1, 2, 3]))
