"""vjp/jvp of the shape ops (slices, joins, splits, pads, as_strided) against finite
differences, through the harness; the value OpCases are reused where they exist."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import OpCase, case_ids, check_grads
from test_ops_shape import CASES

# Every value case is a float-valued shape op, hence differentiable.
SHAPE_CASES = list(CASES)


@pytest.mark.parametrize("case", SHAPE_CASES, ids=case_ids(SHAPE_CASES))
def test_grads(case):
    check_grads(case)


W = np.linspace(0.5, 2.0, 12)  # weights that make each output position distinct


def weighted(x, w=W):
    """x times fixed distinct weights (so a wrong placement shows in the vjp)."""
    return x * mx.array(w[: x.shape[-1]] if x.ndim else w[0])


def split_join(a):
    p, q, r = mx.split(a, [1, 3], axis=1)
    return mx.concatenate([r * 3.0, p, q * 2.0], axis=1)


def dyn_update(a, v):
    return mx.slice_update(a, v, mx.array([1, 2]), [0, 1])


def static_update(a, v):
    a = a + 0
    a[3:0:-2, ::2] = v
    return a


def bcast_update(a, v):
    a = a + 0
    a[1:3, ::2] = v  # v (2,) broadcast over the (2, 2) window: its cotangent sums
    return a


EXTRA = [
    OpCase("slice_step", None, lambda a: a[1:5:2], shapes=[((6,),), ((6, 3),)], id="slice_step"),
    OpCase("slice_negstep", None, lambda a: weighted(a[::-1, 3:0:-2]), shapes=[((4, 5),), ((3, 4, 5),)],
           id="slice_negstep"),
    OpCase("slice_neg_all", None, lambda a: a[..., ::-3], shapes=[((2, 7),)], id="slice_neg_all"),
    OpCase("slice_int", None, lambda a: a[1, :, -1], shapes=[((3, 4, 5),)], id="slice_int"),
    OpCase("slice_window", None, lambda a: a[0:2, 1:3], shapes=[((3, 4),)], id="slice_window"),
    OpCase("dyn_slice", None, lambda a: mx.slice(a, mx.array([1, 1]), [0, 1], [2, 2]),
           shapes=[((3, 4),)], id="dynamic_slice"),
    OpCase("split", None, split_join, shapes=[((2, 5),), ((3, 4, 2),)], id="split_concat"),
    OpCase("split_eq", None, lambda a: mx.concatenate(mx.split(a, 2, axis=0)[::-1], axis=-1),
           shapes=[((4, 3),)], id="split_equal"),
    OpCase("concatenate3", None, lambda a, b, c: mx.concatenate([a, b * 2.0, c, a], axis=0), arity=3,
           shapes=[((2, 3), (1, 3), (3, 3))], id="concatenate_repeat_input"),
    OpCase("slice_update", None, dyn_update, arity=2, shapes=[((3, 5), (2, 3))], id="dynamic_slice_update"),
    OpCase("slice_update_static", None, static_update, arity=2, shapes=[((4, 5), (2, 3))],
           id="setitem_slices"),
    OpCase("slice_update_bcast", None, bcast_update, arity=2, shapes=[((4, 4), (2,))],
           id="setitem_broadcast_value"),
    OpCase("as_strided", None, lambda a: mx.as_strided(a, (4, 3), (2, 1), 1), shapes=[((3, 4),)],
           id="as_strided_overlap_offset"),
    OpCase("as_strided", None, lambda a: mx.as_strided(a, (2, 3, 2), (0, 1, 3)), shapes=[((2, 3),)],
           id="as_strided_zero_stride"),
    OpCase("as_strided", None, lambda a: weighted(mx.as_strided(a[::-1], (3, 3), (-1, 1), 2)),
           shapes=[((5,),)], id="as_strided_negative_stride"),
    OpCase("pad_edge_reflect", None, lambda a: mx.pad(mx.pad(a, 2, mode="edge"), 1, mode="reflect"),
           shapes=[((3, 4),)], id="pad_edge_reflect"),
]


@pytest.mark.parametrize("case", EXTRA, ids=case_ids(EXTRA))
def test_grads_extra(case):
    check_grads(case)


def test_grad_of_grad_through_slices():
    # d/dx of the vjp of a slice is zero; of x * slice(x) it is not: the rules
    # must themselves be differentiable.
    def inner(x):
        _, (g,) = mx.vjp(lambda y: y[1:] * y[:-1], [x], [mx.ones((3,), dtype=x.dtype)])
        return g
    x = mx.array([1.0, 2.0, 3.0, 4.0], dtype=mx.float64)
    _, (gg,) = mx.vjp(inner, [x], [mx.array([1.0, 0.0, 0.0, 0.0], dtype=mx.float64)])
    # g = [x1, x0 + x2, x1 + x3, x2]; the first component's gradient is e1.
    np.testing.assert_allclose(np.array(gg), [0.0, 1.0, 0.0, 0.0])


def test_view_is_not_differentiable():
    x = mx.array([1.0, 2.0], dtype=mx.float32)
    with pytest.raises(ValueError, match="not differentiable"):
        mx.vjp(lambda a: a.view(mx.int32), [x], [mx.zeros((2,), dtype=mx.int32)])
    with pytest.raises(ValueError, match="not differentiable"):
        mx.jvp(lambda a: a.view(mx.float16), [x], [x])
    _, (g,) = mx.vjp(lambda a: a.view(mx.float32) * 2.0, [x], [mx.array([1.0, 3.0])])
    np.testing.assert_array_equal(np.array(g), [2.0, 6.0])  # same dtype: the identity
