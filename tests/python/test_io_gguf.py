""".gguf files: mx.save_gguf / mx.load round trips, metadata of every kind, files written
by the `gguf` package (llama.cpp's own Python writer and reader), lazy reads, and a
table of corrupt or hostile files (also run under a memory cap by test_errors_hostile)."""

import io
import struct

import numpy as np
import pytest

import mxgraph._core as _core
import mxgraph.core as mx

TENSOR_DTYPES = ["float32", "float16", "bfloat16", "float64", "int8", "int16", "int32", "int64"]
SHAPES = [(), (0,), (5,), (3, 4), (2, 3, 4), (1, 2, 1, 3, 2)]


def sample(dtype, shape, seed=0):
    rng = np.random.default_rng(seed)
    if dtype.startswith("int"):
        info = np.iinfo(dtype)
        return rng.integers(info.min, info.max, size=shape, dtype=dtype, endpoint=True)
    x = (rng.standard_normal(shape) * 100).astype(np.float32)
    if dtype == "bfloat16":
        return np.asarray(mx.array(x).astype(mx.bfloat16).astype(mx.float32))
    return x.astype(dtype)


def as_np(a):
    return np.asarray(a.astype(mx.float32) if a.dtype == mx.bfloat16 else a)


@pytest.mark.parametrize("dtype", TENSOR_DTYPES)
def test_round_trip_dtypes_and_shapes(tmp_path, dtype):
    arrays = {f"t{i}": sample(dtype, s, i) for i, s in enumerate(SHAPES)}
    path = str(tmp_path / "r.gguf")
    mx.save_gguf(path, {k: mx.array(v, dtype=getattr(mx, dtype)) for k, v in arrays.items()})
    got = mx.load(path)
    assert list(got) == list(arrays)  # file order
    for k, want in arrays.items():
        assert got[k].dtype == getattr(mx, dtype) and tuple(got[k].shape) == want.shape
        np.testing.assert_array_equal(as_np(got[k]), want)


def test_non_contiguous_arrays_save_their_values(tmp_path):
    base = np.arange(60, dtype=np.float32).reshape(3, 4, 5)
    a = mx.array(base)
    views = {"t": a.transpose(2, 0, 1), "s": a[:, ::2, 1::2], "b": mx.broadcast_to(mx.array([1.0, 2.0]), (3, 2))}
    meta = {"m": mx.arange(10, dtype=mx.int32)[::3]}
    path = str(tmp_path / "v.gguf")
    mx.save_gguf(path, views, meta)
    got, m = mx.load(path, return_metadata=True)
    np.testing.assert_array_equal(np.asarray(got["t"]), base.transpose(2, 0, 1))
    np.testing.assert_array_equal(np.asarray(got["s"]), base[:, ::2, 1::2])
    np.testing.assert_array_equal(np.asarray(got["b"]), np.broadcast_to([1.0, 2.0], (3, 2)))
    assert m["m"].tolist() == [0, 3, 6, 9]


META_ARRAY_DTYPES = ["uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64", "float32", "bool"]


def test_metadata_of_every_kind_round_trips(tmp_path):
    meta = {"s": "héllo", "l": ["a", "", "ü"], "empty_list": []}
    for d in META_ARRAY_DTYPES:
        meta["scalar_" + d] = mx.array(1 if d != "bool" else True, dtype=getattr(mx, d))
        meta["vec_" + d] = mx.array([0, 1, 1] if d != "bool" else [True, False, True], dtype=getattr(mx, d))
    path = str(tmp_path / "m.gguf")
    mx.save_gguf(path, {"x": mx.array([1.0])}, meta)
    arrays, got = mx.load(path, return_metadata=True)
    assert list(got) == list(meta)
    assert got["s"] == "héllo" and got["l"] == ["a", "", "ü"] and got["empty_list"] == []
    for d in META_ARRAY_DTYPES:
        for k in ("scalar_" + d, "vec_" + d):
            assert got[k].dtype == getattr(mx, d) and got[k].shape == meta[k].shape
            assert got[k].tolist() == meta[k].tolist()
    assert mx.load(path, return_metadata=False).keys() == {"x"}


