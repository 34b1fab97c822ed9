"""The assorted ops of ops/misc.h (flip, roll, diagonal, diag, trace, diff, kron,
count_nonzero, median, minmax, searchsorted), dtype queries, finfo/iinfo, constants
and array methods, against NumPy through the op harness, plus their error cases."""

import math

import numpy as np
import pytest

import mxgraph.core as mx
from harness import ALL, FLOATS, INTS, OpCase, case_ids, check_axis_sweep, check_values

NUMERIC = ("bool",) + INTS + FLOATS
REAL = INTS + FLOATS
TO_FLOAT = lambda d: d if d in FLOATS else "float32"  # noqa: E731
SAME = lambda d: d  # noqa: E731

MAT = [((3, 4),), ((4, 3),), ((2, 3, 4),), ((0, 3),), ((3, 0),), ((1, 1),)]


def diag_case(offset, a1, a2, shapes=MAT):
    return OpCase("diagonal", lambda x: np.diagonal(x, offset, a1, a2),
                  lambda x: mx.diagonal(x, offset, a1, a2), dtypes=ALL, shapes=shapes,
                  id=f"diagonal{offset},{a1},{a2}")


VALUE_CASES = [
    diag_case(0, 0, 1), diag_case(1, 0, 1), diag_case(-2, 0, 1), diag_case(7, 0, 1),
    diag_case(-1, -1, -2), diag_case(1, 0, -1, shapes=[((2, 3, 4),), ((3, 2, 0),)]),
    diag_case(0, 2, 0, shapes=[((2, 3, 4),)]),
    OpCase("diagonal", lambda x: np.diagonal(x), lambda x: x.diagonal(), shapes=MAT, id="array.diagonal"),
    *[OpCase("diag", lambda x, k=k: np.diag(x, k), lambda x, k=k: mx.diag(x, k=k), dtypes=ALL,
             shapes=[((4,),), ((1,),), ((0,),), ((3, 4),), ((4, 2),), ((0, 0),)], id=f"diag{k}")
      for k in (0, 2, -1, -5)],
    OpCase("diag", lambda x: np.diag(x, 1), lambda x: x.diag(1), shapes=[((3,),), ((3, 3),)],
           id="array.diag"),
    OpCase("trace", np.trace, dtypes=NUMERIC, shapes=MAT, out_dtype=SAME,
           tol={"float16": (2e-3, 1e-2), "bfloat16": (2e-2, 5e-2)}),
    OpCase("trace", lambda x: np.trace(x, 1, 1, 2), lambda x: mx.trace(x, 1, 1, 2),
           dtypes=("int32", "float32"), shapes=[((2, 3, 4),), ((2, 0, 4),)], id="trace1,1,2"),
    OpCase("trace", lambda x: np.trace(x, -1, dtype=np.float32),
           lambda x: mx.trace(x, -1, dtype=mx.float32), dtypes=("int8", "uint8", "float16"),
           shapes=MAT, out_dtype=lambda d: "float32", id="trace-dtype"),
    *[OpCase("diff", lambda x, n=n, ax=ax: np.diff(x, n, ax), lambda x, n=n, ax=ax: mx.diff(x, n, ax),
             dtypes=NUMERIC, shapes=[((5,),), ((3, 4),), ((2, 3, 4),), ((0,),), ((1,),), ((2, 0),)],
             id=f"diff{n},{ax}") for n, ax in ((1, -1), (2, 0), (0, -1), (6, -1))],
    OpCase("diff", np.diff, dtypes=("bool",), shapes=[((6,),), ((3, 4),)], out_dtype=SAME, id="diffbool"),
    OpCase("kron", np.kron, arity=2, dtypes=("int32", "float32", "float16", "uint8", "bool"),
           shapes=[((2, 3), (4, 5)), ((3,), (2, 2)), ((), (3,)), ((3,), ()), ((), ()),
                   ((2, 1, 3), (2, 2))], out_dtype=SAME),  # empty inputs raise, as in MLX
    OpCase("kron", np.kron, lambda a, b: mx.kron(a, b), arity=2, id="kron-mixed",
           shapes=[((2, 2), (2,))]),
    OpCase("searchsorted", lambda q, v: np.searchsorted(np.sort(q), v),
           lambda q, v: mx.searchsorted(mx.sort(q), v), arity=2, dtypes=REAL,
           shapes=[((6,), (3, 4)), ((6,), ()), ((0,), (3,)), ((5,), (0,)), ((1,), (2, 3))],
           out_dtype=lambda d: "uint32"),
    OpCase("searchsorted", lambda q, v: np.searchsorted(np.sort(q), v, side="right"),
           lambda q, v: mx.searchsorted(mx.sort(q), v, side="right"), arity=2, dtypes=REAL,
           shapes=[((6,), (3, 4)), ((0,), (3,)), ((7,), (2, 0))], out_dtype=lambda d: "uint32",
           id="searchsorted-right"),
]


