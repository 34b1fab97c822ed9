// Docstrings of the array constructors (ops_creation.cpp, ops_misc.cpp, dlpack.cpp).
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_creation() {
  static const std::vector<Doc> table = {
    {"zeros", R"(An array of zeros.

Args:
    shape (int or tuple(int)): Shape of the result.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.

Returns:
    array: The zeros.

Example:
    >>> mx.zeros((2, 3))
    array([[0, 0, 0],
           [0, 0, 0]], dtype=float32)
    >>> mx.zeros(3, dtype=mx.int32)
    array([0, 0, 0], dtype=int32)
)"},
    {"ones", R"(An array of ones.

Args:
    shape (int or tuple(int)): Shape of the result.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.

Returns:
    array: The ones.

Example:
    >>> mx.ones((2, 2))
    array([[1, 1],
           [1, 1]], dtype=float32)
)"},
    {"full", R"(An array of a shape filled with ``vals`` (broadcast to it).

Args:
    shape (int or tuple(int)): Shape of the result.
    vals (scalar or array): The fill value(s).
    dtype (Dtype, optional): Data type; ``None`` takes ``vals``' type.

Returns:
    array: The filled array.

Example:
    >>> mx.full((2, 3), 7)
    array([[7, 7, 7],
           [7, 7, 7]], dtype=int32)
    >>> mx.full((2, 2), mx.array([1.0, 2.0]))
    array([[1, 2],
           [1, 2]], dtype=float32)
)"},
    {"zeros_like", R"(Zeros with the shape and dtype of ``a``.

Args:
    a (array): The array whose shape (and, by default, dtype) the result takes.
    dtype (Dtype, optional): Data type; ``None`` keeps ``a``'s.

Returns:
    array: The zeros.

Example:
    >>> mx.zeros_like(mx.array([[1, 2]]))
    array([[0, 0]], dtype=int32)
)"},
    {"ones_like", R"(Ones with the shape and dtype of ``a``.

Args:
    a (array): The array whose shape (and, by default, dtype) the result takes.
    dtype (Dtype, optional): Data type; ``None`` keeps ``a``'s.

Returns:
    array: The ones.

Example:
    >>> mx.ones_like(mx.array([1.5, 2.5]))
    array([1, 1], dtype=float32)
)"},
    {"full_like", R"(An array shaped like ``a`` filled with ``vals``.

Args:
    a (array): The array whose shape (and, by default, dtype) the result takes.
    dtype (Dtype, optional): Data type; ``None`` keeps ``a``'s.
    vals (scalar or array): The fill value(s).

Returns:
    array: The filled array.

Example:
    >>> mx.full_like(mx.array([1, 2, 3]), 9)
    array([9, 9, 9], dtype=int32)
)"},
    {"empty", R"(An array of a shape and dtype; mxgraph fills it with zeros, so it is safe to read.

Args:
    shape (int or tuple(int)): Shape of the result.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.

Returns:
    array: The new array.

Example:
    >>> mx.empty((2, 2)).shape
    (2, 2)
)"},
    {"empty_like", R"(An array with the shape and dtype of ``a`` (filled with zeros).

Args:
    a (array): The array whose shape (and, by default, dtype) the result takes.
    dtype (Dtype, optional): Data type; ``None`` keeps ``a``'s.

Returns:
    array: The new array.

Example:
    >>> mx.empty_like(mx.array([1, 2])).dtype
    mxgraph.core.int32
)"},
    {"arange", R"(Evenly spaced values in ``[start, stop)``, ``step`` apart; ``arange(stop)`` starts at 0.

Args:
    start (scalar, optional): First value. Default: ``0``.
    stop (scalar): The end, not included.
    step (scalar, optional): Spacing. Default: ``1``.
    dtype (Dtype, optional): Data type; ``None``: int32 for integer arguments, else float32.

Returns:
    array: A 1-D array.

Example:
    >>> mx.arange(4)
    array([0, 1, 2, 3], dtype=int32)
    >>> mx.arange(1, 2, 0.25)
    array([1, 1.25, 1.5, 1.75], dtype=float32)
)"},
    {"linspace", R"(``num`` evenly spaced values from ``start`` to ``stop``.

Args:
    start (scalar): First value.
    stop (scalar): Last value (included when ``endpoint``).
    num (int, optional): How many values. Default: ``50``.
    endpoint (bool, optional): Include ``stop``. Default: ``True``.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.

Returns:
    array: A 1-D array.

Example:
    >>> mx.linspace(0, 1, 5)
    array([0, 0.25, 0.5, 0.75, 1], dtype=float32)
)"},
    {"eye", R"(A 2-D array with ones on a diagonal and zeros elsewhere.

Args:
    n (int): Rows.
    m (int, optional): Columns; ``None`` makes it square.
    k (int, optional): Diagonal offset: positive above the main one. Default: ``0``.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.

Returns:
    array: The ``(n, m)`` array.

Example:
    >>> mx.eye(2)
    array([[1, 0],
           [0, 1]], dtype=float32)
    >>> mx.eye(2, 3, k=1)
    array([[0, 1, 0],
           [0, 0, 1]], dtype=float32)
)"},
    {"identity", R"(The ``n`` by ``n`` identity matrix.

Args:
    n (int): Rows and columns.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.

Returns:
    array: The identity matrix.

Example:
    >>> mx.identity(2)
    array([[1, 0],
           [0, 1]], dtype=float32)
)"},
    {"tri", R"(A 2-D array with ones on and below a diagonal, zeros above.

Args:
    n (int): Rows.
    m (int, optional): Columns; ``None`` makes it square.
    k (int, optional): Diagonal offset. Default: ``0``.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.

Returns:
    array: The ``(n, m)`` array.

Example:
    >>> mx.tri(3)
    array([[1, 0, 0],
           [1, 1, 0],
           [1, 1, 1]], dtype=float32)
)"},
    {"tril", R"(The lower triangle of ``x``: elements above the ``k``-th diagonal set to zero.

Args:
    x (array): Input, at least 2-D.
    k (int, optional): Diagonal offset. Default: ``0``.

Returns:
    array: The lower triangle.

Example:
    >>> mx.tril(mx.ones((3, 3)))
    array([[1, 0, 0],
           [1, 1, 0],
           [1, 1, 1]], dtype=float32)
)"},
    {"triu", R"(The upper triangle of ``x``: elements below the ``k``-th diagonal set to zero.

Args:
    x (array): Input, at least 2-D.
    k (int, optional): Diagonal offset. Default: ``0``.

Returns:
    array: The upper triangle.

Example:
    >>> mx.triu(mx.ones((3, 3)), k=1)
    array([[0, 1, 1],
           [0, 0, 1],
           [0, 0, 0]], dtype=float32)
)"},
    {"meshgrid", R"(Coordinate grids from 1-D coordinate arrays.

Args:
    *arrays (array): 1-D coordinates, one per axis.
    sparse (bool, optional): Return broadcastable arrays instead of full grids. Default: ``False``.
    indexing (str, optional): ``"xy"`` (Cartesian) or ``"ij"`` (matrix). Default: ``"xy"``.

Returns:
    list(array): One grid per input.

Example:
    >>> x, y = mx.meshgrid(mx.array([1, 2, 3]), mx.array([4, 5]))
    >>> x
    array([[1, 2, 3],
           [1, 2, 3]], dtype=int32)
    >>> y
    array([[4, 4, 4],
           [5, 5, 5]], dtype=int32)
)"},
    {"bartlett", R"(The Bartlett (triangular) window of ``M`` points, as NumPy's ``bartlett``.

Args:
    M (int): Number of points; zero gives an empty array.

Returns:
    array: A float32 1-D array.

Example:
    >>> mx.bartlett(5)
    array([0, 0.5, 1, 0.5, 0], dtype=float32)
)"},
    {"blackman", R"(The Blackman window of ``M`` points, as NumPy's ``blackman``.

Args:
    M (int): Number of points; zero gives an empty array.

Returns:
    array: A float32 1-D array.

Example:
    >>> mx.blackman(5)
    array([-1.38778e-17, 0.34, 1, 0.34, -1.38778e-17], dtype=float32)
)"},
    {"hamming", R"(The Hamming window of ``M`` points, as NumPy's ``hamming``.

Args:
    M (int): Number of points; zero gives an empty array.

Returns:
    array: A float32 1-D array.

Example:
    >>> mx.hamming(5)
    array([0.08, 0.54, 1, 0.54, 0.08], dtype=float32)
)"},
    {"hanning", R"(The Hann window of ``M`` points, as NumPy's ``hanning``.

Args:
    M (int): Number of points; zero gives an empty array.

Returns:
    array: A float32 1-D array.

Example:
    >>> mx.hanning(5)
    array([0, 0.5, 1, 0.5, 0], dtype=float32)
)"},
    {"asarray", R"(Converts ``a`` to an array: an mxgraph array comes back as is (unless a dtype or copy asks otherwise); anything :class:`array` accepts is converted.

Args:
    a (array_like): An array, a scalar, a nested list, or a NumPy/buffer object.
    dtype (Dtype, optional): Data type of the result.
    copy (bool, optional): ``True`` always copies; ``False`` raises ``ValueError`` if a copy is needed.

Returns:
    array: The array.

Example:
    >>> mx.asarray([1, 2, 3])
    array([1, 2, 3], dtype=int32)
    >>> x = mx.array([1.0]); mx.asarray(x) is x
    False
)"},
    {"astype", R"(``a`` converted to another dtype; ``a.astype(dtype)`` is the same.

Args:
    dtype (Dtype): The target type.

Returns:
    array: The converted array (``a`` itself when the dtype is already ``dtype``).

Example:
    >>> mx.astype(mx.array([1.7, -1.7]), mx.int32)
    array([1, -1], dtype=int32)
)"},
    {"from_dlpack", R"(An array from any object with ``__dlpack__`` (NumPy, PyTorch, JAX...), sharing its memory when it can.

Args:
    x (object): An object that implements the DLPack protocol.
    copy (bool, optional): ``True`` always copies; ``False`` raises if sharing is impossible; ``None`` copies only when needed.

Returns:
    array: The array.

Example:
    >>> import numpy as np
    >>> mx.from_dlpack(np.arange(3, dtype=np.float32))
    array([0, 1, 2], dtype=float32)
)"},
    {"array.astype", R"(Method form of :func:`astype`.

Args:
    dtype (Dtype): The target type.

Returns:
    array: The converted array.

Example:
    >>> mx.array([1.5, 2.5]).astype(mx.int32)
    array([1, 2], dtype=int32)
)"},
  };
  return table;
}

} // namespace mxg::python