def test_save_gguf_argument_errors(tmp_path):
    path = str(tmp_path / "e.gguf")
    x = {"x": mx.array([1.0])}
    for dtype in ("uint8", "uint32", "bool", "complex64"):
        with pytest.raises(ValueError, match=r"^\[save_gguf\] Array 'a' has dtype " + dtype):
            mx.save_gguf(path, {"a": mx.zeros((2,), dtype=getattr(mx, dtype))})
    with pytest.raises(ValueError, match=r"^\[save_gguf\] .*more than one dimension"):
        mx.save_gguf(path, x, {"m": mx.zeros((2, 2))})
    with pytest.raises(ValueError, match=r"^\[save_gguf\] .*empty arrays"):
        mx.save_gguf(path, x, {"m": mx.zeros((0,), dtype=mx.int32)})
    for dtype in ("float16", "bfloat16", "float64", "complex64"):
        with pytest.raises(ValueError, match=r"^\[save_gguf\] .*not supported for metadata"):
            mx.save_gguf(path, x, {"m": mx.zeros((2,), dtype=getattr(mx, dtype))})
    for bad in (1, 1.5, True, ["a", 1], ("a",), None):
        with pytest.raises(TypeError, match=r"^\[save_gguf\] Metadata value 'm'"):
            mx.save_gguf(path, x, {"m": bad})
    with pytest.raises(ValueError, match=r"^\[save_gguf\] general.alignment"):
        mx.save_gguf(path, x, {"general.alignment": mx.array(3, dtype=mx.uint32)})
    with pytest.raises(TypeError, match=r"^\[save_gguf\]"):
        mx.save_gguf(42, x)
    assert not (tmp_path / "e.gguf").exists()  # checks come before the file is created


def test_extension_file_objects_and_format_detection(tmp_path):
    a = mx.array(np.arange(6, dtype=np.float32).reshape(2, 3))
    mx.save_gguf(str(tmp_path / "noext"), {"a": a})  # ".gguf" appended, as MLX
    assert (tmp_path / "noext.gguf").exists()
    buf = io.BytesIO()
    mx.save_gguf(buf, {"a": a}, {"k": "v"})
    (tmp_path / "plain").write_bytes(buf.getvalue())
    for src in (str(tmp_path / "plain"), io.BytesIO(buf.getvalue())):  # found from the magic
        got, meta = mx.load(src, return_metadata=True)
        assert got["a"].tolist() == a.tolist() and meta == {"k": "v"}
    assert mx.load(io.BytesIO(buf.getvalue()), format="gguf")["a"].tolist() == a.tolist()


def test_custom_alignment_is_honoured(tmp_path):
    a, b = mx.array([1.0, 2.0, 3.0]), mx.array([4, 5], dtype=mx.int16)
    path = str(tmp_path / "al.gguf")
    mx.save_gguf(path, {"a": a, "b": b}, {"general.alignment": mx.array(64, dtype=mx.uint32)})
    import gguf
    r = gguf.GGUFReader(path)
    assert all(t.data_offset % 64 == 0 for t in r.tensors)
    got = mx.load(path)
    assert got["a"].tolist() == [1.0, 2.0, 3.0] and got["b"].tolist() == [4, 5]


def test_load_reads_only_evaluated_tensors(tmp_path):
    big = mx.zeros((1 << 18,), dtype=mx.float32)
    path = str(tmp_path / "lazy.gguf")
    mx.save_gguf(path, {"big": big, "small": mx.array([7], dtype=mx.int32)}, {"v": mx.arange(3)})
    before = _core._io_bytes_read()
    got, meta = mx.load(path, return_metadata=True)
    after_load = _core._io_bytes_read()
    assert after_load - before <= 4096  # the header's first window only
    assert got["small"].item() == 7 and meta["v"].tolist() == [0, 1, 2]
    assert _core._io_bytes_read() - after_load < 4096  # not the 1 MB tensor


def test_file_truncated_after_load_fails_at_eval(tmp_path):
    path = tmp_path / "t.gguf"
    mx.save_gguf(str(path), {"a": mx.arange(1000, dtype=mx.float32)})
    a = mx.load(str(path))["a"]
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ValueError, match=r"\[load\].*end of file"):
        mx.eval(a)


# Files written by the gguf package (pip install gguf), llama.cpp's reference writer.