@pytest.mark.parametrize("case", VALUE_CASES, ids=case_ids(VALUE_CASES))
def test_values(case):
    check_values(case)


def test_windows():
    for name in ("bartlett", "blackman", "hamming", "hanning"):
        for M in (0, 1, 2, 5, 12, -3):
            got = getattr(mx, name)(M)
            assert got.dtype == mx.float32
            np.testing.assert_allclose(np.asarray(got), getattr(np, name)(M), rtol=1e-6, atol=1e-6,
                                       err_msg=f"{name}({M})")


VECDOT = [
    OpCase("vecdot", lambda a, b: np.vecdot(a, b), arity=2,
           dtypes=("int8", "int32", "float32", "float16", "float64", "complex64"),
           shapes=[((4,), (4,)), ((3, 4), (4,)), ((2, 1, 4), (3, 4)), ((0, 4), (4,)), ((3, 0), (3, 0))]),
    OpCase("vecdot", lambda a, b: np.vecdot(a, b, axis=0), lambda a, b: mx.vecdot(a, b, axis=0),
           arity=2, shapes=[((4, 3), (4, 1)), ((2, 1), (2, 5))], id="vecdot0"),
]


@pytest.mark.parametrize("case", VECDOT, ids=case_ids(VECDOT))
def test_vecdot(case):
    check_values(case)


def test_vecdot_errors():
    with pytest.raises(ValueError, match="out of bounds"):
        mx.vecdot(mx.zeros((3,)), mx.zeros((3,)), axis=1)
    with pytest.raises(ValueError):
        mx.vecdot(mx.zeros((3,)), mx.zeros((4,)))


def np_median(x, axis=None, keepdims=False):
    if x.size == 0 or (axis is not None and 0 in np.asarray(x.shape)[list(np.atleast_1d(axis))]):
        with np.errstate(all="ignore"):
            return np.mean(x, axis=axis, keepdims=keepdims) * np.nan
    return np.median(x, axis=axis, keepdims=keepdims)


def np_roll(shift):
    return lambda x, axis=None: np.roll(x, shift, axis)


def mx_roll(shift):
    return lambda x, axis=None: mx.roll(x, shift, axis)


SWEEPS = [
    (OpCase("count_nonzero", np.count_nonzero, dtypes=NUMERIC + ("complex64",), domain=(-1, 1),
            out_dtype=lambda d: "int32"), {}),
    # An empty reduced axis raises (as in MLX): tests/python/test_shape_edges.py.
    (OpCase("median", np_median, dtypes=NUMERIC, out_dtype=TO_FLOAT), {"empty": False}),
    (OpCase("minmax", np.min, lambda x, **k: mx.minmax(x, **k)[0], dtypes=NUMERIC, out_dtype=SAME,
            id="minmax[0]"), {"empty": False}),
    (OpCase("minmax", np.max, lambda x, **k: mx.minmax(x, **k)[1], dtypes=("int8", "float32"),
            out_dtype=SAME, id="minmax[1]"), {"empty": False}),
    (OpCase("flip", np.flip, dtypes=ALL, out_dtype=SAME), {"keepdims": ()}),
    (OpCase("roll", np_roll(2), mx_roll(2), dtypes=ALL, out_dtype=SAME, id="roll2"), {"keepdims": ()}),
    (OpCase("roll", np_roll(-7), mx_roll(-7), dtypes=("int32",), id="roll-7"), {"keepdims": ()}),
]


@pytest.mark.parametrize("case,kw", SWEEPS, ids=case_ids([c for c, _ in SWEEPS]))
def test_axis_sweeps(case, kw):
    check_axis_sweep(case, **kw)


