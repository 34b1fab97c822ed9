"""DLPack: array.__dlpack__ / __dlpack_device__ and mx.from_dlpack, zero copy both
ways with NumPy (and PyTorch CPU tensors when torch is installed)."""

import gc
import sys

import numpy as np
import pytest

import mxgraph.core as mx


def address(a):
    return np.asarray(memoryview(a)).__array_interface__["data"][0]


def test_device_and_export_to_numpy_is_zero_copy():
    a = mx.array([[1.0, 2.0], [3.0, 4.0]])
    assert a.__dlpack_device__() == (1, 0)
    n = np.from_dlpack(a)
    np.testing.assert_array_equal(n, [[1, 2], [3, 4]])
    assert n.__array_interface__["data"][0] == address(a)
    assert not n.flags.writeable  # evaluated arrays are shared, never written


@pytest.mark.parametrize("dtype", ["bool_", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32",
                                   "int64", "float16", "float32", "float64", "complex64"])
def test_export_every_dtype(dtype):
    want = (np.arange(6).reshape(2, 3) % 3 == 1) if dtype == "bool_" else np.arange(6).reshape(2, 3).astype(dtype)
    a = mx.array(want, dtype=getattr(mx, dtype))
    got = np.from_dlpack(a)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got, want)


def test_export_views_keep_strides_and_pending_arrays_evaluate():
    base = np.arange(24, dtype=np.int32).reshape(4, 6)
    x = mx.array(base)
    for view, want in [(x.T, base.T), (x[::2, ::-3], base[::2, ::-3]), (x[1:, 2:5], base[1:, 2:5]),
                       (mx.broadcast_to(x[0], (3, 6)), np.broadcast_to(base[0], (3, 6)))]:
        np.testing.assert_array_equal(np.from_dlpack(view), want)
    np.testing.assert_array_equal(np.from_dlpack(x * 2 + 1), base * 2 + 1)
    np.testing.assert_array_equal(np.from_dlpack(mx.array(7)), np.array(7))


def test_export_copy_and_device_arguments():
    a = mx.array([1, 2, 3])
    c = np.from_dlpack(a, copy=True)
    assert c.__array_interface__["data"][0] != address(a)
    np.testing.assert_array_equal(c, [1, 2, 3])
    with pytest.raises(BufferError):
        a.__dlpack__(dl_device=(2, 0))


def test_import_from_numpy_shares_memory_with_strides():
    base = np.arange(12, dtype=np.float32).reshape(3, 4)
    for view in [base, base[:, ::2], base.T, base[::-1, 1:], np.broadcast_to(base[1], (5, 4))]:
        m = mx.from_dlpack(view)
        assert m.shape == view.shape and m.dtype == mx.float32
        np.testing.assert_array_equal(np.array(m), view)
    m = mx.from_dlpack(base[:, ::2])
    base[0, 0] = 100.0  # no copy: the mxgraph array sees the producer's memory
    assert m[0, 0].item() == 100.0
    np.testing.assert_array_equal(np.array(m + 1), base[:, ::2] + 1)


def test_import_keeps_producer_alive_and_releases_it():
    big = np.ones(1000, np.float32)
    before = sys.getrefcount(big)
    m = mx.from_dlpack(big)
    assert sys.getrefcount(big) == before + 1
    view = m[10:20]
    del m
    gc.collect()
    assert sys.getrefcount(big) == before + 1  # the view still holds it
    assert view.sum().item() == 10.0
    del view
    gc.collect()
    assert sys.getrefcount(big) == before


def test_import_dtypes_copy_and_errors():
    # As MLX: float64 and complex128 become float32 and complex64 (a copy).
    d = mx.from_dlpack(np.array([1.5, 1 / 3]))
    assert d.dtype == mx.float32
    np.testing.assert_allclose(np.array(d), [1.5, 1 / 3], rtol=1e-7)
    z = mx.from_dlpack(np.array([[1 + 2j, 3 - 4j]])[:, ::-1])
    assert z.dtype == mx.complex64 and z.tolist() == [[3 - 4j, 1 + 2j]]
    with pytest.raises(ValueError, match=r"^\[from_dlpack\]"):
        mx.from_dlpack(np.array([1.5]), copy=False)
    src = np.arange(4, dtype=np.int16)
    c = mx.from_dlpack(src, copy=True)
    src[0] = 9
    assert c.tolist() == [0, 1, 2, 3] and c.dtype == mx.int16
    assert mx.from_dlpack(np.zeros((0, 3), np.int8)).shape == (0, 3)
    with pytest.raises(TypeError, match=r"^\[from_dlpack\]"):
        mx.from_dlpack([1, 2])

    class OnGpu:
        def __dlpack__(self, **kw):
            raise AssertionError("not reached")

        def __dlpack_device__(self):
            return (2, 0)

    with pytest.raises(ValueError, match=r"^\[from_dlpack\] Only CPU"):
        mx.from_dlpack(OnGpu())


def test_round_trip_through_mxgraph():
    a = np.arange(10, dtype=np.uint16)[::3]
    np.testing.assert_array_equal(np.from_dlpack(mx.from_dlpack(a)), a)


torch = pytest.importorskip("torch", reason="PyTorch is an optional peer; these checks need it")


def test_torch_to_mxgraph_zero_copy_and_bfloat16():
    t = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    m = mx.from_dlpack(t.T)
    assert m.shape == (4, 3)
    t[0, 1] = -5.0
    assert m[1, 0].item() == -5.0  # shares the tensor's memory
    b = torch.tensor([[1.5, -2.25], [3.0, 0.1]], dtype=torch.bfloat16)
    mb = mx.from_dlpack(b)
    assert mb.dtype == mx.bfloat16
    np.testing.assert_array_equal(np.array(mb.astype(mx.float32)), b.float().numpy())


def test_mx_array_from_torch_copies_and_accepts_bfloat16():
    b = torch.tensor([1.5, 2.1, -3.0], dtype=torch.bfloat16)
    a = mx.array(b)
    assert a.dtype == mx.bfloat16
    b[0] = 7.0  # mx.array copies, as in MLX
    np.testing.assert_array_equal(np.array(a.astype(mx.float32)), [1.5, 2.09375, -3.0])
    f = torch.tensor([1 + 1e-12], dtype=torch.float64)
    assert mx.array(f).dtype == mx.float32
    assert mx.array(f, dtype=mx.float64).item() == 1 + 1e-12  # no float32 detour


def test_mxgraph_to_torch():
    x = mx.arange(6).reshape(2, 3)
    t = torch.from_dlpack(x.T)
    assert t.stride() == (1, 3)
    assert t.tolist() == [[0, 3], [1, 4], [2, 5]]
    tb = torch.from_dlpack(mx.array([1.5, 2.5], dtype=mx.bfloat16))
    assert tb.dtype == torch.bfloat16 and tb.tolist() == [1.5, 2.5]
