"""Shared set-up of the multi-process tests. Run every file here under mpirun
(scripts/test_distributed.sh): each rank runs the same tests in the same order, so
their collectives line up. The inputs of every rank are drawn from seeds known to
all ranks, so each rank checks the result against NumPy on the gathered inputs."""

import os
import sys

import numpy as np
import pytest

_here = os.path.dirname(os.path.abspath(__file__))
if os.environ.get("MXGRAPH_DEV_BUILD"):
    sys.path.insert(0, os.path.join(_here, "..", "..", "bindings", "python"))

import mxgraph.core as mx  # noqa: E402


@pytest.fixture(scope="session")
def world():
    g = mx.distributed.init(strict=True)
    if g.size() < 2:
        pytest.skip("run under mpirun -np N with N >= 2")
    return g


def inputs(seed, shape, dtype, size):
    """Every rank's input for a test: a list indexed by rank (NumPy arrays)."""
    out = []
    for r in range(size):
        rng = np.random.default_rng(1000 * seed + r)
        if dtype == "bool":
            out.append(rng.random(shape) > 0.5)
        elif dtype.startswith(("int", "uint")):
            out.append(rng.integers(0, 50, size=shape).astype(dtype))
        elif dtype == "complex64":
            out.append((rng.normal(size=shape) + 1j * rng.normal(size=shape)).astype(dtype))
        else:
            out.append(rng.normal(size=shape).astype("float32" if dtype in ("float16", "bfloat16") else dtype)
                       .astype(np.float32 if dtype == "bfloat16" else dtype))
    return out


def to_mx(x, dtype):
    return mx.array(x).astype(getattr(mx, "bool_" if dtype == "bool" else dtype))


def to_np(a):
    if a.dtype == mx.bfloat16:
        a = a.astype(mx.float32)
    return np.array(a)
