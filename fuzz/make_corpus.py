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


if __name__ == "__main__":
    main()
