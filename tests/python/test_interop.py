"""Array protocols MLX has: the array API namespace, __format__, __version__,
in-place operators that keep the object, comparisons with non-arrays, NumPy
conversion and the buffer protocol, construction from bytes and from lists of
arrays, and device queries."""

import platform

import numpy as np
import pytest

import mxgraph.core as mx


def test_array_namespace_and_version():
    a = mx.array([1, 2])
    assert a.__array_namespace__() is mx
    with pytest.raises(ValueError, match=r"^\[__array_namespace__\]"):
        a.__array_namespace__(api_version="2023.12")
    assert isinstance(mx.__version__, str) and mx.__version__.count(".") == 2
    import mxgraph
    assert mx.__version__ == mxgraph.__version__


def test_format():
    assert format(mx.array(1.5), ".3f") == "1.500"
    assert format(mx.array(3), "05d") == "00003"
    assert f"{mx.array(2.5):>8}" == "     2.5"
    assert format(mx.array(1.5)) == "1.5"
    a = mx.array([1, 2, 3])
    assert format(a, "") == repr(a) == f"{a}"
    with pytest.raises(TypeError, match=r"^\[format\]"):
        format(a, ".2f")
    with pytest.raises(TypeError, match=r"^\[format\]"):
        format(mx.array([1.5]), ".2f")


def test_inplace_operators_keep_the_object():
    a = mx.array([1, 2, 3])
    alias = a
    ident = id(a)
    a += 1
    a *= mx.array([2, 2, 2])
    a -= 1
    a //= 2
    a <<= 1
    assert id(a) == ident and alias is a
    assert a.tolist() == [2, 4, 6]
    f = mx.array([1, 2])
    ident = id(f)
    f /= 2  # the dtype may change, the object stays
    assert id(f) == ident and f.dtype == mx.float32 and f.tolist() == [0.5, 1.0]
    m = mx.eye(2)
    ident = id(m)
    m @= mx.array([[1.0, 2.0], [3.0, 4.0]])
    assert id(m) == ident and m.tolist() == [[1, 2], [3, 4]]
    with pytest.raises(TypeError):
        f += object()


def test_equality_with_lists_and_other_objects():
    a = mx.array([1, 2, 3])
    # As in MLX: a list or tuple is never equal to an array (no elementwise compare).
    assert (a == [1, 2, 3]) is False and (a != (1, 2, 3)) is True
    assert ([1, 2, 3] == a) is False and ((1, 2, 3) != a) is True
    assert (a == "x") is False and (a == None) is False and (a != None) is True  # noqa: E711
    assert (a == a) .tolist() == [True, True, True]
    assert (a == 2).tolist() == [False, True, False]
    assert (a != np.array([1, 0, 3])).tolist() == [False, True, False]
    for op in ["<", "<=", ">", ">="]:
        with pytest.raises(ValueError, match=r"^\[(less|greater)(_equal)?\] Cannot perform"):
            eval(f"a {op} [1, 2, 3]")
        with pytest.raises(ValueError):
            eval(f"a {op} 'x'")
        with pytest.raises(TypeError):
            eval(f"a {op} None")
    assert (a < 2).tolist() == [True, False, False]


@pytest.mark.parametrize("op,fname", [("+", "add"), ("-", "subtract"), ("*", "multiply"), ("/", "divide"),
                                      ("//", "floor_divide"), ("%", "remainder"), ("**", "power"),
                                      ("&", "bitwise_and"), ("|", "bitwise_or"), ("^", "bitwise_xor"),
                                      ("<<", "left_shift"), (">>", "right_shift"), ("@", "matmul")])
def test_arithmetic_with_lists_and_tuples_raises(op, fname):
    """As MLX: a list or tuple operand is an error (convert it with mx.array), in every
    form of the operator; NumPy arrays and scalars still work."""
    a = mx.array([1, 2])
    for seq in ([1, 1], (1, 1)):
        for expr in (f"a {op} seq", f"seq {op} a"):
            with pytest.raises(ValueError, match=rf"^\[{fname}\] Cannot perform .* on an array and {type(seq).__name__}"):
                eval(expr)
        b = a
        with pytest.raises(ValueError, match=rf"^\[{fname}\] Cannot perform inplace "):
            exec(f"b {op}= seq")
    if op != "@":
        want = eval(f"np.array([1, 2]) {op} np.array([1, 1])")
        assert (eval(f"a {op} np.array([1, 1])")).tolist() == want.tolist()


