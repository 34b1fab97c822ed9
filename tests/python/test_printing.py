"""repr / str / print of arrays. repr is MLX's: each element as C++'s default
stream (printf "%g"), or fixed digits after mx.set_printoptions(precision=p),
comma separated, rows on new lines indented 7 + axis, and "..." on every axis
longer than 6. The NumPy-style text (mx._array_str, used by the C ABI) is checked
against numpy.array_str."""

import numpy as np
import pytest

import mxgraph.core as mx

np.set_printoptions()  # defaults

# NumPy 2.3 made the switch to scientific notation depend on the float type; we follow it,
# so numpy.array_str is a reference only from 2.3 on (Python >= 3.11). The MLX repr checks
# do not depend on NumPy's version and always run.
NUMPY_TEXT = np.lib.NumpyVersion(np.__version__) >= "2.3.0"


def mlx_number(v, precision=-1):
    v = float(v)
    if np.isnan(v):  # printf writes the sign of a NaN, Python's % does not
        return "-nan" if np.signbit(v) else "nan"
    return "%g" % v if precision == -1 else "%.*f" % (precision if precision >= 0 else 6, v)


def mlx_element(v, precision=-1):
    if isinstance(v, (bool, np.bool_)):
        return "True" if v else "False"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (complex, np.complexfloating)):
        im = float(v.imag)
        sign = "+" + mlx_number(im, precision) if im >= 0 or np.isnan(im) else "-" + mlx_number(-im, precision)
        return mlx_number(v.real, precision) + sign + "j"
    return mlx_number(v, precision)


def mlx_body(a, axis=0, precision=-1):
    if a.ndim == 0:
        return mlx_element(a[()], precision)
    n = a.shape[0]
    last = a.ndim == 1
    idx = list(range(n)) if n <= 6 else [0, 1, 2, None, n - 3, n - 2, n - 1]
    parts = ["..." if i is None else (mlx_element(a[i], precision) if last else mlx_body(a[i], axis + 1, precision))
             for i in idx]
    return "[" + (", " if last else ",\n" + " " * (7 + axis)).join(parts) + "]"


def expected_repr(a, precision=-1):
    return "array(%s, dtype=%s)" % (mlx_body(a, 0, precision), a.dtype.name)


def check(a):
    a = np.asarray(a)
    x = mx.array(a, dtype=getattr(mx, a.dtype.name))
    assert repr(x) == expected_repr(a)
    if NUMPY_TEXT:
        assert mx._array_str(x) == np.array_str(a)


@pytest.mark.skipif(not NUMPY_TEXT, reason="NumPy < 2.3 installed: the NumPy-style text "
                    "(mx._array_str) is not compared with numpy.array_str in this run")
def test_numpy_is_the_reference_for_array_str():
    assert mx._array_str(mx.array([1.0, 1001.0, 0.5])) == np.array_str(np.array([1.0, 1001.0, 0.5], np.float32))


rng = np.random.default_rng(0)

FLOAT_CASES = {
    "integral": [1.0, 2.0, 3.0],
    "halves": [1.0, 2.5, -0.25],
    "tenth": [0.1, 0.2, 0.3],
    "mixed_digits": [0.5, 0.123456789, 100.0],
    "small_sci": [1e-5, 1.5],
    "big_sci": [1e8, 1.0],
    "ratio_sci": [1.0, 1001.0, 0.5],
    "ratio_fixed": [1.0, 999.0],
    "tiny": [1e-30, -2.5e-12],
    "huge": [3e38, -1e20],
    "zeros": [0.0, -0.0, 0.0],
    "nonfinite": [np.nan, 1.0, -np.inf, np.inf],
    "only_nan": [np.nan, np.nan],
    "nan_sci": [np.nan, 1e-9, 2.0],
    "neg_inf_only": [-np.inf, 0.0],
    "negative": [-1.5, -100.25, 3.0],
    "long_row": list(np.linspace(-3, 3, 40)),
    "random": list(rng.standard_normal(30)),
    "random_scaled": list(rng.standard_normal(25) * 1e5),
    "eight_digits": [1.23456789012, 2.0],
}


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize("case", sorted(FLOAT_CASES))
def test_float_vectors(case, dtype):
    with np.errstate(over="ignore"):
        check(np.array(FLOAT_CASES[case], dtype=dtype))