def test_median_even_odd_nan():
    x = np.array([[3.0, 1.0, 2.0, 10.0], [np.nan, 1.0, 2.0, 3.0], [5.0, 4.0, 4.0, np.nan]], np.float32)
    np.testing.assert_array_equal(np.asarray(mx.median(mx.array(x), axis=1)), [2.5, np.nan, np.nan])
    np.testing.assert_array_equal(np.asarray(mx.median(mx.array(x[:, :3]), axis=1)), [2.0, np.nan, 4.0])
    assert mx.median(mx.array([1, 2, 3, 4])).item() == 2.5
    assert mx.median(mx.array([1, 2, 3, 4]), keepdims=True).shape == (1,)


def test_roll_tuples():
    x = np.arange(24).reshape(2, 3, 4)
    for shift, axis in (((1, 2), (0, 2)), ((1, -1), (2, 2)), ((2, 3), None), ((1, 2), 1),
                        (5, (0, 1, 2)), ((-4,), (1,))):
        got = np.asarray(mx.roll(mx.array(x), shift, axis))
        np.testing.assert_array_equal(got, np.roll(x, shift, axis), err_msg=f"{shift} {axis}")
    assert mx.roll(mx.array(5), 3).item() == 5


def test_roll_and_astype_by_keyword():
    # Only the array is positional-only, as in MLX: roll(x, 1, axis=0), astype(x, dtype=).
    x = np.arange(6).reshape(2, 3)
    np.testing.assert_array_equal(np.asarray(mx.roll(mx.array(x), 1, axis=0)), np.roll(x, 1, 0))
    np.testing.assert_array_equal(np.asarray(mx.roll(mx.array(x), shift=-1, axis=1)),
                                  np.roll(x, -1, 1))
    y = mx.astype(mx.array([1.7, -2.2]), dtype=mx.int32)
    assert y.dtype == mx.int32 and y.tolist() == [1, -2]
    with pytest.raises(TypeError):
        mx.roll(a=mx.array(x), shift=1)


def test_searchsorted_nan():
    seq = np.array([1.0, 2.0, 2.0, np.nan], np.float32)
    vals = np.array([np.nan, 2.0, 0.0, 3.0, np.inf], np.float32)
    for side in ("left", "right"):
        got = np.asarray(mx.searchsorted(mx.array(seq), mx.array(vals), side=side))
        np.testing.assert_array_equal(got, np.searchsorted(seq, vals, side=side))
    assert mx.searchsorted(mx.array([1, 2, 3]), 2).item() == 1


def test_flip_is_a_view_of_the_same_values():
    x = mx.arange(12).reshape(3, 4)
    y = mx.flip(x, axis=-1)
    np.testing.assert_array_equal(np.asarray(y), np.flip(np.arange(12).reshape(3, 4), -1))
    np.testing.assert_array_equal(np.asarray(mx.flip(y, -1)), np.asarray(x))
    assert mx.flip(mx.array(3.0)).item() == 3.0


def test_misc_errors():
    m = mx.zeros((3, 4))
    with pytest.raises(ValueError, match="at least two"):
        mx.diagonal(mx.zeros((3,)))
    with pytest.raises(ValueError, match="different"):
        mx.diagonal(m, 0, 1, -1)
    with pytest.raises(ValueError, match="out of bounds"):
        mx.diagonal(m, 0, 0, 2)
    with pytest.raises(ValueError, match="1- or 2-dimensional"):
        mx.diag(mx.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="1- or 2-dimensional"):
        mx.diag(mx.array(1.0))
    with pytest.raises(ValueError, match="at least two"):
        mx.trace(mx.zeros((3,)))
    with pytest.raises(ValueError, match="at least one"):
        mx.diff(mx.array(1.0))
    with pytest.raises(ValueError, match="non-negative"):
        mx.diff(m, -1)
    with pytest.raises(ValueError, match="out of bounds"):
        mx.diff(m, 1, 2)
    with pytest.raises(ValueError, match="out of bounds"):
        mx.flip(m, 2)
    with pytest.raises(ValueError, match="duplicate"):
        mx.flip(m, (0, 0))
    with pytest.raises(ValueError, match="shifts for"):
        mx.roll(mx.zeros((2, 3, 4)), (1, 2), (0, 1, 2))
    with pytest.raises(ValueError, match="out of bounds"):
        mx.roll(m, 1, 5)
    with pytest.raises(TypeError, match="shift"):
        mx.roll(m, 1.5)
    with pytest.raises(ValueError, match="out of bounds"):
        mx.count_nonzero(m, axis=3)
    with pytest.raises(IndexError, match="out of bounds"):  # MLX: IndexError
        mx.median(m, axis=-3)
    with pytest.raises(ValueError, match="1-dimensional"):
        mx.searchsorted(m, mx.array(1.0))
    with pytest.raises(ValueError, match="side"):
        mx.searchsorted(mx.zeros((3,)), mx.array(1.0), side="middle")
    with pytest.raises(ValueError, match="empty"):
        mx.minmax(mx.zeros((0,)))


