"""matmul and friends against NumPy, through the op harness."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import OpCase, assert_close, case_ids, check_values

# MLX spells it bool_; the core may export only bool.
BOOL = getattr(mx, "bool_", None) or getattr(mx, "bool")

INEXACT = ("float32", "float64", "float16", "bfloat16", "complex64")
# Sums of products lose absolute precision; tolerances sized for K <= 100, |x| <= 2.
MM_TOL = {
    "float32": (1e-5, 1e-4),
    "complex64": (1e-5, 1e-4),
    "float64": (1e-12, 1e-12),
    "float16": (2e-3, 2e-2),
    "bfloat16": (2e-2, 1e-1),
}

MATMUL_SHAPES = [
    ((3, 4), (4, 5)),          # plain gemm
    ((4,), (4, 5)),            # 1-d left (vector-matrix, gemv)
    ((3, 4), (4,)),            # 1-d right (matrix-vector, gemv)
    ((4,), (4,)),              # dot product, 0-d result
    ((3, 4), (4, 1)),          # one output column
    ((1, 4), (4, 5)),          # one output row
    ((2, 3, 4), (4, 5)),       # batch against a shared matrix (folds into one gemm)
    ((3, 4), (2, 4, 5)),       # shared left matrix
    ((2, 3, 4), (2, 4, 5)),    # batched
    ((2, 1, 3, 4), (5, 4, 2)), # broadcast batch
    ((6, 2, 3), (3,)),         # batched matrix-vector
    ((3,), (6, 3, 2)),         # vector against a batch
    ((5, 1, 4), (5, 4, 3)),    # batched single rows (strided rows when non-contiguous)
    ((5, 3, 4), (5, 4, 1)),    # batched single columns
    ((30, 3, 4), (30, 4, 2)),  # many small products (parallel over the batch)
    ((33, 70), (70, 65)),      # BLAS-sized, odd dimensions
    ((3, 0), (0, 4)),          # k = 0 gives zeros
    ((0, 4), (4, 5)),          # empty output
    ((2, 0, 3), (3, 4)),       # empty batch entry
    ((0, 3, 4), (4, 2)),       # empty batch
]

CASES = [
    OpCase("matmul", np.matmul, arity=2, dtypes=INEXACT, shapes=MATMUL_SHAPES, tol=MM_TOL,
           out_dtype=lambda d: d),
    OpCase("matmul", np.matmul, mx_fn=lambda a, b: a @ b, arity=2, dtypes=("float32",),
           shapes=MATMUL_SHAPES[:6], tol=MM_TOL, id="matmul-operator"),
    OpCase("addmm", lambda c, a, b: 0.5 * (a @ b) + 2.0 * c,
           mx_fn=lambda c, a, b: mx.addmm(c, a, b, alpha=0.5, beta=2.0), arity=3,
           dtypes=INEXACT, tol=MM_TOL,
           shapes=[((3, 5), (3, 4), (4, 5)), ((5,), (3, 4), (4, 5)), ((), (3, 4), (4, 5)),
                   ((3,), (3, 4), (4,)), ((5,), (4,), (4, 5)), ((), (4,), (4,)),
                   ((2, 1, 5), (2, 3, 4), (4, 5)), ((3, 4), (3, 0), (0, 4))]),
    OpCase("addmm", lambda c, a, b: a @ b + c, arity=3, dtypes=("float32",), tol=MM_TOL,
           shapes=[((3, 5), (3, 4), (4, 5)), ((1, 5), (2, 3, 4), (2, 4, 5))], id="addmm-default"),
    OpCase("inner", np.inner, arity=2, dtypes=("float32", "float64", "complex64"), tol=MM_TOL,
           shapes=[((4,), (4,)), ((3, 4), (4,)), ((2, 3, 4), (5, 4)), ((), (3,)), ((3, 0), (2, 0))]),
    OpCase("outer", np.outer, arity=2, dtypes=("float32", "int32", "float16"),
           shapes=[((3,), (4,)), ((2, 3), (4,)), ((), (3,)), ((0,), (3,))]),
    OpCase("tensordot", np.tensordot, arity=2, dtypes=("float32", "float64"), tol=MM_TOL,
           shapes=[((2, 3, 4), (3, 4, 5)), ((3, 4), (3, 4)), ((2, 3, 4), (3, 4))]),
    OpCase("tensordot", lambda a, b: np.tensordot(a, b, axes=1),
           mx_fn=lambda a, b: mx.tensordot(a, b, axes=1), arity=2, tol=MM_TOL,
           shapes=[((3, 4), (4, 5)), ((2, 3, 4), (4, 2, 5))], id="tensordot-axes1"),
    OpCase("tensordot", lambda a, b: np.tensordot(a, b, axes=0),
           mx_fn=lambda a, b: mx.tensordot(a, b, axes=0), arity=2, tol=MM_TOL,
           shapes=[((2,), (3,)), ((2, 3), (4,))], id="tensordot-axes0"),
    OpCase("tensordot", lambda a, b: np.tensordot(a, b, axes=([0, 2], [1, 0])),
           mx_fn=lambda a, b: mx.tensordot(a, b, axes=[[0, 2], [1, 0]]), arity=2, tol=MM_TOL,
           shapes=[((3, 4, 5), (5, 3, 2))], id="tensordot-lists"),
    OpCase("tensordot", lambda a, b: np.tensordot(a, b, axes=([-1], [0])),
           mx_fn=lambda a, b: mx.tensordot(a, b, axes=([-1], [0])), arity=2, tol=MM_TOL,
           shapes=[((3, 4), (4, 2))], id="tensordot-negative"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_values(case):
    check_values(case)


def rand(shape, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, size=shape).astype(np.float32)


def test_matmul_strided_layouts():
    """Transposed, broadcast (zero-stride) and batch-broadcast views give NumPy's values."""
    a, b = rand((5, 7), 1), rand((7, 6), 2)
    ma, mb = mx.array(a), mx.array(b)
    # a^T b^T through transposed views (BLAS trans flags, no copies).
    assert_close(mx.matmul(mx.transpose(mb), mx.transpose(ma)), b.T @ a.T, "float32", MM_TOL)
    # A row broadcast to a matrix has a zero row stride: the kernel copies it.
    row = rand((1, 7), 3)
    assert_close(mx.broadcast_to(mx.array(row), (5, 7)) @ mb, np.broadcast_to(row, (5, 7)) @ b,
                 "float32", MM_TOL)
    # A batch broadcast with zero batch strides.
    assert_close(mx.broadcast_to(ma, (3, 5, 7)) @ mb, np.broadcast_to(a, (3, 5, 7)) @ b,
                 "float32", MM_TOL)
    # Batched transposed views.
    c = rand((2, 6, 5), 4)
    mc = mx.array(c)
    assert_close(mx.matmul(mx.swapaxes(mc, 1, 2), mc), np.swapaxes(c, 1, 2) @ c, "float32", MM_TOL)


