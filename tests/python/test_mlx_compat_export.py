"""MLX's export API beyond one trace: mx.exporter (several traces of one function in one
.mxfn file, with metadata), export_function to a callback, keyword arguments, MLX's
packed example inputs, what import_function returns, and files of the previous
format version (tests/golden/mxfn_v1.mxfn, written by the single-trace writer). Values
are checked against NumPy."""

import os
import struct
import sys

import numpy as np
import pytest

import mxgraph.core as mx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_cli import RUNNERS, run  # noqa: E402

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden")


def version(path):
    with open(path, "rb") as f:
        return struct.unpack_from("<I", f.read(12), 8)[0]


def add_all(*args):
    out = args[0]
    for a in args[1:]:
        out = out + a
    return out


def test_exporter_writes_one_trace_per_call(tmp_path):
    path = str(tmp_path / "fun.mxfn")
    with mx.exporter(path, add_all, metadata="three traces") as ex:
        assert ex(mx.array(1)) is None
        ex(mx.array(1), mx.array(2))
        ex(mx.array([1.0, 2.0]), mx.array([3.0, 4.0]), mx.array(0.5))
    assert version(path) == 2
    f, meta = mx.import_function(path, return_metadata=True)
    assert meta == "three traces"
    for args in ([np.int32(7)], [np.int32(3), np.int32(4)],
                 [np.array([1.0, -2.0], np.float32), np.array([0.5, 0.25], np.float32), np.float32(3)]):
        out = f(*[mx.array(a) for a in args])
        assert isinstance(out, tuple) and len(out) == 1
        want = sum(args[1:], args[0])
        assert out[0].dtype == (mx.int32 if len(args) < 3 else mx.float32)
        np.testing.assert_allclose(np.array(out[0]), want, rtol=1e-6)


def test_exporter_picks_the_trace_by_shape_and_dtype(tmp_path):
    path = str(tmp_path / "sq.mxfn")
    ex = mx.exporter(path, lambda x: x * x)
    ex(mx.zeros((2,)))
    ex(mx.zeros((2, 3)))
    ex(mx.zeros((2,), dtype=mx.int32))
    ex.close()
    f = mx.import_function(path)
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    np.testing.assert_allclose(np.array(f(mx.array(x))[0]), x * x)
    np.testing.assert_array_equal(np.array(f(mx.array([3, -4]))[0]), [9, 16])
    assert f(mx.array([3, -4]))[0].dtype == mx.int32
    with pytest.raises(ValueError, match=r"^\[import_function\] No trace of the function takes"):
        f(mx.zeros((5,)))
    with pytest.raises(RuntimeError, match="after exporting is closed"):
        ex(mx.zeros((5,)))


def test_exporter_traces_with_keyword_arguments(tmp_path):
    path = str(tmp_path / "kw.mxfn")

    def g(x, y=None):
        return x * y

    with mx.exporter(path, g) as ex:
        ex(mx.array(1.0), y=mx.array(2.0))
        ex(mx.array([1.0, 2.0]), y=mx.array(2.0))
    f = mx.import_function(path)
    np.testing.assert_allclose(np.array(f(mx.array(3.0), y=mx.array(2.0))[0]), 6.0)
    np.testing.assert_allclose(np.array(f(mx.array([3.0, 4.0]), y=mx.array(0.5))[0]), [1.5, 2.0])
    np.testing.assert_allclose(np.array(f((mx.array([3.0, 4.0]),), {"y": mx.array(0.5)})[0]), [1.5, 2.0])
    with pytest.raises(ValueError, match="structure differs"):
        f(mx.array(3.0), mx.array(2.0))


def test_one_trace_stays_a_version_1_file(tmp_path):
    path = str(tmp_path / "one.mxfn")
    with mx.exporter(path, lambda x: -x) as ex:
        ex(mx.array([1.0]))
    assert version(path) == 1
    np.testing.assert_allclose(np.array(mx.import_function(path)(mx.array([2.0]))[0]), [-2.0])