# ---- dtype queries ------------------------------------------------------------

NP_DTYPES = ("bool",) + INTS + ("float16", "float32", "float64", "complex64")


def mxd(name):
    return getattr(mx, "bool_" if name == "bool" else name)


def test_can_cast_matches_numpy_safe():
    for a in NP_DTYPES:
        for b in NP_DTYPES:
            assert mx.can_cast(mxd(a), mxd(b)) == np.can_cast(a, b, "safe"), (a, b)
    assert mx.can_cast(mx.zeros((2,), mx.int8), mx.int16)
    assert mx.can_cast(mx.bfloat16, mx.float32) and not mx.can_cast(mx.bfloat16, mx.float16)
    assert not mx.can_cast(mx.float16, mx.bfloat16) and mx.can_cast(mx.uint8, mx.bfloat16)
    with pytest.raises(TypeError):
        mx.can_cast(3, mx.int32)


def test_result_type():
    assert mx.result_type(mx.int8, mx.uint8) == mx.int16
    assert mx.result_type(mx.zeros((2,), mx.float16), mx.float32) == mx.float32
    assert mx.result_type(mx.zeros((2,), mx.int8), 1) == mx.int8  # weak int
    assert mx.result_type(mx.zeros((2,), mx.int8), 1.0) == mx.float32
    assert mx.result_type(mx.zeros((2,), mx.float16), 1.0) == mx.float16  # weak float
    assert mx.result_type(mx.bool_, 1) == mx.int32
    assert mx.result_type(mx.bool_, True) == mx.bool_
    assert mx.result_type(mx.float32, 1j) == mx.complex64
    assert mx.result_type(1) == mx.int32 and mx.result_type(1.0, 2) == mx.float32
    for a in NP_DTYPES[:-1]:
        for b in ("int8", "uint32", "float32"):
            want = str(mx.promote_types(mxd(a), mxd(b)))
            assert str(mx.result_type(mxd(a), mx.zeros((1,), mxd(b)))) == want
    with pytest.raises(ValueError, match="At least one"):
        mx.result_type()


def test_isdtype():
    assert mx.isdtype(mx.float32, "real floating") and not mx.isdtype(mx.int32, "real floating")
    assert mx.isdtype(mx.int8, "signed integer") and not mx.isdtype(mx.uint8, "signed integer")
    assert mx.isdtype(mx.uint8, ("bool", "unsigned integer"))
    assert mx.isdtype(mx.bool_, "bool") and not mx.isdtype(mx.bool_, "numeric")
    assert mx.isdtype(mx.complex64, "complex floating") and mx.isdtype(mx.int64, "integral")
    assert mx.isdtype(mx.float16, mx.float16) and not mx.isdtype(mx.float16, mx.float32)
    with pytest.raises(ValueError, match="Unknown kind"):
        mx.isdtype(mx.float32, "floaty")
    with pytest.raises(TypeError, match="kind"):
        mx.isdtype(mx.float32, 3)


def test_finfo_iinfo():
    for name in ("float16", "float32", "float64"):
        f, n = mx.finfo(getattr(mx, name)), np.finfo(name)
        assert (f.min, f.max, f.eps, f.tiny, f.smallest_normal, f.bits) == (
            float(n.min), float(n.max), float(n.eps), float(n.tiny), float(n.smallest_normal), n.bits), name
        assert f.dtype == getattr(mx, name)
    b = mx.finfo(mx.bfloat16)
    assert b.eps == 2.0 ** -7 and b.bits == 16 and b.tiny == 2.0 ** -126
    assert b.max == 3.3895313892515355e38 and b.min == -b.max
    assert mx.finfo(mx.complex64).dtype == mx.float32
    for name in INTS:
        i, n = mx.iinfo(getattr(mx, name)), np.iinfo(name)
        assert (i.min, i.max, i.bits) == (int(n.min), int(n.max), n.bits), name
        assert i.dtype == getattr(mx, name)
    assert "float32" in repr(mx.finfo(mx.float32)) and "int8" in repr(mx.iinfo(mx.int8))
    with pytest.raises(ValueError, match="not a floating"):
        mx.finfo(mx.int32)
    with pytest.raises(ValueError, match="not an integer"):
        mx.iinfo(mx.float32)
    with pytest.raises(ValueError, match="not an integer"):
        mx.iinfo(mx.bool_)
    with pytest.raises(TypeError):
        mx.finfo("float32")