@pytest.mark.parametrize("dtype", ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"])
def test_int_vectors(dtype):
    info = np.iinfo(dtype)
    check(np.array([0, 1, info.max, info.min, 7], dtype=dtype))
    check(np.arange(60, dtype=dtype).reshape(3, 20))
    check(np.array([5], dtype=dtype))


def test_bool():
    check(np.array([True, False, True]))
    check(np.array([True, True]))
    check(np.array([[True], [False]]))
    check(np.array(True))
    check(np.array(False))


@pytest.mark.parametrize(
    "vals",
    [
        [1 + 2j, -3.5 - 1j],
        [0j, 1j, -1j],
        [1e-6 + 1j, 2 + 3e5j],
        [complex(np.nan, 1), complex(1, np.inf), complex(-np.inf, -np.nan)],
        list(rng.standard_normal(12) + 1j * rng.standard_normal(12)),
    ],
)
def test_complex(vals):
    check(np.array(vals, dtype=np.complex64))


@pytest.mark.parametrize(
    "shape", [(2, 3), (4, 1), (1, 4), (2, 3, 4), (2, 1, 2, 3), (3, 2, 2, 2, 2), (1, 1, 1)]
)
@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_nested(shape, dtype):
    a = (rng.standard_normal(shape) * 10).astype(dtype)
    check(a)


def test_wrapping_rows():
    check(np.arange(100, dtype=np.int32))
    check(np.arange(100, dtype=np.int64).reshape(4, 25) * 1000)
    check(np.linspace(0, 1, 30, dtype=np.float32).reshape(2, 15))
    check(np.linspace(0, 1, 60, dtype=np.float64).reshape(2, 3, 10))
    check(np.array([123456789.0] * 9, dtype=np.float64))
    # The dtype moves to its own line when it would pass the width.
    check(np.arange(10, 22, dtype=np.int32) * 100000)
    check(np.arange(14, dtype=np.int32) * 10000)


@pytest.mark.parametrize(
    "shape", [(1001,), (2000,), (10, 200), (200, 10), (1000, 2), (11, 11, 11), (7, 7, 7, 7), (3, 400)]
)
@pytest.mark.parametrize("dtype", ["float32", "int32", "bool"])
def test_summarised(shape, dtype):
    a = rng.standard_normal(shape)
    a = a > 0 if dtype == "bool" else (a * 100).astype(dtype)
    check(a)


def test_not_summarised_at_threshold():
    check(np.arange(1000, dtype=np.int32))
    check(np.arange(1000, dtype=np.float32).reshape(10, 100) / 7)


def test_zero_d():
    for v in [np.float32(1.0), np.float32(0.1), np.float32(-2.5), np.float32(1e20), np.float32(1e-5),
              np.float64(1e16), np.float64(1e15), np.float64(123456789.123), np.float16(1000),
              np.float16(999), np.float32(1e6), np.float32(999999), np.float32(1e-4), np.float64(1e-4), np.float32(np.nan),
              np.float32(-np.inf), np.int32(-7), np.uint8(200), np.int64(2**40), np.float32(0.0),
              np.float32(-0.0), np.complex64(1 + 2j), np.complex64(2j), np.complex64(-1.5 - 0.5j),
              np.complex64(complex(np.inf, 1)), np.complex64(1e20 - 1e-7j), np.complex64(complex(-0.0, 1)),
              np.complex64(complex(np.nan, np.nan)), np.complex64(3), np.complex64(0)]:
        check(np.array(v))


def test_empty():
    for shape in [(0,), (2, 0), (0, 3), (1, 0, 2)]:
        for dtype in ["float32", "int32", "bool"]:
            check(np.zeros(shape, dtype))


def test_float16_and_bfloat16():
    check(np.array([0.1, 1000.0, 65504.0], np.float16))
    check(np.array([1e-7, 1.0], np.float16))
    b = mx.array([1.0, 2.5, -0.125, 3.0]).astype(mx.bfloat16)
    assert repr(b) == "array([1, 2.5, -0.125, 3], dtype=bfloat16)"
    # bfloat16 keeps 8 significant bits: 2.1 is 2.09375, 1/3 is 0.333984375.
    assert repr(mx.array([1.5, 2.1], dtype=mx.bfloat16)) == "array([1.5, 2.09375], dtype=bfloat16)"
    with mx.printoptions(precision=3):
        assert repr(mx.array([1 / 3], dtype=mx.bfloat16)) == "array([0.334], dtype=bfloat16)"
    # 0.1 is 0.10009765625 in bfloat16; its shortest unique digits are 0.1.
    assert mx._array_str(mx.array([0.1, 0.2]).astype(mx.bfloat16)) == "[0.1 0.2]"
    assert mx._array_str(mx.array(0.1).astype(mx.bfloat16)) == "0.1"
    # Scientific from 1e2 on: bfloat16 resolves 2 decimal digits (NumPy's rule for its types).
    assert mx._array_str(mx.array([1.0, 300.0]).astype(mx.bfloat16)) == "[1.e+00 3.e+02]"
    assert mx._array_str(mx.array([1.0, 99.0]).astype(mx.bfloat16)) == "[ 1. 99.]"


def test_non_contiguous_and_lazy():
    a = np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 3
    x = mx.transpose(mx.array(a), [2, 0, 1])
    assert repr(x) == expected_repr(a.transpose(2, 0, 1))
    y = mx.broadcast_to(mx.array(np.array([1, 2, 3], np.int32)), [2, 3])
    assert mx._array_str(y) == "[[1 2 3]\n [1 2 3]]"
    big = (rng.standard_normal((40, 50)) * 10).astype(np.float32)
    assert repr(mx.transpose(mx.array(big))) == expected_repr(big.T)  # summarised, strided
    ones = mx.broadcast_to(mx.array(np.float32(1.5)), [30, 40])
    if NUMPY_TEXT:
        assert mx._array_str(ones) == np.array_str(np.full((30, 40), 1.5, np.float32))
    z = mx.array(a) * 2  # pending: printing evaluates
    assert repr(z) == expected_repr(a * 2)


def test_print_and_str_are_the_repr(capsys):
    # MLX prints arrays as their repr; the NumPy-style str stays reachable.
    x = mx.array([1, 2, 3])
    print(x)
    assert capsys.readouterr().out == "array([1, 2, 3], dtype=int32)\n"
    assert str(x) == repr(x)
    assert mx._array_str(x) == "[1 2 3]"


def test_shortest_digits_on_exact_ties():
    # -2**-6 in float16: the shortest digits that read back round up (-0.01563).
    check(np.array([-0.015625, 0.008194, -0.0005245], np.float16))
    check(np.array([0.015625], np.float16))


@pytest.mark.parametrize("seed", range(4))
def test_random_arrays_match_numpy(seed):
    """Many arrays of random shapes, magnitudes and dtypes."""
    r = np.random.default_rng(seed)
    for _ in range(150):
        nd = r.integers(0, 4)
        shape = tuple(int(n) for n in r.integers(0, 7 if nd > 1 else 40, nd))
        dt = str(r.choice(["float32", "float64", "float16", "int32", "int64", "uint8", "int8", "complex64", "bool"]))
        scale = 10.0 ** r.integers(-10, 12)
        a = r.standard_normal(shape) * scale
        if r.random() < 0.3:
            a = np.round(a, r.integers(0, 4))
        if r.random() < 0.1 and a.size:
            a.flat[r.integers(0, a.size)] = r.choice([np.nan, np.inf, -np.inf, 0.0])
        with np.errstate(all="ignore"):
            if dt == "complex64":
                a = (a + 1j * r.standard_normal(shape) * scale).astype(dt)
            elif dt == "bool":
                a = a > 0
            elif "int" in dt:
                info = np.iinfo(dt)
                a = np.clip(np.nan_to_num(a, posinf=0, neginf=0), info.min, info.max).astype(dt)
            else:
                a = a.astype(dt)
        check(a)


def test_reprlib_takes_our_arrays_for_instances_not_array_array():
    import array as stdlib_array
    import reprlib

    x = mx.array([1, 2])
    assert reprlib.repr(x) == repr(x)
    long = reprlib.repr({"k": mx.arange(100)})
    assert long.startswith("{'k': array([") and "..." in long and long.endswith("dtype=int32)}")
    assert reprlib.repr(stdlib_array.array("i", [1, 2])) == "array('i', [1, 2])"


# Exact strings as MLX 0.32 prints them.
MLX_TEXT = [
    (lambda: mx.array([1.5, 2.25, -3]), "array([1.5, 2.25, -3], dtype=float32)"),
    (lambda: mx.array([1.0, 2.0, 3.0]), "array([1, 2, 3], dtype=float32)"),
    (lambda: mx.array([1 / 3, 2 / 3]), "array([0.333333, 0.666667], dtype=float32)"),
    (lambda: mx.array([1e10, 1.0]), "array([1e+10, 1], dtype=float32)"),
    (lambda: mx.array([1e-5, 1.0]), "array([1e-05, 1], dtype=float32)"),
    (lambda: mx.array([123456789.0]), "array([1.23457e+08], dtype=float32)"),
    (lambda: mx.array([100000.0, 2.5]), "array([100000, 2.5], dtype=float32)"),
    (lambda: mx.array(3.14159265), "array(3.14159, dtype=float32)"),
    (lambda: mx.array(1e20), "array(1e+20, dtype=float32)"),
    (lambda: mx.array(True), "array(True, dtype=bool)"),
    (lambda: mx.array([True, False]), "array([True, False], dtype=bool)"),
    (lambda: mx.array([-1, 200, 3]), "array([-1, 200, 3], dtype=int32)"),
    (lambda: mx.array([-5, 127], dtype=mx.int8), "array([-5, 127], dtype=int8)"),
    (lambda: mx.array(2**40), "array(1099511627776, dtype=int64)"),
    (lambda: mx.array([1.5, 2], dtype=mx.float16), "array([1.5, 2], dtype=float16)"),
    (lambda: mx.array([1 / 3], dtype=mx.float64), "array([0.333333], dtype=float64)"),
    (lambda: mx.array([1 + 2j, 3 - 4.5j]), "array([1+2j, 3-4.5j], dtype=complex64)"),
    (lambda: mx.array([complex(1, -0.0), complex(0, float("nan"))]), "array([1+-0j, 0+nanj], dtype=complex64)"),
    (lambda: mx.array(1 + 2j), "array(1+2j, dtype=complex64)"),
    (lambda: mx.array([float("nan"), float("inf"), -float("inf"), -0.0]), "array([nan, inf, -inf, -0], dtype=float32)"),
    (lambda: -mx.array([float("nan")]), "array([-nan], dtype=float32)"),
    (lambda: mx.array([]), "array([], dtype=float32)"),
    (lambda: mx.array([[]]), "array([[]], dtype=float32)"),  # an empty list is float32, as in MLX
    (lambda: mx.zeros((0, 3)), "array([], dtype=float32)"),
    (lambda: mx.zeros((2, 0)), "array([[],\n       []], dtype=float32)"),
    (lambda: mx.array([[1, 2], [3, 4]]), "array([[1, 2],\n       [3, 4]], dtype=int32)"),
    (lambda: mx.zeros((2, 2, 2)),
     "array([[[0, 0],\n        [0, 0]],\n       [[0, 0],\n        [0, 0]]], dtype=float32)"),
    (lambda: mx.arange(6), "array([0, 1, 2, 3, 4, 5], dtype=int32)"),
    (lambda: mx.arange(7), "array([0, 1, 2, ..., 4, 5, 6], dtype=int32)"),
    (lambda: mx.arange(2000), "array([0, 1, 2, ..., 1997, 1998, 1999], dtype=int32)"),
    (lambda: mx.arange(10)[::3], "array([0, 3, 6, 9], dtype=int32)"),
]


@pytest.mark.parametrize("k", range(len(MLX_TEXT)))
def test_exact_mlx_text(k):
    make, text = MLX_TEXT[k]
    x = make()
    assert repr(x) == text
    assert str(x) == text


def test_summarised_rows():
    want = "array([[1, 1, 1, ..., 1, 1, 1],\n" + "       [1, 1, 1, ..., 1, 1, 1],\n" * 2 + "       ...,\n" + \
        "       [1, 1, 1, ..., 1, 1, 1],\n" * 2 + "       [1, 1, 1, ..., 1, 1, 1]], dtype=float32)"
    assert repr(mx.ones((50, 50))) == want


def test_printoptions_precision():
    x = mx.array([1 / 3, 2 / 3, 1e-7, 12345678.9, float("nan"), -float("inf")])
    assert mx.get_printoptions().precision == -1
    try:
        mx.set_printoptions(precision=3)
        assert mx.get_printoptions().precision == 3
        assert repr(x) == "array([0.333, 0.667, 0.000, 12345679.000, nan, -inf], dtype=float32)"
        assert repr(mx.array([1 / 3 + 2j / 3])) == "array([0.333+0.667j], dtype=complex64)"
        assert repr(mx.array([1, 2])) == "array([1, 2], dtype=int32)"  # integers are untouched
        mx.set_printoptions(0)
        assert repr(mx.array([1.5, 2.5, 0.4])) == "array([2, 2, 0], dtype=float32)"  # printf rounds ties to even
        mx.set_printoptions(precision=-5)  # C++ streams treat a negative precision as 6
        assert repr(mx.array([1.5])) == "array([1.500000], dtype=float32)"
        with mx.printoptions(precision=2):
            assert mx.get_printoptions().precision == 2
            assert repr(x) == expected_repr(np.array(x), 2)
        assert mx.get_printoptions().precision == -5
    finally:
        mx.set_printoptions()
    assert mx.get_printoptions().precision == -1
    assert repr(x) == "array([0.333333, 0.666667, 1e-07, 1.23457e+07, nan, -inf], dtype=float32)"


def test_printoptions_restored_after_error():
    with pytest.raises(RuntimeError):
        with mx.printoptions(precision=4):
            raise RuntimeError("boom")
    assert mx.get_printoptions().precision == -1
    with pytest.raises(TypeError):
        mx.set_printoptions(precision=1.5)
