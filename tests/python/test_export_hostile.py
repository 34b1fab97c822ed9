"""Corrupt, truncated and hostile .mxfn files: a one-line ValueError, never a crash."""

import io
import struct

import numpy as np
import pytest

import mxgraph.core as mx

HEADER = 32


def small_file():
    w = mx.array(np.arange(6, dtype=np.float32).reshape(2, 3))
    buf = io.BytesIO()
    mx.export_function(buf, lambda x: (mx.exp(x) @ w).sum(axis=0), mx.ones((4, 2)))
    return buf.getvalue()


def load(data):
    return mx.import_function(io.BytesIO(bytes(data)))


def sections(data):
    """{tag: (payload offset, length)} from the section list."""
    graph_end = struct.unpack_from("<Q", data, 16)[0]
    out, at = {}, HEADER
    while at < graph_end:
        tag, length = struct.unpack_from("<4sQ", data, at)
        out[tag.decode()] = (at + 12, length)
        at += 12 + length
    return out


def test_valid_file_imports():
    g = load(small_file())
    np.testing.assert_allclose(np.array(g(mx.ones((4, 2)))[0]).shape, (3,))


@pytest.mark.parametrize("data,msg", [
    (b"", "bad magic"),
    (b"NOTMXFN!" + bytes(40), "bad magic"),
    (b"MXFN\r\n\x1a\n", "truncated"),
])
def test_bad_magic_and_tiny(data, msg):
    with pytest.raises(ValueError, match=r"^\[import_function\] .*" + msg):
        load(data)


def test_string_that_is_not_utf8():
    data = bytearray(small_file())
    off, _ = sections(data)["STRS"]
    n = struct.unpack_from("<I", data, off)[0]
    assert n > 0
    length = struct.unpack_from("<I", data, off + 4)[0]
    assert length > 0
    data[off + 8] = 0xFF  # the first byte of string 0
    with pytest.raises(ValueError, match=r"^\[import_function\] The file is corrupt: string 0 is not valid UTF-8"):
        load(data)


def test_newer_version():
    data = bytearray(small_file())
    struct.pack_into("<I", data, 8, 3)
    with pytest.raises(ValueError, match=r"^\[import_function\] The file has format version 3; .*Upgrade"):
        load(data)


def multi_trace_file():
    """Two traces of x -> exp(x) @ w in one version-2 file (docs/mxfn-format.md)."""
    w = mx.array(np.arange(6, dtype=np.float32).reshape(2, 3))
    traces = []
    for shape in ((4, 2), (1, 2)):
        b = io.BytesIO()
        mx.export_function(b, lambda x: mx.exp(x) @ w, mx.ones(shape))
        traces.append(b.getvalue())
    return bytearray(mx._core._combine_traces(traces))


def test_valid_multi_trace_file_imports():
    g = load(multi_trace_file())
    assert g(mx.ones((1, 2)))[0].shape == (1, 3) and g(mx.ones((4, 2)))[0].shape == (4, 3)


def table(data):
    """(offset of the trace table's count, the count) of a version-2 file."""
    assert struct.unpack_from("<I", data, 8)[0] == 2 and data[HEADER:HEADER + 4] == b"TRCS"
    return HEADER + 12, struct.unpack_from("<I", data, HEADER + 12)[0]


@pytest.mark.parametrize("corrupt,msg", [
    (lambda d, at: struct.pack_into("<I", d, at, 0), "holds no trace"),
    (lambda d, at: struct.pack_into("<I", d, at, 1 << 30), "claims"),
    (lambda d, at: struct.pack_into("<Q", d, at + 4, len(d) + 64), "lies outside the file"),
    (lambda d, at: struct.pack_into("<Q", d, at + 12, len(d)), "lies outside the file"),
    (lambda d, at: struct.pack_into("<Q", d, at + 4, 0), "lies outside the file"),
    (lambda d, at: d.__setitem__(slice(HEADER, HEADER + 4), b"XXXX"), "TRCS section is missing"),
    (lambda d, at: struct.pack_into("<Q", d, 16, len(d) + 1), "trace table end"),
    (lambda d, at: struct.pack_into("<I", d, struct.unpack_from("<Q", d, at + 4)[0] + 8, 2),
     "a trace holds several traces"),
])
def test_corrupt_trace_table(corrupt, msg):
    data = multi_trace_file()
    at, n = table(data)
    assert n == 2
    corrupt(data, at)
    with pytest.raises(ValueError, match=r"^\[import_function\] .*" + msg):
        load(data)


