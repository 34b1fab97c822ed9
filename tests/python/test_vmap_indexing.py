"""vmap of the indexing ops against a Python loop, through the harness: every
combination of mapped operand and mapped index array (the index is the first
argument in the *_idx cases, so the harness's unmapped run maps only the index)."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import OpCase, case_ids, check_vmap
from test_indexing import GET, index_of, to_mx_index


def ix(i, n, neg=False):
    """A float input made into valid integer indices in [0, n) (or [-n, 0))."""
    r = i.astype(mx.int32) % n
    return r - n if neg else r


def setitem(a, idx, v):
    a = a * 1
    a[idx] = v
    return a


def both_orders(name, f, shapes, **kw):
    """f(a, i, *rest) as given and with the index first (so it alone is mapped)."""
    swapped = [(s[1], s[0]) + tuple(s[2:]) for s in shapes]
    return [
        OpCase(name, None, lambda *x: f(*x), arity=len(shapes[0]), shapes=shapes, id=name, **kw),
        OpCase(name, None, lambda i, a, *r: f(a, i, *r), arity=len(shapes[0]), shapes=swapped,
               id=name + "_idx", **kw),
    ]


def getitem_case(k):
    idx = to_mx_index(index_of(GET[k]))
    return OpCase("getitem", None, lambda a: a[idx], shapes=[((4, 5, 6),)], id=f"getitem{k}")


CASES = [getitem_case(k) for k in range(len(GET))]
CASES += both_orders("getitem_int", lambda a, i: a[ix(i, 4)], [((4, 5), (3,)), ((4,), (2, 2)), ((4, 3), ())])
CASES += both_orders("getitem_neg", lambda a, i: a[ix(i, 4, neg=True)], [((4, 5), (3,))])
CASES += both_orders("getitem_mid", lambda a, i: a[:, ix(i, 5), 1:3], [((2, 5, 4), (3,)), ((2, 5, 4), (2, 3))])
CASES += both_orders("getitem_two", lambda a, i, j: a[ix(i, 2), :, ix(j, 4)],
                     [((2, 3, 4), (3,), (3,)), ((2, 3, 4), (2, 1), (3,))])
CASES += both_orders("getitem_slice_int", lambda a, i: a[1:, ix(i, 3)][::-1], [((4, 3), (2,))])
CASES += both_orders("take", lambda a, i: mx.take(a, ix(i, 5), axis=1), [((3, 5), (4,)), ((2, 5, 2), (2, 2))])
CASES += both_orders("take_flat", lambda a, i: mx.take(a, ix(i, 6)), [((2, 3), (4,))])
CASES += both_orders("take_along_axis", lambda a, i: mx.take_along_axis(a, ix(i, 4), axis=0),
                     [((4, 3), (2, 3)), ((4, 3), (2, 1))])
CASES += both_orders("take_along_axis_last", lambda a, i: mx.take_along_axis(a, ix(i, 3, neg=True), axis=-1),
                     [((2, 3), (2, 5))])
CASES += both_orders("put_along_axis", lambda a, i, v: mx.put_along_axis(a, ix(i, 4), v, axis=0),
                     [((4, 3), (1, 3), (1, 3)), ((4, 3), (1, 3), ())])
CASES += both_orders("put_along_axis_last", lambda a, i, v: mx.put_along_axis(a, ix(i, 3), v, axis=-1),
                     [((2, 3), (2, 1), (2, 1))])
CASES += both_orders("setitem", lambda a, i, v: setitem(a, ix(i, 4), v), [((4, 5), (2,), (5,)), ((4, 5), (), (1,))])
CASES += both_orders("setitem_mid", lambda a, i, v: setitem(a, (slice(None), ix(i, 3)), v),
                     [((2, 3, 2), (2,), (2, 2))])
CASES += both_orders("at_add", lambda a, i, v: a.at[ix(i, 3)].add(v), [((3, 2), (5,), (5, 2))])
CASES += both_orders("at_max", lambda a, i, v: a.at[:, ix(i, 3)].maximum(v), [((2, 3), (4,), (2, 4))])
CASES += [
    OpCase("setitem_slice", None, lambda a, v: setitem(a, (slice(1, 3), slice(None, None, -1)), v), arity=2,
           shapes=[((4, 3), (2, 3))], id="setitem_slice"),
    OpCase("setitem_slice", None, lambda v, a: setitem(a, (slice(1, 3),), v), arity=2,
           shapes=[((2, 3), (4, 3))], id="setitem_slice_update_only"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_vmap(case):
    check_vmap(case)


def test_vmap_getitem_mapped_index_values():
    # The index array is the mapped argument; the operand is shared.
    a = mx.array(np.arange(20, dtype=np.float32).reshape(4, 5))
    idx = mx.array(np.array([[0, 3], [1, 1], [-1, 2]], np.int32))
    got = mx.vmap(lambda i: a[i], in_axes=0)(idx)
    np.testing.assert_array_equal(np.asarray(got), np.arange(20).reshape(4, 5)[np.array([[0, 3], [1, 1], [-1, 2]])])
    got = mx.vmap(lambda i: mx.take(a, i, axis=1), in_axes=1)(idx)
    want = np.stack([np.take(np.arange(20).reshape(4, 5), c, axis=1) for c in np.array([[0, 3], [1, 1], [-1, 2]]).T])
    np.testing.assert_array_equal(np.asarray(got), want)


def test_vmap_out_of_range_index_raises():
    a = mx.zeros((3,))
    with pytest.raises(IndexError):
        mx.eval(mx.vmap(lambda i: a[i])(mx.array([0, 5])))


def test_vmap_grad_of_indexing_rules():
    # Batched gathers and scatters stay differentiable.
    x = mx.array(np.arange(12, dtype=np.float32).reshape(3, 4))
    idx = mx.array(np.array([[0, 2], [3, 3], [1, 0]], np.int32))
    f = lambda x, i: (mx.vmap(lambda r, j: r[j] * r.at[j].add(1.0)[j])(x, i)).sum()
    h = lambda x, i: mx.stack([x[k][i[k]] * x[k].at[i[k]].add(1.0)[i[k]] for k in range(3)]).sum()
    np.testing.assert_allclose(np.asarray(mx.grad(f)(x, idx)), np.asarray(mx.grad(h)(x, idx)))
