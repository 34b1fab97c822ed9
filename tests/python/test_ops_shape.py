"""Shape ops against NumPy, through the op harness, plus their error cases."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import ALL, OpCase, case_ids, check_values

S2 = [((2, 3),), ((4, 1),), ((0, 3),), ((3, 0),)]
S3 = [((2, 3, 4),), ((1, 3, 1),), ((2, 0, 3),)]


def pad_np(mode, width, **kw):
    return lambda a: np.pad(a, width, mode=mode, **kw)


def pad_mx(mode, width, **kw):
    return lambda a: mx.pad(a, width, mode=mode, **kw)


CASES = [
    OpCase("concatenate", lambda a, b: np.concatenate([a, b], 0), lambda a, b: mx.concatenate([a, b]),
           arity=2, dtypes=ALL, shapes=[((2, 3), (4, 3)), ((0, 3), (2, 3)), ((5,), (0,))], id="concatenate0"),
    OpCase("concatenate", lambda a, b: np.concatenate([a, b], -1),
           lambda a, b: mx.concatenate([a, b], axis=-1), arity=2, dtypes=("float32", "int8"),
           shapes=[((2, 3), (2, 1)), ((2, 3, 4), (2, 3, 2))], id="concatenate-1"),
    OpCase("concatenate", lambda a, b: np.concatenate([a, b], None),
           lambda a, b: mx.concatenate([a, b], axis=None), arity=2,
           shapes=[((2, 3), (4,)), ((), (2, 2))], id="concatenateNone"),
    OpCase("stack", lambda a, b: np.stack([a, b], 0), lambda a, b: mx.stack([a, b]), arity=2,
           dtypes=ALL, shapes=[((), ()), ((2, 3), (2, 3)), ((0, 2), (0, 2))], id="stack0"),
    OpCase("stack", lambda a, b: np.stack([a, b], -1), lambda a, b: mx.stack([a, b], axis=-1),
           arity=2, shapes=[((2, 3), (2, 3)), ((4,), (4,))], id="stack-1"),
    OpCase("tile", lambda a: np.tile(a, 2), lambda a: mx.tile(a, 2), dtypes=ALL,
           shapes=[((),), ((3,),), ((2, 3),), ((0, 2),)], id="tile2"),
    OpCase("tile", lambda a: np.tile(a, (2, 1, 3)), lambda a: mx.tile(a, (2, 1, 3)),
           shapes=[((),), ((3,),), ((2, 3),)], id="tile213"),
    OpCase("tile", lambda a: np.tile(a, (0, 2)), lambda a: mx.tile(a, [0, 2]),
           shapes=[((2, 3),)], id="tile02"),
    OpCase("repeat", lambda a: np.repeat(a, 3), lambda a: mx.repeat(a, 3), dtypes=ALL,
           shapes=[((),), ((4,),), ((2, 3),), ((0,),)], id="repeatNone"),
    OpCase("repeat", lambda a: np.repeat(a, 2, axis=1), lambda a: mx.repeat(a, 2, axis=1),
           shapes=S2 + S3, id="repeat1"),
    OpCase("repeat", lambda a: np.repeat(a, 0, axis=-1), lambda a: mx.repeat(a, 0, axis=-1),
           shapes=S2, id="repeat0"),
    OpCase("pad", pad_np("constant", 1), pad_mx("constant", 1), dtypes=ALL,
           shapes=[((),), ((3,),), ((2, 3),), ((0, 2),)], id="pad1"),
    OpCase("pad", pad_np("constant", (1, 2), constant_values=7),
           pad_mx("constant", (1, 2), constant_values=7), dtypes=("float32", "int32", "uint8"),
           shapes=S2 + S3, id="pad12c7"),
    OpCase("pad", pad_np("constant", [(0, 1), (2, 0)]), pad_mx("constant", [(0, 1), (2, 0)]),
           shapes=S2, id="padlist"),
    OpCase("pad", pad_np("edge", [(2, 1), (0, 3)]), pad_mx("edge", [(2, 1), (0, 3)]),
           dtypes=("float32", "int16", "bool"), shapes=[((2, 3),), ((1, 4),)], id="padedge"),
    OpCase("pad", pad_np("reflect", [(2, 1), (1, 2)]), pad_mx("reflect", [(2, 1), (1, 2)]),
           shapes=[((3, 3),), ((4, 5),)], id="padreflect"),
    OpCase("pad", pad_np("symmetric", 2), pad_mx("symmetric", 2), shapes=[((2, 3),), ((4,),)],
           id="padsymmetric"),
    OpCase("atleast_1d", np.atleast_1d, dtypes=ALL, shapes=[((),), ((3,),), ((2, 3),)]),
    OpCase("atleast_2d", np.atleast_2d, shapes=[((),), ((3,),), ((2, 3),), ((2, 3, 4),)]),
    OpCase("atleast_3d", np.atleast_3d, shapes=[((),), ((3,),), ((2, 3),), ((2, 3, 4),)]),
    OpCase("reshape", lambda a: np.reshape(a, (-1, 2)), lambda a: mx.reshape(a, (-1, 2)),
           dtypes=ALL, shapes=[((2, 3),), ((4,),), ((2, 0, 3),)], id="reshape-1"),
    OpCase("reshape", lambda a: a.reshape(3, 2, 2), lambda a: a.reshape(3, 2, 2),
           shapes=[((2, 6),), ((12,),), ((3, 4),)], id="reshape_method"),
    OpCase("flatten", lambda a: a.reshape(-1), lambda a: mx.flatten(a), dtypes=ALL, shapes=[((),)] + S2 + S3),
    OpCase("flatten", lambda a: a.reshape(a.shape[0], -1), lambda a: a.flatten(1), shapes=S3, id="flatten1"),
    OpCase("unflatten", lambda a: a.reshape(2, 1, 3, 4), lambda a: mx.unflatten(a, 0, (2, 1)),
           shapes=[((2, 3, 4),)]),
    OpCase("transpose", np.transpose, dtypes=ALL, shapes=[((),), ((3,),)] + S2 + S3),
    OpCase("transpose", lambda a: np.transpose(a, (1, 2, 0)), lambda a: a.transpose(1, 2, 0),
           shapes=S3, id="transpose120"),
    OpCase("permute_dims", lambda a: np.transpose(a, (2, 0, 1)),
           lambda a: mx.permute_dims(a, (2, 0, 1)), shapes=S3),
    OpCase("swapaxes", lambda a: np.swapaxes(a, 0, -1), lambda a: a.swapaxes(0, -1), shapes=S2 + S3),
    OpCase("moveaxis", lambda a: np.moveaxis(a, 0, -1), lambda a: mx.moveaxis(a, 0, -1), shapes=S3),
    OpCase("moveaxis", lambda a: np.moveaxis(a, -1, 1), lambda a: a.moveaxis(-1, 1), shapes=S3,
           id="moveaxis_method"),
    OpCase("matrix_transpose", lambda a: np.swapaxes(a, -1, -2), shapes=S2 + S3),
    OpCase("broadcast_to", lambda a: np.broadcast_to(a, (2, 3, 4)),
           lambda a: mx.broadcast_to(a, (2, 3, 4)), dtypes=ALL, shapes=[((),), ((4,),), ((3, 1),)]),
    OpCase("expand_dims", lambda a: np.expand_dims(a, (0, -1)), lambda a: mx.expand_dims(a, (0, -1)),
           dtypes=ALL, shapes=[((),), ((3,),), ((2, 3),)]),
    OpCase("squeeze", np.squeeze, dtypes=ALL, shapes=[((),), ((1, 3, 1),), ((2, 1, 0),)]),
    OpCase("squeeze", lambda a: np.squeeze(a, -1), lambda a: a.squeeze(-1), shapes=[((1, 3, 1),)],
           id="squeeze-1"),
    OpCase("contiguous", lambda a: a, dtypes=ALL, shapes=S2 + S3),
    OpCase("as_strided", lambda a: np.lib.stride_tricks.as_strided(
        np.ascontiguousarray(a), (3, 3), (a.itemsize, a.itemsize)),
        lambda a: mx.as_strided(a, (3, 3), (1, 1)), shapes=[((5,),), ((2, 3),)], id="as_strided_windows"),
    OpCase("as_strided", lambda a: np.ascontiguousarray(a).reshape(-1)[2::3],
           lambda a: mx.as_strided(a, (2,), (3,), 2), shapes=[((2, 4),)], id="as_strided_offset"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_values(case):
    check_values(case)


def test_concatenate_promotes_dtypes():
    a = mx.array([1, 2], dtype=mx.int8)
    b = mx.array([0.5], dtype=mx.float16)
    c = mx.concatenate([a, b])
    assert c.dtype == mx.float16
    np.testing.assert_array_equal(np.array(c), [1, 2, 0.5])
    assert mx.concatenate([a, mx.array([3], dtype=mx.int32)]).dtype == mx.int32
    assert mx.stack([a, mx.array([True, False])]).dtype == mx.int8


def test_concatenate_many_and_noncontiguous():
    xs = [np.arange(i * 6, i * 6 + 6, dtype=np.float32).reshape(2, 3) for i in range(5)]
    ms = [mx.array(x).T for x in xs]
    np.testing.assert_array_equal(np.array(mx.concatenate(ms, axis=1)),
                                  np.concatenate([x.T for x in xs], 1))
    ms = [mx.array(x)[:, ::-1] for x in xs]
    np.testing.assert_array_equal(np.array(mx.concatenate(ms, axis=0)),
                                  np.concatenate([x[:, ::-1] for x in xs], 0))


@pytest.mark.parametrize("ios,axis", [(3, 0), (5, 1), (1, 0), ([1, 3], 0), ([0, 5], 1), ([2, 1], 1),
                                      ([-1], 0), ([10], 1), ((), 0)])
def test_split(ios, axis):
    x = np.arange(30).reshape(6, 5)
    want = np.split(x, ios, axis=axis)
    for xx in (mx.array(x), mx.array(np.ascontiguousarray(x.T)).T):
        got = mx.split(xx, ios, axis=axis)
        assert isinstance(got, list) and len(got) == len(want)
        for g, w in zip(got, want):
            np.testing.assert_array_equal(np.array(g), w)
        got = xx.split(ios, axis)
        assert len(got) == len(want)


def test_unstack_and_atleast_many():
    x = np.arange(24).reshape(2, 3, 4)
    parts = mx.unstack(mx.array(x), axis=1)
    assert isinstance(parts, tuple) and len(parts) == 3
    for i, p in enumerate(parts):
        np.testing.assert_array_equal(np.array(p), x[:, i])
    out = mx.atleast_2d(mx.array(1), mx.array([1, 2]))
    assert isinstance(out, list) and [o.shape for o in out] == [(1, 1), (1, 2)]
    assert mx.atleast_3d(mx.array([1, 2])).shape == (1, 2, 1)


def test_mT_and_views():
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    np.testing.assert_array_equal(np.array(mx.array(x).mT), np.swapaxes(x, -1, -2))
    # Reshape of a squeezed column keeps working through the strided view.
    a = mx.array(x)
    np.testing.assert_array_equal(np.array(a[:, 1].reshape(-1)), x[:, 1].reshape(-1))
    np.testing.assert_array_equal(np.array(a.T.reshape(4, 6)), x.T.reshape(4, 6))
    np.testing.assert_array_equal(np.array(mx.broadcast_to(a[:, :1], (2, 3, 4)).reshape(6, 4)),
                                  np.broadcast_to(x[:, :1], (2, 3, 4)).reshape(6, 4))


def test_as_strided_default_and_bounds():
    a = mx.array(np.arange(6, dtype=np.int32).reshape(2, 3))
    np.testing.assert_array_equal(np.array(mx.as_strided(a)), np.arange(6).reshape(2, 3))
    # A view of a transposed array addresses its row-major elements.
    np.testing.assert_array_equal(np.array(mx.as_strided(a.T, (6,), (1,))), np.arange(6).reshape(2, 3).T.reshape(-1))
    with pytest.raises(ValueError, match="outside"):
        mx.as_strided(a, (3, 3), (2, 2))
    with pytest.raises(ValueError, match="outside"):
        mx.as_strided(a, (2,), (1,), 5)
    with pytest.raises(ValueError, match="outside"):
        mx.as_strided(a, (2,), (-1,), 0)
    assert mx.as_strided(a, (0, 4), (100, 100)).shape == (0, 4)


def test_dynamic_slice_and_update():
    a = mx.array([[1, 2, 3], [4, 5, 6]])
    out = mx.slice(a, start_indices=mx.array(1), axes=(0,), slice_size=(1, 2))
    np.testing.assert_array_equal(np.array(out), [[4, 5]])
    out = mx.slice(a, mx.array(1), (1,), (2, 1))
    np.testing.assert_array_equal(np.array(out), [[2], [5]])
    out = mx.slice(a, mx.array([1, 1]), [0, 1], [1, 2])
    np.testing.assert_array_equal(np.array(out), [[5, 6]])
    up = mx.slice_update(a, mx.array([[9, 8]]), mx.array([1, 1]), [0, 1])
    np.testing.assert_array_equal(np.array(up), [[1, 2, 3], [4, 9, 8]])
    up = mx.slice_update(a, mx.array([7.9]), mx.array(0), [1])
    np.testing.assert_array_equal(np.array(up), [[7, 2, 3], [4, 5, 6]])
    assert up.dtype == a.dtype
    with pytest.raises(IndexError):
        mx.eval(mx.slice(a, mx.array(2), (1,), (1, 2)))  # the window does not fit
    with pytest.raises(ValueError):
        mx.slice(a, mx.array(0), (0,), (1,))
    with pytest.raises(ValueError):
        mx.slice_update(a, mx.zeros((3, 3)),
                        mx.array(0), [0])


def test_errors():
    a = mx.array(np.zeros((2, 3), np.float32))
    with pytest.raises(ValueError, match="concatenate"):
        mx.concatenate([a, mx.array(np.zeros((3, 2), np.float32))])
    with pytest.raises(ValueError):
        mx.concatenate([a, mx.array([1.0])])
    with pytest.raises(ValueError):
        mx.concatenate([])
    with pytest.raises(ValueError):
        mx.concatenate([mx.array(1), mx.array(2)])
    with pytest.raises(ValueError):
        mx.concatenate([a, a], axis=2)
    with pytest.raises(ValueError, match="same shape"):
        mx.stack([a, a.T])
    with pytest.raises(ValueError, match="equal"):
        mx.split(a, 2, axis=1)
    with pytest.raises(ValueError):
        mx.split(a, 0)
    with pytest.raises(ValueError):
        mx.split(a, 1, axis=2)
    with pytest.raises(ValueError):
        mx.tile(a, -1)
    with pytest.raises(ValueError):
        mx.repeat(a, -1)
    with pytest.raises(ValueError):
        mx.repeat(a, 2, axis=3)
    with pytest.raises(ValueError):
        mx.pad(a, [(1, 1), (1, 1), (1, 1)])
    with pytest.raises(ValueError):
        mx.pad(a, -1)
    with pytest.raises(ValueError, match="mode"):
        mx.pad(a, 1, mode="wrap")
    with pytest.raises(ValueError):
        mx.pad(a, 1, constant_values=mx.array([1, 2]))
    with pytest.raises(ValueError, match="empty axis"):  # any width mirrors a non-empty axis
        mx.pad(mx.array(np.zeros((2, 0))), 5, mode="reflect")
    with pytest.raises(ValueError):
        mx.pad(mx.array(np.zeros((0, 2))), 1, mode="edge")
    with pytest.raises(ValueError):
        mx.reshape(a, (4, -1))
    with pytest.raises(ValueError):
        mx.reshape(a, (-1, -1))
    with pytest.raises(ValueError):
        mx.transpose(a, (0, 0))
    with pytest.raises(ValueError):
        mx.swapaxes(a, 0, 2)
    with pytest.raises(ValueError):
        mx.moveaxis(a, 0, -3)
    with pytest.raises(ValueError):
        mx.broadcast_to(a, (3, 3))
    with pytest.raises(ValueError):
        mx.expand_dims(a, (0, 0))
    with pytest.raises(ValueError):
        mx.squeeze(a, 0)
    with pytest.raises(ValueError):
        mx.unflatten(a, 1, (2, 2))
    with pytest.raises(ValueError):
        mx.matrix_transpose(mx.array([1, 2]))
    with pytest.raises(ValueError):
        mx.unstack(mx.array(1))
    with pytest.raises(TypeError):
        mx.tile(a, "x")