def test_shapeless_exporter(tmp_path):
    path = str(tmp_path / "sl.mxfn")
    with mx.exporter(path, lambda x: mx.exp(x), shapeless=True) as ex:
        ex(mx.zeros((2,)))
        ex(mx.zeros((2,), dtype=mx.float16))
    f = mx.import_function(path)
    x = np.linspace(-1, 1, 7, dtype=np.float32)
    np.testing.assert_allclose(np.array(f(mx.array(x))[0]), np.exp(x), rtol=1e-6)
    assert f(mx.array(x, dtype=mx.float16))[0].dtype == mx.float16


def test_unwritable_path_raises_with_the_function_name(tmp_path):
    missing = str(tmp_path / "no" / "such" / "dir.mxfn")
    with pytest.raises(FileNotFoundError, match=r"^\[export_function\] Cannot write"):
        mx.export_function(missing, lambda x: x, mx.array(1.0))
    with pytest.raises(FileNotFoundError, match=r"^\[export_function\] Cannot write"):
        mx.exporter(missing, lambda x: x)(mx.array(1.0))


def test_exporter_argument_types(tmp_path):
    with pytest.raises(TypeError, match=r"^\[exporter\]"):
        mx.exporter(lambda *a: None, add_all)
    with pytest.raises(TypeError, match=r"^\[exporter\]"):
        mx.exporter(str(tmp_path / "x.mxfn"), 3)


def test_export_to_a_callback():
    calls = []

    def fun(x, y):
        return mx.exp(x) + y

    mx.export_function(lambda d: calls.append(d), fun, mx.array(1.0), y=mx.array([1.0, 2.0, 3.0]))
    kinds = [c["type"] for c in calls]
    assert kinds[:4] == ["inputs", "keyword_inputs", "outputs", "constants"]
    assert set(kinds[4:]) == {"primitive"}
    inputs = calls[0]["inputs"]
    assert [(n, s, d) for n, s, d in inputs] == [("A", (), mx.float32), ("B", (3,), mx.float32)]
    assert calls[1]["keywords"] == [("y", "B")]
    (out_name, out_shape, out_dtype), = calls[2]["outputs"]
    assert out_shape == (3,) and out_dtype == mx.float32
    prims = calls[4:]
    assert [p["name"] for p in prims] == ["Unary", "Binary"]  # mxgraph's Binary broadcasts
    assert prims[0]["arguments"] == ["exp"] and prims[0]["inputs"][0][0] == "A"
    assert prims[-1]["outputs"][0][0] == out_name
    # Every primitive's inputs were defined before it (inputs or earlier outputs).
    defined = {n for n, _, _ in inputs}
    for p in prims:
        assert {n for n, _, _ in p["inputs"]} <= defined
        defined |= {n for n, _, _ in p["outputs"]}


def test_export_to_a_callback_lists_constants_and_arguments():
    w = mx.array(np.arange(6, dtype=np.float32).reshape(3, 2))
    calls = []
    mx.export_function(calls.append, lambda x: x @ w.T.T + x.reshape(1, 3).sum(), mx.zeros((1, 3)))
    (name, shape, dtype), = calls[3]["constants"]
    assert shape == (3, 2) and dtype == mx.float32
    matmul = [p for p in calls[4:] if p["name"] == "Matmul"][0]
    transpose = [p for p in calls[4:] if p["name"] == "Transpose"][0]
    assert transpose["inputs"][0][0] == name and transpose["arguments"] == ["[1, 0]"]
    assert matmul["inputs"][1][0] in [o[0] for p in calls[4:] if p["name"] == "Transpose" for o in p["outputs"]]


def test_callback_export_refuses_metadata():
    with pytest.raises(ValueError, match=r"^\[export_function\] The metadata argument is only supported"):
        mx.export_function(lambda d: None, lambda x: x, mx.array(1.0), metadata="m")


