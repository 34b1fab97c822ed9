// Docstrings of the matrix products (ops_linalg.cpp, ops_misc.cpp).
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_linalg() {
  static const std::vector<Doc> table = {
    {"matmul", R"(Matrix product with NumPy's rules: 1-D operands become vectors, and leading axes broadcast as a batch; ``a @ b`` is the same.

Returns:
    array: The product, in the promoted dtype.

Example:
    >>> mx.matmul(mx.array([[1.0, 2.0], [3.0, 4.0]]), mx.array([[1.0], [1.0]]))
    array([[3],
           [7]], dtype=float32)
)"},
    {"addmm", R"(``alpha * (a @ b) + beta * c`` in one operation.

Args:
    c (array): The array added, broadcast to the product's shape.
    alpha (float, optional): Scale of the product. Default: ``1``.
    beta (float, optional): Scale of ``c``. Default: ``1``.

Returns:
    array: The result.

Example:
    >>> mx.addmm(mx.ones((2, 2)), mx.eye(2), mx.full((2, 2), 3.0), alpha=2.0)
    array([[7, 7],
           [7, 7]], dtype=float32)
)"},
    {"inner", R"(Inner product over the last axes of ``a`` and ``b``; for vectors, their dot product.

Returns:
    array: The inner products.

Example:
    >>> mx.inner(mx.array([1.0, 2.0, 3.0]), mx.array([4.0, 5.0, 6.0]))
    array(32, dtype=float32)
)"},
    {"outer", R"(Outer product of two vectors (other inputs are flattened).

Returns:
    array: The ``(a.size, b.size)`` matrix ``a[i] * b[j]``.

Example:
    >>> mx.outer(mx.array([1, 2]), mx.array([1, 10, 100]))
    array([[1, 10, 100],
           [2, 20, 200]], dtype=int32)
)"},
    {"tensordot", R"(Sums products of ``a`` and ``b`` over the given axes.

Args:
    axes (int or list(list(int)), optional): ``n``: the last ``n`` axes of ``a`` with the first ``n`` of ``b``; or two lists of axes. Default: ``2``.

Returns:
    array: The contraction.

Example:
    >>> mx.tensordot(mx.ones((2, 3)), mx.ones((3, 4)), axes=1).shape
    (2, 4)
)"},
    {"vecdot", R"(Dot product of vectors along an axis, conjugating ``a`` (the array API's ``vecdot``).

Args:
    axis (int, optional): The axis holding the vectors. Default: ``-1``.

Returns:
    array: The dot products; ``axis`` is removed.

Example:
    >>> mx.vecdot(mx.array([[1, 2], [3, 4]]), mx.array([1, 1]))
    array([3, 7], dtype=int32)
)"},
  };
  return table;
}

} // namespace mxg::python