def test_truncated_multi_trace_file():
    data = multi_trace_file()
    for n in (40, HEADER + 20, len(data) // 2, len(data) - 1):
        with pytest.raises(ValueError, match=r"^\[import_function\]"):
            load(data[:n])


def test_unknown_flags_and_reserved():
    data = bytearray(small_file())
    struct.pack_into("<I", data, 12, 6)
    with pytest.raises(ValueError, match="unknown flags"):
        load(data)
    data = bytearray(small_file())
    struct.pack_into("<Q", data, 24, 1)
    with pytest.raises(ValueError, match="reserved"):
        load(data)


def test_truncated_at_every_byte():
    data = small_file()
    for n in range(len(data)):
        with pytest.raises(ValueError, match=r"^\[import_function\] [^\n]*$"):
            load(data[:n])


def test_lengths_past_the_end():
    data = bytearray(small_file())
    struct.pack_into("<Q", data, 16, len(data) + 100)  # graph end
    with pytest.raises(ValueError, match="truncated or corrupt"):
        load(data)
    data = bytearray(small_file())
    off, _ = sections(data)["STRS"]
    struct.pack_into("<Q", data, off - 8, 1 << 40)  # a section length
    with pytest.raises(ValueError, match="truncated or corrupt"):
        load(data)
    data = bytearray(small_file())
    off, _ = sections(data)["CNST"]
    # count, then spec (u8 dtype, u32 ndim, 2 x i64), then offset: point it past the end.
    struct.pack_into("<Q", data, off + 4 + 1 + 4 + 16, len(data))
    with pytest.raises(ValueError, match="outside the file's data"):
        load(data)


def test_unknown_primitive():
    data = bytearray(small_file())
    off, _ = sections(data)["NODE"]
    struct.pack_into("<H", data, off + 4, 999)
    with pytest.raises(ValueError, match="Unknown primitive kind 999"):
        load(data)


@pytest.mark.parametrize("name", ["STRS", "INPT", "CNST", "NODE", "OUTP"])
def test_huge_counts(name):
    data = bytearray(small_file())
    off, _ = sections(data)[name]
    struct.pack_into("<I", data, off, 0xFFFFFFFF)
    with pytest.raises(ValueError, match=r"^\[import_function\] The file is corrupt: .*claims 4294967295"):
        load(data)


def test_missing_and_duplicate_sections():
    data = bytearray(small_file())
    off, _ = sections(data)["OUTP"]
    data[off - 12:off - 8] = b"XXXX"  # an unknown tag is skipped: OUTP is then missing
    with pytest.raises(ValueError, match="OUTP section is missing"):
        load(data)
    data = bytearray(small_file())
    off, _ = sections(data)["OUTP"]
    data[off - 12:off - 8] = b"INPT"
    with pytest.raises(ValueError, match="appears twice"):
        load(data)


def test_value_used_before_defined():
    data = bytearray(small_file())
    off, _ = sections(data)["OUTP"]
    struct.pack_into("<I", data, off + 4, 1000)
    with pytest.raises(ValueError, match="used before it is defined"):
        load(data)


def test_bad_parameters_are_checked():
    # A transpose whose permutation repeats an axis.
    buf = io.BytesIO()
    mx.export_function(buf, lambda x: x.T, mx.ones((2, 3)))
    data = bytearray(buf.getvalue())
    off, length = sections(data)["NODE"]
    # the permutation's two i32 close the node: make it [0, 0]
    struct.pack_into("<ii", data, off + length - 8, 0, 0)
    with pytest.raises(ValueError, match=r"Node 0 \(Transpose\): the permutation repeats an axis"):
        load(data)


def test_random_mutations_never_crash():
    data = small_file()
    rng = np.random.default_rng(1)
    for _ in range(400):
        d = bytearray(data)
        for _ in range(int(rng.integers(1, 4))):
            i = int(rng.integers(0, len(d)))
            d[i] = int(rng.integers(0, 256))
        try:
            g = load(d)
            mx.eval(g(mx.ones((4, 2))))
        except (ValueError, IndexError) as e:  # anything else (or a crash) fails
            assert str(e).startswith("["), str(e)  # the function that refused it, named
