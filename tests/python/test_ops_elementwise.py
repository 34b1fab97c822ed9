"""Elementwise ops against NumPy, through the op harness."""

import math

import numpy as np
import pytest

import mxgraph.core as mx
from harness import ALL, FLOATS, INTS, OpCase, assert_close, case_ids, check_values

BOOL_DT = getattr(mx, "bool_", None) or getattr(mx, "bool")
SIGNED = ("int8", "int16", "int32", "int64")
REAL = ("bool",) + INTS + FLOATS
NUMERIC = INTS + FLOATS
CPLX = ("complex64",)

SAME = lambda d: d  # noqa: E731
BOOL = lambda d: "bool"  # noqa: E731
TO_FLOAT = lambda d: d if d in FLOATS + CPLX else "float32"  # noqa: E731
REAL_PART = lambda d: "float32" if d == "complex64" else d  # noqa: E731
NOBOOL = lambda d: "int32" if d == "bool" else d  # noqa: E731
SHIFT = lambda d: "uint8" if d == "bool" else d  # noqa: E731


def F(fn):
    """The NumPy function on float64 copies of integer / bool inputs (NumPy would
    otherwise answer in float16 for small integer types)."""
    def ref(*xs):
        return fn(*[x.astype(np.float64) if x.dtype.kind in "biu" else x for x in xs])
    return ref


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def erf(x):
    return np.vectorize(math.erf, otypes=[np.float64])(x)


def erfinv(y):
    from scipy import special

    return special.erfinv(y)


LOG_DOMAIN = (0.1, 3.0)
UNIT = (-0.99, 0.99)