def write_with_gguf_package(path, tensors, alignment=None):
    import gguf
    w = gguf.GGUFWriter(str(path), "llama")
    if alignment:
        w.add_custom_alignment(alignment)
    w.add_uint8("u8", 200)
    w.add_int8("i8", -3)
    w.add_uint16("u16", 60000)
    w.add_int16("i16", -600)
    w.add_uint32("u32", 4_000_000_000)
    w.add_int32("i32", -70000)
    w.add_uint64("u64", 2**63 + 5)
    w.add_int64("i64", -2**40)
    w.add_float32("f32", 1.5)
    w.add_float64("f64", 2.25)
    w.add_bool("b", True)
    w.add_string("s", "héllo wörld")
    w.add_array("arr_i", [1, 2, 3])
    w.add_array("arr_s", ["a", "bc", ""])
    w.add_array("arr_f", [1.5, 2.5])
    w.add_array("arr_b", [True, False])
    w.add_key_value("arr_u16", [1, 65535], gguf.GGUFValueType.ARRAY, sub_type=gguf.GGUFValueType.UINT16)
    w.add_key_value("arr_f64", [0.5, 1e300], gguf.GGUFValueType.ARRAY, sub_type=gguf.GGUFValueType.FLOAT64)
    for name, (arr, raw) in tensors.items():
        if raw is None:
            w.add_tensor(name, arr)
        else:
            w.add_tensor(name, arr, raw_dtype=getattr(gguf.GGMLQuantizationType, raw))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def package_tensors():
    bf16_values = np.array([[1.0, -2.5], [3.0e38, 0.0078125]], dtype=np.float32)
    bf16_bits = (bf16_values.view(np.uint32) >> 16).astype(np.uint16)
    bf16_values = (bf16_bits.astype(np.uint32) << 16).view(np.float32)  # what the bits hold
    return {
        "f32": (np.arange(24, dtype=np.float32).reshape(2, 3, 4), None),
        "f16": (np.linspace(-3, 3, 7).astype(np.float16), None),
        "f64": (np.array([[1e300, -2.0]], dtype=np.float64), None),
        "i8": (np.array([-128, 0, 127], dtype=np.int8), None),
        "i16": (np.arange(6, dtype=np.int16).reshape(3, 2), None),
        "i32": (np.array([-(2**31), 2**31 - 1], dtype=np.int32), None),
        "i64": (np.array([-(2**62), 5], dtype=np.int64), None),
        "bf16": (bf16_bits, "BF16"),
    }, bf16_values


@pytest.mark.parametrize("alignment", [None, 64])
def test_files_written_by_the_gguf_package(tmp_path, alignment):
    tensors, bf16_values = package_tensors()
    path = tmp_path / "pkg.gguf"
    write_with_gguf_package(path, tensors, alignment)
    arrays, meta = mx.load(str(path), return_metadata=True)
    for name, (want, raw) in tensors.items():
        if raw == "BF16":  # the bits become bfloat16 values (MLX would give float16)
            assert arrays[name].dtype == mx.bfloat16
            np.testing.assert_array_equal(as_np(arrays[name]), bf16_values)
        else:
            assert arrays[name].dtype == getattr(mx, str(want.dtype))
            np.testing.assert_array_equal(np.asarray(arrays[name]), want)
    scalars = {"u8": (200, mx.uint8), "i8": (-3, mx.int8), "u16": (60000, mx.uint16), "i16": (-600, mx.int16),
               "u32": (4_000_000_000, mx.uint32), "i32": (-70000, mx.int32), "u64": (2**63 + 5, mx.uint64),
               "i64": (-2**40, mx.int64), "f32": (1.5, mx.float32), "f64": (2.25, mx.float32), "b": (True, mx.bool_)}
    for k, (v, dt) in scalars.items():
        assert meta[k].shape == () and meta[k].dtype == dt and meta[k].item() == v, k
    assert meta["s"] == "héllo wörld" and meta["general.architecture"] == "llama"
    assert meta["arr_s"] == ["a", "bc", ""]
    assert meta["arr_i"].dtype == mx.int32 and meta["arr_i"].tolist() == [1, 2, 3]
    assert meta["arr_f"].dtype == mx.float32 and meta["arr_f"].tolist() == [1.5, 2.5]
    assert meta["arr_b"].dtype == mx.bool_ and meta["arr_b"].tolist() == [True, False]
    assert meta["arr_u16"].dtype == mx.uint16 and meta["arr_u16"].tolist() == [1, 65535]
    assert meta["arr_f64"].dtype == mx.float32  # MLX narrows float64 metadata
    np.testing.assert_array_equal(np.asarray(meta["arr_f64"]), np.array([0.5, np.inf], dtype=np.float32))
    if alignment:
        assert meta["general.alignment"].item() == alignment


def test_gguf_package_reads_mxgraph_files(tmp_path):
    import gguf
    arrays = {"w": np.arange(12, dtype=np.float32).reshape(3, 4), "h": np.ones((2, 2, 2), np.float16),
              "i": np.array([1, -2], np.int8), "l": np.array([2**40], np.int64)}
    path = str(tmp_path / "mine.gguf")
    mx.save_gguf(path, {k: mx.array(v) for k, v in arrays.items()},
                 {"name": "tiny", "toks": ["x", "y"], "n": mx.array(7, dtype=mx.uint32), "v": mx.array([1.5, 2.0])})
    r = gguf.GGUFReader(path)
    for t in r.tensors:
        want = arrays[t.name]
        np.testing.assert_array_equal(np.asarray(t.data).reshape(want.shape), want)
        assert list(t.shape) == list(reversed(want.shape))  # GGML order
    assert r.fields["name"].contents() == "tiny"
    assert r.fields["toks"].contents() == ["x", "y"]
    assert r.fields["n"].contents() == 7 and r.fields["n"].types == [gguf.GGUFValueType.UINT32]
    assert r.fields["v"].contents() == [1.5, 2.0]


