"""Creation ops against NumPy: dtypes, shapes, MLX's defaults and every error."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import ALL, OpCase, assert_close, case_ids, check_values

# MLX spells it bool_; the core may export only bool.
BOOL = getattr(mx, "bool_", None) or getattr(mx, "bool")

SOME = ("bool", "int8", "uint16", "int32", "int64", "float16", "bfloat16", "float32", "float64",
        "complex64")
SHAPES = [(), (0,), (5,), (2, 3), (2, 0, 3), (1, 2, 3, 4)]


def check(got, want, dtype):
    """Same dtype name, shape and values."""
    assert got.dtype == getattr(mx, dtype), f"dtype {got.dtype} != {dtype}"
    assert_close(got, np.asarray(want), dtype)


# Ops with array inputs go through the harness.
CASES = [
    OpCase("zeros_like", np.zeros_like, dtypes=ALL, out_dtype=lambda d: d),
    OpCase("ones_like", np.ones_like, dtypes=ALL, out_dtype=lambda d: d),
    OpCase("zeros_like", lambda a: np.zeros_like(a, dtype=np.int16),
           mx_fn=lambda a: mx.zeros_like(a, dtype=mx.int16), dtypes=("float32", "bool"),
           out_dtype=lambda d: "int16", id="zeros_like-dtype"),
    OpCase("full_like", lambda a: np.full_like(a, 7),
           mx_fn=lambda a: mx.full_like(a, 7), dtypes=("float32", "int8", "float16"),
           out_dtype=lambda d: d),
    OpCase("full_like", lambda a: np.full_like(a, 2.5, dtype=np.float64),
           mx_fn=lambda a: mx.full_like(a, 2.5, dtype=mx.float64), dtypes=("int32",),
           out_dtype=lambda d: "float64", id="full_like-dtype"),
    OpCase("tril", np.tril, dtypes=("float32", "int32", "bool", "complex64"), out_dtype=lambda d: d,
           shapes=[((4, 4),), ((3, 5),), ((5, 3),), ((2, 3, 4),), ((0, 3),), ((2, 0, 0),)]),
    OpCase("triu", np.triu, dtypes=("float32", "int32", "bool", "float16"), out_dtype=lambda d: d,
           shapes=[((4, 4),), ((3, 5),), ((5, 3),), ((2, 3, 4),), ((0, 3),)]),
    OpCase("tril", lambda a: np.tril(a, 1), mx_fn=lambda a: mx.tril(a, 1), id="tril-k1",
           shapes=[((4, 5),), ((2, 3, 3),)]),
    OpCase("tril", lambda a: np.tril(a, -2), mx_fn=lambda a: mx.tril(a, k=-2), id="tril-k-2",
           shapes=[((4, 5),), ((5, 4),)]),
    OpCase("triu", lambda a: np.triu(a, 2), mx_fn=lambda a: mx.triu(a, k=2), id="triu-k2",
           shapes=[((4, 5),), ((2, 3, 3),)]),
    OpCase("triu", lambda a: np.triu(a, -1), mx_fn=lambda a: mx.triu(a, -1), id="triu-k-1",
           shapes=[((4, 5),)]),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_values(case):
    check_values(case)


@pytest.mark.parametrize("dtype", SOME)
@pytest.mark.parametrize("shape", SHAPES)
def test_zeros_ones(shape, dtype):
    check(mx.zeros(shape, dtype=getattr(mx, dtype)), np.zeros(shape), dtype)
    check(mx.ones(shape, getattr(mx, dtype)), np.ones(shape), dtype)


def test_fill_defaults_and_shape_forms():
    check(mx.zeros(3), np.zeros(3), "float32")
    check(mx.ones([2, 3]), np.ones((2, 3)), "float32")
    check(mx.zeros((2, np.int64(3))), np.zeros((2, 3)), "float32")
    check(mx.full((2, 3), 5), np.full((2, 3), 5), "int32")
    check(mx.full(4, 2.5), np.full(4, 2.5), "float32")
    check(mx.full((2, 2), True), np.full((2, 2), True), "bool")
    check(mx.full((2, 3), 5, dtype=mx.float16), np.full((2, 3), 5), "float16")
    check(mx.full((2,), 1 + 2j), np.full((2,), 1 + 2j), "complex64")


def test_full_broadcasts_array_values():
    row = np.arange(3, dtype=np.float32)
    check(mx.full((2, 3), mx.array(row)), np.broadcast_to(row, (2, 3)), "float32")
    check(mx.full((4, 2, 3), mx.array(row), dtype=mx.int32), np.broadcast_to(row, (4, 2, 3)), "int32")
    check(mx.full((2, 3), [[1], [2]]), np.full((2, 3), [[1], [2]]), "int32")


def test_fills_are_writable_sources():
    # A broadcast fill used as an operand and converted to NumPy behaves like a dense array.
    z = mx.zeros((3, 4)) + mx.arange(4)
    check(z, np.zeros((3, 4)) + np.arange(4), "float32")
    check(mx.ones((2, 3)) * 2, np.full((2, 3), 2.0), "float32")


def test_fill_errors():
    for fn in (mx.zeros, mx.ones):
        name = fn.__name__
        with pytest.raises(ValueError, match=name):
            fn((2, -1))
        with pytest.raises(ValueError, match=name):
            fn(-3)
        with pytest.raises(TypeError):
            fn((2, 1.5))
        with pytest.raises(TypeError):
            fn("abc")
    with pytest.raises(ValueError, match="full"):
        mx.full((2, -3), 1.0)
    with pytest.raises(ValueError, match="full"):
        mx.full((2, 3), mx.zeros((4,)))
    with pytest.raises(ValueError, match="full"):
        mx.full((3,), mx.zeros((2, 3)))


ARANGE_CASES = [
    ((5,), {}, np.arange(5, dtype=np.int32), "int32"),
    ((2, 9), {}, np.arange(2, 9, dtype=np.int32), "int32"),
    ((2, 9, 3), {}, np.arange(2, 9, 3, dtype=np.int32), "int32"),
    ((9, 2, -2), {}, np.arange(9, 2, -2, dtype=np.int32), "int32"),
    ((5.0,), {}, np.arange(5.0), "float32"),
    ((0, 1, 0.1), {}, np.arange(0, 1, 0.1), "float32"),
    ((-1.5, 2), {}, np.arange(-1.5, 2), "float32"),
    ((0, 10, 2), {"dtype": mx.float32}, np.arange(0, 10, 2), "float32"),
    ((0, 10), {"dtype": mx.int64}, np.arange(0, 10), "int64"),
    ((0, 3), {"dtype": mx.float16}, np.arange(0, 3), "float16"),
    ((0, 3), {"dtype": mx.bfloat16}, np.arange(0, 3), "bfloat16"),
    ((0, 3), {"dtype": mx.float64}, np.arange(0, 3), "float64"),
    ((10,), {"dtype": mx.uint8}, np.arange(10), "uint8"),
    ((5, 2), {}, np.arange(5, 2), "int32"),       # empty
    ((2, 5, -1), {}, np.arange(2, 5, -1), "int32"),  # empty
    ((3, 3), {}, np.arange(3, 3), "int32"),       # empty
    ((0, 5, float("inf")), {}, np.array([0.0]), "float32"),
    ((10,), {"step": 3}, np.arange(0, 10, 3), "int32"),
    ((), {"stop": 4}, np.arange(4), "int32"),
    ((), {"start": 1, "stop": 4, "step": 2}, np.arange(1, 4, 2), "int32"),
    ((np.int64(3),), {}, np.arange(3), "int32"),
    ((np.float32(2.5),), {}, np.arange(2.5), "float32"),
]


@pytest.mark.parametrize("args,kwargs,want,dtype", ARANGE_CASES)
def test_arange(args, kwargs, want, dtype):
    check(mx.arange(*args, **kwargs), want, dtype)


def test_arange_errors():
    with pytest.raises(ValueError, match="arange"):
        mx.arange(0, 5, 0)
    with pytest.raises(ValueError, match="arange"):
        mx.arange(0, float("inf"))
    with pytest.raises(ValueError, match="arange"):
        mx.arange(float("nan"))
    with pytest.raises(ValueError, match="arange"):
        mx.arange(0, 5, float("nan"))
    with pytest.raises(ValueError, match="arange"):
        mx.arange(5, dtype=BOOL)
    with pytest.raises(TypeError):
        mx.arange("5")


@pytest.mark.parametrize("start,stop,num,endpoint", [
    (0, 1, 5, True), (0, 1, 5, False), (-3, 7, 50, True), (2, -2, 7, True), (1, 1, 4, True),
    (0, 1, 1, True), (0, 1, 1, False), (0, 1, 0, True), (0.5, 2.5, 2, True),
])
@pytest.mark.parametrize("dtype", ["float32", "float64", "float16", "int32"])
def test_linspace(start, stop, num, endpoint, dtype):
    got = mx.linspace(start, stop, num, endpoint=endpoint, dtype=getattr(mx, dtype))
    check(got, np.linspace(start, stop, num, endpoint=endpoint).astype(dtype), dtype)


def test_linspace_defaults_and_errors():
    check(mx.linspace(0, 1), np.linspace(0, 1), "float32")
    check(mx.linspace(0, 7, 4, dtype=mx.int32), np.linspace(0, 7, 4).astype(np.int32), "int32")
    # The endpoint is exact, as in NumPy.
    assert np.asarray(mx.linspace(0.1, 0.7, 7, dtype=mx.float64))[-1] == 0.7
    with pytest.raises(ValueError, match="linspace"):
        mx.linspace(0, 1, -1)


@pytest.mark.parametrize("n,m,k", [(3, None, 0), (3, 5, 0), (5, 3, 0), (4, 4, 1), (4, 4, -2),
                                   (3, 4, 10), (3, 4, -10), (0, None, 0), (0, 3, 0), (1, None, 0)])
def test_eye_tri(n, m, k):
    check(mx.eye(n, m, k), np.eye(n, m, k), "float32")
    check(mx.tri(n, m, k), np.tri(n, m, k), "float32")
    check(mx.eye(n, m=m, k=k, dtype=mx.int32), np.eye(n, m, k), "int32")
    check(mx.tri(n, m=m, k=k, dtype=BOOL), np.tri(n, m, k, dtype=bool), "bool")


@pytest.mark.parametrize("dtype", SOME)
def test_eye_identity_dtypes(dtype):
    check(mx.eye(4, dtype=getattr(mx, dtype)), np.eye(4), dtype)
    check(mx.identity(3, dtype=getattr(mx, dtype)), np.identity(3), dtype)
    check(mx.identity(3), np.identity(3), "float32")


def test_matrix_errors():
    for fn in (mx.eye, mx.tri, mx.identity):
        with pytest.raises(ValueError, match=fn.__name__):
            fn(-1)
    with pytest.raises(ValueError, match="eye"):
        mx.eye(3, -2)
    with pytest.raises(ValueError, match="tri"):
        mx.tri(3, -2)
    for fn in (mx.tril, mx.triu):
        with pytest.raises(ValueError, match=fn.__name__):
            fn(mx.zeros((3,)))
        with pytest.raises(ValueError, match=fn.__name__):
            fn(mx.zeros(()))


@pytest.mark.parametrize("indexing", ["xy", "ij"])
@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("shapes", [[(3,)], [(3,), (4,)], [(2,), (3,), (4,)], [(0,), (2,)],
                                    [(2, 2), (3,)]])
def test_meshgrid(shapes, sparse, indexing):
    rng = np.random.default_rng(0)
    xs = [rng.uniform(size=s).astype(np.float32) for s in shapes]
    got = mx.meshgrid(*[mx.array(x) for x in xs], sparse=sparse, indexing=indexing)
    want = np.meshgrid(*xs, sparse=sparse, indexing=indexing)
    assert isinstance(got, tuple) and len(got) == len(want)
    for g, w in zip(got, want):
        check(g, w, "float32")


def test_meshgrid_dtypes_and_errors():
    a, b = mx.array([1, 2, 3]), mx.array([1.5, 2.5], dtype=mx.float16)
    x, y = mx.meshgrid(a, b)
    check(x, np.meshgrid([1, 2, 3], [1.5, 2.5])[0], "int32")
    check(y, np.meshgrid([1, 2, 3], [1.5, 2.5])[1], "float16")
    assert mx.meshgrid() == ()
    with pytest.raises(ValueError, match="meshgrid"):
        mx.meshgrid(a, b, indexing="xz")


def test_stream_keyword():
    check(mx.zeros((2,), stream=mx.cpu), np.zeros(2), "float32")
    check(mx.arange(3, stream=mx.cpu), np.arange(3), "int32")
    check(mx.eye(2, stream=mx.cpu), np.eye(2), "float32")
    check(mx.linspace(0, 1, 3, stream=mx.cpu), np.linspace(0, 1, 3), "float32")
