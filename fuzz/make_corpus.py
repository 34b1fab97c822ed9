"""Writes the seed corpus (fuzz/corpus/<format>/): small valid files and tricky ones.
Run from anywhere: python3 fuzz/make_corpus.py. Needs only NumPy."""
import io
import json
import os
import struct
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def put(fmt, name, data):
    d = os.path.join(HERE, "corpus", fmt)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def npy_bytes(a):
    b = io.BytesIO()
    np.save(b, a, allow_pickle=False)
    return b.getvalue()


def npy_raw(header, data=b""):
    h = header.encode("latin1")
    pad = (64 - (10 + len(h) + 1) % 64) % 64
    h = h + b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h + data


def safetensors(header, data):
    h = json.dumps(header).encode()
    return struct.pack("<Q", len(h)) + h + data


def main():
    rng = np.random.default_rng(0)
    arrays = {
        "f32": rng.standard_normal((3, 4)).astype(np.float32),
        "f64_fortran": np.asfortranarray(rng.standard_normal((2, 3))),
        "i8": np.arange(-5, 5, dtype=np.int8),
        "u16_be": np.arange(6, dtype=">u2").reshape(2, 3),
        "bool": np.array([True, False, True]),
        "f16": np.arange(4, dtype=np.float16),
        "c64": np.array([1 + 2j, 3 - 4j], dtype=np.complex64),
        "scalar": np.array(3.5, dtype=np.float32),
        "empty": np.zeros((0, 3), dtype=np.int32),
    }
    for name, a in arrays.items():
        put("npy", name + ".npy", npy_bytes(a))
    put("npy", "bf16_v2.npy", npy_raw("{'descr': '<V2', 'fortran_order': False, 'shape': (2,), }", b"\x80\x3f\x00\x40"))
    # Tricky: claims far more data than present; a shape whose product overflows;
    # a negative dimension; a truncated header; an unknown dtype.
    put("npy", "huge_shape.npy", npy_raw("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000, 1000000000), }"))
    put("npy", "overflow_shape.npy", npy_raw("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), }"))
    put("npy", "negative_dim.npy", npy_raw("{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 2), }", b"\0" * 8))
    put("npy", "truncated.npy", npy_bytes(arrays["f32"])[:40])
    put("npy", "bad_descr.npy", npy_raw("{'descr': '<x9', 'fortran_order': False, 'shape': (2,), }", b"\0" * 18))

    for compressed in (False, True):
        b = io.BytesIO()
        (np.savez_compressed if compressed else np.savez)(b, a=arrays["f32"], b=arrays["i8"], c=arrays["scalar"])
        put("npz", "three_%s.npz" % ("deflate" if compressed else "stored"), b.getvalue())
    b = io.BytesIO()
    np.savez(b, e=arrays["empty"], f=arrays["f64_fortran"])
    put("npz", "empty_fortran.npz", b.getvalue())
    # Tricky: a member whose local header says far more than the archive holds.
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("big.npy", npy_raw("{'descr': '<f4', 'fortran_order': False, 'shape': (1048576,), }"))
    put("npz", "short_member.npz", b.getvalue())
    put("npz", "only_eocd.npz", b"PK\x05\x06" + b"\0" * 18)

    x = rng.standard_normal(6).astype(np.float32).tobytes()
    put("safetensors", "one.safetensors",
        safetensors({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}}, x))
    put("safetensors", "meta_two.safetensors",
        safetensors({"__metadata__": {"format": "pt"},
                     "a": {"dtype": "I64", "shape": [1], "data_offsets": [0, 8]},
                     "b": {"dtype": "BF16", "shape": [2, 2], "data_offsets": [8, 16]}}, b"\1" + b"\0" * 15))
    put("safetensors", "scalar_empty.safetensors",
        safetensors({"s": {"dtype": "U8", "shape": [], "data_offsets": [0, 1]},
                     "e": {"dtype": "F16", "shape": [0, 4], "data_offsets": [1, 1]}}, b"\7"))
    put("safetensors", "offset_past_end.safetensors",
        safetensors({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 1 << 40]}}, b"\0" * 8))
    put("safetensors", "overflow_shape.safetensors",
        safetensors({"w": {"dtype": "F64", "shape": [1 << 33, 1 << 33], "data_offsets": [0, 8]}}, b"\0" * 8))
    put("safetensors", "dtype_mismatch.safetensors",
        safetensors({"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}, b"\0" * 8))
    put("safetensors", "huge_header_len.safetensors", struct.pack("<Q", 1 << 62) + b"{}")
    put("safetensors", "json_escapes.safetensors",
        struct.pack("<Q", 60) + b'{"\\u00e9\\ud83d\\ude00":{"dtype":"BOOL","shape":[1],"data_offsets":[0,1]}}'[:60] + b"\1")
    gguf_corpus(rng)


# GGUF: metadata value types and GGML tensor types, in the spec's numbering.
GG_U8, GG_I8, GG_U16, GG_I16, GG_U32, GG_I32, GG_F32, GG_BOOL, GG_STR, GG_ARR, GG_U64, GG_I64, GG_F64 = range(13)
GG_FMT = {GG_U8: "<B", GG_I8: "<b", GG_U16: "<H", GG_I16: "<h", GG_U32: "<I", GG_I32: "<i",
          GG_F32: "<f", GG_BOOL: "<B", GG_U64: "<Q", GG_I64: "<q", GG_F64: "<d"}


def gg_str(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack("<Q", len(b)) + b


def gg_value(t, v):
    if t == GG_STR:
        return struct.pack("<I", t) + gg_str(v)
    if t == GG_ARR:
        et, items = v
        body = b"".join(gg_str(x) if et == GG_STR else struct.pack(GG_FMT[et], x) for x in items)
        return struct.pack("<IIQ", t, et, len(items)) + body
    return struct.pack("<I", t) + struct.pack(GG_FMT[t], v)


def gguf(kvs, tensors, data, version=3, align=32, n_tensors=None, n_kv=None):
    """kvs: [(key, type, value)]; tensors: [(name, ggml_dims, ggml_type, offset)]."""
    h = b"GGUF" + struct.pack("<IQQ", version, len(tensors) if n_tensors is None else n_tensors,
                                len(kvs) if n_kv is None else n_kv)
    for k, t, v in kvs:
        h += gg_str(k) + gg_value(t, v)
    for name, dims, gt, off in tensors:
        h += gg_str(name) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d) for d in dims)
        h += struct.pack("<IQ", gt, off)
    h += b"\0" * ((align - len(h) % align) % align)
    return h + data


def gguf_corpus(rng):
    f32 = rng.standard_normal(6).astype(np.float32).tobytes()
    kvs = [("general.architecture", GG_STR, "llama"), ("general.name", GG_STR, "t\u00e9st"),
           ("n_layers", GG_U32, 2), ("eps", GG_F32, 1e-5), ("big", GG_U64, 1 << 63),
           ("neg", GG_I64, -(1 << 63)), ("ratio", GG_F64, 0.5), ("flag", GG_BOOL, 1),
           ("tokens", GG_ARR, (GG_STR, ["a", "b", ""])), ("ids", GG_ARR, (GG_I32, [1, -2, 3])),
           ("bools", GG_ARR, (GG_BOOL, [0, 1, 2]))]
    put("gguf", "meta_and_tensor.gguf", gguf(kvs, [("w", [3, 2], 0, 0)], f32))
    data = f32 + b"\0" * 8 + np.arange(4, dtype=np.float16).tobytes() + b"\0" * 24
    data += np.arange(3, dtype=np.int64).tobytes() + b"\0" * 8
    put("gguf", "three_tensors.gguf", gguf([], [("a", [6], 0, 0), ("h", [2, 2], 1, 32), ("i", [3], 27, 64)], data))
    put("gguf", "v2_scalar_empty.gguf", gguf([("x", GG_I8, -1)], [("s", [], 24, 0), ("e", [0, 4], 26, 0)], b"\7" + b"\0" * 31, version=2))
    put("gguf", "alignment_64.gguf",
        gguf([("general.alignment", GG_U32, 64)], [("b", [2], 30, 0), ("d", [1], 28, 64)], b"\x80\x3f\0\x40" + b"\0" * 60 + b"\0" * 8, align=64))
    # Tricky: unsupported or bad values, hostile counts, sizes and offsets.
    put("gguf", "bad_magic.gguf", b"GGUX" + struct.pack("<IQQ", 3, 0, 0))
    put("gguf", "bad_version.gguf", b"GGUF" + struct.pack("<IQQ", 4, 0, 0))
    put("gguf", "huge_counts.gguf", gguf([], [], b"", n_tensors=1 << 62, n_kv=1 << 62))
    put("gguf", "quantized_type.gguf", gguf([], [("q", [32], 2, 0)], b"\0" * 18))
    put("gguf", "offset_past_end.gguf", gguf([], [("w", [2], 0, 1 << 40)], b"\0" * 8))
    put("gguf", "overflow_shape.gguf", gguf([], [("w", [1 << 33, 1 << 33], 28, 0)], b"\0" * 8))
    put("gguf", "dim_past_2_63.gguf", gguf([], [("w", [1 << 63], 0, 0)], b"\0" * 8))
    put("gguf", "many_dims.gguf", gguf([], [("w", [1] * 65, 0, 0)], b"\0" * 4))
    put("gguf", "duplicate_key.gguf", gguf([("k", GG_U8, 1), ("k", GG_U8, 2)], [], b""))
    put("gguf", "duplicate_tensor.gguf", gguf([], [("w", [1], 0, 0), ("w", [1], 0, 0)], b"\0" * 4))
    put("gguf", "bad_alignment.gguf", gguf([("general.alignment", GG_U32, 3)], [], b""))
    put("gguf", "alignment_not_u32.gguf", gguf([("general.alignment", GG_U8, 8)], [], b""))
    put("gguf", "nested_array.gguf", gguf([("n", GG_ARR, (GG_ARR, []))], [], b""))
    put("gguf", "array_len_huge.gguf",
        b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + gg_str("a") + struct.pack("<IIQ", GG_ARR, GG_U64, 1 << 61))
    put("gguf", "string_len_huge.gguf", b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1 << 62) + b"k" * 64)
    put("gguf", "bad_utf8.gguf", gguf([(b"\xff\xfe", GG_U8, 1)], [], b""))
    put("gguf", "unknown_value_type.gguf", b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + gg_str("k") + struct.pack("<I", 99) + b"\0" * 8)
    put("gguf", "truncated.gguf", gguf(kvs, [("w", [3, 2], 0, 0)], f32)[:100])
    put("gguf", "data_past_end.gguf", gguf([], [("w", [4], 0, 0)], b"")[:-8])


if __name__ == "__main__":
    main()
