"""Writes the .mxfn seed corpus (fuzz/corpus/mxfn/): small exported functions that
together use every family of primitives, with constants, several outputs and a
shapeless one, plus tricky files (truncated, hostile counts, sizes and offsets).
Needs an importable mxgraph, e.g.
    MXGRAPH_DEV_BUILD=build PYTHONPATH=bindings/python python3 fuzz/make_corpus_mxfn.py"""
import io
import os
import struct

import numpy as np

import mxgraph.core as mx

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus", "mxfn")


def put(name, data):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def exported(fun, *args, **kwargs):
    b = io.BytesIO()
    mx.export_function(b, fun, *args, **kwargs)
    return b.getvalue()


def valid():
    x = mx.array(np.arange(6, dtype=np.float32).reshape(2, 3))
    w = mx.array(np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4))  # a constant
    i = mx.array(np.array([2, 0, 1], dtype=np.int32))
    seeds = {
        "elementwise": (lambda a: mx.tanh(mx.exp(a) * 2.0 - a) + mx.where(a > 1, a, -a), (x,), {}),
        "matmul_const": (lambda a: mx.maximum(a @ w, 0.0).sum(axis=1), (x,), {}),
        "multi_output": (lambda a: list(mx.divmod(a, 2.0)) + [mx.sort(a, axis=-1), mx.argsort(a, axis=0)], (x,), {}),
        "reductions": (lambda a: (mx.max(a, axis=0), mx.argmin(a, axis=1), mx.cumsum(a, axis=1),
                                  mx.logsumexp(a)), (x,), {}),
        "shape_ops": (lambda a: mx.concatenate([mx.transpose(a), mx.reshape(a, (3, 2))], axis=1)[::2, 1:],
                      (x,), {}),
        "indexing": (lambda a, idx: (a[:, idx], mx.take_along_axis(a, mx.argsort(a, axis=1), axis=1),
                                     a.at[0, idx].add(1.0)), (x, i), {}),
        "partition": (lambda a: (mx.partition(a, 1, axis=1), mx.argpartition(a, 1, axis=1)), (x,), {}),
        "casts": (lambda a: (a.astype(mx.int32) // 2, a.astype(mx.float16), a.view(mx.int32)), (x,), {}),
        "kwargs_meta": (lambda a, b=None: {"s": a + b["k"]}, (x,), {"b": {"k": x}}),
        "creation": (lambda a: a + mx.arange(3, dtype=mx.float32) + mx.ones((2, 3)), (x,), {}),
    }
    for name, (fun, args, kwargs) in seeds.items():
        put(name + ".mxfn", exported(fun, *args, **kwargs))
    put("shapeless.mxfn", exported(lambda a: mx.exp(a).sum() * a, x, shapeless=True))
    put("metadata.mxfn", exported(lambda a: -a, x, metadata="a note"))
    put("scalar_input.mxfn", exported(lambda a: a * a, mx.array(2.5)))
    put("empty_input.mxfn", exported(lambda a: a.sum(axis=0), mx.zeros((0, 3))))


def sections(data):
    """(tag, offset of payload, length) of each section of a valid file."""
    end = struct.unpack_from("<Q", data, 16)[0]
    at, out = 32, []
    while at < end:
        tag, n = struct.unpack_from("<IQ", data, at)
        out.append((struct.pack("<I", tag).decode(), at + 12, n))
        at += 12 + n
    return out


def patched(data, offset, fmt, value):
    b = bytearray(data)
    struct.pack_into(fmt, b, offset, value)
    return bytes(b)


def tricky():
    base = open(os.path.join(OUT, "matmul_const.mxfn"), "rb").read()
    sec = {t: (o, n) for t, o, n in sections(base)}
    graph_end = struct.unpack_from("<Q", base, 16)[0]
    put("t_truncated_graph.mxfn", base[: graph_end - 5])
    put("t_truncated_data.mxfn", base[:-7])
    put("t_header_only.mxfn", base[:32])
    put("t_bad_version.mxfn", patched(base, 8, "<I", 99))
    put("t_graph_end_huge.mxfn", patched(base, 16, "<Q", 1 << 62))
    o, _ = sec["STRS"]
    put("t_huge_string_count.mxfn", patched(base, o, "<I", 0xFFFFFFFF))
    o, _ = sec["NODE"]
    put("t_huge_node_count.mxfn", patched(base, o, "<I", 0x7FFFFFFF))
    put("t_unknown_kind.mxfn", patched(base, o + 4, "<H", 999))
    o, _ = sec["CNST"]
    # The one constant: u32 count, u8 dtype, u32 ndim, 2 x i64 dims, u64 offset, u64 nbytes.
    put("t_const_offset_past_end.mxfn", patched(base, o + 4 + 1 + 4 + 16, "<Q", 1 << 40))
    put("t_const_huge_shape.mxfn", patched(base, o + 4 + 1 + 4, "<q", 1 << 40))
    put("t_const_negative_dim.mxfn", patched(base, o + 4 + 1 + 4, "<q", -3))
    put("t_const_bad_dtype.mxfn", patched(base, o + 4, "<B", 200))
    o, n = sec["OUTP"]
    put("t_output_undefined.mxfn", patched(base, o + 4, "<I", 12345))
    o, _ = sec["INPT"]
    put("t_input_huge_ndim.mxfn", patched(base, o + 4 + 4 + 1, "<I", 0xFFFFFFF))
    put("t_section_len_huge.mxfn", patched(base, 32 + 4, "<Q", 1 << 63))


if __name__ == "__main__":
    valid()
    tricky()