# Hand-built files for the hostile table.

def gstr(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack("<Q", len(b)) + b


def kv(key, vtype, payload):
    return gstr(key) + struct.pack("<I", vtype) + payload


def tinfo(name, dims, ttype, offset):
    return gstr(name) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d) for d in dims) + \
        struct.pack("<IQ", ttype, offset)


def gguf_bytes(kvs=(), tensors=(), data=b"", version=3, n_kv=None, n_tensors=None, align=32):
    head = b"GGUF" + struct.pack("<IQQ", version, len(tensors) if n_tensors is None else n_tensors,
                                 len(kvs) if n_kv is None else n_kv)
    body = head + b"".join(kvs) + b"".join(tensors)
    return body + b"\0" * (-len(body) % align) + data


GOOD_T = [tinfo("t", [2], 0, 0)]
F32x2 = struct.pack("<2f", 1.0, 2.0)


def good_file():
    return gguf_bytes([kv("s", 8, gstr("x")), kv("a", 9, struct.pack("<IQ", 5, 2) + struct.pack("<2i", 1, 2))],
                      GOOD_T, F32x2)


HOSTILE = [
    ("gguf_empty", "gguf", b""),
    ("gguf_bad_magic", "gguf", b"GGUX" + good_file()[4:]),
    ("gguf_version_1", "gguf", gguf_bytes(version=1)),
    ("gguf_version_big_endian", "gguf", b"GGUF" + struct.pack(">IQQ", 3, 0, 0)),
    ("gguf_kv_count_huge", "gguf", gguf_bytes(n_kv=2**63)),
    ("gguf_tensor_count_huge", "gguf", gguf_bytes(n_tensors=2**64 - 1)),
    ("gguf_key_length_huge", "gguf", gguf_bytes([struct.pack("<Q", 2**62) + b"k"], n_kv=1)),
    ("gguf_key_not_utf8", "gguf", gguf_bytes([kv(b"\xff\xfe", 4, struct.pack("<I", 1))])),
    ("gguf_duplicate_key", "gguf", gguf_bytes([kv("k", 4, b"\1\0\0\0"), kv("k", 4, b"\2\0\0\0")])),
    ("gguf_value_type_13", "gguf", gguf_bytes([kv("k", 13, b"\0" * 8)])),
    ("gguf_value_type_huge", "gguf", gguf_bytes([kv("k", 0xFFFFFFFF, b"\0" * 8)])),
    ("gguf_string_length_huge", "gguf", gguf_bytes([kv("k", 8, struct.pack("<Q", 2**64 - 1))])),
    ("gguf_string_not_utf8", "gguf", gguf_bytes([kv("k", 8, gstr(b"\xc0\xaf"))])),
    ("gguf_array_length_huge", "gguf", gguf_bytes([kv("k", 9, struct.pack("<IQ", 12, 2**61))])),
    ("gguf_array_length_2_64", "gguf", gguf_bytes([kv("k", 9, struct.pack("<IQ", 0, 2**64 - 1))])),
    ("gguf_string_array_huge", "gguf", gguf_bytes([kv("k", 9, struct.pack("<IQ", 8, 2**62))])),
    ("gguf_array_elem_type_bad", "gguf", gguf_bytes([kv("k", 9, struct.pack("<IQ", 99, 1) + b"\0" * 8)])),
    ("gguf_nested_array", "gguf", gguf_bytes([kv("k", 9, struct.pack("<IQ", 9, 1) + struct.pack("<IQ", 4, 1) + b"\0" * 4)])),
    ("gguf_alignment_not_pow2", "gguf", gguf_bytes([kv("general.alignment", 4, struct.pack("<I", 24))])),
    ("gguf_alignment_zero", "gguf", gguf_bytes([kv("general.alignment", 4, struct.pack("<I", 0))])),
    ("gguf_alignment_wrong_type", "gguf", gguf_bytes([kv("general.alignment", 8, gstr("32"))])),
    ("gguf_alignment_u64", "gguf", gguf_bytes([kv("general.alignment", 10, struct.pack("<Q", 32))])),
    ("gguf_tensor_dims_huge", "gguf", gguf_bytes([], [gstr("t") + struct.pack("<I", 2**31)])),
    ("gguf_tensor_dims_65", "gguf", gguf_bytes([], [tinfo("t", [1] * 65, 0, 0)], F32x2)),
    ("gguf_tensor_dim_negative", "gguf", gguf_bytes([], [tinfo("t", [2**64 - 2], 0, 0)], F32x2)),
    ("gguf_tensor_shape_overflow", "gguf", gguf_bytes([], [tinfo("t", [2**32, 2**32, 16], 0, 0)], F32x2)),
    ("gguf_tensor_bytes_overflow", "gguf", gguf_bytes([], [tinfo("t", [2**62], 0, 0)], F32x2)),
    ("gguf_tensor_type_unknown", "gguf", gguf_bytes([], [tinfo("t", [2], 77, 0)], F32x2)),
    ("gguf_tensor_type_quantized", "gguf", gguf_bytes([], [tinfo("t", [32], 2, 0)], b"\0" * 18)),
    ("gguf_tensor_past_end", "gguf", gguf_bytes([], [tinfo("t", [3], 0, 0)], F32x2)),
    ("gguf_tensor_offset_past_end", "gguf", gguf_bytes([], [tinfo("t", [2], 0, 64)], F32x2)),
    ("gguf_tensor_offset_2_64", "gguf", gguf_bytes([], [tinfo("t", [2], 0, 2**64 - 4)], F32x2)),
    ("gguf_tensor_name_not_utf8", "gguf", gguf_bytes([], [tinfo(b"\xed\xa0\x80", [2], 0, 0)], F32x2)),
    ("gguf_duplicate_tensor", "gguf", gguf_bytes([], [tinfo("t", [1], 0, 0), tinfo("t", [1], 0, 4)], F32x2)),
    ("gguf_data_missing", "gguf", gguf_bytes([kv("k", 4, b"\1\0\0\0")], GOOD_T, b"", align=1)),
    ("gguf_tensor_info_truncated", "gguf", gguf_bytes([], [tinfo("t", [2], 0, 0)[:-3]])),
]


