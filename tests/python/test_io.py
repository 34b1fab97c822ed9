"""File I/O: .npy / .npz / .safetensors round trips, NumPy compatibility, lazy reads,
peak memory of load-then-cast, and a table of corrupt or hostile files."""

import gc
import io
import json
import os
import pathlib
import struct
import zipfile
import zlib

import numpy as np
import pytest

import mxgraph._core as _core
import mxgraph.core as mx
from harness import ALL

FORMATS = ("npy", "npz", "npz_compressed", "safetensors")
SHAPES = [(), (0,), (2, 0, 3), (5,), (3, 4), (2, 3, 4)]


def sample(dtype, shape, seed=0):
    """A NumPy array of `dtype` (bfloat16 values as float32) spanning the type's range."""
    rng = np.random.default_rng(seed)
    if dtype == "bool":
        return rng.random(shape) > 0.5
    if dtype.startswith(("int", "uint")):
        info = np.iinfo(dtype)
        return rng.integers(info.min, info.max, size=shape, dtype=dtype, endpoint=True)
    x = rng.standard_normal(shape) * 100
    if dtype == "complex64":
        return (x + 1j * rng.standard_normal(shape)).astype(np.complex64)
    if dtype == "bfloat16":
        return np.asarray(mx.array(x.astype(np.float32)).astype(mx.bfloat16).astype(mx.float32))
    return x.astype(dtype)


def to_mx(x, dtype):
    return mx.array(x, dtype=getattr(mx, dtype))


def assert_same(got, want_np, dtype):
    assert got.dtype == getattr(mx, dtype)
    assert tuple(got.shape) == want_np.shape
    np.testing.assert_array_equal(got.numpy(), want_np)  # .numpy(): bfloat16 as float32


def save_as(fmt, path, arrays):
    """Saves a dict of arrays in `fmt`; npy takes the single value."""
    if fmt == "npy":
        mx.save(path, next(iter(arrays.values())))
    elif fmt == "npz":
        mx.savez(path, **arrays)
    elif fmt == "npz_compressed":
        mx.savez_compressed(path, **arrays)
    else:
        mx.save_safetensors(path, arrays)


def load_as(fmt, path):
    out = mx.load(path)
    return {"x": out} if fmt == "npy" else out


def ext(fmt):
    return {"npy": ".npy", "npz": ".npz", "npz_compressed": ".npz", "safetensors": ".safetensors"}[fmt]


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("dtype", ALL)
def test_round_trip_dtypes_and_shapes(tmp_path, fmt, dtype):
    for i, shape in enumerate(SHAPES):
        x = sample(dtype, shape, seed=i)
        path = str(tmp_path / f"t{i}{ext(fmt)}")
        save_as(fmt, path, {"x": to_mx(x, dtype)})
        got = load_as(fmt, path)
        assert list(got) == ["x"]
        assert_same(got["x"], x, dtype)


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_contiguous_arrays_save_their_values(tmp_path, fmt):
    base = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    views = {
        "t": (mx.transpose(mx.array(base)), np.transpose(base)),  # Fortran order
        "p": (mx.transpose(mx.array(base), (1, 0, 2)), np.transpose(base, (1, 0, 2))),
        "b": (mx.broadcast_to(mx.array(np.float32(7)), (3, 2)), np.full((3, 2), 7, np.float32)),
        "s": (mx.swapaxes(mx.array(base), 1, 2), np.swapaxes(base, 1, 2)),
    }
    for name, (a, want) in views.items():
        path = str(tmp_path / f"{name}{ext(fmt)}")
        save_as(fmt, path, {"x": a})
        assert_same(load_as(fmt, path)["x"], want, "float32")
        if fmt != "safetensors":
            loaded = np.load(path)
            got = loaded if fmt == "npy" else loaded["x"]
            np.testing.assert_array_equal(got, want)


def test_several_arrays_keep_names_and_order(tmp_path):
    a, b, c = mx.array([1, 2]), mx.array([[1.5]]), mx.array(True)
    mx.savez(str(tmp_path / "z.npz"), a, b, named=c)
    got = mx.load(str(tmp_path / "z.npz"))
    assert list(got) == ["arr_0", "arr_1", "named"]
    assert got["named"].item() is True
    mx.save_safetensors(str(tmp_path / "s.safetensors"), {"zeta": a, "alpha": b})
    assert list(mx.load(str(tmp_path / "s.safetensors"))) == ["zeta", "alpha"]


def test_unicode_names(tmp_path):
    a = mx.array([1, 2])
    mx.savez(str(tmp_path / "u.npz"), **{"poids_é": a, "权重": a})
    assert list(mx.load(str(tmp_path / "u.npz"))) == ["poids_é", "权重"]
    with np.load(tmp_path / "u.npz") as z:
        assert sorted(z.files) == sorted(["poids_é", "权重"])
    mx.save_safetensors(str(tmp_path / "u.safetensors"), {"权重": a}, {"clé": "välue"})
    arrays, meta = mx.load(str(tmp_path / "u.safetensors"), return_metadata=True)
    assert list(arrays) == ["权重"] and meta == {"clé": "välue"}


