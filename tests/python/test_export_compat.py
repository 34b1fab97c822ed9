"""Files in .mxfn version 1 keep loading: tests/data/mxfn_v1 holds one exported
function per registry kind with parameters (non-default parameters where the kind
has them), written by tests/data/mxfn_v1/make.py, with its inputs and the outputs the
writing build computed (checked there against NumPy where NumPy has the op)."""

import glob
import os

import numpy as np
import pytest

import mxgraph.core as mx

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mxfn_v1")
FILES = sorted(glob.glob(os.path.join(DATA, "*.mxfn")))
# The kinds with parameters that version 1 wrote as nodes (the others have none, or
# are written as constants or traced graphs: tests/python/test_export.py covers those).
V1_KINDS = {"Arange", "RandomBits", "Unary", "Binary", "AsType", "View", "Reduce", "ArgReduce",
            "Scan", "Reshape", "Transpose", "Broadcast", "Slice", "AsStrided", "Concatenate",
            "SliceUpdate", "Gather", "Scatter", "GatherAxis", "ScatterAxis", "Matmul", "Sort",
            "ArgSort", "Partition", "ArgPartition"}


def load(name):
    return np.load(os.path.join(DATA, name))


def test_every_kind_with_parameters_has_a_file():
    names = {os.path.basename(f).split("_")[0].split(".")[0] for f in FILES}
    assert names == V1_KINDS
    assert V1_KINDS <= {k for k, _ in mx._core._registry()["primitives"]}


@pytest.mark.parametrize("path", FILES, ids=[os.path.basename(f)[:-5] for f in FILES])
def test_v1_file_loads_and_computes(path):
    name = os.path.basename(path)[:-5]
    g = mx.import_function(path)
    assert name.split("_")[0] in g._fn._node_kinds
    got = g(mx.array(load("x.npy")), mx.array(load("y.npy")))
    want = sorted(glob.glob(os.path.join(DATA, name + ".out*.npy")))
    assert len(got) == len(want) > 0
    for a, w in zip(got, want):
        expect = np.load(w)
        a = np.array(a)
        assert a.dtype == expect.dtype and a.shape == expect.shape
        if np.issubdtype(expect.dtype, np.floating):
            np.testing.assert_allclose(a, expect, rtol=1e-6, atol=1e-6)
        else:
            np.testing.assert_array_equal(a, expect)