UNARY = [
    OpCase("abs", np.abs, dtypes=ALL, out_dtype=REAL_PART),
    OpCase("negative", np.negative, dtypes=NUMERIC + CPLX, out_dtype=SAME),
    OpCase("sign", np.sign, dtypes=NUMERIC + CPLX, out_dtype=SAME),
    OpCase("exp", F(np.exp), dtypes=ALL, out_dtype=TO_FLOAT),
    OpCase("expm1", F(np.expm1), dtypes=REAL, out_dtype=TO_FLOAT),
    OpCase("log", F(np.log), dtypes=ALL, domain=LOG_DOMAIN, out_dtype=TO_FLOAT),
    OpCase("log1p", F(np.log1p), dtypes=REAL, domain=LOG_DOMAIN, out_dtype=TO_FLOAT),
    OpCase("log2", F(np.log2), dtypes=REAL, domain=LOG_DOMAIN, out_dtype=TO_FLOAT),
    OpCase("log10", F(np.log10), dtypes=ALL, domain=LOG_DOMAIN, out_dtype=TO_FLOAT),
    OpCase("sqrt", F(np.sqrt), dtypes=ALL, domain=LOG_DOMAIN, out_dtype=TO_FLOAT),
    OpCase("rsqrt", F(lambda x: 1 / np.sqrt(x)), dtypes=ALL, domain=LOG_DOMAIN, out_dtype=TO_FLOAT),
    OpCase("square", np.square, dtypes=ALL, out_dtype=SAME),
    OpCase("reciprocal", F(np.reciprocal), dtypes=ALL, domain=(0.5, 3.0), out_dtype=TO_FLOAT),
    OpCase("sin", F(np.sin), dtypes=ALL, out_dtype=TO_FLOAT),
    OpCase("cos", F(np.cos), dtypes=ALL, out_dtype=TO_FLOAT),
    OpCase("tan", F(np.tan), dtypes=REAL, domain=(-1.2, 1.2), out_dtype=TO_FLOAT),
    OpCase("tan", F(np.tan), dtypes=CPLX, domain=(-1.0, 1.0), id="tan-complex",
           tol={"complex64": (1e-4, 1e-5)}),
    OpCase("arcsin", F(np.arcsin), dtypes=ALL, domain=UNIT, out_dtype=TO_FLOAT),
    OpCase("arccos", F(np.arccos), dtypes=ALL, domain=UNIT, out_dtype=TO_FLOAT),
    OpCase("arctan", F(np.arctan), dtypes=ALL, out_dtype=TO_FLOAT),
    OpCase("sinh", F(np.sinh), dtypes=ALL, out_dtype=TO_FLOAT),
    OpCase("cosh", F(np.cosh), dtypes=ALL, out_dtype=TO_FLOAT),
    OpCase("tanh", F(np.tanh), dtypes=ALL, out_dtype=TO_FLOAT),
    OpCase("arcsinh", F(np.arcsinh), dtypes=ALL, out_dtype=TO_FLOAT),
    OpCase("arccosh", F(np.arccosh), dtypes=REAL[1:], domain=(1.0, 3.0), out_dtype=TO_FLOAT),
    OpCase("arctanh", F(np.arctanh), dtypes=ALL, domain=UNIT, out_dtype=TO_FLOAT),
    OpCase("sigmoid", F(sigmoid), dtypes=REAL, out_dtype=TO_FLOAT),
    OpCase("erf", F(erf), dtypes=REAL, out_dtype=TO_FLOAT),
    OpCase("erfinv", F(erfinv), dtypes=FLOATS + ("int8",), domain=UNIT, out_dtype=TO_FLOAT,
           tol={"float32": (2e-5, 2e-6)}),
    OpCase("floor", np.floor, dtypes=REAL, domain=(-3, 3), out_dtype=SAME),
    OpCase("ceil", np.ceil, dtypes=REAL, domain=(-3, 3), out_dtype=SAME),
    OpCase("round", np.round, dtypes=ALL, domain=(-4, 4), out_dtype=SAME),
    OpCase("isnan", np.isnan, dtypes=ALL, out_dtype=BOOL),
    OpCase("isinf", np.isinf, dtypes=ALL, out_dtype=BOOL),
    OpCase("isfinite", np.isfinite, dtypes=ALL, out_dtype=BOOL),
    OpCase("isposinf", np.isposinf, dtypes=REAL, out_dtype=BOOL),
    OpCase("isneginf", np.isneginf, dtypes=REAL, out_dtype=BOOL),
    OpCase("logical_not", np.logical_not, dtypes=ALL, out_dtype=BOOL),
    OpCase("bitwise_invert", np.invert, dtypes=("bool",) + INTS, out_dtype=SAME),
    OpCase("conjugate", np.conjugate, dtypes=ALL, out_dtype=SAME),
    OpCase("real", np.real, dtypes=ALL, out_dtype=REAL_PART),
    OpCase("imag", np.imag, dtypes=ALL, out_dtype=REAL_PART),
    OpCase("stop_gradient", lambda x: x, dtypes=ALL, out_dtype=SAME),
    OpCase("degrees", F(np.degrees), dtypes=REAL, out_dtype=TO_FLOAT),
    OpCase("radians", F(np.radians), dtypes=REAL, out_dtype=TO_FLOAT),
    OpCase("trunc", np.trunc, dtypes=REAL, domain=(-3, 3), out_dtype=SAME),
    OpCase("positive", np.positive, dtypes=NUMERIC + CPLX, out_dtype=SAME),
    OpCase("round", lambda x: np.round(x, 2), mx_fn=lambda a: mx.round(a, 2), id="round-2",
           dtypes=("float32", "float64", "complex64"), out_dtype=SAME),
    OpCase("round", lambda x: np.round(x, -1), mx_fn=lambda a: mx.round(a, decimals=-1),
           id="round--1", dtypes=("float32", "float64") + SIGNED, domain=(-60, 60), out_dtype=SAME),
    OpCase("round", lambda x: np.round(x, 1), mx_fn=lambda a: mx.round(a, 1), id="round-1-int",
           dtypes=("int32", "uint8"), domain=(0, 60), out_dtype=SAME),
    OpCase("clip", lambda x: np.clip(x, -0.5, 0.5), mx_fn=lambda a: mx.clip(a, -0.5, 0.5),
           dtypes=FLOATS, out_dtype=SAME),
    OpCase("clip", lambda x: np.clip(x, -1, None), mx_fn=lambda a: mx.clip(a, -1, None),
           id="clip-min", dtypes=NUMERIC[:4] + FLOATS, out_dtype=SAME),
    OpCase("clip", lambda x: np.clip(x, None, 1), mx_fn=lambda a: mx.clip(a, a_min=None, a_max=1),
           id="clip-max", dtypes=SIGNED + ("float32",), out_dtype=SAME),
]


def divmod_q(a, b):
    return mx.divmod(a, b)[0]


def divmod_r(a, b):
    return mx.divmod(a, b)[1]


INT_DIV = (-6, 6)

