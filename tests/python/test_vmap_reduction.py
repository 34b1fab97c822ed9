"""vmap of the reduction, scan and sort ops against a Python loop, through the harness.

The axis given to the op is relative to one example (what the user writes); the
batching rules shift it past the batch axis."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import REDUCE_SHAPES, axis_specs, case_ids, check_vmap
from test_ops_reduction import ARGS, NONEMPTY, REDUCTIONS, SCANS
from test_ops_sort import SORTS


KEEPDIMS = [pytest.param(True, id="keepdims"), pytest.param(False, id="squeezed")]
FLAT = [pytest.param(False, id="axis"), pytest.param(True, id="flat")]


def _dtype(case):
    return "float32" if "float32" in case.dtypes else case.dtypes[0]


def _shapes(case, nonempty=False):
    return [s for s in REDUCE_SHAPES if not (nonempty and int(np.prod(s)) == 0)]


@pytest.mark.parametrize("keepdims", KEEPDIMS)
@pytest.mark.parametrize("case", REDUCTIONS, ids=case_ids(REDUCTIONS))
def test_vmap_reduce(case, keepdims):
    # axis None / each axis / negative / tuples, on 0-d to 3-d examples (and empty ones).
    for shape in _shapes(case, case.name in NONEMPTY):
        for axis in axis_specs(len(shape)):
            fn = lambda x, axis=axis: case.fn()(x, axis=axis, keepdims=keepdims)  # noqa: E731
            check_vmap(case, fn=fn, shapes=[(shape,)], dtype=_dtype(case))


@pytest.mark.parametrize("case", REDUCTIONS + ARGS, ids=case_ids(REDUCTIONS + ARGS))
def test_vmap_reduce_dtypes(case):
    for dt in case.dtypes:
        fn = lambda x: case.fn()(x, axis=-1, keepdims=True)  # noqa: E731
        check_vmap(case, fn=fn, shapes=[((3, 4),)], dtype=dt)


@pytest.mark.parametrize("keepdims", KEEPDIMS)
@pytest.mark.parametrize("case", ARGS, ids=case_ids(ARGS))
def test_vmap_argreduce(case, keepdims):
    for shape in _shapes(case, nonempty=True):
        for axis in axis_specs(len(shape), single=True):
            if axis is None:
                continue  # flattens through a Reshape: test_vmap_argreduce_flat
            fn = lambda x, axis=axis: case.fn()(x, axis=axis, keepdims=keepdims)  # noqa: E731
            check_vmap(case, fn=fn, shapes=[(shape,)], dtype=_dtype(case))


@pytest.mark.parametrize("case", ARGS, ids=case_ids(ARGS))
def test_vmap_argreduce_flat(case):
    for shape in ((5,), (3, 4), (2, 3, 4)):
        for keepdims in (False, True):
            fn = lambda x, keepdims=keepdims: case.fn()(x, keepdims=keepdims)  # noqa: E731
            check_vmap(case, fn=fn, shapes=[(shape,)])


@pytest.mark.parametrize("flat", FLAT)
@pytest.mark.parametrize("inclusive", [True, False])
@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("case", SCANS, ids=case_ids(SCANS))
def test_vmap_scan(case, reverse, inclusive, flat):
    for shape in REDUCE_SHAPES:
        axes = [None] if flat else axis_specs(len(shape), single=True)[1:]
        for axis in axes:
            fn = lambda x, axis=axis: case.fn()(x, axis=axis, reverse=reverse, inclusive=inclusive)  # noqa: E731
            check_vmap(case, fn=fn, shapes=[(shape,)], dtype=_dtype(case))


@pytest.mark.parametrize("case", SCANS, ids=case_ids(SCANS))
def test_vmap_scan_dtypes(case):
    for dt in case.dtypes:
        check_vmap(case, fn=lambda x: case.fn()(x, axis=0), shapes=[((3, 4),)], dtype=dt)


def test_vmap_cumsum_dtype_argument():
    case = SCANS[0]
    fn = lambda x: mx.cumsum(x, axis=1, dtype=mx.int32)  # noqa: E731
    check_vmap(case, fn=fn, shapes=[((3, 4),)], dtype="int8")


def test_vmap_softmax():
    case = REDUCTIONS[0]
    for shape in ((5,), (3, 4), (2, 3, 4)):
        for axis in axis_specs(len(shape))[1:]:
            for precise in (False, True):
                fn = lambda x, axis=axis, precise=precise: mx.softmax(x, axis=axis, precise=precise)  # noqa: E731
                check_vmap(case, fn=fn, shapes=[(shape,)], dtype="float32")
        check_vmap(case, fn=lambda x: mx.softmax(x), shapes=[(shape,)], dtype="float32")
    check_vmap(case, fn=lambda x: mx.softmax(x), shapes=[((),)], dtype="float32")


@pytest.mark.parametrize("ddof", [0, 1])
def test_vmap_var_std_ddof(ddof):
    case = REDUCTIONS[0]
    for name in ("var", "std"):
        for axis in (None, 0, -1, (0, 1)):
            fn = lambda x, axis=axis: getattr(mx, name)(x, axis=axis, ddof=ddof)  # noqa: E731
            check_vmap(case, fn=fn, shapes=[((3, 4),)], dtype="float32")


def test_vmap_reduce_mixed_with_unbatched():
    # An unbatched argument meets the batched reduction of a batched one.
    case = REDUCTIONS[0]
    fn = lambda x, y: mx.max(x, axis=0, keepdims=True) + mx.sum(y, axis=-1, keepdims=True)  # noqa: E731
    check_vmap(case, fn=fn, shapes=[((3, 4), (3, 4))], dtype="float32")


def test_vmap_noncontiguous_batch():
    # The batch comes from a transposed view; the rule moves its axis to the front.
    x = np.random.default_rng(5).uniform(-1, 1, (4, 3, 5)).astype(np.float32)
    a = mx.transpose(mx.array(x), (2, 0, 1))  # (5, 4, 3), batched along 1
    got = mx.vmap(lambda e: mx.cumsum(mx.sum(e, axis=1, keepdims=True), axis=0), in_axes=1)(a)
    xt = np.transpose(x, (2, 0, 1))
    want = np.stack([np.cumsum(np.sum(xt[:, b], axis=1, keepdims=True), axis=0) for b in range(4)])
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_vmap_out_axes():
    x = np.random.default_rng(6).uniform(-1, 1, (3, 4, 5)).astype(np.float32)
    got = mx.vmap(lambda e: mx.sort(e, axis=0), in_axes=2, out_axes=1)(mx.array(x))
    want = np.stack([np.sort(x[:, :, b], axis=0) for b in range(5)], axis=1)
    np.testing.assert_array_equal(got, want)


# --- sorting -------------------------------------------------------------------


@pytest.mark.parametrize("flat", FLAT)
@pytest.mark.parametrize("case", SORTS, ids=case_ids(SORTS))
def test_vmap_sort(case, flat):
    for shape in REDUCE_SHAPES:
        axes = [None] if flat else axis_specs(len(shape), single=True)[1:]
        for axis in axes:
            fn = lambda x, axis=axis: case.fn()(x, axis=axis)  # noqa: E731
            check_vmap(case, fn=fn, shapes=[(shape,)], dtype="float32")
    if not flat:
        for dt in case.dtypes:
            check_vmap(case, fn=lambda x: case.fn()(x, axis=-1), shapes=[((3, 4),)], dtype=dt)


def _sorted_along(f, axis):
    # A partition's order within each side is unspecified: compare it sorted.
    return lambda x: mx.sort(f(x), axis=axis)


@pytest.mark.parametrize("name", ["partition", "argpartition"])
def test_vmap_partition(name):
    case = SORTS[0]
    op = getattr(mx, name)
    for shape in ((5,), (3, 4), (2, 3, 4)):
        for axis in axis_specs(len(shape), single=True)[1:]:
            n = shape[axis]
            for kth in (0, n // 2, n - 1, -1):
                fn = lambda x, kth=kth, axis=axis: op(x, kth, axis=axis)  # noqa: E731
                # Exactly the loop's answer: same rows, same algorithm.
                check_vmap(case, fn=fn, shapes=[(shape,)], dtype="float32")


@pytest.mark.parametrize("name", ["partition", "argpartition"])
def test_vmap_partition_flat(name):
    fn = lambda x: getattr(mx, name)(x, 3, axis=None)  # noqa: E731
    check_vmap(SORTS[0], fn=fn, shapes=[((3, 4),)], dtype="float32")


def test_vmap_topk():
    case = SORTS[0]
    for shape in ((5,), (3, 4), (2, 3, 4)):
        for axis in axis_specs(len(shape), single=True)[1:]:
            n = shape[axis]
            for k in (0, 1, n // 2 + 1, n):
                # topk's order is unspecified: sort it (the sort is vmapped too).
                fn = _sorted_along(lambda x, k=k, axis=axis: mx.topk(x, k, axis=axis), axis)
                check_vmap(case, fn=fn, shapes=[(shape,)], dtype="float32")


def test_vmap_topk_flat():
    fn = _sorted_along(lambda x: mx.topk(x, 4), 0)
    check_vmap(SORTS[0], fn=fn, shapes=[((3, 4),)], dtype="float32")


# --- with gradients ----------------------------------------------------------------


def _loss(x):
    return mx.sum(mx.sin(x) ** 2)


@pytest.mark.parametrize("in_axis", [0, 1, -1])
def test_vmap_of_grad_per_example(in_axis):
    # Per-example gradients of sum(sin(x)**2) equal a loop of mx.grad.
    x = np.random.default_rng(7).uniform(-2, 2, (3, 4, 5)).astype(np.float32)
    a = mx.array(x)
    got = mx.vmap(mx.grad(_loss), in_axes=in_axis)(a)
    want = np.stack([np.asarray(mx.grad(_loss)(mx.array(np.take(x, b, axis=in_axis))))
                     for b in range(x.shape[in_axis])])
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(want, np.moveaxis(2 * np.sin(x) * np.cos(x), in_axis, 0), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("f", [
    lambda x: mx.max(x, axis=1),
    lambda x: mx.logsumexp(x, axis=-1),
    lambda x: mx.softmax(x, axis=0)[0, 1],
    lambda x: mx.cumsum(x, axis=1, reverse=True)[1],
    lambda x: mx.var(x),
    lambda x: mx.prod(x, axis=(0, 1)),
    pytest.param(lambda x: mx.sort(x, axis=0)[2], id="sort"),
    pytest.param(lambda x: mx.topk(x, 2, axis=1), id="topk"),
], ids=["max", "logsumexp", "softmax", "cumsum_reverse", "var", "prod", "sort", "topk"])
def test_vmap_of_grad_ops(f):
    x = np.random.default_rng(8).uniform(0.5, 1.5, (3, 4, 5)).astype(np.float32)
    g = mx.grad(lambda e: mx.sum(f(e)))
    got = mx.vmap(g, in_axes=1)(mx.array(x))
    want = np.stack([np.asarray(g(mx.array(x[:, b]))) for b in range(4)])
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("in_axis", [0, 1, 2])
def test_grad_of_vmap(in_axis):
    # d/dx of sum over the batch of per-example reductions (keepdims: no Reshape).
    x = np.random.default_rng(9).uniform(-2, 2, (3, 4, 5)).astype(np.float32)

    def total(a):
        per = mx.vmap(lambda e: mx.sum(mx.sin(e) ** 2, axis=(0, 1), keepdims=True), in_axes=in_axis)(a)
        return mx.sum(per)

    np.testing.assert_allclose(mx.grad(total)(mx.array(x)), 2 * np.sin(x) * np.cos(x), rtol=1e-5, atol=1e-6)


def test_grad_of_vmap_max():
    # Distinct values: the gradient of a max is its one-hot mask.
    x = np.random.default_rng(10).permutation(60).reshape(3, 4, 5).astype(np.float32)
    f = lambda e: mx.max(e, axis=0, keepdims=True)  # noqa: E731
    g = mx.grad(lambda a: mx.sum(mx.vmap(f, in_axes=1)(a)))(mx.array(x))
    want = (x == np.max(x, axis=0, keepdims=True)).astype(np.float32)
    np.testing.assert_array_equal(g, want)


def test_grad_of_vmap_scan_and_sort():
    x = np.random.default_rng(11).uniform(-1, 1, (3, 4)).astype(np.float32)
    w = np.arange(12, dtype=np.float32).reshape(3, 4)

    def loss(a):
        c = mx.vmap(lambda e: mx.cumsum(e, axis=0, reverse=True))(a)  # batched along 0
        s = mx.vmap(lambda e: mx.sort(e, axis=0), in_axes=1, out_axes=1)(a)
        return mx.sum(c * mx.array(w)) + mx.sum(s * mx.array(w))

    g = np.asarray(mx.grad(loss)(mx.array(x)))
    # cumsum reverse along rows: x[b, j] feeds c[b, i] for i <= j.
    want = np.cumsum(w, axis=1)
    # sort along axis 0 per column: x[i, b] lands at its rank in that column.
    ranks = np.argsort(np.argsort(x, axis=0, kind="stable"), axis=0)
    want = want + np.take_along_axis(w, ranks, axis=0)
    np.testing.assert_allclose(g, want, rtol=1e-5, atol=1e-5)


def test_grad_of_vmap_matches_nested():
    # grad(vmap(f)) row by row equals vmap(grad) computed by a loop of grads.
    x = np.random.default_rng(12).uniform(-2, 2, (3, 5)).astype(np.float32)
    f = lambda e: mx.logsumexp(e, axis=0, keepdims=True)  # noqa: E731
    g = mx.grad(lambda a: mx.sum(mx.vmap(f)(a)))(mx.array(x))
    want = np.stack([np.asarray(mx.grad(lambda e: mx.sum(f(e)))(mx.array(x[b]))) for b in range(3)])
    np.testing.assert_allclose(g, want, rtol=1e-5, atol=1e-6)
