// Docstrings of the array class and its own methods (array.cpp); op-like methods are documented with their ops.
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_array() {
  static const std::vector<Doc> table = {
    {"array", R"(An N-dimensional array. Operations on arrays are lazy: they record a graph, and values are computed when needed (:func:`eval`, printing, ``item()``, conversion to NumPy...).

Args:
    val (scalar, list, tuple, array or buffer): The values: a Python scalar, a nested list or tuple, an mxgraph array, or anything with the buffer protocol or ``__array__`` (NumPy arrays).
    dtype (Dtype, optional): Data type; ``None`` infers it (bool, int32, float32 or complex64 for Python values).

Example:
    >>> mx.array([[1, 2], [3, 4]])
    array([[1, 2],
           [3, 4]], dtype=int32)
    >>> mx.array(1.5, dtype=mx.float16)
    array(1.5, dtype=float16)
    >>> mx.array([1, 2]) + 0.5
    array([1.5, 2.5], dtype=float32)
)"},
    {"array.shape", R"(The size of each axis, a tuple of ints.
)"},
    {"array.ndim", R"(The number of axes.
)"},
    {"array.size", R"(The number of elements.
)"},
    {"array.dtype", R"(The element type (a :class:`Dtype`).
)"},
    {"array.itemsize", R"(Bytes per element.
)"},
    {"array.nbytes", R"(Bytes of the array's elements (``size * itemsize``).
)"},
    {"array.item", R"(The value of a one-element array as a Python scalar; evaluates the array.

Returns:
    bool, int, float or complex: The value.

Example:
    >>> mx.array([3.5]).item()
    3.5
    >>> (mx.array(2) * 3).item()
    6
)"},
    {"array.tolist", R"(The array as nested Python lists of scalars; evaluates the array.

Returns:
    list or scalar: The values (a scalar for a 0-d array).

Example:
    >>> mx.array([[1, 2], [3, 4]]).tolist()
    [[1, 2], [3, 4]]
)"},
    {"array.numpy", R"(The array as a NumPy array (a copy); evaluates the array. ``np.array(a)`` does the same.

Returns:
    numpy.ndarray: The values.

Example:
    >>> mx.array([1.0, 2.0]).numpy()
    array([1., 2.], dtype=float32)
)"},
  };
  return table;
}

} // namespace mxg::python