def test_extensions_are_appended_like_mlx(tmp_path):
    a = mx.array([1, 2, 3])
    mx.save(str(tmp_path / "a"), a)
    mx.savez(str(tmp_path / "b"), a)
    mx.savez_compressed(str(tmp_path / "c"), a)
    mx.save_safetensors(str(tmp_path / "d"), {"a": a})
    assert sorted(os.listdir(tmp_path)) == ["a.npy", "b.npz", "c.npz", "d.safetensors"]


def test_pathlib_and_file_like_objects(tmp_path):
    a = mx.array(np.arange(6, dtype=np.int16).reshape(2, 3))
    p = tmp_path / "p.npy"
    mx.save(p, a)
    assert_same(mx.load(p), np.asarray(a), "int16")
    for fmt, saver in [
        ("npy", lambda f: mx.save(f, a)),
        ("npz", lambda f: mx.savez(f, x=a)),
        ("npz", lambda f: mx.savez_compressed(f, x=a)),
        ("safetensors", lambda f: mx.save_safetensors(f, {"x": a}, metadata={"m": "1"})),
    ]:
        buf = io.BytesIO()
        saver(buf)
        buf.seek(0)  # no name: the format is found from the first bytes
        got = mx.load(buf)
        got = got if fmt == "npy" else got["x"]
        assert_same(got, np.asarray(a), "int16")
        buf.seek(0)
        got = mx.load(buf, format=fmt)
        assert_same(got if fmt == "npy" else got["x"], np.asarray(a), "int16")
    # A real file object opened in binary mode.
    with open(tmp_path / "f.npz", "wb") as f:
        mx.savez(f, x=a)
    with open(tmp_path / "f.npz", "rb") as f:
        assert_same(mx.load(f)["x"], np.asarray(a), "int16")


def test_safetensors_metadata(tmp_path):
    path = str(tmp_path / "m.safetensors")
    meta = {"format": "mlx", "quote\"back\\slash": "line\nbreak \u00e9"}
    mx.save_safetensors(path, {"w": mx.array([1.0, 2.0])}, metadata=meta)
    arrays, got = mx.load(path, return_metadata=True)
    assert got == meta
    assert_same(arrays["w"], np.array([1.0, 2.0], np.float32), "float32")
    mx.save_safetensors(path, {"w": mx.array([1.0])})
    assert mx.load(path, return_metadata=True)[1] == {}


def test_save_evaluates_with_cause_save(tmp_path):
    a = mx.array([1.0, 2.0]) + 1  # pending
    _core._reset_eval_counters()
    mx.save(str(tmp_path / "a.npy"), a)
    assert _core._eval_counters()["by_cause"]["save"] == 1
    mx.savez(str(tmp_path / "b.npz"), mx.array([1]) * 2, mx.array([3]) * 2)
    assert _core._eval_counters()["by_cause"]["save"] == 2


def test_load_accepts_stream():
    buf = io.BytesIO()
    mx.save(buf, mx.array([1, 2]))
    buf.seek(0)
    assert mx.load(buf, stream=mx.cpu).tolist() == [1, 2]


# ---------------------------------------------------------------- NumPy compatibility


NUMPY_DTYPES = [d for d in ALL if d != "bfloat16"]


@pytest.mark.parametrize("dtype", NUMPY_DTYPES)
def test_numpy_files_load(tmp_path, dtype):
    x = sample(dtype, (3, 5))
    np.save(tmp_path / "a.npy", x)
    np.save(tmp_path / "f.npy", np.asfortranarray(x))
    np.savez(tmp_path / "z.npz", x, y=x[::2])
    np.savez_compressed(tmp_path / "c.npz", x, y=x.T)
    assert_same(mx.load(str(tmp_path / "a.npy")), x, dtype)
    assert_same(mx.load(str(tmp_path / "f.npy")), x, dtype)
    z = mx.load(str(tmp_path / "z.npz"))
    assert_same(z["arr_0"], x, dtype)
    assert_same(z["y"], x[::2], dtype)
    c = mx.load(str(tmp_path / "c.npz"))
    assert_same(c["y"], x.T, dtype)
    if x.dtype.itemsize > 1:  # big-endian data is swapped at evaluation
        np.save(tmp_path / "be.npy", x.astype(x.dtype.newbyteorder(">")))
        assert_same(mx.load(str(tmp_path / "be.npy")), x, dtype)


