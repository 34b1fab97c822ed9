"""vjp/jvp of indexing (a[idx], a[idx] = v, a.at[idx].op(v), take, take_along_axis,
put_along_axis) against finite differences, through the harness. The index
expressions are the ones the value tests use."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import OpCase, check_grads
from test_indexing import AT_INDEX, GET, SHAPE, TAKE, index_of, to_mx_index

GET_IDS = [str(index_of(g)).replace(" ", "") for g in GET]


def nonempty(shape):
    return int(np.prod(shape)) > 0


@pytest.mark.parametrize("k", range(len(GET)), ids=GET_IDS)
def test_getitem(k):
    idx = to_mx_index(index_of(GET[k]))
    check_grads(OpCase("getitem", None, lambda a: a[idx], shapes=[(SHAPE,)]))


@pytest.mark.parametrize("k", range(len(GET)), ids=GET_IDS)
def test_setitem(k):
    np_idx = index_of(GET[k])
    idx = to_mx_index(np_idx)
    vshape = np.zeros(SHAPE)[np_idx].shape

    def f(a, v):
        a = a + 0
        a[idx] = v
        return a

    check_grads(OpCase("setitem", None, f, arity=2, shapes=[(SHAPE, vshape)]))
    if nonempty(vshape) and len(vshape) >= 1:  # a value broadcast over the index
        check_grads(OpCase("setitem", None, f, arity=2, shapes=[(SHAPE, vshape[-1:])]))


def test_setitem_duplicates_last_wins():
    # Only the last of duplicate indices lands, so only it gets a cotangent.
    def f(a, v):
        a = a + 0
        a[mx.array([1, 3, 1, 1])] = v
        return a

    a = mx.array(np.arange(5.0))
    v = mx.array([10.0, 20.0, 30.0, 40.0])
    u = mx.array([1.0, 2.0, 3.0, 4.0, 5.0])
    _, (ga, gv) = mx.vjp(f, [a, v], [u])
    np.testing.assert_array_equal(np.array(ga), [1.0, 0.0, 3.0, 0.0, 5.0])
    np.testing.assert_array_equal(np.array(gv), [0.0, 4.0, 0.0, 2.0])
    _, (t,) = mx.jvp(f, [a, v], [mx.zeros((5,)), mx.array([1.0, 2.0, 3.0, 4.0])])
    np.testing.assert_array_equal(np.array(t), [0.0, 4.0, 0.0, 2.0, 0.0])


def test_getitem_duplicates_accumulate():
    a = mx.array(np.arange(4.0))
    _, (g,) = mx.vjp(lambda x: x[mx.array([2, 0, 2, 2])], [a], [mx.array([1.0, 2.0, 3.0, 4.0])])
    np.testing.assert_array_equal(np.array(g), [2.0, 0.0, 8.0, 0.0])


AT_OPS = ["add", "subtract", "multiply", "divide", "maximum", "minimum"]


@pytest.mark.parametrize("op", AT_OPS)
@pytest.mark.parametrize("k", range(len(AT_INDEX)))
def test_at(op, k):
    np_idx = index_of(AT_INDEX[k])
    idx = to_mx_index(np_idx)
    vshape = np.zeros(SHAPE)[np_idx].shape
    f = lambda a, v: getattr(a.at[idx], op)(v)
    # Positive inputs keep divide away from zero; distinct random values avoid ties.
    check_grads(OpCase("at", None, f, arity=2, shapes=[(SHAPE, vshape)], domain=(0.5, 2.0)))


def test_at_multiply_with_zero_updates():
    # d out / d v_j is a times the other updates at the place, zeros included.
    idx = mx.array([0, 0, 0, 1, 1])
    a = mx.array([2.0, 3.0])
    for v, want in [([0.0, 5.0, 7.0, 0.0, 0.0], [70.0, 0.0, 0.0, 0.0, 0.0]),
                    ([4.0, 5.0, 7.0, 1.0, 0.0], [70.0, 56.0, 40.0, 0.0, 3.0])]:
        _, (gv,) = mx.vjp(lambda x: a.at[idx].multiply(x), [mx.array(v)], [mx.array([1.0, 1.0])])
        np.testing.assert_allclose(np.array(gv), want)


def test_at_maximum_splits_ties():
    a = mx.array([1.0, 5.0])
    v = mx.array([3.0, 3.0, 5.0])
    _, (ga, gv) = mx.vjp(lambda x, y: x.at[mx.array([0, 0, 1])].maximum(y), [a, v],
                         [mx.array([1.0, 1.0])])
    np.testing.assert_allclose(np.array(ga), [0.0, 0.5])
    np.testing.assert_allclose(np.array(gv), [0.5, 0.5, 0.5])


def test_index_arrays_need_stop_gradient():
    # As in MLX: a derivative with respect to indices is refused, with a pointer to
    # stop_gradient, which gives them zero cotangents.
    idx = mx.array([2, 0, 2])
    a = mx.array(np.arange(4.0))
    cases = {
        "gather": lambda a, i: mx.take(a, i),
        "gather_axis": lambda a, i: mx.take_along_axis(a, i, 0),
        "scatter": lambda a, i: a.at[i].add(1.0),
        "scatter_axis": lambda a, i: mx.put_along_axis(a, i, mx.array([5.0, 6.0, 7.0]), 0),
    }
    for name, f in cases.items():
        cot = [mx.ones(f(a, idx).shape)]
        with pytest.raises(ValueError, match=rf"\[{name}\] Cannot calculate VJP with respect to indices"):
            mx.vjp(f, [a, idx], cot)
        with pytest.raises(ValueError, match=rf"\[{name}\] Cannot calculate JVP with respect to indices"):
            mx.jvp(f, [a, idx], [mx.ones(4), mx.zeros(3, dtype=mx.int32)])
    _, (ga, gi) = mx.vjp(lambda a, i: mx.take(a, mx.stop_gradient(i)), [a, idx], [mx.array([1.0, 1.0, 1.0])])
    np.testing.assert_array_equal(np.array(ga), [1.0, 0.0, 2.0, 0.0])
    np.testing.assert_array_equal(np.array(gi), [0, 0, 0])


def test_indices_computed_from_the_input_need_stop_gradient():
    x = mx.array([1.0, 3.0, 2.0])
    with pytest.raises(ValueError, match="stop_gradient"):
        mx.grad(lambda x: x[mx.argmax(x)] * 2)(x)
    g = mx.grad(lambda x: x[mx.stop_gradient(mx.argmax(x))] * 2)(x)
    np.testing.assert_array_equal(np.array(g), [0.0, 2.0, 0.0])
    # rules that sort internally keep their indices constant: second order works
    h = mx.grad(lambda x: mx.sum(mx.grad(lambda y: mx.sum(mx.sort(y) ** 3))(x)))(x)
    np.testing.assert_allclose(np.array(h), 6 * np.array([1.0, 3.0, 2.0]))


TAKE_IDS = [f"{s}-{a}" for s, _, a in TAKE]


@pytest.mark.parametrize("shape,idx,axis", TAKE, ids=TAKE_IDS)
def test_take(shape, idx, axis):
    i = mx.array(np.array(idx, dtype=np.int32))
    check_grads(OpCase("take", None, lambda a: mx.take(a, i, axis=axis), shapes=[(shape,)]))


@pytest.mark.parametrize("axis", [0, 1, -1, None])
def test_take_put_along_axis(axis):
    rng = np.random.default_rng(1)
    shape = (3, 4, 5)
    n = int(np.prod(shape)) if axis is None else shape[axis]
    ishape = (7,) if axis is None else tuple(2 if d == (axis % 3) else s for d, s in enumerate(shape))
    idx = mx.array(rng.integers(-n, n, size=ishape))  # duplicates likely
    check_grads(OpCase("take_along_axis", None, lambda a: mx.take_along_axis(a, idx, axis=axis),
                       shapes=[(shape,)]))
    vshape = ishape
    check_grads(OpCase("put_along_axis", None, lambda a, v: mx.put_along_axis(a, idx, v, axis=axis),
                       arity=2, shapes=[(shape, vshape)]))


def test_take_along_axis_broadcast_indices():
    idx = mx.array(np.array([[[0], [3], [1]]]))  # (1, 3, 1): broadcast over axis 0
    check_grads(OpCase("take_along_axis", None, lambda a: mx.take_along_axis(a, idx, axis=2),
                       shapes=[((2, 3, 4),)]))


def test_put_along_axis_duplicates_last_wins():
    idx = mx.array([[0, 0], [1, 1]])
    _, (ga, gv) = mx.vjp(lambda a, v: mx.put_along_axis(a, idx, v, axis=1),
                         [mx.zeros((2, 3)), mx.ones((2, 2))], [mx.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])])
    np.testing.assert_array_equal(np.array(ga), [[0.0, 2.0, 3.0], [4.0, 0.0, 6.0]])
    np.testing.assert_array_equal(np.array(gv), [[0.0, 1.0], [0.0, 5.0]])


def test_second_order_through_gather_and_scatter():
    # f(x) = x[idx] * x[idx]: the rules (scatter-add of a gather) must differentiate again.
    idx = mx.array([1, 1, 2])

    def inner(x):
        _, (g,) = mx.vjp(lambda y: y[idx] * y[idx], [x], [mx.ones((3,), dtype=x.dtype)])
        return g  # = 2 * x * counts

    x = mx.array([1.0, 2.0, 3.0], dtype=mx.float64)
    _, (t,) = mx.jvp(inner, [x], [mx.array([1.0, 1.0, 1.0], dtype=mx.float64)])
    np.testing.assert_allclose(np.array(t), [0.0, 4.0, 2.0])
