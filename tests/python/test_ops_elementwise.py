"""Elementwise ops against NumPy, through the op harness."""

import numpy as np
import pytest

import mxgraph.core as mx
from harness import ALL, FLOATS, INTS, OpCase, case_ids, check_values

SAME = lambda d: d  # noqa: E731
TO_FLOAT = lambda d: d if d in FLOATS or d == "complex64" else "float32"  # noqa: E731

CASES = [
    OpCase("exp", np.exp, dtypes=FLOATS + ("int32",), out_dtype=TO_FLOAT),
    OpCase("sin", np.sin, dtypes=FLOATS),
    OpCase("abs", np.abs, dtypes=("float32", "int32", "int8")),
    OpCase("add", np.add, arity=2, dtypes=("float32", "int32", "float16", "uint8"), out_dtype=SAME),
    OpCase("multiply", np.multiply, arity=2, dtypes=("float32", "int64")),
    OpCase("divide", np.divide, arity=2, dtypes=("float32",), domain=(0.5, 3.0)),
    OpCase("less", np.less, arity=2, dtypes=("float32", "int32"), out_dtype=lambda d: "bool"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_values(case):
    check_values(case)


def test_weak_scalars():
    a = mx.array([1, 2, 3], dtype=mx.int32)
    assert (a + 1).dtype == mx.int32
    assert (a + 1.5).dtype == mx.float32
    assert (mx.array([1.0], dtype=mx.float16) * 2.0).dtype == mx.float16
    assert (mx.array([True]) + 1).dtype == mx.int32
