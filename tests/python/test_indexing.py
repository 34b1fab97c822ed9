"""Indexing against NumPy: take / take_along_axis / put_along_axis, a[idx],
a[idx] = v and a.at[idx].op(v), on contiguous and non-contiguous arrays."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import OpCase, case_ids, check_grads, check_values, check_vmap

SHAPE = (4, 5, 6)
X = np.arange(np.prod(SHAPE), dtype=np.float32).reshape(SHAPE)


def variants(x):
    """mx arrays equal to x: contiguous, transposed storage, and a negative-step view."""
    yield "contiguous", mx.array(x)
    yield "transposed", mx.array(np.ascontiguousarray(x.T)).T
    yield "reversed", mx.array(np.ascontiguousarray(x[..., ::-1]))[..., ::-1]


I = np.array([0, 2, -1])
J = np.array([[1], [3]])
# Index expressions (applied to both a NumPy array and an mx array of shape 4x5x6).
GET = [
    lambda a: a[0], lambda a: a[-1], lambda a: a[1, 2], lambda a: a[1, 2, 3], lambda a: a[-4, -5, -6],
    lambda a: a[:], lambda a: a[1:3], lambda a: a[::2], lambda a: a[::-1], lambda a: a[3:0:-2],
    lambda a: a[:, 1:4:2], lambda a: a[..., ::-3], lambda a: a[-2:, :-1, 10:], lambda a: a[5:],
    lambda a: a[None], lambda a: a[:, None], lambda a: a[..., None], lambda a: a[None, ..., None, 0],
    lambda a: a[...], lambda a: a[..., 1], lambda a: a[1, ...], lambda a: a[1, ..., 2],
    lambda a: a[()], lambda a: a[0, :, None, ::-1],
    lambda a: a[I], lambda a: a[[1, 1, 0]], lambda a: a[:, [4, 0]], lambda a: a[..., [5, -6]],
    lambda a: a[I, :2], lambda a: a[:, J], lambda a: a[I, J], lambda a: a[J, :, I],
    lambda a: a[1:, J, I], lambda a: a[0, :, I], lambda a: a[:, 0, I], lambda a: a[I, 1, :],
    lambda a: a[I, 1, I], lambda a: a[None, I, None, J], lambda a: a[..., J, I],
    lambda a: a[np.array(2)], lambda a: a[np.array([[0, 1], [2, 3]])], lambda a: a[[]],
    lambda a: a[::-1, J, ::2], lambda a: a[np.int64(2), np.int32(1)], lambda a: a[(0, 2), 1],
]


def to_mx_index(idx):
    """The same index with NumPy arrays turned into mx arrays (lists stay lists)."""
    if isinstance(idx, tuple):
        return tuple(to_mx_index(i) for i in idx)
    if isinstance(idx, np.ndarray):
        return mx.array(idx)
    return idx


class Recorder:
    def __getitem__(self, idx):
        return idx


def index_of(f):
    return f(Recorder())


@pytest.mark.parametrize("k", range(len(GET)))
def test_getitem(k):
    idx = index_of(GET[k])
    want = X[idx]
    for name, a in variants(X):
        got = a[to_mx_index(idx)]
        assert got.shape == want.shape, (name, idx)
        np.testing.assert_array_equal(np.array(got), want, err_msg=f"{name} {idx}")
        if isinstance(idx, tuple) and any(isinstance(i, np.ndarray) for i in idx):
            got = a[idx]  # NumPy arrays as indices directly
            np.testing.assert_array_equal(np.array(got), want)


@pytest.mark.parametrize("k", range(len(GET)))
def test_setitem(k):
    idx = index_of(GET[k])
    shape = X[idx].shape
    rng = np.random.default_rng(k)
    for value in (rng.integers(-50, 50, size=shape).astype(np.float32), 7.0,
                  rng.integers(-50, 50, size=shape[-1:]).astype(np.float32)):
        want = X.copy()
        want[idx] = value
        for name, a in variants(X):
            b = mx.array(a)  # a second Python object on the same array
            b[to_mx_index(idx)] = mx.array(value) if isinstance(value, np.ndarray) else value
            np.testing.assert_array_equal(np.array(b), want, err_msg=f"{name} {idx}")
            np.testing.assert_array_equal(np.array(a), X)  # the original is unchanged


def test_setitem_rebinds_and_keeps_dtype():
    a = mx.array([1, 2, 3], dtype=mx.int16)
    b = mx.array(a)
    a[1] = 7.9
    assert a.dtype == mx.int16
    assert a.tolist() == [1, 7, 3]
    assert b.tolist() == [1, 2, 3]
    a[[0, 0]] = mx.array([5, 6])
    assert a.tolist() == [6, 7, 3]  # the last of duplicate indices wins
    f = mx.array(np.zeros((2, 3), np.float64), dtype=mx.float64)
    f[0, 1] = 0.1
    assert np.array(f)[0, 1] == 0.1
    a = mx.array(np.zeros((2, 3), np.float32))
    a[0] = mx.array([[1, 2, 3]])  # a leading size-1 axis of the value is allowed
    assert a.tolist()[0] == [1, 2, 3]


AT_OPS = [("add", np.add), ("subtract", np.subtract), ("multiply", np.multiply),
          ("divide", np.divide), ("maximum", np.maximum), ("minimum", np.minimum)]
AT_INDEX = [lambda a: a[[0, 1, 0, 3]], lambda a: a[1:3], lambda a: a[:, [2, 2, 0]],
            lambda a: a[I, J], lambda a: a[1], lambda a: a[::-1, [1, 1], 2], lambda a: a[..., [0, 0, 0]]]


@pytest.mark.parametrize("op,np_op", AT_OPS, ids=[o for o, _ in AT_OPS])
@pytest.mark.parametrize("k", range(len(AT_INDEX)))
def test_at(op, np_op, k):
    idx = index_of(AT_INDEX[k])
    x = X + 1.0
    rng = np.random.default_rng(k)
    v = rng.uniform(0.5, 2.0, size=x[idx].shape).astype(np.float32)
    want = x.copy()
    np_op.at(want, idx, v)
    for name, a in variants(x):
        got = getattr(a.at[to_mx_index(idx)], op)(mx.array(v))
        np.testing.assert_allclose(np.array(got), want, rtol=1e-5, err_msg=f"{name} {op} {idx}")
        np.testing.assert_array_equal(np.array(a), x)


def test_at_int_and_scalar_values():
    a = mx.array([0, 0, 0], dtype=mx.int32)
    b = a.at[[0, 0, 2, 0]].add(1)
    assert b.tolist() == [3, 0, 1]
    assert b.dtype == mx.int32
    assert a.at[1:].subtract(2).tolist() == [0, -2, -2]
    with pytest.raises(ValueError, match="floating"):
        a.at[0].divide(2)


TAKE = [((5,), [0, 4, -1], None), ((3, 4), [[0, 2], [1, 1]], None), ((3, 4), [2, 0], 0),
        ((3, 4), [3, -4, 0], 1), ((2, 3, 4), [[1], [0]], 1), ((2, 3, 4), [1, 1, 0], -1),
        ((3, 4), [], 0), ((0, 4), [1, 2], 1), ((3, 4), np.zeros((2, 0), int), 1)]


@pytest.mark.parametrize("shape,idx,axis", TAKE)
@pytest.mark.parametrize("dtype", ["float32", "int8", "bool", "complex64", "uint64", "bfloat16"])
def test_take(shape, idx, axis, dtype):
    x = np.arange(int(np.prod(shape))).reshape(shape) % 7
    mdt = getattr(mx, dtype)
    base = np.array(mx.array(x, dtype=mdt).astype(mx.float32))
    want = np.take(base, np.array(idx, dtype=np.int64), axis=axis)
    for a in (mx.array(x, dtype=mdt), mx.swapaxes(mx.array(np.ascontiguousarray(np.swapaxes(x, 0, -1)), dtype=mdt), 0, -1)):
        got = mx.take(a, mx.array(np.array(idx, dtype=np.int32)), axis=axis)
        assert got.dtype == mdt
        np.testing.assert_array_equal(np.array(got.astype(mx.float32)), want)


def test_take_int_index_and_errors():
    x = np.arange(12).reshape(3, 4)
    a = mx.array(x)
    np.testing.assert_array_equal(np.array(mx.take(a, 2, axis=1)), np.take(x, 2, axis=1))
    np.testing.assert_array_equal(np.array(mx.take(a, -1)), np.take(x, -1))
    with pytest.raises(IndexError):
        mx.take(a, 4, axis=1)
    with pytest.raises(IndexError):
        mx.take(a, mx.array([0, 3]), axis=0)  # evaluated indices: checked at the call
    pending = mx.array([0, 3]) + 0
    out = mx.take(a, pending, axis=0)  # pending indices: checked at eval
    with pytest.raises(IndexError, match="out of bounds"):
        mx.eval(out)
    with pytest.raises(ValueError, match="empty axis"):  # MLX: ValueError
        mx.take(mx.array(np.zeros((0, 3))), mx.array([0]), axis=0)
    with pytest.raises(TypeError):
        mx.take(a, mx.array([0.5]), axis=0)
    with pytest.raises(IndexError):
        mx.take(a, mx.array([0]), axis=2)


@pytest.mark.parametrize("axis", [0, 1, -1, None])
def test_take_put_along_axis(axis):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3, 4, 5)).astype(np.float32)
    n = x.size if axis is None else x.shape[axis]
    ishape = (7,) if axis is None else tuple(2 if d == (axis % 3) else s for d, s in enumerate(x.shape))
    idx = rng.integers(-n, n, size=ishape)
    for a in (mx.array(x), mx.array(np.ascontiguousarray(x.T)).T):
        got = mx.take_along_axis(a, mx.array(idx), axis=axis)
        np.testing.assert_array_equal(np.array(got), np.take_along_axis(x, idx, axis=axis))
    # Broadcasting indices on the other axes.
    if axis == 1:
        idx_b = rng.integers(0, 4, size=(1, 3, 1))
        got = mx.take_along_axis(mx.array(x), mx.array(idx_b), axis=1)
        np.testing.assert_array_equal(np.array(got), np.take_along_axis(x, idx_b, axis=1))
    # put_along_axis with unique indices (NumPy's result is then well defined).
    if axis is None:
        uidx = rng.permutation(x.size)[:7]
    else:
        uidx = np.argsort(rng.random(x.shape), axis=axis)
        uidx = np.take(uidx, np.arange(2), axis=axis)
    vals = rng.standard_normal(uidx.shape).astype(np.float32)
    want = x.copy()
    np.put_along_axis(want, uidx, vals, axis=axis)
    for a in (mx.array(x), mx.array(np.ascontiguousarray(x.T)).T):
        got = mx.put_along_axis(a, mx.array(uidx), mx.array(vals), axis=axis)
        np.testing.assert_array_equal(np.array(got), want)
    got = mx.put_along_axis(mx.array(x), mx.array(uidx), 0.0, axis=axis)
    want = x.copy()
    np.put_along_axis(want, uidx, 0.0, axis=axis)
    np.testing.assert_array_equal(np.array(got), want)


def test_along_axis_errors():
    a = mx.array(np.zeros((3, 4), np.float32))
    with pytest.raises(ValueError):
        mx.take_along_axis(a, mx.array([0, 1]), axis=0)
    with pytest.raises(IndexError):
        mx.take_along_axis(a, mx.array([[5]]), axis=0)
    with pytest.raises(ValueError):
        mx.put_along_axis(a, mx.array([[0], [1]]), mx.array(1.0), axis=1)


def test_index_errors():
    a = mx.array(X)
    for bad in (lambda: a[4], lambda: a[-5], lambda: a[0, 5], lambda: a[0, 0, 6], lambda: a[0, 0, 0, 0],
                lambda: a[..., ...], lambda: a[[0, 4]], lambda: a[:, [0, -6]], lambda: a[2**70]):
        with pytest.raises(IndexError):
            bad()
    with pytest.raises(IndexError):
        mx.array(3)[0]
    with pytest.raises(TypeError):
        a[1.5]
    with pytest.raises(TypeError):
        a["x"]
    with pytest.raises(TypeError):
        a[mx.array([0.5])]
    with pytest.raises(TypeError):
        a[1:2.5]
    with pytest.raises(ValueError, match="[Bb]oolean"):
        a[mx.array([True, False, True, False])]
    with pytest.raises(ValueError, match="zero"):
        a[::0]
    with pytest.raises(IndexError):
        a[4] = 1.0
    with pytest.raises(ValueError, match="broadcast"):
        a[0] = mx.array(np.zeros((3, 3), np.float32))
    # Pending out-of-range indices raise at eval.
    out = a[mx.array([0, 9]) + 0]
    with pytest.raises(IndexError):
        mx.eval(out)


def test_iter_len_and_views():
    a = mx.array(X[0])
    rows = list(a)
    assert len(rows) == 5 and all(isinstance(r, mx.array) for r in rows)
    np.testing.assert_array_equal(np.array(rows[3]), X[0, 3])
    with pytest.raises(TypeError):
        iter(mx.array(1))
    assert mx.array(X)[1:3].shape == (2, 5, 6)


def test_huge_slice_bounds_clip():
    a = mx.array(np.arange(5))
    assert a[: 2**80].tolist() == [0, 1, 2, 3, 4]
    assert a[-(2**80) :: -1].tolist() == []
    assert a[2**80 :: -2].tolist() == [4, 2, 0]


def test_repeated_setitem_chain():
    a = mx.array(np.zeros(1000, np.float32))
    for i in range(1000):
        a[i] = float(i)
    np.testing.assert_array_equal(np.array(a), np.arange(1000, dtype=np.float32))


@pytest.mark.parametrize("dtype", ["bool", "uint8", "int16", "int64", "float16", "bfloat16", "float64", "complex64"])
def test_getitem_setitem_dtypes(dtype):
    mdt = getattr(mx, dtype)
    x = np.array(mx.array(X % 5, dtype=mdt).astype(mx.complex64 if dtype == "complex64" else mx.float32))
    a = mx.array(X % 5, dtype=mdt)
    for idx in [(1, slice(None, None, -2)), (I, slice(1, 3)), (Ellipsis, [0, 0])]:
        got = a[idx if not isinstance(idx[0], np.ndarray) else (mx.array(idx[0]),) + idx[1:]]
        assert got.dtype == mdt
        np.testing.assert_array_equal(np.array(got.astype(mx.complex64 if dtype == "complex64" else mx.float32)), x[idx])
        b = mx.array(a)
        b[idx] = 1
        want = x.copy()
        want[idx] = 1
        assert b.dtype == mdt
        np.testing.assert_array_equal(np.array(b.astype(mx.complex64 if dtype == "complex64" else mx.float32)), want)


def test_zero_d_and_empty():
    a = mx.array(5.0)
    assert a[()].item() == 5.0
    assert a[...].shape == ()
    assert a[None].shape == (1,)
    assert a[None, ..., None].shape == (1, 1)
    a[...] = 3.0
    assert a.item() == 3.0
    e = mx.array(np.zeros((0, 3), np.float32))
    assert e[[]].shape == (0, 3)
    assert e[:, [0, 2]].shape == (0, 2)
    assert e[1:].shape == (0, 3)
    e[:, 1] = 2.0
    assert e.shape == (0, 3)
    assert mx.take(e, mx.array([], dtype=mx.int32), axis=0).shape == (0, 3)
    with pytest.raises(IndexError):
        e[[0]]
    with pytest.raises(IndexError):
        e[0]


# ---- the indexing family as harness cases (values, gradients, vmap, deep chain) ------

K = np.array([3, 0, 0])  # repeated indices: gather sums their cotangents
ALONG = np.argsort(np.random.default_rng(5).random((4, 5, 6)), axis=2)[..., :2]  # unique per row
START = np.array([1, 2])


def _set(idx, np_idx=None):
    """fn(a, v): a copy of a with a[idx] = v (setitem as a value, for the harness)."""
    def mx_fn(a, v):
        b = a * 1
        b[idx] = v
        return b

    def np_fn(a, v):
        b = a.copy()
        b[idx if np_idx is None else np_idx] = v
        return b
    return np_fn, mx_fn


def _put_along(a, v):
    b = a.copy()
    np.put_along_axis(b, ALONG, v, axis=2)
    return b


def _add_at(a, v):
    b = a.copy()
    np.add.at(b, [0, 1, 0, 3], v)
    return b


INDEX_CASES = [
    OpCase("getitem", lambda a: a[1:3, ::2, ::-1], lambda a: a[1:3, ::2, ::-1], shapes=[(SHAPE,)],
           id="getitem-slices"),
    OpCase("getitem", lambda a: a[I, :, J], lambda a: a[mx.array(I), :, mx.array(J)],
           shapes=[(SHAPE,)], id="getitem-gather"),
    OpCase("take", lambda a: np.take(a, K, axis=1), lambda a: mx.take(a, mx.array(K), axis=1),
           shapes=[(SHAPE,)]),
    OpCase("take_along_axis", lambda a: np.take_along_axis(a, ALONG, axis=2),
           lambda a: mx.take_along_axis(a, mx.array(ALONG), axis=2), shapes=[(SHAPE,)]),
    OpCase("slice", lambda a: a[1:3, 2:5], lambda a: mx.slice(a, mx.array(START), (0, 1), (2, 3, 6)),
           shapes=[(SHAPE,)]),
    OpCase("slice_update", lambda a, v: np.concatenate([a[:1], v, a[3:]]),
           lambda a, v: mx.slice_update(a, v, mx.array(START[:1]), (0,)), arity=2,
           shapes=[(SHAPE, (2, 5, 6))]),
    OpCase("put_along_axis", _put_along, lambda a, v: mx.put_along_axis(a, mx.array(ALONG), v, axis=2),
           arity=2, shapes=[(SHAPE, ALONG.shape)]),
    OpCase("at.add", _add_at, lambda a, v: a.at[[0, 1, 0, 3]].add(v), arity=2,
           shapes=[(SHAPE, (4, 5, 6))]),
    OpCase("setitem", *_set((slice(1, 3), slice(None, None, -2))), arity=2,
           shapes=[(SHAPE, (2, 3, 6))], id="setitem-slices"),
    OpCase("setitem", *_set(mx.array(I), I), arity=2, shapes=[(SHAPE, (3, 5, 6))],
           id="setitem-scatter"),
]


@pytest.mark.parametrize("case", INDEX_CASES, ids=case_ids(INDEX_CASES))
def test_index_case_values(case):
    check_values(case)


@pytest.mark.parametrize("case", INDEX_CASES, ids=case_ids(INDEX_CASES))
def test_index_case_grads(case):
    check_grads(case)


@pytest.mark.parametrize("case", INDEX_CASES, ids=case_ids(INDEX_CASES))
def test_index_case_vmap(case):
    check_vmap(case)
