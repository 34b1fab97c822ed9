// Docstrings of the indexing, sorting and searching ops (ops_indexing.cpp, ops_sort.cpp, ops_misc.cpp).
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_indexing() {
  static const std::vector<Doc> table = {
    {"take", R"(Takes elements of ``a`` at integer ``indices`` along an axis (NumPy's ``take``).

Args:
    indices (array or int): Integer indices; negative ones count from the end.
    axis (int, optional): The axis to index; ``None`` indexes the flattened array.

Returns:
    array: The gathered elements; ``indices``' shape replaces ``axis``.

Example:
    >>> mx.take(mx.array([10, 20, 30]), mx.array([2, 0]))
    array([30, 10], dtype=int32)
    >>> mx.take(mx.array([[1, 2], [3, 4]]), mx.array([1]), axis=1)
    array([[2],
           [4]], dtype=int32)
)"},
    {"take_along_axis", R"(Takes the values of ``a`` at ``indices`` matched along one axis (the pairs argsort and argmax give).

Args:
    indices (array): Integer indices, broadcast against ``a`` except along ``axis``.
    axis (int, optional): The axis to index; ``None`` indexes the flattened array. Default: ``-1``.

Returns:
    array: The gathered values, shaped like ``indices``.

Example:
    >>> a = mx.array([[3, 1, 2], [9, 7, 8]])
    >>> mx.take_along_axis(a, mx.argsort(a, axis=1), axis=1)
    array([[1, 2, 3],
           [7, 8, 9]], dtype=int32)
)"},
    {"put_along_axis", R"(``a`` with ``values`` written at ``indices`` along one axis; the inverse of :func:`take_along_axis`.

Args:
    indices (array): Integer indices, broadcast against ``a`` except along ``axis``.
    values (array): The values to write, broadcast to ``indices``' shape.
    axis (int, optional): The axis to index; ``None`` uses the flattened array.

Returns:
    array: A new array (``a`` is unchanged).

Example:
    >>> mx.put_along_axis(mx.zeros((2, 3), dtype=mx.int32), mx.array([[1], [2]]), mx.array(5), axis=1)
    array([[0, 5, 0],
           [0, 0, 5]], dtype=int32)
)"},
    {"searchsorted", R"(Where ``values`` would be inserted into ``sorted_sequence`` to keep it sorted.

Args:
    sorted_sequence (array): A 1-D array in ascending order.
    values (array): The values to place.
    side (str, optional): ``"left"``: the first suitable index; ``"right"``: the last. Default: ``"left"``.

Returns:
    array: Indices (uint32) shaped like ``values``.

Example:
    >>> mx.searchsorted(mx.array([1, 3, 5]), mx.array([0, 3, 6]))
    array([0, 1, 3], dtype=uint32)
    >>> mx.searchsorted(mx.array([1, 3, 5]), mx.array([3]), side="right")
    array([2], dtype=uint32)
)"},
    {"sort", R"(The elements of ``a`` sorted in ascending order along an axis (NaN last).

Args:
    axis (int, optional): The axis to sort along; ``None`` sorts the flattened array. Default: ``-1``.

Returns:
    array: The sorted array.

Example:
    >>> mx.sort(mx.array([3, 1, 2]))
    array([1, 2, 3], dtype=int32)
    >>> mx.sort(mx.array([[3, 1], [0, 2]]), axis=0)
    array([[0, 1],
           [3, 2]], dtype=int32)
)"},
    {"argsort", R"(The indices that sort ``a`` along an axis (stable).

Args:
    axis (int, optional): The axis to sort along; ``None`` sorts the flattened array. Default: ``-1``.

Returns:
    array: uint32 indices.

Example:
    >>> mx.argsort(mx.array([3, 1, 2]))
    array([1, 2, 0], dtype=uint32)
)"},
    {"partition", R"(Partially sorts ``a``: the element at ``kth`` is where a full sort puts it, smaller ones before it and larger ones after, in no given order.

Args:
    kth (int): The index that ends up in its sorted position.
    axis (int, optional): The axis to sort along; ``None`` sorts the flattened array. Default: ``-1``.

Returns:
    array: The partitioned array.

Example:
    >>> mx.partition(mx.array([5, 1, 4, 2, 3]), 2)[2]
    array(3, dtype=int32)
)"},
    {"argpartition", R"(The indices that would :func:`partition` ``a``.

Args:
    kth (int): The index that ends up in its sorted position.
    axis (int, optional): The axis to sort along; ``None`` sorts the flattened array. Default: ``-1``.

Returns:
    array: uint32 indices.

Example:
    >>> i = mx.argpartition(mx.array([5, 1, 4, 2, 3]), 2)
    >>> mx.array([5, 1, 4, 2, 3])[i][2]
    array(3, dtype=int32)
)"},
    {"topk", R"(The ``k`` largest elements of ``a`` along an axis, in no given order.

Args:
    k (int): How many elements to keep.
    axis (int, optional): The axis; ``None`` uses the flattened array. Default: ``-1``.

Returns:
    array: The ``k`` largest elements; ``axis`` has size ``k``.

Example:
    >>> mx.sort(mx.topk(mx.array([5, 1, 4, 2, 3]), 2))
    array([4, 5], dtype=int32)
)"},
    {"ArrayAt", R"(The helper behind ``a.at[idx]``: applies an update at indices and returns a new array, accumulating over repeated indices (``a[idx] += v`` does not).

Example:
    >>> a = mx.zeros(3)
    >>> a.at[mx.array([0, 0, 2])].add(1.0)
    array([2, 0, 1], dtype=float32)
)"},
    {"ArrayAt.add", R"(A new array that adds ``value`` to the elements at the indices, once per occurrence of an index.

Args:
    value (array or scalar): The update, broadcast to the indexed shape.

Returns:
    array: The updated array (the original is unchanged).

Example:
    >>> mx.array([1.0, 2.0, 3.0]).at[mx.array([0, 0])].add(2.0)
    array([5, 2, 3], dtype=float32)
)"},
    {"ArrayAt.subtract", R"(A new array that subtracts ``value`` from the elements at the indices, once per occurrence of an index.

Args:
    value (array or scalar): The update, broadcast to the indexed shape.

Returns:
    array: The updated array (the original is unchanged).

Example:
    >>> mx.array([1.0, 2.0, 3.0]).at[mx.array([0, 0])].subtract(2.0)
    array([-3, 2, 3], dtype=float32)
)"},
    {"ArrayAt.multiply", R"(A new array that multiplies by ``value`` the elements at the indices, once per occurrence of an index.

Args:
    value (array or scalar): The update, broadcast to the indexed shape.

Returns:
    array: The updated array (the original is unchanged).

Example:
    >>> mx.array([1.0, 2.0, 3.0]).at[mx.array([0, 0])].multiply(2.0)
    array([4, 2, 3], dtype=float32)
)"},
    {"ArrayAt.divide", R"(A new array that divides by ``value`` the elements at the indices, once per occurrence of an index.

Args:
    value (array or scalar): The update, broadcast to the indexed shape.

Returns:
    array: The updated array (the original is unchanged).

Example:
    >>> mx.array([1.0, 2.0, 3.0]).at[mx.array([0, 0])].divide(2.0)
    array([0.25, 2, 3], dtype=float32)
)"},
    {"ArrayAt.maximum", R"(A new array that takes the maximum of ``value`` and the elements at the indices, once per occurrence of an index.

Args:
    value (array or scalar): The update, broadcast to the indexed shape.

Returns:
    array: The updated array (the original is unchanged).

Example:
    >>> mx.array([1.0, 2.0, 3.0]).at[mx.array([0, 0])].maximum(2.0)
    array([2, 2, 3], dtype=float32)
)"},
    {"ArrayAt.minimum", R"(A new array that takes the minimum of ``value`` and the elements at the indices, once per occurrence of an index.

Args:
    value (array or scalar): The update, broadcast to the indexed shape.

Returns:
    array: The updated array (the original is unchanged).

Example:
    >>> mx.array([1.0, 2.0, 3.0]).at[mx.array([0, 0])].minimum(2.0)
    array([1, 2, 3], dtype=float32)
)"},
    {"array.at", R"(Indexed updates that return new arrays and accumulate over repeated indices: ``a.at[idx].add(v)``; see :class:`ArrayAt`.
)"},
  };
  return table;
}

} // namespace mxg::python