@pytest.mark.parametrize("dtype", NUMPY_DTYPES)
def test_mxgraph_files_load_in_numpy(tmp_path, dtype):
    x = sample(dtype, (4, 3))
    mx.save(str(tmp_path / "a.npy"), to_mx(x, dtype))
    mx.savez(str(tmp_path / "z.npz"), to_mx(x, dtype), k=to_mx(x[:1], dtype))
    mx.savez_compressed(str(tmp_path / "c.npz"), to_mx(x, dtype))
    got = np.load(tmp_path / "a.npy")
    assert got.dtype == x.dtype
    np.testing.assert_array_equal(got, x)
    with np.load(tmp_path / "z.npz") as z:
        np.testing.assert_array_equal(z["arr_0"], x)
        np.testing.assert_array_equal(z["k"], x[:1])
    with np.load(tmp_path / "c.npz") as c:
        np.testing.assert_array_equal(c["arr_0"], x)
    with zipfile.ZipFile(tmp_path / "c.npz") as zf:
        assert zf.testzip() is None
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in zf.infolist())


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
def test_npy_header_versions(tmp_path, version):
    x = np.arange(10, dtype=np.float64).reshape(2, 5)
    with open(tmp_path / "v.npy", "wb") as f:
        np.lib.format.write_array(f, x, version=version)
    assert_same(mx.load(str(tmp_path / "v.npy")), x, "float64")


def test_bfloat16_npy_is_raw_v2(tmp_path):
    """bfloat16 has no NumPy dtype: it is written as '<V2' (its two raw bytes) and read back."""
    a = mx.array([1.0, -2.5, 3.0e38]).astype(mx.bfloat16)
    mx.save(str(tmp_path / "b.npy"), a)
    raw = np.load(tmp_path / "b.npy")
    assert raw.dtype == np.dtype("V2")
    bits = (np.asarray(a.astype(mx.float32)).view(np.uint32) >> 16).astype("<u2")
    assert raw.tobytes() == bits.tobytes()
    back = mx.load(str(tmp_path / "b.npy"))
    assert back.dtype == mx.bfloat16
    np.testing.assert_array_equal(back.numpy(), a.numpy())


def test_hand_written_safetensors(tmp_path):
    """A file written with struct + json, as the safetensors spec describes it."""
    tensors = {
        "f32": np.arange(6, dtype=np.float32).reshape(2, 3),
        "i64": np.array([-1, 2**40], dtype=np.int64),
        "flag": np.array([True, False, True]),
        "c": np.array([1 + 2j], dtype=np.complex64),
        "empty": np.zeros((0, 4), np.float16),
        "scalar": np.array(7, np.uint16),
    }
    codes = {"float32": "F32", "int64": "I64", "bool": "BOOL", "complex64": "C64", "float16": "F16", "uint16": "U16"}
    header, data = {"__metadata__": {"who": "test"}}, b""
    for k, v in tensors.items():
        header[k] = {"dtype": codes[str(v.dtype)], "shape": list(v.shape), "data_offsets": [len(data), len(data) + v.nbytes]}
        data += v.tobytes()
    h = json.dumps(header).encode()
    (tmp_path / "h.safetensors").write_bytes(struct.pack("<Q", len(h)) + h + data)
    got, meta = mx.load(str(tmp_path / "h.safetensors"), return_metadata=True)
    assert meta == {"who": "test"}
    for k, v in tensors.items():
        assert_same(got[k], v, str(v.dtype))
    bf = mx.array([1.5, -2.0]).astype(mx.bfloat16)
    mx.save_safetensors(str(tmp_path / "o.safetensors"), {"bf": bf})
    raw = (tmp_path / "o.safetensors").read_bytes()
    n = struct.unpack("<Q", raw[:8])[0]
    assert n % 8 == 0
    hdr = json.loads(raw[8 : 8 + n])
    assert hdr == {"bf": {"dtype": "BF16", "shape": [2], "data_offsets": [0, 4]}}
    assert raw[8 + n :] == struct.pack("<2H", 0x3FC0, 0xC000)


def test_safetensors_package_cross_check(tmp_path):
    """Files agree with the reference implementation (the safetensors package)."""
    import safetensors.numpy as st
    tensors = {"a": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.array([1, -2], np.int8),
               "c": np.zeros((0, 2), np.float64), "d": np.array(True)}
    st.save_file(tensors, str(tmp_path / "ref.safetensors"), metadata={"k": "v"})
    got, meta = mx.load(str(tmp_path / "ref.safetensors"), return_metadata=True)
    assert meta == {"k": "v"}
    for k, v in tensors.items():
        assert_same(got[k], v, str(v.dtype))
    mx.save_safetensors(str(tmp_path / "ours.safetensors"), {k: to_mx(v, str(v.dtype)) for k, v in tensors.items()},
                        {"k": "v"})
    back = st.load_file(str(tmp_path / "ours.safetensors"))
    for k, v in tensors.items():
        np.testing.assert_array_equal(back[k], v)
        assert back[k].dtype == v.dtype