BINARY = [
    OpCase("add", np.add, arity=2, dtypes=ALL, out_dtype=SAME),
    OpCase("subtract", np.subtract, arity=2, dtypes=NUMERIC + CPLX, out_dtype=SAME),
    OpCase("multiply", np.multiply, arity=2, dtypes=ALL, out_dtype=SAME),
    OpCase("divide", F(np.divide), arity=2, dtypes=ALL, domain=(0.5, 3.0), out_dtype=TO_FLOAT),
    OpCase("divide", F(np.divide), arity=2, dtypes=SIGNED + ("float32",), domain=(-3, 3),
           id="divide-signs-zero", out_dtype=TO_FLOAT),
    OpCase("floor_divide", np.floor_divide, arity=2, dtypes=REAL, domain=INT_DIV, out_dtype=NOBOOL),
    OpCase("remainder", np.remainder, arity=2, dtypes=REAL, domain=INT_DIV, out_dtype=NOBOOL),
    OpCase("divmod", lambda a, b: np.divmod(a, b)[0], mx_fn=divmod_q, arity=2, dtypes=REAL[1:],
           domain=INT_DIV, id="divmod-q", out_dtype=SAME),
    OpCase("divmod", lambda a, b: np.divmod(a, b)[1], mx_fn=divmod_r, arity=2, dtypes=REAL[1:],
           domain=INT_DIV, id="divmod-r", out_dtype=SAME),
    OpCase("power", np.power, arity=2, dtypes=("bool",) + INTS, domain=(0, 3), out_dtype=NOBOOL),
    OpCase("power", F(np.power), arity=2, dtypes=FLOATS + CPLX, domain=(0.1, 2.0),
           id="power-float", out_dtype=SAME, tol={"complex64": (1e-4, 1e-5)}),
    OpCase("maximum", np.maximum, arity=2, dtypes=REAL, out_dtype=SAME),
    OpCase("minimum", np.minimum, arity=2, dtypes=REAL, out_dtype=SAME),
    OpCase("arctan2", F(np.arctan2), arity=2, dtypes=REAL, out_dtype=TO_FLOAT),
    OpCase("logaddexp", F(np.logaddexp), arity=2, dtypes=REAL, out_dtype=TO_FLOAT),
    OpCase("equal", np.equal, arity=2, dtypes=ALL, domain=(-1, 1), out_dtype=BOOL),
    OpCase("not_equal", np.not_equal, arity=2, dtypes=ALL, domain=(-1, 1), out_dtype=BOOL),
    OpCase("less", np.less, arity=2, dtypes=REAL, domain=(-1, 1), out_dtype=BOOL),
    OpCase("less_equal", np.less_equal, arity=2, dtypes=REAL, domain=(-1, 1), out_dtype=BOOL),
    OpCase("greater", np.greater, arity=2, dtypes=REAL, domain=(-1, 1), out_dtype=BOOL),
    OpCase("greater_equal", np.greater_equal, arity=2, dtypes=REAL, domain=(-1, 1), out_dtype=BOOL),
    OpCase("logical_and", np.logical_and, arity=2, dtypes=ALL, domain=(-1, 1), out_dtype=BOOL),
    OpCase("logical_or", np.logical_or, arity=2, dtypes=ALL, domain=(-1, 1), out_dtype=BOOL),
    OpCase("logical_xor", np.logical_xor, arity=2, dtypes=ALL, domain=(-1, 1), out_dtype=BOOL),
    OpCase("bitwise_and", np.bitwise_and, arity=2, dtypes=("bool",) + INTS, domain=(-50, 50), out_dtype=SAME),
    OpCase("bitwise_or", np.bitwise_or, arity=2, dtypes=("bool",) + INTS, domain=(-50, 50), out_dtype=SAME),
    OpCase("bitwise_xor", np.bitwise_xor, arity=2, dtypes=("bool",) + INTS, domain=(-50, 50), out_dtype=SAME),
    OpCase("left_shift", np.left_shift, arity=2, dtypes=("bool",) + INTS, domain=(0, 7), out_dtype=SHIFT),
    OpCase("right_shift", np.right_shift, arity=2, dtypes=("bool",) + INTS, domain=(0, 7), out_dtype=SHIFT),
    OpCase("right_shift", lambda a, b: np.right_shift(a, np.abs(b)), id="right_shift-negative",
           mx_fn=lambda a, b: mx.right_shift(a, mx.abs(b)), arity=2, dtypes=SIGNED, domain=(-7, 7)),
    OpCase("isclose", np.isclose, arity=2, dtypes=REAL, domain=(-1, 1), out_dtype=BOOL),
    OpCase("clip", np.clip, arity=3, dtypes=("int32", "float32", "float16"), id="clip-arrays",
           shapes=[((3, 4), (3, 4), (3, 4)), ((3, 4), (4,), ()), ((), (2, 1), (3,)), ((0, 2), (2,), ())],
           out_dtype=SAME),
    OpCase("where", lambda c, x, y: np.where(c, x, y), arity=3, dtypes=ALL, domain=(-1, 1),
           shapes=[((3, 4), (3, 4), (3, 4)), ((3, 1), (1, 4), ()), ((), (2, 3), (3,)),
                   ((0, 3), (3,), ()), ((2, 1, 3), (4, 1), (2, 4, 3))],
           out_dtype=SAME),
]

CASES = UNARY + BINARY


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_values(case):
    check_values(case)


