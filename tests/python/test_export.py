"""Exported functions (.mxfn): a round trip per primitive of the registry, trees of
arguments, lazy constants, shapeless calls and the checks on calls."""

import io

import numpy as np
import pytest

import mxgraph.core as mx

RNG = np.random.default_rng(0)


def rand(*shape, dtype=np.float32):
    return mx.array(RNG.standard_normal(shape).astype(dtype))


def registry_kinds():
    return [k for k, _ in mx._core._registry()["primitives"]]


def _set_rows(x, y):
    y = x * 1
    y[1:3] = mx.zeros((2, x.shape[1]))
    return y


def _custom():
    @mx.custom_function
    def f(x):
        return mx.sin(x) * 2

    @f.vjp
    def f_vjp(primals, cotangent, output):
        return mx.cos(primals[0]) * 2 * cotangent

    return lambda x, y: f(x) + y


def _compiled():
    cf = mx.compile(lambda a, b: mx.exp(a) * b)
    w = cf(mx.ones((4, 2)), mx.full((4, 2), 2.0))  # a pending Compiled result: a constant
    return lambda x, y: cf(x, y) + w  # called while exporting: its plain graph


def _loaded(tmp_path):
    path = str(tmp_path / "w.npy")
    np.save(path, np.arange(8, dtype=np.float32).reshape(4, 2))
    w = mx.load(path)  # pending Load: written as a constant
    return lambda x, y: x * w + y


# kind -> function of (x, y), both float32 of shape (4, 2). The kind must appear in
# the exported graph (Load and Custom are written as constants / their traced graph).
CASES = {
    "Arange": lambda x, y: x + mx.arange(2.0) + mx.linspace(0, 1, 2),
    "Load": None,  # built from tmp_path in the test
    "RandomBits": lambda x, y: x + mx.random.uniform(shape=(4, 2), key=mx.random.key(3)),
    "Unary": lambda x, y: mx.exp(x),
    "Binary": lambda x, y: x * y - 2.0,
    "Select": lambda x, y: mx.where(x > 0, x, y),
    "AsType": lambda x, y: (x * 10).astype(mx.int32),
    "DivMod": lambda x, y: mx.divmod(x, y + 3.0),
    "Reduce": lambda x, y: [x.sum(axis=0), y.max()],
    "ArgReduce": lambda x, y: mx.argmax(x, axis=1),
    "Scan": lambda x, y: mx.cumsum(x, axis=0, reverse=True),
    "Reshape": lambda x, y: x.reshape(2, 4),
    "Transpose": lambda x, y: x.T @ y,
    "Broadcast": lambda x, y: mx.broadcast_to(x[:1], (3, 4, 2)),
    "Slice": lambda x, y: x[1:, ::-1],
    "AsStrided": lambda x, y: mx.as_strided(x, (3, 2), (2, 1)),
    "Copy": lambda x, y: mx.contiguous(x.T),
    "Concatenate": lambda x, y: mx.concatenate([x, y], axis=1),
    "SliceUpdate": _set_rows,
    "View": lambda x, y: mx.view(x, mx.int32),
    "Gather": lambda x, y: x[mx.array([3, 0, 0])],
    "Scatter": lambda x, y: x.at[mx.array([0, 2, 0])].add(y[:3]),
    "GatherAxis": lambda x, y: mx.take_along_axis(x, mx.array([[1], [0], [1], [1]]), axis=1),
    "ScatterAxis": lambda x, y: mx.put_along_axis(x, mx.array([[1], [0], [1], [1]]), y[:, :1], axis=1),
    "Matmul": lambda x, y: x @ y.T,
    "Sort": lambda x, y: mx.sort(x, axis=0),
    "ArgSort": lambda x, y: mx.argsort(x, axis=0),
    "Partition": lambda x, y: mx.partition(x, 1, axis=0),
    "ArgPartition": lambda x, y: mx.argpartition(x, 2, axis=0),
    "Custom": None,  # built in the test
    "Compiled": None,  # built in the test
    "Linalg": lambda x, y: list(mx.linalg.qr(x)),
    "FFT": lambda x, y: [mx.fft.rfft(x, axis=0), mx.fft.fft2(y, norm="ortho"), mx.fft.irfft(x + 0j, n=3)],
}
# Collectives are never written (tests/cpp/test_export.cpp checks the error); in one
# process they make no node at all.
NOT_EXPORTED = {"AllReduce", "AllGather", "ReduceScatter", "Send", "Recv"}


def roundtrip(fun, *args, **kwargs):
    buf = io.BytesIO()
    mx.export_function(buf, fun, *args, **kwargs)
    buf.seek(0)
    return mx.import_function(buf), buf.getvalue()


def as_list(out):
    return list(out) if isinstance(out, (list, tuple)) else [out]


def test_every_registry_kind_has_a_case():
    assert sorted(CASES) == sorted(k for k in registry_kinds() if k not in NOT_EXPORTED)