# ---------------------------------------------------------------- laziness


def write_three(tmp_path, fmt):
    arrays = {k: mx.array(np.full((256, 1024), i, np.float32)) for i, k in enumerate("abc")}
    path = str(tmp_path / f"three{ext(fmt)}")
    save_as(fmt, path, arrays)
    return path


@pytest.mark.parametrize("fmt", ["npz", "npz_compressed", "safetensors"])
def test_load_reads_only_evaluated_tensors(tmp_path, fmt):
    path = write_three(tmp_path, fmt)
    before = _core._io_bytes_read()
    loaded = mx.load(path)
    at_load = _core._io_bytes_read() - before
    assert at_load < 64_000  # headers and directory only, not 3 MB of data
    b = loaded["b"]
    assert np.asarray(b).mean() == 1.0
    read = _core._io_bytes_read() - before - at_load
    if fmt == "npz_compressed":
        assert read < 100_000  # the compressed member only
    else:
        assert 1 << 20 <= read < (1 << 20) + 4096
    before = _core._io_bytes_read()
    np.asarray(b)  # evaluated arrays are plain buffers: no second read
    assert _core._io_bytes_read() == before


@pytest.mark.parametrize("fmt", ["npy", "safetensors"])
def test_bytes_are_read_at_evaluation_not_at_load(tmp_path, fmt):
    path = write_three(tmp_path, fmt) if fmt != "npy" else str(tmp_path / "one.npy")
    if fmt == "npy":
        mx.save(path, mx.array(np.zeros(16, np.int32)))
    loaded = load_as(fmt, path)
    raw = bytearray(pathlib.Path(path).read_bytes())
    # Overwrite every tensor's data after loading; what evaluation sees is the new bytes.
    start = len(raw) - (16 * 4 if fmt == "npy" else 3 << 20)
    raw[start:] = np.full((len(raw) - start) // 4, 42, np.int32).tobytes()
    pathlib.Path(path).write_bytes(bytes(raw))
    key = "x" if fmt == "npy" else "c"
    got = np.asarray(loaded[key])
    assert (got.view(np.int32) == 42).all()


def test_evaluating_one_npz_member_ignores_corruption_in_another(tmp_path):
    path = write_three(tmp_path, "npz")
    loaded = mx.load(path)
    raw = bytearray(pathlib.Path(path).read_bytes())
    idx = raw.index(b"a.npy") + 200  # inside member a's data
    raw[idx : idx + 64] = b"\xff" * 64
    pathlib.Path(path).write_bytes(bytes(raw))
    assert np.asarray(loaded["c"]).mean() == 2.0  # its CRC still checks out
    with pytest.raises(ValueError, match=r"\[load\].*CRC"):
        mx.eval(loaded["a"])


@pytest.mark.parametrize("fmt", ["safetensors", "npz"])
def test_load_then_cast_peaks_at_one_float32_tensor(tmp_path, fmt):
    n = 1 << 20  # 4 MB of float32 each
    arrays = {f"w{i}": mx.array(np.full(n, i, np.float32)) for i in range(8)}
    path = str(tmp_path / f"w{ext(fmt)}")
    save_as(fmt, path, arrays)
    del arrays
    gc.collect()
    base = mx.get_active_memory()
    mx.reset_peak_memory()
    out = mx.eval({k: v.astype(mx.float16) for k, v in mx.load(path).items()})
    peak = mx.get_peak_memory() - base
    f32, f16 = 4 * n, 2 * n
    assert peak <= f32 + 8 * f16 + (1 << 20), peak
    assert out["w3"].dtype == mx.float16
    assert np.asarray(out["w3"])[5] == 3.0


# ---------------------------------------------------------------- errors


def npy_bytes(arr=None, header=None, version=1):
    """A .npy file; `header` replaces the dict text."""
    arr = np.arange(4, dtype=np.float32) if arr is None else arr
    if header is None:
        buf = io.BytesIO()
        np.save(buf, arr)
        return buf.getvalue()
    text = header.encode()
    if version == 1:
        return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text + arr.tobytes()
    return b"\x93NUMPY" + bytes([version, 0]) + struct.pack("<I", len(text)) + text + arr.tobytes()


def st_bytes(header, data=b"", raw_header=None):
    h = raw_header if raw_header is not None else json.dumps(header).encode()
    return struct.pack("<Q", len(h)) + h + data


def npz_bytes(compressed=False, **arrays):
    buf = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buf, **(arrays or {"a": np.arange(64, dtype=np.float32)}))
    return bytearray(buf.getvalue())


def patch(data, sig, field_offset, fmt, value, nth=0):
    """Writes `value` at `field_offset` of the nth record starting with `sig`."""
    data = bytearray(data)
    at = -1
    for _ in range(nth + 1):
        at = data.index(sig, at + 1)
    struct.pack_into(fmt, data, at + field_offset, value)
    return bytes(data)