def registry_ops():
    """Every unary and binary op of the registry, from the extension."""
    reg = mx._core._registry()
    return reg["unary"] + reg["binary"]


def test_every_registry_op_has_a_case():
    covered = {c.name for c in CASES}
    missing = [n for n in registry_ops() if n not in covered]
    assert not missing, missing


# ---- special values: NaN, infinities, signed zeros ---------------------------------

SPECIAL = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 0.5, 1e30])


@pytest.mark.parametrize("dtype", ("float32", "float64", "float16", "bfloat16"))
@pytest.mark.parametrize("name,ref", [
    ("isnan", np.isnan), ("isinf", np.isinf), ("isfinite", np.isfinite),
    ("isposinf", np.isposinf), ("isneginf", np.isneginf), ("sign", np.sign),
    ("round", np.round), ("floor", np.floor), ("trunc", np.trunc), ("abs", np.abs),
    ("exp", np.exp), ("sigmoid", lambda x: 1 / (1 + np.exp(-x))), ("nan_to_num", None),
])
def test_unary_special_values(name, ref, dtype):
    x = SPECIAL.astype(np.float32 if dtype == "bfloat16" else dtype)
    if dtype == "float16":
        x = x[np.abs(np.nan_to_num(x)) < 6e4]
    a = mx.array(x, dtype=getattr(mx, dtype))
    if name == "nan_to_num":
        big = {"float16": 65504.0, "bfloat16": 3.3895313892515355e38}.get(dtype, np.finfo(x.dtype).max)
        want = np.nan_to_num(x, posinf=big, neginf=-big)
    else:
        with np.errstate(all="ignore"):
            want = ref(x.astype(np.float64) if x.dtype == np.float16 else x)
    got = getattr(mx, name)(a)
    assert_close(got, want, str(got.dtype).split(".")[-1], what=name)
    if name in ("round", "trunc", "floor"):  # signed zeros survive
        np.testing.assert_array_equal(np.signbit(np.asarray(got.astype(mx.float32))), np.signbit(want))


def test_nan_to_num_arguments():
    x = np.array([np.nan, np.inf, -np.inf, 1.5], dtype=np.float32)
    got = mx.nan_to_num(mx.array(x), nan=7.0, posinf=100.0, neginf=-50.0)
    np.testing.assert_array_equal(np.asarray(got), [7.0, 100.0, -50.0, 1.5])
    got = mx.nan_to_num(mx.array(x), 1.0)
    np.testing.assert_array_equal(np.asarray(got), np.nan_to_num(x, nan=1.0))
    assert mx.nan_to_num(mx.array([1, 2])).dtype == mx.int32
    c = np.array([complex(np.nan, np.inf), complex(-np.inf, 1.0)], dtype=np.complex64)
    np.testing.assert_array_equal(np.asarray(mx.nan_to_num(mx.array(c))), np.nan_to_num(c))
    assert mx.nan_to_num(mx.array(x, dtype=mx.float64)).tolist()[1] == np.finfo(np.float64).max


@pytest.mark.parametrize("dtype", ("float32", "float64", "float16"))
def test_binary_special_values(dtype):
    a, b = np.meshgrid(SPECIAL, SPECIAL)
    a, b = a.astype(dtype), b.astype(dtype)
    x, y = mx.array(a, dtype=getattr(mx, dtype)), mx.array(b, dtype=getattr(mx, dtype))
    with np.errstate(all="ignore"):
        for name, ref in [("maximum", np.maximum), ("minimum", np.minimum),
                          ("logaddexp", np.logaddexp), ("arctan2", np.arctan2),
                          ("equal", np.equal), ("not_equal", np.not_equal), ("less", np.less),
                          ("greater_equal", np.greater_equal), ("floor_divide", np.floor_divide),
                          ("remainder", np.remainder), ("power", np.power), ("divide", np.divide)]:
            got = getattr(mx, name)(x, y)
            assert_close(got, ref(a, b), str(got.dtype).split(".")[-1], what=name)


def test_exp_float32_over_its_whole_range():
    # float32 exp is a vectorised polynomial: check it against float64 everywhere,
    # overflow, underflow into the subnormals and the specials included.
    x = np.concatenate([np.linspace(-110, 95, 200001, dtype=np.float32),
                        np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 88.72, 88.73, -87.3], np.float32)])
    got = np.asarray(mx.exp(mx.array(x))).astype(np.float64)
    with np.errstate(all="ignore"):
        want = np.exp(x.astype(np.float64)).astype(np.float32).astype(np.float64)
    normal = np.abs(want) >= np.finfo(np.float32).tiny
    np.testing.assert_allclose(got[normal], want[normal], rtol=3e-7)
    np.testing.assert_allclose(got[~normal], want[~normal], rtol=0, atol=3e-45)


