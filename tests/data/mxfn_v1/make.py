"""Writes the .mxfn version-1 compatibility set: one file per registry kind with
parameters (non-default parameters where a kind has them), its inputs and the outputs
the writing build computed (checked here against NumPy where NumPy has the op). From
the repository root:

    MXGRAPH_DEV_BUILD=build PYTHONPATH=bindings/python python3 tests/data/mxfn_v1/make.py [DIR]

The committed files were written on 2026-12-07; writing them again with main's build
of that day (0e3d3b9) into DIR gives byte-identical .mxfn files.
tests/python/test_export_compat.py loads them with today's code; never regenerate
them with a newer writer (they exist to catch format drift)."""

import os
import sys

import numpy as np

import mxgraph.core as mx

# The folder to write: this one, or the first argument (to compare another build's bytes).
HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(15)
X = RNG.standard_normal((4, 6)).astype(np.float32)
Y = RNG.standard_normal((4, 6)).astype(np.float32)


def _set_window(x, y):
    out = x * 1
    out[1:4:2, ::-2] = y[:2, :3]
    return out


# name -> (function of (x, y), NumPy reference of (x, y)); every name's file holds the
# kinds its name starts with, with the parameters the comment states.
CASES = {
    "Arange_linspace": (lambda x, y: x[0] + mx.arange(1.0, 7.0, 1.0) + mx.linspace(0, 1, 6),
                        lambda x, y: x[0] + np.arange(1.0, 7.0) + np.linspace(0, 1, 6)),
    "RandomBits_u32": (lambda x, y: mx.random.bits((3, 5), 4, key=mx.random.key(7)), None),
    "RandomBits_u64": (lambda x, y: mx.random.bits((2, 3), 8, key=mx.random.key(9)), None),
    "Unary_ops": (lambda x, y: [mx.exp(x), mx.tanh(y), mx.abs(x)],
                  lambda x, y: [np.exp(x), np.tanh(y), np.abs(x)]),
    "Binary_ops": (lambda x, y: [x * y, mx.maximum(x, y), mx.arctan2(x, y)],
                   lambda x, y: [x * y, np.maximum(x, y), np.arctan2(x, y)]),
    "AsType_int32": (lambda x, y: (x * 10).astype(mx.int32), lambda x, y: (x * 10).astype(np.int32)),
    "View_int32": (lambda x, y: mx.view(x, mx.int32), lambda x, y: x.view(np.int32)),
    "Reduce_axes": (lambda x, y: [x.sum(axis=(0, 1)), y.max(axis=1), (x > 0).any(axis=0)],
                    lambda x, y: [x.sum(), y.max(axis=1), (x > 0).any(axis=0)]),
    "ArgReduce_argmin": (lambda x, y: mx.argmin(x, axis=1), lambda x, y: np.argmin(x, axis=1).astype(np.uint32)),
    "Scan_exclusive_reverse": (lambda x, y: mx.cumsum(x, axis=1, reverse=True, inclusive=False), None),
    "Scan_prod": (lambda x, y: mx.cumprod(y, axis=0), lambda x, y: np.cumprod(y, axis=0)),
    "Reshape": (lambda x, y: x.reshape(3, 8), lambda x, y: x.reshape(3, 8)),
    "Transpose": (lambda x, y: mx.transpose(x.reshape(2, 2, 6), (2, 0, 1)),
                  lambda x, y: np.transpose(x.reshape(2, 2, 6), (2, 0, 1))),
    "Broadcast": (lambda x, y: mx.broadcast_to(x[:1], (3, 4, 6)), lambda x, y: np.broadcast_to(x[:1], (3, 4, 6))),
    "Slice_negative_step": (lambda x, y: x[3:0:-2, 1::2], lambda x, y: x[3:0:-2, 1::2]),
    "AsStrided": (lambda x, y: mx.as_strided(x, (3, 4), (5, 1), 2), None),
    "Concatenate": (lambda x, y: mx.concatenate([x, y, x], axis=1), lambda x, y: np.concatenate([x, y, x], axis=1)),
    "SliceUpdate": (_set_window, None),
    "Gather": (lambda x, y: x[mx.array([3, 0, 0]), mx.array([5, 1, 2])],
               lambda x, y: x[[3, 0, 0], [5, 1, 2]]),
    "Scatter_add": (lambda x, y: x.at[mx.array([0, 2, 0])].add(y[:3]), None),
    "Scatter_max": (lambda x, y: x.at[mx.array([1, 1])].maximum(y[:2]), None),
    "GatherAxis": (lambda x, y: mx.take_along_axis(x, mx.array([[1], [0], [5], [3]]), axis=1),
                   lambda x, y: np.take_along_axis(x, np.array([[1], [0], [5], [3]]), axis=1)),
    "ScatterAxis": (lambda x, y: mx.put_along_axis(x, mx.array([[1], [0], [5], [3]]), y[:, :1], axis=1), None),
    "Matmul": (lambda x, y: x @ y.T, lambda x, y: x @ y.T),
    "Matmul_addmm": (lambda x, y: mx.addmm(y[:, :4], x, y.T, alpha=0.5, beta=2.0),
                     lambda x, y: 0.5 * (x @ y.T) + 2.0 * y[:, :4]),
    "Sort": (lambda x, y: mx.sort(x, axis=0), lambda x, y: np.sort(x, axis=0)),
    "ArgSort": (lambda x, y: mx.argsort(x, axis=1), lambda x, y: np.argsort(x, axis=1, kind="stable").astype(np.uint32)),
    "Partition_topk": (lambda x, y: mx.topk(x, 2, axis=1), None),
    "ArgPartition": (lambda x, y: mx.argpartition(x, 2, axis=0), None),
}


def main():
    np.save(os.path.join(HERE, "x.npy"), X)
    np.save(os.path.join(HERE, "y.npy"), Y)
    for name, (fun, ref) in CASES.items():
        path = os.path.join(HERE, name + ".mxfn")
        mx.export_function(path, fun, mx.array(X), mx.array(Y))
        g = mx.import_function(path)
        kinds = g._fn._node_kinds
        assert name.split("_")[0] in kinds, (name, kinds)
        outs = g(mx.array(X), mx.array(Y))
        refs = ref(X, Y) if ref else None
        refs = refs if isinstance(refs, list) or refs is None else [refs]
        for i, o in enumerate(outs):
            a = np.array(o)
            if refs is not None:
                np.testing.assert_allclose(a, refs[i], rtol=1e-5, atol=1e-5)
            np.save(os.path.join(HERE, f"{name}.out{i}.npy"), a)
        print(name, sorted(set(kinds)), [o.shape for o in outs])


if __name__ == "__main__":
    main()