def test_matmul_large_matches_numpy():
    a, b = rand((257, 300), 5), rand((300, 129), 6)
    assert_close(mx.array(a) @ mx.array(b), a @ b, "float32", {"float32": (1e-4, 1e-4)})


def test_matmul_mixed_dtypes_promote():
    a = mx.array(rand((3, 4)))
    b = mx.array(rand((4, 2)), dtype=mx.float64)
    assert (a @ b).dtype == mx.float64
    assert (a @ mx.array(rand((4, 2)), dtype=mx.float16)).dtype == mx.float32
    assert (mx.array(rand((3, 4)), dtype=mx.bfloat16) @ mx.array(rand((4, 2)), dtype=mx.float16)).dtype \
        == mx.float32


def test_matmul_of_constant_fills():
    a, b = mx.ones((3, 4)), mx.ones((4, 5))
    c = mx.matmul(a, b)
    assert np.array_equal(np.asarray(c), np.full((3, 5), 4.0, np.float32))


@pytest.mark.parametrize("fn", [mx.matmul, lambda a, b: a @ b])
def test_matmul_errors(fn):
    with pytest.raises(ValueError, match=r"matmul.*\(3, 4\).*\(5, 6\)"):
        fn(mx.zeros((3, 4)), mx.zeros((5, 6)))
    with pytest.raises(ValueError, match=r"matmul.*\(2, 3, 4\).*\(3, 4, 5\)"):
        fn(mx.zeros((2, 3, 4)), mx.zeros((3, 4, 5)))
    with pytest.raises(ValueError, match="matmul"):
        fn(mx.zeros(()), mx.zeros((3,)))
    with pytest.raises(ValueError, match="matmul.*floating"):
        fn(mx.zeros((2, 2), dtype=mx.int32), mx.zeros((2, 2), dtype=mx.int32))
    with pytest.raises(ValueError, match="matmul.*floating"):
        fn(mx.zeros((2, 2), dtype=BOOL), mx.zeros((2, 2), dtype=BOOL))


def test_linalg_errors():
    with pytest.raises(ValueError, match="addmm"):
        mx.addmm(mx.zeros((4, 4)), mx.zeros((3, 4)), mx.zeros((4, 5)))
    with pytest.raises(ValueError, match="addmm"):
        mx.addmm(mx.zeros((3, 5)), mx.zeros((3, 4)), mx.zeros((3, 5)))
    with pytest.raises(ValueError, match="addmm.*floating"):
        mx.addmm(mx.zeros((3, 5), dtype=mx.int32), mx.zeros((3, 4), dtype=mx.int32),
                 mx.zeros((4, 5), dtype=mx.int32))
    with pytest.raises(ValueError, match="inner"):
        mx.inner(mx.zeros((3, 4)), mx.zeros((5,)))
    with pytest.raises(ValueError, match="tensordot"):
        mx.tensordot(mx.zeros((3, 4)), mx.zeros((5, 6)), axes=1)
    with pytest.raises(ValueError, match="tensordot"):
        mx.tensordot(mx.zeros((3, 4)), mx.zeros((4,)), axes=3)
    with pytest.raises(ValueError, match="tensordot"):
        mx.tensordot(mx.zeros((3, 4)), mx.zeros((4,)), axes=-1)
    with pytest.raises(ValueError, match="tensordot"):
        mx.tensordot(mx.zeros((3, 4)), mx.zeros((4, 3)), axes=[[0, 0], [1, 1]])
    with pytest.raises(ValueError, match="tensordot"):
        mx.tensordot(mx.zeros((3, 4)), mx.zeros((4, 3)), axes=[[0], [0, 1]])
    with pytest.raises(ValueError, match="tensordot.*floating"):
        mx.tensordot(mx.zeros((3, 4), dtype=mx.int32), mx.zeros((4, 3), dtype=mx.int32), axes=1)


def test_addmm_beta_zero_ignores_c():
    a, b = rand((3, 4)), rand((4, 5))
    c = np.full((3, 5), np.nan, np.float32)
    out = mx.addmm(mx.array(c), mx.array(a), mx.array(b), alpha=2.0, beta=0.0)
    assert_close(out, 2.0 * (a @ b), "float32", MM_TOL)


def test_stream_keyword():
    a = mx.ones((2, 2))
    assert_close(mx.matmul(a, a, stream=mx.cpu), np.full((2, 2), 2.0), "float32")
    assert_close(mx.tensordot(a, a, axes=1, stream=mx.cpu), np.full((2, 2), 2.0), "float32")
