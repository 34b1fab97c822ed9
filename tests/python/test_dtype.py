"""Dtypes: MLX's (JAX-style) promotion table, float64, weak Python scalars, NumPy
input, and dtype categories."""

import itertools

import numpy as np
import pytest

import mxgraph.core as mx

NAMES = ["bool_", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64",
         "float16", "bfloat16", "float32", "float64", "complex64"]

# MLX promotes as the least upper bound in JAX's type lattice (without JAX's weak
# types): unsigned and signed ints climb by size, an unsigned int meets a wider
# signed one, every int sits below both 16-bit floats through an abstract "float"
# node F, and F (u64 with a signed int) becomes float32. float64 sits between
# float32 and complex64.
_EDGES = {
    "bool_": ["uint8", "int8"],
    "uint8": ["uint16", "int16"], "uint16": ["uint32", "int32"], "uint32": ["uint64", "int64"],
    "uint64": ["F"],
    "int8": ["int16"], "int16": ["int32"], "int32": ["int64"], "int64": ["F"],
    "F": ["float16", "bfloat16"],
    "float16": ["float32"], "bfloat16": ["float32"], "float32": ["float64"],
    "float64": ["complex64"], "complex64": [],
}


def _above(t):
    seen, todo = {t}, [t]
    while todo:
        for n in _EDGES[todo.pop()]:
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def lattice_promote(a, b):
    common = _above(a) & _above(b)
    least = [c for c in common if all(o in _above(c) for o in common)]
    assert len(least) == 1, (a, b, least)
    return "float32" if least[0] == "F" else least[0]


def dt(name):
    return getattr(mx, name)


# Spot checks straight from MLX's documented table, so the lattice above is not the
# only source of truth.
TABLE_SPOTS = [
    ("bool_", "int8", "int8"), ("uint8", "int8", "int16"), ("uint16", "int8", "int32"),
    ("uint32", "int8", "int64"), ("uint64", "int8", "float32"), ("uint64", "int64", "float32"),
    ("uint64", "uint8", "uint64"), ("int64", "float16", "float16"), ("uint64", "bfloat16", "bfloat16"),
    ("float16", "bfloat16", "float32"), ("float16", "float32", "float32"),
    ("bfloat16", "float32", "float32"), ("int32", "float32", "float32"),
    ("float64", "int64", "float64"), ("float64", "float16", "float64"),
    ("float64", "bfloat16", "float64"), ("float64", "bool_", "float64"),
    ("float64", "complex64", "complex64"), ("complex64", "bool_", "complex64"),
    ("uint32", "int32", "int64"), ("uint8", "uint32", "uint32"),
]


@pytest.mark.parametrize("a,b,want", TABLE_SPOTS)
def test_table_spots(a, b, want):
    assert lattice_promote(a, b) == want
    assert lattice_promote(b, a) == want


def test_float64_rule():
    # float64 with anything that is not complex gives float64.
    for n in NAMES:
        want = "complex64" if n == "complex64" else "float64"
        assert lattice_promote("float64", n) == want


@pytest.mark.parametrize("a", NAMES)
def test_binary_op_promotion_row(a):
    x = mx.array([1], dtype=dt(a))
    for b in NAMES:
        y = mx.array([1], dtype=dt(b))
        want = dt(lattice_promote(a, b))
        assert (x + y).dtype == want, (a, b)
        assert mx.multiply(x, y).dtype == want, (a, b)


def test_promote_types_binding_matches_table():
    for a, b in itertools.product(NAMES, NAMES):
        assert mx.promote_types(dt(a), dt(b)) == dt(lattice_promote(a, b)), (a, b)


def test_result_type():
    assert mx.result_type(mx.int8, mx.uint8) == mx.int16
    assert mx.result_type(mx.array([1], dtype=mx.uint64), mx.int32) == mx.float32
    assert mx.result_type(mx.float16, mx.bfloat16) == mx.float32


def test_comparison_gives_bool():
    a = mx.array([1, 2], dtype=mx.uint8)
    b = mx.array([1.0, 3.0], dtype=mx.float16)
    assert (a < b).dtype == mx.bool_
    assert (a == b).tolist() == [True, False]


# --- weak Python scalars: a Python scalar adapts to the array's dtype within its kind.

WEAK = [
    ("int32", 1, "int32"), ("int32", 1.5, "float32"), ("uint8", 1, "uint8"),
    ("int8", 2, "int8"), ("int16", 2.0, "float32"), ("int64", 3, "int64"),
    ("float16", 2.0, "float16"), ("float16", 2, "float16"), ("bfloat16", 2.0, "bfloat16"),
    ("float32", 2, "float32"), ("float64", 2.0, "float64"), ("float64", 2, "float64"),
    ("bool_", 1, "int32"), ("bool_", 1.0, "float32"), ("bool_", True, "bool_"),
    ("complex64", 1, "complex64"), ("float32", 1j, "complex64"), ("int32", 1j, "complex64"),
    ("uint32", True, "uint32"),
]


@pytest.mark.parametrize("name,scalar,want", WEAK)
def test_weak_scalars(name, scalar, want):
    a = mx.array([1], dtype=dt(name))
    assert (a + scalar).dtype == dt(want)
    assert (scalar + a).dtype == dt(want)
    assert (a * scalar).dtype == dt(want)