@pytest.mark.parametrize("kind", [k for k in registry_kinds() if k not in NOT_EXPORTED])
def test_round_trip(kind, tmp_path):
    fun = {"Load": lambda: _loaded(tmp_path), "Custom": _custom,
           "Compiled": _compiled}.get(kind, lambda: CASES[kind])()
    x, y = rand(4, 2), rand(4, 2)
    g, _ = roundtrip(fun, x, y)
    kinds = g._fn._node_kinds
    if kind == "Load":
        assert "Load" not in kinds and g._fn._num_constants == 1
    elif kind == "Custom":
        assert "Custom" not in kinds and "Unary" in kinds
    elif kind == "Compiled":
        assert "Compiled" not in kinds and "Unary" in kinds and g._fn._num_constants == 1
    else:
        assert kind in kinds, kinds
    x2, y2 = rand(4, 2), rand(4, 2)  # new inputs: the graph, not the traced values
    got, want = g(x2, y2), as_list(fun(x2, y2))
    assert len(got) == len(want)
    for a, b in zip(got, want):
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_allclose(np.array(a), np.array(b), rtol=1e-6, atol=1e-6)


def test_trees_and_keywords(tmp_path):
    def f(params, x, *, scale):
        return {"out": params["w"] @ x + params["b"][0]}, x * scale

    params = {"w": rand(3, 4), "b": [rand(3, 2)]}
    x, scale = rand(4, 2), rand(4, 2)
    path = tmp_path / "f.mxfn"
    mx.export_function(str(path), f, params, x, scale=scale, metadata="v1")
    g, meta = mx.import_function(str(path), return_metadata=True)
    assert meta == "v1"
    assert [s.name for s in g.inputs] == ["arg0.w", "arg0.b[0]", "arg1", "scale"]
    p2 = {"w": rand(3, 4), "b": [rand(3, 2)]}
    got = g(p2, x, scale=scale)
    (want_d, want_s) = f(p2, x, scale=scale)
    np.testing.assert_allclose(np.array(got[0]), np.array(want_d["out"]), rtol=1e-5)
    np.testing.assert_allclose(np.array(got[1]), np.array(want_s), rtol=1e-6)
    with pytest.raises(ValueError, match="structure differs"):
        g(x, x, scale=scale)
    with pytest.raises(ValueError, match="structure differs"):
        g(p2, x)


def test_constants_load_lazily(tmp_path):
    w = rand(256, 256)
    path = str(tmp_path / "c.mxfn")
    mx.export_function(path, lambda x: x @ w, rand(2, 256))
    before = mx._core._io_bytes_read()
    g = mx.import_function(path)
    after_import = mx._core._io_bytes_read()
    assert after_import - before < 4096  # the graph only
    out = g(rand(2, 256))[0]
    assert mx._core._io_bytes_read() == after_import  # building reads nothing
    mx.eval(out)
    assert mx._core._io_bytes_read() - after_import >= w.nbytes
    x = rand(2, 256)
    np.testing.assert_allclose(np.array(g(x)[0]), np.array(x @ w), rtol=1e-5, atol=1e-5)


def test_shapeless():
    f = lambda x, y: mx.exp(x) * y + x.sum(axis=0)
    g, _ = roundtrip(f, rand(4, 2), rand(4, 2), shapeless=True)
    assert g.shapeless
    x, y = rand(6, 3), rand(6, 3)
    np.testing.assert_allclose(np.array(g(x, y)[0]), np.array(f(x, y)), rtol=1e-6)
    with pytest.raises(ValueError, match="must be float32"):
        g(x.astype(mx.float16), y)
    h, _ = roundtrip(lambda x: x.reshape(-1), rand(4, 2), shapeless=True)
    assert h(rand(4, 2))[0].shape == (8,)
    with pytest.raises(ValueError, match="Reshape.*encode the exported shapes"):
        h(rand(2, 2))


def test_call_checks():
    g, _ = roundtrip(lambda x, y: x + y, rand(4, 2), rand(4, 2))
    with pytest.raises(ValueError, match=r"Input 'arg1' must be float32 \(4, 2\); got float32 \(4, 3\)"):
        g(rand(4, 2), rand(4, 3))
    with pytest.raises(ValueError, match=r"must be float32 \(4, 2\); got int32 \(4, 2\)"):
        g(rand(4, 2), mx.zeros((4, 2), mx.int32))
    with pytest.raises(ValueError, match="structure differs"):
        g(rand(4, 2))
    with pytest.raises(ValueError, match="a str"):
        mx.export_function(io.BytesIO(), lambda x: x, "no")


def test_identity_and_constant_outputs():
    c = rand(3)
    g, _ = roundtrip(lambda x: [x, c, x + c], rand(3))
    x = rand(3)
    a, b, s = g(x)
    np.testing.assert_array_equal(np.array(a), np.array(x))
    np.testing.assert_array_equal(np.array(b), np.array(c))
    np.testing.assert_allclose(np.array(s), np.array(x + c))