CENTRAL, LOCAL, END = b"PK\x01\x02", b"PK\x03\x04", b"PK\x05\x06"


def deflated_member(npy, declared_usize=None):
    """A one-member npz whose deflated member holds `npy`, optionally lying about its size."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("x.npy", npy)
    data = bytearray(buf.getvalue())
    if declared_usize is not None:
        data = bytearray(patch(data, CENTRAL, 24, "<I", declared_usize))
        data = bytearray(patch(data, LOCAL, 22, "<I", declared_usize))
    return bytes(data)


def duplicate_names():
    """Two members both named a.npy (zip writers allow it; we must not)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.npy", npy_bytes())
        zf.writestr("b.npy", npy_bytes())
    return buf.getvalue().replace(b"b.npy", b"a.npy")


GOOD_ST = {"t": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}
F32x2 = b"\0" * 8
HEADER = "{'descr': '<f4', 'fortran_order': False, 'shape': %s, }"

HOSTILE = [
    # .npy
    ("npy_empty", "npy", b""),
    ("npy_bad_magic", "npy", b"\x93NUMPZ\x01\x00" + npy_bytes()[8:]),
    ("npy_magic_only", "npy", b"\x93NUMPY\x01"),
    ("npy_header_past_eof", "npy", b"\x93NUMPY\x01\x00\xff\x7f{'descr'"),
    ("npy_header_4gb", "npy", b"\x93NUMPY\x02\x00\xff\xff\xff\xff{}"),
    ("npy_version_9", "npy", b"\x93NUMPY\x09\x00" + npy_bytes()[8:]),
    ("npy_garbage_dict", "npy", npy_bytes(header="this is not a dict\n")),
    ("npy_missing_key", "npy", npy_bytes(header="{'descr': '<f4', 'shape': (4,), }")),
    ("npy_extra_key", "npy", npy_bytes(header="{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'x': 1}")),
    ("npy_unicode_dtype", "npy", npy_bytes(header="{'descr': '<U3', 'fortran_order': False, 'shape': (4,), }")),
    ("npy_object_dtype", "npy", npy_bytes(header="{'descr': '|O', 'fortran_order': False, 'shape': (4,), }")),
    ("npy_complex128", "npy", npy_bytes(header="{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }")),
    ("npy_struct_dtype", "npy", npy_bytes(header="{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (4,), }")),
    ("npy_negative_dim", "npy", npy_bytes(header=HEADER % "(-4,)")),
    ("npy_shape_overflow", "npy", npy_bytes(header=HEADER % "(4294967296, 4294967296, 16)")),
    ("npy_bytes_overflow", "npy", npy_bytes(header=HEADER % "(4611686018427387904,)")),
    ("npy_dim_too_long", "npy", npy_bytes(header=HEADER % "(99999999999999999999999,)")),
    ("npy_truncated_data", "npy", npy_bytes(header=HEADER % "(1000000,)")),
    ("npy_bad_order", "npy", npy_bytes(header="{'descr': '<f4', 'fortran_order': maybe, 'shape': (4,), }")),
    ("npy_unclosed", "npy", npy_bytes(header="{'descr': '<f4', 'fortran_order': False, 'shape': (4,")),
    # .safetensors
    ("st_short", "safetensors", b"\x05\0\0"),
    ("st_header_past_eof", "safetensors", struct.pack("<Q", 1000) + b"{}"),
    ("st_header_huge", "safetensors", struct.pack("<Q", 200_000_000) + b"{}"),
    ("st_header_2_64", "safetensors", struct.pack("<Q", 2**64 - 1) + b"{}"),
    ("st_not_json", "safetensors", st_bytes(None, raw_header=b"{not json}")),
    ("st_trailing_comma", "safetensors", st_bytes(None, raw_header=b'{"a": 1,}')),
    ("st_unterminated", "safetensors", st_bytes(None, raw_header=b'{"a": "x')),
    ("st_deep_nesting", "safetensors", st_bytes(None, raw_header=b'{"a":' + b"[" * 100000 + b"]" * 100000 + b"}")),
    ("st_array_root", "safetensors", st_bytes(None, raw_header=b"[1, 2]")),
    ("st_duplicate_key", "safetensors", st_bytes(None, raw_header=b'{"t": {}, "t": {}}')),
    ("st_bad_escape", "safetensors", st_bytes(None, raw_header=b'{"\\q": 1}')),
    ("st_lone_surrogate", "safetensors", st_bytes(None, raw_header=b'{"\\ud800": 1}')),
    ("st_control_char", "safetensors", st_bytes(None, raw_header=b'{"a\x01": 1}')),
    ("st_invalid_utf8", "safetensors", st_bytes(None, raw_header=b'{"\xff\xfe": {}}')),
    ("st_overlong_utf8", "safetensors", st_bytes(None, raw_header=b'{"\xc0\xaf": {}}')),
    ("st_unknown_dtype", "safetensors", st_bytes({"t": {"dtype": "F8_E5M2", "shape": [8], "data_offsets": [0, 8]}}, F32x2)),
    ("st_dtype_not_string", "safetensors", st_bytes({"t": {"dtype": 4, "shape": [2], "data_offsets": [0, 8]}}, F32x2)),
    ("st_missing_shape", "safetensors", st_bytes({"t": {"dtype": "F32", "data_offsets": [0, 8]}}, F32x2)),
    ("st_float_shape", "safetensors", st_bytes({"t": {"dtype": "F32", "shape": [2.0], "data_offsets": [0, 8]}}, F32x2)),
    ("st_span_mismatch", "safetensors", st_bytes({"t": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}, F32x2)),
    ("st_offsets_past_end", "safetensors", st_bytes({"t": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}, F32x2)),
    ("st_offsets_negative", "safetensors", st_bytes({"t": {"dtype": "F32", "shape": [2], "data_offsets": [-8, 0]}}, F32x2)),
    ("st_offsets_reversed", "safetensors", st_bytes({"t": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}}, F32x2)),
    ("st_offsets_three", "safetensors", st_bytes({"t": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8, 8]}}, F32x2)),
    ("st_offsets_huge", "safetensors", st_bytes({"t": {"dtype": "U8", "shape": [2**62], "data_offsets": [0, 2**62]}}, F32x2)),
    ("st_offsets_int_overflow", "safetensors", st_bytes({"t": {"dtype": "U8", "shape": [1], "data_offsets": [0, 2**70]}}, F32x2)),
    ("st_overlap", "safetensors", st_bytes({
        "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
        "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, F32x2)),
    ("st_gap", "safetensors", st_bytes({"t": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, F32x2)),
    ("st_extra_bytes", "safetensors", st_bytes(GOOD_ST, F32x2 + b"junk")),
    ("st_shape_overflow", "safetensors", st_bytes({"t": {"dtype": "F64", "shape": [2**32, 2**32, 2**10], "data_offsets": [0, 8]}}, F32x2)),
    ("st_metadata_not_strings", "safetensors", st_bytes({"__metadata__": {"a": 1}, **GOOD_ST}, F32x2)),
    ("st_metadata_not_object", "safetensors", st_bytes({"__metadata__": "x", **GOOD_ST}, F32x2)),
    ("st_tensor_not_object", "safetensors", st_bytes({"t": [1, 2]}, F32x2)),
    # .npz
    ("npz_not_zip", "npz", b"this is not a zip archive at all" * 3),
    ("npz_truncated", "npz", bytes(npz_bytes()[:200])),
    ("npz_entry_count_huge", "npz", patch(npz_bytes(), END, 10, "<H", 0xFFFE)),
    ("npz_cd_offset_past_end", "npz", patch(npz_bytes(), END, 16, "<I", 0x7FFFFFFF)),
    ("npz_cd_size_past_end", "npz", patch(npz_bytes(), END, 12, "<I", 0x7FFFFFFF)),
    ("npz_local_offset_bad", "npz", patch(npz_bytes(), CENTRAL, 42, "<I", 0x7FFFFFF0)),
    ("npz_local_sig_bad", "npz", patch(npz_bytes(), LOCAL, 0, "<I", 0x12345678)),
    ("npz_csize_past_end", "npz", patch(npz_bytes(), CENTRAL, 20, "<I", 0x7FFFFFF0)),
    ("npz_stored_sizes_differ", "npz", patch(npz_bytes(), CENTRAL, 24, "<I", 100)),
    ("npz_usize_vs_shape", "npz", patch(patch(npz_bytes(), CENTRAL, 24, "<I", 400), CENTRAL, 20, "<I", 400)),
    ("npz_method_bzip2", "npz", patch(npz_bytes(), CENTRAL, 10, "<H", 12)),
    ("npz_encrypted", "npz", patch(npz_bytes(), CENTRAL, 8, "<H", 1)),
    ("npz_bomb_claim", "npz", patch(npz_bytes(compressed=True), CENTRAL, 24, "<I", 0xFFFFFFF0)),
    ("npz_zip64_missing", "npz", patch(npz_bytes(), CENTRAL, 24, "<I", 0xFFFFFFFF)),
    ("npz_member_not_npy", "npz", deflated_member(b"hello, world: not a .npy member")),
    ("npz_member_bad_header", "npz", deflated_member(npy_bytes(header="{'descr': '<f4'}"))),
    ("npz_duplicate_names", "npz", duplicate_names()),
    ("npz_name_not_utf8", "npz", bytes(npz_bytes()).replace(b"a.npy", b"\xffa.np")),
    # Errors found only when the member is read: CRC, inflating more or less than declared.
    ("npz_crc_mismatch", "npz", patch(npz_bytes(), CENTRAL, 16, "<I", 0xDEADBEEF)),
    ("npz_crc_mismatch_deflate", "npz", patch(npz_bytes(compressed=True), CENTRAL, 16, "<I", 0xDEADBEEF)),
    # The header says 4 floats and so does the declared size; the stream holds 8.
    ("npz_inflates_more", "npz", deflated_member(npy_bytes(np.zeros(8, np.float32), header=HEADER % "(4,)"),
                                                 declared_usize=len(npy_bytes(np.zeros(4, np.float32), header=HEADER % "(4,)")))),
    ("npz_inflates_less", "npz", deflated_member(npy_bytes(np.zeros(2, np.float32), header=HEADER % "(4,)"),
                                                 declared_usize=len(npy_bytes(np.zeros(4, np.float32), header=HEADER % "(4,)")))),
    ("npz_corrupt_deflate", "npz", bytes(npz_bytes(compressed=True, a=np.arange(4096, dtype=np.float64))[:60]) + b"\xff" * 200
     + bytes(npz_bytes(compressed=True, a=np.arange(4096, dtype=np.float64))[260:])),
]


@pytest.mark.parametrize("name,fmt,data", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_raise_value_error(tmp_path, name, fmt, data):
    path = tmp_path / f"bad.{fmt}"
    path.write_bytes(data)
    with pytest.raises(ValueError, match=r"^\[load\] "):
        out = mx.load(str(path))
        mx.eval(out if isinstance(out, mx.array) else list(out.values()))
    # The same bytes from a file-like object fail the same way.
    with pytest.raises(ValueError, match=r"^\[load\] "):
        out = mx.load(io.BytesIO(data), format=fmt)
        mx.eval(out if isinstance(out, mx.array) else list(out.values()))


def test_file_truncated_after_load_fails_at_eval(tmp_path):
    path = tmp_path / "t.npy"
    mx.save(str(path), mx.array(np.arange(1000, dtype=np.float32)))
    a = mx.load(str(path))
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ValueError, match=r"\[load\].*end of file"):
        mx.eval(a)


def test_missing_file_is_file_not_found_and_value_error(tmp_path):
    for exc in (FileNotFoundError, ValueError):
        with pytest.raises(exc, match=r"\[load\] Failed to open"):
            mx.load(str(tmp_path / "missing.npy"))
    with pytest.raises(FileNotFoundError, match=r"\[save\]"):
        mx.save(str(tmp_path / "no" / "dir" / "a.npy"), mx.array(1))
    with pytest.raises(ValueError, match=r"\[load\]"):
        mx.load(str(tmp_path))  # a folder


def test_argument_errors(tmp_path):
    a = mx.array([1.0])
    with pytest.raises(ValueError, match=r"\[savez\] Duplicate"):
        mx.savez(str(tmp_path / "d.npz"), a, arr_0=a)
    with pytest.raises(ValueError, match=r"\[save_safetensors\] Invalid"):
        mx.save_safetensors(str(tmp_path / "d.safetensors"), {"__metadata__": a})
    mx.save(str(tmp_path / "a.npy"), a)
    with pytest.raises(ValueError, match=r"\[load\] return_metadata"):
        mx.load(str(tmp_path / "a.npy"), return_metadata=True)
    with pytest.raises(ValueError, match=r"\[load\] Unknown format"):
        mx.load(str(tmp_path / "a.npy"), format="ggml")
    (tmp_path / "noext").write_bytes(b"plain text, no known format")
    with pytest.raises(ValueError, match=r"\[load\] Could not infer"):
        mx.load(str(tmp_path / "noext"))
    with pytest.raises(TypeError, match=r"\[load\]"):
        mx.load(42)
    with pytest.raises(TypeError, match=r"\[save\]"):
        mx.save(42, a)
    assert not os.path.exists(tmp_path / "d.npz")  # checks come before the file is created


def test_zip64_archive_with_more_than_65535_members(tmp_path):
    """More members than a plain zip can count: the writer switches to zip64 records."""
    n = 70_000
    arrays = {f"a{i}": mx.array(i % 100, dtype=mx.int8) for i in range(n)}
    path = str(tmp_path / "many.npz")
    mx.savez(path, **arrays)
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert len(names) == n and names[-1] == f"a{n - 1}.npy"
    got = mx.load(path)
    assert len(got) == n
    assert got["a69999"].item() == 69999 % 100
    with np.load(path) as z:
        assert int(z["a12345"]) == 45


def test_text_mode_file_objects_are_type_errors():
    with pytest.raises(TypeError):
        mx.save(io.StringIO(), mx.array([1, 2]))
    with pytest.raises(TypeError, match=r"\[load\] .*binary mode"):
        mx.load(io.StringIO("abc"))


def test_empty_archives(tmp_path):
    np.savez(tmp_path / "e.npz")
    assert mx.load(str(tmp_path / "e.npz")) == {}
    mx.savez(str(tmp_path / "m.npz"))
    assert mx.load(str(tmp_path / "m.npz")) == {}
    assert len(np.load(tmp_path / "m.npz").files) == 0
    mx.save_safetensors(str(tmp_path / "e.safetensors"), {})
    assert mx.load(str(tmp_path / "e.safetensors"), return_metadata=True) == ({}, {})


def test_bool_bytes_other_than_0_1_load_as_true(tmp_path):
    h = json.dumps({"b": {"dtype": "BOOL", "shape": [3], "data_offsets": [0, 3]}}).encode()
    (tmp_path / "b.safetensors").write_bytes(struct.pack("<Q", len(h)) + h + b"\x00\x07\xff")
    got = mx.load(str(tmp_path / "b.safetensors"))["b"]
    assert got.tolist() == [False, True, True]
    assert got.astype(mx.uint8).tolist() == [0, 1, 1]  # the stored bytes were normalised


def test_mutated_files_fail_cleanly_or_load():
    """Random byte flips and truncations of valid files: a clean ValueError or a load, never a crash."""
    import random

    rng = random.Random(1234)
    a = mx.array(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    seeds = []
    for fmt, save in [("npy", lambda f: mx.save(f, a)), ("npz", lambda f: mx.savez(f, a, y=a.astype(mx.int8))),
                      ("npz", lambda f: mx.savez_compressed(f, a, y=a.astype(mx.int8))),
                      ("safetensors", lambda f: mx.save_safetensors(f, {"a": a, "b": a > 3}, {"m": "x"}))]:
        buf = io.BytesIO()
        save(buf)
        seeds.append((fmt, buf.getvalue()))
    for _ in range(2000):
        fmt, data = rng.choice(seeds)
        data = bytearray(data)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        else:
            for _ in range(rng.randint(1, 6)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            out = mx.load(io.BytesIO(bytes(data)), format=fmt)
            mx.eval(out if isinstance(out, mx.array) else list(out.values()))
        except ValueError as e:
            assert str(e).startswith("[load] ")


def test_safetensors_float8_e4m3_loads_as_raw_uint8(tmp_path):
    """MLX loads F8_E4M3 tensors as their bytes (uint8); mx.from_fp8-style decoding is the caller's."""
    raw = bytes([0x00, 0x38, 0x40, 0xB8, 0x7E, 0x7F, 0x80, 0x01])
    h = json.dumps({"f8": {"dtype": "F8_E4M3", "shape": [2, 4], "data_offsets": [0, 8]},
                    "u": {"dtype": "U8", "shape": [1], "data_offsets": [8, 9]}}).encode()
    (tmp_path / "f8.safetensors").write_bytes(struct.pack("<Q", len(h)) + h + raw + b"\x05")
    got = mx.load(str(tmp_path / "f8.safetensors"))
    assert got["f8"].dtype == mx.uint8 and got["f8"].shape == (2, 4)
    np.testing.assert_array_equal(np.asarray(got["f8"]), np.frombuffer(raw, np.uint8).reshape(2, 4))
    # Saved back, uint8 is U8 (the float8 tag is not kept, as in MLX).
    mx.save_safetensors(str(tmp_path / "back.safetensors"), got)
    back = (tmp_path / "back.safetensors").read_bytes()
    assert b'"F8_E4M3"' not in back and b'"U8"' in back
    assert mx.load(str(tmp_path / "back.safetensors"))["f8"].tolist() == got["f8"].tolist()


def test_truncated_npy_is_runtime_error_as_mlx_and_value_error(tmp_path):
    """MLX raises RuntimeError for a truncated .npy; ours is also a ValueError, like every bad file."""
    full = npy_bytes(np.arange(100, dtype=np.float32))
    for n in range(len(full)):
        (tmp_path / "t.npy").write_bytes(full[:n])
        for src in (str(tmp_path / "t.npy"), io.BytesIO(full[:n])):
            with pytest.raises(RuntimeError, match=r"^\[load\] ") as e:
                mx.eval(mx.load(src, format="npy"))
            assert isinstance(e.value, ValueError)
    # Cut after loading: the error comes at evaluation, of the same type.
    mx.save(str(tmp_path / "c.npy"), mx.arange(1000, dtype=mx.float32))
    a = mx.load(str(tmp_path / "c.npy"))
    (tmp_path / "c.npy").write_bytes((tmp_path / "c.npy").read_bytes()[:300])
    with pytest.raises(RuntimeError, match=r"\[load\].*end of file"):
        mx.eval(a)
    # A file that is not .npy at all stays a plain ValueError.
    with pytest.raises(ValueError, match=r"bad magic") as e:
        mx.load(io.BytesIO(b"\x93NUMPZ\x01\x00" + full[8:]), format="npy")
    assert not isinstance(e.value, RuntimeError)