def test_numpy_conversion_semantics():
    a = mx.array([[1, 2], [3, 4]], dtype=mx.int16)
    n = np.asarray(a)
    assert n.dtype == np.int16 and n.tolist() == [[1, 2], [3, 4]]
    # As in MLX: asarray and array(copy=False) share the evaluated buffer (no copy) ...
    addr = np.asarray(memoryview(a)).__array_interface__["data"][0]
    assert n.__array_interface__["data"][0] == addr
    assert np.array(a, copy=False).__array_interface__["data"][0] == addr
    # ... and np.array copies.
    c = np.array(a)
    assert c.__array_interface__["data"][0] != addr and c.tolist() == [[1, 2], [3, 4]]
    assert np.asarray(a, dtype=np.float64).dtype == np.float64
    # bfloat16 has no NumPy dtype: as with MLX, NumPy refuses its buffer (format
    # "bfloat16"); .numpy() gives float32 values.
    b = mx.array([1.5, 2.1], dtype=mx.bfloat16)
    with pytest.raises(ValueError, match="bfloat16"):
        np.asarray(b)
    assert b.numpy().dtype == np.float32 and b.numpy().tolist() == [1.5, 2.09375]


@pytest.mark.parametrize("name,fmt", [("bool_", "?"), ("uint8", "B"), ("uint16", "H"), ("uint32", "I"),
                                      ("uint64", "Q"), ("int8", "b"), ("int16", "h"), ("int32", "i"),
                                      ("int64", "q"), ("float16", "e"), ("float32", "f"), ("float64", "d"),
                                      ("complex64", "Zf")])
def test_buffer_protocol_every_dtype(name, fmt):
    want = np.array([[0, 1, 1], [0, 1, 0]]).astype(np.dtype(name.rstrip("_")))
    a = mx.array(want, dtype=getattr(mx, name))
    m = memoryview(a)
    assert m.format == fmt and m.shape == (2, 3) and m.itemsize == want.itemsize
    np.testing.assert_array_equal(np.frombuffer(m.tobytes(), want.dtype).reshape(2, 3), want)
    assert bytes(a) == want.tobytes()
    t = memoryview(a.T)  # strided views keep their strides
    assert t.strides == (want.itemsize, 3 * want.itemsize)
    np.testing.assert_array_equal(np.asarray(t), want.T)


def test_buffer_protocol_bfloat16_as_mlx():
    """MLX's buffer of a bfloat16 array: format "bfloat16", 2-byte items holding the
    upper halves of the float32 patterns (which NumPy cannot read as a dtype)."""
    vals = np.array([[1.5, -2.0, 0.15625], [3.0, 65536.0, -0.0]], np.float32)
    a = mx.array(vals, dtype=mx.bfloat16)
    m = memoryview(a)
    assert m.format == "bfloat16" and m.itemsize == 2 and m.shape == (2, 3) and m.strides == (6, 2)
    bits = np.frombuffer(m.tobytes(), np.uint16).reshape(2, 3)
    np.testing.assert_array_equal(bits, (vals.view(np.uint32) >> 16).astype(np.uint16))
    assert bytes(a) == bits.tobytes()
    assert memoryview(a.T).strides == (2, 6)
    with pytest.raises(ValueError):
        np.array(a)


def test_construction_from_bytes_and_buffers():
    a = mx.array(b"\x01\x02\xff")
    assert a.dtype == mx.uint8 and a.tolist() == [1, 2, 255]
    assert mx.array(bytearray(b"\x05\x06")).tolist() == [5, 6]
    assert mx.array(b"\x01\x02", dtype=mx.float32).tolist() == [1.0, 2.0]
    i = mx.array(memoryview(np.array([7, -8], np.int32).tobytes()).cast("i"))
    assert i.dtype == mx.int32 and i.tolist() == [7, -8]


def test_construction_from_lists_of_arrays():
    x = mx.array([mx.array(1), mx.array(2.5)])
    assert x.dtype == mx.float32 and x.tolist() == [1.0, 2.5]
    y = mx.array([mx.array([1, 2]), [3, 4]])
    assert y.dtype == mx.int32 and y.tolist() == [[1, 2], [3, 4]]
    z = mx.array((mx.array(True), False))
    assert z.dtype == mx.bool_ and z.tolist() == [True, False]
    with pytest.raises(ValueError):
        mx.array([mx.array([1, 2]), mx.array([3])])


def test_default_device_and_device_info():
    assert mx.default_device() == mx.cpu
    assert mx.cpu == mx.default_device()
    assert not (mx.gpu == mx.default_device()) and mx.gpu != mx.default_device()
    assert mx.cpu != mx.gpu and mx.cpu == mx.cpu
    assert hash(mx.cpu) == hash(mx.DeviceType.cpu)
    info = mx.device_info()
    assert info == mx.device_info(mx.cpu) == mx.device_info(mx.Device(mx.cpu))
    assert info["architecture"] == platform.machine()
    assert isinstance(info["device_name"], str) and info["device_name"]
    assert mx.device_info(mx.gpu) == {}  # not in this build, as MLX without a GPU