def test_dtypes_round_trip():
    for dt in (mx.bool_, mx.uint8, mx.int64, mx.float16, mx.bfloat16, mx.float64, mx.complex64):
        c = mx.ones((2, 3), dtype=dt)
        g, _ = roundtrip(lambda x: [x, c], mx.zeros((2, 3), dtype=dt))
        out = g(mx.zeros((2, 3), dtype=dt))
        assert out[1].dtype == dt and out[0].dtype == dt
        assert np.array(out[1].astype(mx.float32)).tolist() == [[1.0] * 3] * 2


def test_empty_and_scalar_inputs():
    f = lambda x, s: x * s
    g, _ = roundtrip(f, mx.zeros((0, 3)), mx.array(2.0))
    assert g(mx.zeros((0, 3)), mx.array(3.0))[0].shape == (0, 3)
    g, _ = roundtrip(f, rand(2, 3), mx.array(2.0))
    x = rand(2, 3)
    np.testing.assert_allclose(np.array(g(x, mx.array(3.0))[0]), np.array(x) * 3)


def test_grad_through_imported():
    g, _ = roundtrip(lambda x: (mx.sin(x) * x).sum(), rand(5))
    x = rand(5)
    d = mx.grad(lambda x: g(x)[0])(x)
    want = np.cos(np.array(x)) * np.array(x) + np.sin(np.array(x))
    np.testing.assert_allclose(np.array(d), want, rtol=1e-5)


def test_format_codes_are_pinned():
    """The codes docs/mxfn-format.md gives: entries may be appended, never reordered."""
    kinds = ("Arange Load RandomBits Unary Binary Select AsType DivMod Reduce ArgReduce Scan "
             "Reshape Transpose Broadcast Slice AsStrided Copy Concatenate SliceUpdate View Gather "
             "Scatter GatherAxis ScatterAxis Matmul Sort ArgSort Partition ArgPartition Custom "
             "Compiled AllReduce AllGather ReduceScatter Send Recv Linalg FFT").split()
    unary = ("abs negative sign exp expm1 log log1p log2 log10 sqrt rsqrt square reciprocal sin cos "
             "tan arcsin arccos arctan sinh cosh tanh arcsinh arccosh arctanh sigmoid erf erfinv floor "
             "ceil round isnan isinf isposinf isneginf logical_not bitwise_invert conjugate real imag "
             "stop_gradient").split()
    binary = ("add subtract multiply divide floor_divide remainder power maximum minimum arctan2 "
              "logaddexp equal not_equal less less_equal greater greater_equal logical_and logical_or "
              "bitwise_and bitwise_or bitwise_xor left_shift right_shift").split()
    reg = mx._core._registry()
    assert registry_kinds()[: len(kinds)] == kinds
    assert reg["unary"][: len(unary)] == unary
    assert reg["binary"][: len(binary)] == binary
    dtypes = [mx.bool_, mx.uint8, mx.uint16, mx.uint32, mx.uint64, mx.int8, mx.int16, mx.int32,
              mx.int64, mx.float16, mx.bfloat16, mx.float32, mx.float64, mx.complex64]
    for code, dt in enumerate(dtypes):
        buf = io.BytesIO()
        mx.export_function(buf, lambda x: x, mx.zeros((1,), dtype=dt))
        data = buf.getvalue()
        at = data.index(b"INPT") + 12 + 4 + 4  # tag, length, count, name
        assert data[at] == code, dt


def test_million_node_chain(tmp_path):
    def f(x):
        for _ in range(1_000_000):
            x = -x
        return x

    path = str(tmp_path / "chain.mxfn")
    mx.export_function(path, f, mx.zeros((2,)))
    g = mx.import_function(path)
    x = mx.array([1.0, -2.0])
    assert np.array(g(x)[0]).tolist() == [1.0, -2.0]


def test_imported_functions_return_tuples_and_take_mlx_packed_arguments(tmp_path):
    """As MLX: the call returns a tuple of arrays, even for one output, and takes either
    *args/**kwargs or one tuple of positional arrays plus a dict of keyword arrays."""
    def f(x, y, *, z):
        return x * y + z

    x, y, z = mx.array([1.0, 2.0]), mx.array([3.0, 4.0]), mx.array(0.5)
    path = str(tmp_path / "t.mxfn")
    mx.export_function(path, f, x, y, z=z)
    g = mx.import_function(path)
    for out in (g(x, y, z=z), g((x, y), {"z": z}), g([x, y], {"z": z})):
        assert isinstance(out, tuple) and len(out) == 1
        np.testing.assert_allclose(np.array(out[0]), [3.5, 8.5])
    mx.export_function(path, lambda a, b: a + b, x, y)
    out = mx.import_function(path)((x, y))
    assert isinstance(out, tuple) and np.array(out[0]).tolist() == [4.0, 6.0]
    with pytest.raises(ValueError, match="structure differs"):
        g((x, y), {"w": z})