def test_broadcast_shapes():
    for shapes in [((2, 3), (3,)), ((1,), (4, 1), (2, 1, 5)), ((),), ((0, 1), (3,)), ((5,), ())]:
        assert mx.broadcast_shapes(*shapes) == np.broadcast_shapes(*shapes)
    assert mx.broadcast_shapes([2, 1], [3]) == (2, 3)
    with pytest.raises(ValueError):
        mx.broadcast_shapes((2,), (3,))
    with pytest.raises(ValueError, match="At least one"):
        mx.broadcast_shapes()


# ---- creation-like helpers, constants, array methods --------------------------

def test_astype_asarray_concat_empty():
    x = mx.array([1.5, 2.5])
    assert mx.astype(x, mx.int32).tolist() == [1, 2]
    assert mx.asarray([1, 2]).dtype == mx.int32
    assert mx.asarray([1, 2], mx.float16).dtype == mx.float16
    assert mx.asarray(np.arange(3.0)).tolist() == [0.0, 1.0, 2.0]
    assert mx.asarray(x, dtype=mx.float32, copy=None).tolist() == [1.5, 2.5]
    assert mx.concat([x, x], axis=0).tolist() == [1.5, 2.5, 1.5, 2.5]
    assert mx.concat([x[None], x[None]], axis=None).shape == (4,)
    e = mx.empty((2, 3))
    assert e.shape == (2, 3) and e.dtype == mx.float32
    assert mx.empty(4, mx.int8).shape == (4,) and mx.empty(4, mx.int8).dtype == mx.int8
    el = mx.empty_like(mx.zeros((0, 2), mx.uint8))
    assert el.shape == (0, 2) and el.dtype == mx.uint8
    assert mx.empty_like(x, mx.int64).dtype == mx.int64
    assert mx.synchronize() is None and mx.synchronize(mx.cpu) is None
    with pytest.raises(TypeError):
        mx.empty((2, 1.5))


def test_constants():
    assert mx.pi == math.pi and mx.e == math.e and mx.inf == math.inf and math.isnan(mx.nan)
    assert mx.euler_gamma == pytest.approx(0.5772156649015329, abs=0)
    assert mx.newaxis is None
    assert mx.zeros((2, 3))[:, mx.newaxis].shape == (2, 1, 3)


# The methods and properties of mlx.core.array (MLX 0.32).
MLX_ARRAY_NAMES = """T __array__ __bool__ __copy__ __deepcopy__ __float__ __format__ __getitem__
__getstate__ __hash__ __iadd__ __int__ __iter__ __len__ __matmul__ __repr__ __setitem__ __setstate__
abs all any argmax argmin astype at conj cos cummax cummin cumprod cumsum diag diagonal dtype exp
flatten imag item itemsize log log10 log1p log2 logcumsumexp logsumexp mT max mean min moveaxis
nbytes ndim prod real reciprocal reshape round rsqrt shape sin size split sqrt square squeeze std
sum swapaxes tolist transpose var view""".split()


def test_array_has_mlx_methods():
    # __dlpack__ / __dlpack_device__ are left out: mxgraph has no DLPack export.
    assert [n for n in MLX_ARRAY_NAMES if not hasattr(mx.array, n)] == []


def test_pickle_round_trip():
    import copy
    import pickle
    for x in (mx.arange(6).reshape(2, 3).T, mx.array([1.5, -2.0], mx.bfloat16), mx.array(True),
              mx.zeros((0, 3), mx.uint16)):
        y = pickle.loads(pickle.dumps(x))
        assert y.dtype == x.dtype and y.shape == x.shape
        np.testing.assert_array_equal(np.asarray(y.astype(mx.float32)), np.asarray(x.astype(mx.float32)))
    z = copy.deepcopy(mx.array([1, 2]))
    assert z.tolist() == [1, 2]