def test_mlx_packed_example_inputs(tmp_path):
    """export_function(file, fun, (a, b), {"k": c}) calls fun(a, b, k=c), as MLX."""
    path = str(tmp_path / "p.mxfn")
    seen = []

    def f(a, b, k=None):
        seen.append(k is not None)
        return a * b + k

    x = mx.array([1.0, 2.0])
    mx.export_function(path, f, (x, x), {"k": mx.array(1.0)})
    assert seen == [True]
    g = mx.import_function(path)
    out = g(mx.array([2.0, 3.0]), mx.array([4.0, 5.0]), k=mx.array(0.5))
    assert isinstance(out, tuple)
    np.testing.assert_allclose(np.array(out[0]), [8.5, 15.5])


@pytest.mark.parametrize("make", [lambda x: x * 2, lambda x: [x, x * 2], lambda x: (x, x * 2)])
def test_import_returns_a_tuple_for_every_output_form(tmp_path, make):
    path = str(tmp_path / "o.mxfn")
    mx.export_function(path, make, mx.array([1.0, 2.0]))
    out = mx.import_function(path)(mx.array([3.0, 4.0]))
    assert isinstance(out, tuple)
    want = make(np.array([3.0, 4.0]))
    want = list(want) if isinstance(want, (list, tuple)) else [want]
    assert len(out) == len(want)
    for a, b in zip(out, want):
        np.testing.assert_allclose(np.array(a), b)


def test_version_1_file_of_the_previous_release_loads():
    """tests/golden/mxfn_v1.mxfn: f(x, w) = (exp(x) @ w + c, sum(x, axis=0)) with
    c = [1, 2, 3, 4] captured, written by the single-trace writer (format version 1)."""
    path = os.path.join(GOLDEN, "mxfn_v1.mxfn")
    assert version(path) == 1
    f, meta = mx.import_function(path, return_metadata=True)
    assert meta == "written by format version 1"
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 3)).astype(np.float32)
    w = rng.standard_normal((3, 4)).astype(np.float32)
    o0, o1 = f(mx.array(x), w=mx.array(w))
    np.testing.assert_allclose(np.array(o0), np.exp(x) @ w + np.arange(1, 5), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(np.array(o1), x.sum(axis=0), rtol=1e-6)


@pytest.fixture(scope="module")
def multi_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("multi") / "m.mxfn"
    with mx.exporter(str(path), lambda x: mx.sum(x * 2, axis=0)) as ex:
        ex(mx.zeros((2, 3)))
        ex(mx.zeros((4,), dtype=mx.int32))
    return path


@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_cli_runs_the_trace_that_fits(runner, multi_file, tmp_path):
    cli = RUNNERS[runner]
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([1, -2, 3, 9], dtype=np.int32)
    np.save(tmp_path / "a.npy", a)
    np.save(tmp_path / "b.npy", b)
    for arr, name in ((a, "a"), (b, "b")):
        r = run(cli, "run", multi_file, "-i", tmp_path / f"{name}.npy", "-o", tmp_path / f"o{name}.npy")
        assert r.returncode == 0, r.stderr
        got = np.load(tmp_path / f"o{name}.npy")
        assert got.dtype == arr.dtype
        np.testing.assert_array_equal(got, (arr * 2).sum(axis=0))
    np.save(tmp_path / "c.npy", np.zeros((5,), np.float32))
    r = run(cli, "run", multi_file, "-i", tmp_path / "c.npy")
    assert r.returncode != 0 and "No trace of the function takes" in r.stderr
    r = run(cli, "stats", multi_file)
    assert r.returncode == 0, r.stderr
    assert "format version:    2" in r.stdout and "traces:            2" in r.stdout
    first, second = r.stdout.split("trace 1:\n")[1].split("trace 2:\n")
    assert "  arg0: float32 (2, 3)" in first and "  out0: float32 (3,)" in first
    assert "  arg0: int32 (4,)" in second and "  out0: int32 ()" in second