@pytest.mark.parametrize("name,fmt,data", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_raise_value_error(tmp_path, name, fmt, data):
    path = tmp_path / "bad.gguf"
    path.write_bytes(data)
    for src in (str(path), io.BytesIO(data)):
        with pytest.raises(ValueError, match=r"^\[load\] "):
            out, meta = mx.load(src, format="gguf", return_metadata=True)
            mx.eval(list(out.values()) + [v for v in meta.values() if isinstance(v, mx.array)])


def test_the_hand_built_file_is_valid():
    """The base of the hostile table loads, so each entry fails for its one defect."""
    out, meta = mx.load(io.BytesIO(good_file()), return_metadata=True)
    assert out["t"].tolist() == [1.0, 2.0] and meta["s"] == "x" and meta["a"].tolist() == [1, 2]


def test_truncation_at_every_byte_is_a_clean_error():
    buf = io.BytesIO()
    mx.save_gguf(buf, {"a": mx.arange(6, dtype=mx.float32).reshape(2, 3), "b": mx.array([1], dtype=mx.int8)},
                 {"s": "str", "l": ["p", "qq"], "n": mx.array(3, dtype=mx.uint32), "v": mx.array([True, False])})
    data = buf.getvalue()
    # Past the last tensor's bytes only padding is cut: those files still load.
    last_data = len(data) - 31
    for n in range(len(data)):
        try:
            out, meta = mx.load(io.BytesIO(data[:n]), format="gguf", return_metadata=True)
            mx.eval(list(out.values()) + [v for v in meta.values() if isinstance(v, mx.array)])
            assert n >= last_data, n
        except ValueError as e:
            assert str(e).startswith("[load] "), (n, str(e))
            assert n < last_data, n


def test_mutated_files_fail_cleanly_or_load():
    import random

    rng = random.Random(99)
    buf = io.BytesIO()
    mx.save_gguf(buf, {"a": mx.arange(24, dtype=mx.float32).reshape(2, 3, 4), "b": mx.ones((3,), dtype=mx.int16)},
                 {"s": "x", "l": ["a", "b"], "v": mx.arange(4)})
    seed = buf.getvalue()
    for _ in range(1500):
        data = bytearray(seed)
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            out, meta = mx.load(io.BytesIO(bytes(data)), format="gguf", return_metadata=True)
            mx.eval(list(out.values()) + [v for v in meta.values() if isinstance(v, mx.array)])
        except ValueError as e:
            assert str(e).startswith("[load] ")
