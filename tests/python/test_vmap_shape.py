"""vmap of the shape ops against a Python loop, through the harness."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import OpCase, case_ids, check_vmap
from test_ops_shape import CASES as SHAPE

EXTRA = [
    OpCase("slice", lambda a: a[1:, ::-2], lambda a: a[1:, ::-2], shapes=[((3, 5),)], id="slice_neg_step"),
    OpCase("slice", lambda a: a[..., 1:3], lambda a: a[..., 1:3], shapes=[((2, 3, 4),), ((4,),)], id="slice_last"),
    OpCase("split", lambda a: np.split(a, 2, axis=1)[1], lambda a: mx.split(a, 2, axis=1)[1],
           shapes=[((3, 4),)], id="split"),
    OpCase("split", lambda a: np.split(a, [1, 3], axis=-1)[2] * 2, lambda a: mx.split(a, [1, 3], axis=-1)[2] * 2,
           shapes=[((2, 5),)], id="split_indices"),
    OpCase("slice_update", lambda a, b: np.concatenate([a[:1], b[1:2], a[2:]]),
           lambda a, b: mx.slice_update(a, b[1:2], mx.array([1]), axes=(0,)),
           arity=2, shapes=[((3, 4), (3, 4))], id="slice_update_dyn"),
    OpCase("setitem", None, shapes=[((4, 5), (2, 5))], arity=2, id="setitem_fn"),
    OpCase("concatenate", lambda a, b: np.concatenate([a, b], 1), lambda a, b: mx.concatenate([a, b], axis=1),
           arity=2, shapes=[((2, 3), (2, 1)), ((2, 0), (2, 4))], id="concatenate_axis1"),
    OpCase("broadcast_to", lambda a: np.broadcast_to(a, (2, 3)), lambda a: mx.broadcast_to(a, (2, 3)),
           shapes=[((),), ((1, 3),), ((2, 1),)], id="broadcast_to_ranks"),
]


def setitem(a, b):
    a = a * 1
    a[1:3] = b
    return a


EXTRA[5].mx_fn = setitem

CASES = list(SHAPE) + EXTRA


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_vmap(case):
    check_vmap(case)


@pytest.mark.parametrize("case", SHAPE, ids=case_ids(SHAPE))
def test_vmap_dtypes(case):
    # Views and copies move raw elements: every dtype the value tests use.
    for dt in case.dtypes[1:]:
        check_vmap(case, dtype=dt)


def test_vmap_as_strided():
    # The view addresses one example's row-major elements, whatever the batch layout.
    f = lambda a: mx.as_strided(a, (3, 3), (1, 1))
    for shape in ((5,), (2, 3)):
        for ax in range(len(shape) + 1):
            xs = np.arange(3 * np.prod(shape), dtype=np.float32).reshape((3,) + shape)
            stacked = np.moveaxis(xs, 0, ax)
            got = mx.vmap(f, in_axes=ax)(mx.array(stacked))
            want = np.stack([np.asarray(f(mx.array(x))) for x in xs])
            np.testing.assert_array_equal(np.asarray(got), want)
    g = lambda a: mx.as_strided(a, (2,), (3,), 2)
    xs = np.arange(24, dtype=np.float32).reshape(3, 2, 4)
    got = mx.vmap(g, in_axes=1)(mx.array(np.moveaxis(xs, 0, 1)))
    np.testing.assert_array_equal(np.asarray(got), np.stack([np.asarray(g(mx.array(x))) for x in xs]))
    got = mx.vmap(mx.vmap(f))(mx.array(np.arange(30, dtype=np.float32).reshape(2, 3, 5)))
    want = np.stack([[np.asarray(f(mx.array(x))) for x in o] for o in np.arange(30, dtype=np.float32).reshape(2, 3, 5)])
    np.testing.assert_array_equal(np.asarray(got), want)


def test_vmap_concatenate_mapped_and_unmapped():
    a = mx.array(np.arange(12, dtype=np.float32).reshape(3, 4))
    b = mx.array(np.ones((2,), np.float32))
    got = mx.vmap(lambda x, y: mx.concatenate([y, x, y]), in_axes=(0, None))(a, b)
    want = np.stack([np.concatenate([np.ones(2), r, np.ones(2)]) for r in np.arange(12).reshape(3, 4)])
    np.testing.assert_array_equal(np.asarray(got), want)
    # unmapped first, mapped second, batch axis last
    got = mx.vmap(lambda y, x: mx.concatenate([y, x]), in_axes=(None, 1))(b, mx.array(np.arange(12, dtype=np.float32).reshape(4, 3)))
    want = np.stack([np.concatenate([np.ones(2), c]) for c in np.arange(12).reshape(4, 3).T])
    np.testing.assert_array_equal(np.asarray(got), want)


def test_vmap_slice_update_unmapped_src():
    src = mx.zeros((4,))
    upd = mx.array(np.arange(6, dtype=np.float32).reshape(3, 2))
    got = mx.vmap(lambda s, u: mx.slice_update(s, u, mx.array([1]), axes=(0,)), in_axes=(None, 0))(src, upd)
    want = np.zeros((3, 4), np.float32)
    want[:, 1:3] = np.arange(6).reshape(3, 2)
    np.testing.assert_array_equal(np.asarray(got), want)
    np.testing.assert_array_equal(np.asarray(src), np.zeros(4))


def test_vmap_grad_of_shape_rules():
    # Results of the rules stay differentiable (grad of vmap, vjp inside vmap).
    f = lambda x: mx.concatenate([x[::-1], mx.transpose(x.reshape(2, 2)).reshape(-1)]) ** 2
    rows = np.arange(12, dtype=np.float32).reshape(3, 4)
    x = mx.array(rows)
    ct = mx.array(np.arange(8, dtype=np.float32))
    vjp1 = lambda r: mx.vjp(f, [r], [ct])[1][0]
    got = mx.vmap(vjp1)(x)
    want = np.stack([np.asarray(vjp1(mx.array(r))) for r in rows])
    np.testing.assert_allclose(np.asarray(got), want)
    g = mx.grad(lambda x: (mx.vmap(lambda r: f(r)[1:4] * r[:-1].reshape(1, 3)[0, ::-1])(x)).sum())
    h = mx.grad(lambda x: mx.stack([f(x[i])[1:4] * x[i][:-1][::-1] for i in range(3)]).sum())
    np.testing.assert_allclose(np.asarray(g(x)), np.asarray(h(x)))