def test_weak_scalar_values():
    a = mx.array([1, 2, 3], dtype=mx.int32)
    assert (a + 1).tolist() == [2, 3, 4]
    assert (a * 0.5).tolist() == [0.5, 1.0, 1.5]
    h = mx.array([1.0], dtype=mx.float16) * 3.0
    assert h.dtype == mx.float16 and h.item() == 3.0


# --- array creation defaults

def test_python_defaults():
    assert mx.array(1).dtype == mx.int32
    assert mx.array(1.0).dtype == mx.float32
    assert mx.array(True).dtype == mx.bool_
    assert mx.array(1 + 2j).dtype == mx.complex64
    assert mx.array([1, 2]).dtype == mx.int32
    assert mx.array([1, 2.0]).dtype == mx.float32
    assert mx.array([True, 2]).dtype == mx.int32
    assert mx.array([True, False]).dtype == mx.bool_
    assert mx.array([2**40]).dtype == mx.int64
    assert mx.array([2**40]).tolist() == [2**40]
    assert mx.array([1, 2], dtype=mx.float16).dtype == mx.float16


def test_numpy_float64_becomes_float32_unless_asked():
    x = np.array([1.5, 2.5])
    assert x.dtype == np.float64
    assert mx.array(x).dtype == mx.float32
    assert mx.array(x, dtype=mx.float64).dtype == mx.float64
    assert mx.array(x, dtype=mx.float64).tolist() == [1.5, 2.5]
    assert mx.array(x, dtype=mx.int32).tolist() == [1, 2]


@pytest.mark.parametrize("np_dtype,want", [
    (np.bool_, "bool_"), (np.uint8, "uint8"), (np.uint16, "uint16"), (np.uint32, "uint32"),
    (np.uint64, "uint64"), (np.int8, "int8"), (np.int16, "int16"), (np.int32, "int32"),
    (np.int64, "int64"), (np.float16, "float16"), (np.float32, "float32"),
    (np.float64, "float32"), (np.complex64, "complex64"), (np.complex128, "complex64"),
])
def test_numpy_dtypes_map(np_dtype, want):
    x = np.arange(3).astype(np_dtype)
    a = mx.array(x)
    assert a.dtype == dt(want)
    np.testing.assert_array_equal(np.array(a).astype(np_dtype), x)


def test_numpy_round_trip_keeps_dtype():
    for name in NAMES:
        if name == "bfloat16":
            continue  # NumPy has no bfloat16
        a = mx.array([0, 1], dtype=dt(name))
        n = np.array(a)
        back = mx.array(n, dtype=dt(name)) if name == "float64" else mx.array(n)
        assert back.dtype == a.dtype, name


def test_dtype_objects():
    assert mx.float32.size == 4 and mx.bfloat16.size == 2 and mx.complex64.size == 8
    assert mx.bool_.size == 1 and mx.float64.size == 8
    assert repr(mx.int16) == "mxgraph.core.int16"
    assert mx.float32 == mx.float32 and mx.float32 != mx.float16
    assert len({mx.float32, mx.float32, mx.int8}) == 2
    a = mx.array([1, 2], dtype=mx.int16)
    assert a.itemsize == 2 and a.nbytes == 4


# --- categories

CATEGORY_MEMBERS = {
    "bool_": ["generic"],
    "uint8": ["unsignedinteger", "integer", "number", "generic"],
    "uint64": ["unsignedinteger", "integer", "number", "generic"],
    "int8": ["signedinteger", "integer", "number", "generic"],
    "int64": ["signedinteger", "integer", "number", "generic"],
    "float16": ["floating", "inexact", "number", "generic"],
    "bfloat16": ["floating", "inexact", "number", "generic"],
    "float32": ["floating", "inexact", "number", "generic"],
    "float64": ["floating", "inexact", "number", "generic"],
    "complex64": ["complexfloating", "inexact", "number", "generic"],
}
CATEGORIES = ["complexfloating", "floating", "inexact", "signedinteger", "unsignedinteger",
              "integer", "number", "generic"]


@pytest.mark.parametrize("name", sorted(CATEGORY_MEMBERS))
def test_issubdtype_dtype_in_category(name):
    for cat in CATEGORIES:
        want = cat in CATEGORY_MEMBERS[name]
        assert mx.issubdtype(dt(name), getattr(mx, cat)) == want, (name, cat)


def test_issubdtype_between_categories():
    sub = {
        "complexfloating": {"complexfloating", "inexact", "number", "generic"},
        "floating": {"floating", "inexact", "number", "generic"},
        "inexact": {"inexact", "number", "generic"},
        "signedinteger": {"signedinteger", "integer", "number", "generic"},
        "unsignedinteger": {"unsignedinteger", "integer", "number", "generic"},
        "integer": {"integer", "number", "generic"},
        "number": {"number", "generic"},
        "generic": {"generic"},
    }
    for a in CATEGORIES:
        for b in CATEGORIES:
            assert mx.issubdtype(getattr(mx, a), getattr(mx, b)) == (b in sub[a]), (a, b)


def test_issubdtype_dtypes_and_mixed():
    assert mx.issubdtype(mx.float32, mx.float32)
    assert not mx.issubdtype(mx.float32, mx.float16)
    assert not mx.issubdtype(mx.floating, mx.float32)  # a category is never below a dtype
    with pytest.raises((TypeError, ValueError)):  # MLX raises ValueError here
        mx.issubdtype("float32", mx.floating)