def test_float_floor_divide_matches_numpy_rounding():
    a = np.array([1.0, -1.0, 7.0, -7.0, 0.0, -0.0], dtype=np.float64)
    b = np.array([0.1, 0.1, -2.0, 2.0, -3.0, 3.0], dtype=np.float64)
    q, r = mx.divmod(mx.array(a, dtype=mx.float64), mx.array(b, dtype=mx.float64))
    np.testing.assert_array_equal(np.asarray(q), np.floor_divide(a, b))
    np.testing.assert_array_equal(np.asarray(r), np.remainder(a, b))
    np.testing.assert_array_equal(np.signbit(np.asarray(r)), np.signbit(np.remainder(a, b)))


def test_integer_edge_cases():
    i8 = np.array([-128, 127, -7, 7, 0], dtype=np.int8)
    a = mx.array(i8)
    np.testing.assert_array_equal(np.asarray(mx.negative(a)), -i8)
    np.testing.assert_array_equal(np.asarray(mx.abs(a)), np.abs(i8))
    np.testing.assert_array_equal(np.asarray(a // -1), i8 // np.int8(-1))
    with np.errstate(all="ignore"):
        z = np.zeros(5, np.int8)
        np.testing.assert_array_equal(np.asarray(a // mx.array(z)), i8 // z)
        np.testing.assert_array_equal(np.asarray(a % mx.array(z)), i8 % z)
    big = np.array([2**62, -(2**62)], dtype=np.int64)
    np.testing.assert_array_equal(np.asarray(mx.array(big) * 4), big * 4)
    np.testing.assert_array_equal(np.asarray(mx.power(mx.array([3, -2], dtype=mx.int64), 41)),
                                  np.power(np.array([3, -2]), 41))
    s = np.array([1, -1, 64, 100], dtype=np.int64)
    np.testing.assert_array_equal(np.asarray(mx.left_shift(mx.array(s), mx.array([63, 63, 1, 64]))),
                                  np.left_shift(s, [63, 63, 1, 64]))
    np.testing.assert_array_equal(np.asarray(mx.right_shift(mx.array(s), mx.array([63, 63, 1, 64]))),
                                  np.right_shift(s, [63, 63, 1, 64]))


def test_erfinv_accuracy():
    y = np.linspace(-0.999999, 0.999999, 2001)
    x = np.asarray(mx.erfinv(mx.array(y, dtype=mx.float64)))
    np.testing.assert_allclose(erf(x), y, rtol=1e-13, atol=1e-15)
    y32 = y.astype(np.float32)
    x32 = np.asarray(mx.erfinv(mx.array(y32)))
    x64 = np.asarray(mx.erfinv(mx.array(y32.astype(np.float64), dtype=mx.float64)))
    np.testing.assert_allclose(x32, x64, rtol=2e-7, atol=1e-7)
    ends = np.asarray(mx.erfinv(mx.array([-1.0, 1.0, 1.5, 0.0])))
    assert ends[0] == -np.inf and ends[1] == np.inf and np.isnan(ends[2]) and ends[3] == 0


def test_complex_rules():
    z = np.array([3 + 4j, -1 - 2j, 0j], dtype=np.complex64)
    a = mx.array(z)
    assert mx.abs(a).dtype == mx.float32
    np.testing.assert_allclose(np.asarray(mx.abs(a)), np.abs(z))
    np.testing.assert_array_equal(np.asarray(mx.real(a)), z.real)
    np.testing.assert_array_equal(np.asarray(mx.imag(a)), z.imag)
    np.testing.assert_array_equal(np.asarray(mx.conj(a)), np.conj(z))
    np.testing.assert_array_equal(np.asarray(a.real), z.real)
    np.testing.assert_array_equal(np.asarray(a.imag), z.imag)
    np.testing.assert_array_equal(np.asarray(mx.equal(a, a)), [True] * 3)
    x = mx.array([1.5, 2.5])
    assert mx.real(x) is not None and mx.real(x).dtype == mx.float32
    np.testing.assert_array_equal(np.asarray(mx.imag(x)), [0.0, 0.0])


# ---- isclose / allclose / array_equal -----------------------------------------------

def test_isclose_allclose():
    a = np.array([1.0, 1e10, 1e-8, np.inf, -np.inf, np.nan, 0.0, np.inf], dtype=np.float32)
    b = np.array([1.0 + 1e-6, 1.00001e10, 1e-9, np.inf, np.inf, np.nan, 1e-9, 1.0], dtype=np.float32)
    for kw in ({}, {"equal_nan": True}, {"rtol": 0.0, "atol": 0.0}, {"rtol": 1e-3}):
        np.testing.assert_array_equal(np.asarray(mx.isclose(mx.array(a), mx.array(b), **kw)),
                                      np.isclose(a, b, **kw), err_msg=str(kw))
        got = mx.allclose(mx.array(a[:3]), mx.array(b[:3]), **kw)
        assert got.dtype == BOOL_DT and got.shape == ()
        assert got.item() == np.allclose(a[:3], b[:3], **kw)
    assert mx.isclose(mx.array([1, 2]), 1).tolist() == [True, False]
    assert mx.allclose(mx.array([1.0, np.nan]), mx.array([1.0, np.nan]), equal_nan=True).item()
    assert not mx.allclose(mx.array([1.0, np.nan]), mx.array([1.0, np.nan])).item()
    assert mx.allclose(mx.array([1.0, 2.0]), mx.array([[1.0, 2.0]] * 3)).item()
    assert mx.allclose(mx.zeros((0,)), 1.0).item()
    with pytest.raises(ValueError, match="isclose"):
        mx.isclose(mx.array([1.0, 2.0]), mx.array([1.0, 2.0, 3.0]))


def test_array_equal():
    a = mx.array([1, 2, 3])
    assert mx.array_equal(a, mx.array([1.0, 2.0, 3.0])).item() is True
    assert mx.array_equal(a, mx.array([1, 2, 4])).item() is False
    r = mx.array_equal(a, mx.array([[1, 2, 3]]))
    assert r.dtype == BOOL_DT and r.item() is False
    n = mx.array([1.0, np.nan])
    assert not mx.array_equal(n, n).item()
    assert mx.array_equal(n, n, equal_nan=True).item()
    assert mx.array_equal(mx.array(np.zeros((0, 3))), mx.array(np.zeros((0, 3)))).item()
    t = mx.swapaxes(mx.array(np.arange(6).reshape(2, 3)), 0, 1)
    assert mx.array_equal(t, mx.array(np.arange(6).reshape(2, 3).T)).item()
    assert mx.array_equal(2, mx.array(2)).item()


# ---- view ---------------------------------------------------------------------------

@pytest.mark.parametrize("src,dst", [("float32", "int32"), ("float32", "uint8"), ("int8", "int32"),
                                     ("float16", "uint16"), ("float64", "float32"),
                                     ("int64", "complex64"), ("uint8", "bool"), ("int32", "float16")])
def test_view_values(src, dst):
    rng = np.random.default_rng(0)
    x = (rng.standard_normal((3, 8)) * 10).astype(src)
    if src == "uint8" and dst == "bool":
        x = rng.integers(0, 2, (3, 8)).astype(np.uint8)
    a = mx.array(x, dtype=getattr(mx, src))
    got = mx.view(a, getattr(mx, dst))
    want = x.view(dst)
    assert got.shape == want.shape and got.dtype == getattr(mx, dst)
    np.testing.assert_array_equal(np.asarray(got), want)
    # A transposed (strided) input is packed in logical order first.
    t = mx.swapaxes(mx.array(np.ascontiguousarray(x.T), dtype=getattr(mx, src)), 0, 1)
    np.testing.assert_array_equal(np.asarray(t.view(getattr(mx, dst))), want)


def test_view_bfloat16_and_scalars():
    a = mx.array([1.0, -2.0], dtype=mx.bfloat16)
    bits = np.asarray(mx.view(a, mx.uint16))
    np.testing.assert_array_equal(bits, (np.array([1.0, -2.0], np.float32).view(np.uint32) >> 16).astype(np.uint16))
    assert mx.view(mx.array(1.0), mx.int32).item() == np.float32(1.0).view(np.int32)
    assert mx.view(mx.array(np.zeros((2, 0), np.float32)), mx.uint8).shape == (2, 0)


def test_view_errors():
    with pytest.raises(ValueError, match="view"):
        mx.view(mx.array(np.zeros((2, 3), np.int8)), mx.int32)
    with pytest.raises(ValueError, match="view"):
        mx.view(mx.array(1.0), mx.float64)


# ---- dtype rules and errors -----------------------------------------------------------

@pytest.mark.parametrize("name", ["bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift"])
@pytest.mark.parametrize("dtype", ["float32", "float16", "complex64"])
def test_bitwise_rejects_inexact(name, dtype):
    a = mx.array([1, 2], dtype=getattr(mx, dtype))
    with pytest.raises(ValueError, match=name):
        getattr(mx, name)(a, a)
    with pytest.raises(ValueError, match=name):
        getattr(mx, name)(mx.array([1, 2]), 1.5)


@pytest.mark.parametrize("call,name", [
    (lambda: mx.bitwise_invert(mx.array([1.0])), "bitwise_invert"),
    (lambda: mx.negative(mx.array([True])), "negative"),
    (lambda: mx.sign(mx.array([True])), "sign"),
    (lambda: mx.subtract(mx.array([True]), mx.array([False])), "subtract"),
    (lambda: mx.floor_divide(mx.array([1j]), mx.array([1j])), "floor_divide"),
    (lambda: mx.remainder(mx.array([1j]), 2), "remainder"),
    (lambda: mx.divmod(mx.array([1j]), 2), "divmod"),
    (lambda: mx.arctan2(mx.array([1j]), 2), "arctan2"),
    (lambda: mx.erf(mx.array([1j])), "erf"),
    (lambda: mx.erfinv(mx.array([1j])), "erfinv"),
    (lambda: mx.floor(mx.array([1j])), "floor"),
    (lambda: mx.trunc(mx.array([1j])), "trunc"),
    (lambda: mx.clip(mx.array([1.0]), None, None), "clip"),
    (lambda: mx.add(mx.array([1, 2]), mx.array([1, 2, 3])), "add"),
    (lambda: mx.where(mx.array([True, False]), mx.array([1, 2, 3]), 0), "where"),
    (lambda: mx.clip(mx.array([1.0, 2.0]), mx.array([0.0, 0.0, 0.0]), None), "clip"),
    (lambda: mx.divmod(mx.array([1, 2]), mx.array([1, 2, 3])), "divmod"),
    (lambda: mx.logical_xor(mx.array([1, 2]), mx.array([1, 2, 3])), "logical_xor"),
])
def test_errors_at_the_call(call, name):
    with pytest.raises(ValueError, match=rf"\[{name}\]"):
        call()


@pytest.mark.parametrize("name,_", [(n, 0) for n in (
    "add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power", "maximum",
    "minimum", "arctan2", "logaddexp", "equal", "not_equal", "less", "less_equal", "greater",
    "greater_equal", "logical_and", "logical_or", "logical_xor", "bitwise_and", "bitwise_or",
    "bitwise_xor", "left_shift", "right_shift")])
def test_weak_scalars_both_sides(name, _):
    fn = getattr(mx, name)
    np_name = {"logical_xor": "logical_xor"}.get(name, name)
    ref = getattr(np, np_name, None)
    for dtype in ("int8", "uint8", "int32", "float16", "float32"):
        if name.startswith(("bitwise", "left", "right")) and "float" in dtype:
            continue
        x = np.array([1, 2, 3], dtype=dtype)
        a = mx.array(x)
        for lhs, rhs in ((a, 2), (2, a)):
            out = fn(lhs, rhs)
            assert out.shape == (3,)
            if out.dtype != BOOL_DT and name not in ("divide", "arctan2", "logaddexp"):
                assert out.dtype == a.dtype, f"{name} {dtype}: {out.dtype}"
            if ref is not None:
                with np.errstate(all="ignore"):
                    # Integer inputs of float-valued ops: NumPy would answer in float16.
                    r = F(ref) if "int" in dtype and out.dtype == mx.float32 else ref
                    two = np.array(2, dtype)
                    want = r(x, two) if lhs is a else r(two, x)
                assert_close(out, want.astype(np.float64) if "float" in str(want.dtype) else want,
                             str(out.dtype).split(".")[-1], tol={"float16": (2e-3, 2e-3)}, what=name)
    # A Python float next to an integer array gives float32.
    if name in ("add", "multiply", "maximum", "power", "subtract"):
        assert fn(mx.array([1, 2], dtype=mx.int8), 1.5).dtype == mx.float32


def test_weak_scalar_dtypes():
    a = mx.array([1, 2, 3], dtype=mx.int32)
    assert (a + 1).dtype == mx.int32
    assert (a + 1.5).dtype == mx.float32
    assert (mx.array([1.0], dtype=mx.float16) * 2.0).dtype == mx.float16
    assert (mx.array([True]) + 1).dtype == mx.int32
    assert mx.where(mx.array([True, False]), mx.array([1, 2], dtype=mx.int8), 0).dtype == mx.int8
    assert mx.where(mx.array([True, False]), 1.5, mx.array([1, 2], dtype=mx.float16)).dtype == mx.float16
    assert mx.where(True, 1, 2).dtype == mx.int32
    assert mx.clip(mx.array([1, 5], dtype=mx.uint8), 2, 3).dtype == mx.uint8
    assert mx.clip(mx.array([1.0, 5.0], dtype=mx.bfloat16), 2.0, 3.0).dtype == mx.bfloat16


def test_output_dtype_rules():
    i = mx.array([1, 2], dtype=mx.int16)
    b = mx.array([True, False])
    assert (i / i).dtype == mx.float32
    assert mx.divide(b, b).dtype == mx.float32
    assert mx.logical_and(i, i).dtype == BOOL_DT
    assert mx.logical_not(i).dtype == BOOL_DT
    assert mx.power(b, b).dtype == mx.int32
    assert mx.left_shift(b, b).dtype == mx.uint8
    assert mx.bitwise_and(b, b).dtype == BOOL_DT
    assert mx.add(b, b).dtype == BOOL_DT
    assert mx.floor(i) is not None and mx.floor(i).dtype == mx.int16
    assert mx.exp(mx.array([1], dtype=mx.uint64)).dtype == mx.float32
    assert mx.abs(mx.array([1 + 1j])).dtype == mx.float32
    assert mx.isfinite(mx.array([1, 2])).tolist() == [True, True]
    assert mx.degrees(mx.array([1.0], dtype=mx.float64)).dtype == mx.float64
    assert (mx.array([2, 3], dtype=mx.uint8) ** 2).dtype == mx.uint8


def test_divmod_tuple():
    q, r = mx.divmod(mx.array([7, -7, 9]), 2)
    assert q.tolist() == [3, -4, 4] and r.tolist() == [1, 1, 1]
    q, r = mx.divmod(7.5, mx.array([2.0, -2.0]))
    assert q.tolist() == [3.0, -4.0] and r.tolist() == [1.5, -0.5]


# ---- methods and aliases ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["abs", "cos", "exp", "log", "log10", "log1p", "log2",
                                  "reciprocal", "rsqrt", "sin", "sqrt", "square"])
def test_array_methods(name):
    x = np.array([[0.5, 1.5], [2.0, 3.0]], dtype=np.float32)
    a = mx.array(x)
    np.testing.assert_allclose(np.asarray(getattr(a, name)()), np.asarray(getattr(mx, name)(a)))
    np.testing.assert_allclose(np.asarray(getattr(a, name)(stream=mx.cpu)), np.asarray(getattr(mx, name)(a)))


def test_round_conj_view_methods():
    a = mx.array([1.256, -2.5, 0.5])
    np.testing.assert_allclose(np.asarray(a.round(2)), np.round(np.array([1.256, -2.5, 0.5], np.float32), 2))
    assert a.round().tolist() == [1.0, -2.0, 0.0]
    assert a.round(decimals=1).dtype == mx.float32
    assert mx.round(a, 1).tolist() == pytest.approx([1.3, -2.5, 0.5])
    z = mx.array([1 + 2j])
    assert z.conj().tolist() == [1 - 2j]
    assert a.view(mx.int32).dtype == mx.int32


@pytest.mark.parametrize("alias,name", [("acos", "arccos"), ("asin", "arcsin"), ("atan", "arctan"),
                                        ("acosh", "arccosh"), ("asinh", "arcsinh"),
                                        ("atanh", "arctanh"), ("atan2", "arctan2"), ("conj", "conjugate"),
                                        ("pow", "power"), ("bitwise_left_shift", "left_shift"),
                                        ("bitwise_right_shift", "right_shift")])
def test_aliases(alias, name):
    assert getattr(mx, alias) is getattr(mx, name)


def test_python_scalars_as_inputs():
    assert mx.exp(0.0).item() == 1.0
    assert mx.isfinite(float("inf")).item() is False
    assert mx.degrees(math.pi).item() == pytest.approx(180.0)
    assert mx.radians(180).item() == pytest.approx(math.pi)
    assert mx.add(1, 2).item() == 3
    assert mx.view(1.0, mx.int32).dtype == mx.int32


def test_sin_cos_float32_whole_range():
    """The vectorised float32 sin/cos: a dense sweep within a few ulp of float64
    NumPy, exact fallbacks past |x| = 8192 (also when the input buffer is reused
    for the output), signed zeros, inf and NaN."""
    x = np.concatenate([np.linspace(-9000, 9000, 200001), np.logspace(-30, 7, 2000),
                        -np.logspace(-30, 7, 2000), [0.0, -0.0, np.inf, -np.inf, np.nan]]).astype(np.float32)
    for f, nf in ((mx.sin, np.sin), (mx.cos, np.cos)):
        for donated in (False, True):
            xs = mx.array(x) * 1.0 if donated else mx.array(x)
            got = np.asarray(f(xs)).astype(np.float64)
            with np.errstate(all="ignore"):
                want = nf(x.astype(np.float64))
            fin = np.isfinite(want)
            np.testing.assert_allclose(got[fin], want[fin], rtol=0, atol=2e-7)
            assert np.isnan(got[~fin]).all()
    assert np.signbit(np.asarray(mx.sin(mx.array([-0.0], dtype=mx.float32))))[0]
