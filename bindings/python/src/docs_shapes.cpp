// Docstrings of the shape ops (ops_shape.cpp, ops_misc.cpp) and their array methods.
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_shapes() {
  static const std::vector<Doc> table = {
    {"reshape", R"(Gives ``a`` a new shape with the same number of elements; one entry may be -1 (inferred).

Args:
    shape (tuple(int)): The new shape.

Returns:
    array: ``a`` with the new shape (a view when it can be).

Example:
    >>> mx.reshape(mx.arange(6), (2, 3))
    array([[0, 1, 2],
           [3, 4, 5]], dtype=int32)
    >>> mx.reshape(mx.arange(6), (3, -1)).shape
    (3, 2)
)"},
    {"transpose", R"(Permutes the axes of ``a``; without ``axes`` it reverses them.

Args:
    axes (list(int), optional): The new order of the axes.

Returns:
    array: The transposed array.

Example:
    >>> a = mx.zeros((2, 3, 4))
    >>> mx.transpose(a).shape
    (4, 3, 2)
    >>> mx.transpose(a, (1, 0, 2)).shape
    (3, 2, 4)
)"},
    {"permute_dims", R"(The array API's name for :func:`transpose`.

Args:
    axes (list(int), optional): The new order of the axes; ``None`` reverses them.

Returns:
    array: The transposed array.

Example:
    >>> mx.permute_dims(mx.zeros((2, 3)), (1, 0)).shape
    (3, 2)
)"},
    {"swapaxes", R"(Swaps two axes of ``a``.

Args:
    axis1 (int): First axis.
    axis2 (int): Second axis.

Returns:
    array: ``a`` with the two axes exchanged.

Example:
    >>> mx.swapaxes(mx.zeros((2, 3, 4)), 0, 2).shape
    (4, 3, 2)
)"},
    {"moveaxis", R"(Moves one axis of ``a`` to a new position, keeping the order of the others.

Args:
    source (int): The axis to move.
    destination (int): Its new position.

Returns:
    array: The array with the axis moved.

Example:
    >>> mx.moveaxis(mx.zeros((2, 3, 4)), 0, -1).shape
    (3, 4, 2)
)"},
    {"broadcast_to", R"(Broadcasts ``a`` to a shape, with NumPy's rules (no copy).

Args:
    shape (tuple(int)): The shape to broadcast to.

Returns:
    array: A broadcast view of ``a``.

Example:
    >>> mx.broadcast_to(mx.array([1, 2, 3]), (2, 3))
    array([[1, 2, 3],
           [1, 2, 3]], dtype=int32)
)"},
    {"broadcast_arrays", R"(Broadcasts arrays against each other.

Args:
    *arrays (array): The arrays to broadcast.

Returns:
    tuple(array): The arrays, all with the broadcast shape.

Example:
    >>> x, y = mx.broadcast_arrays(mx.array([1, 2]), mx.array([[3], [4]]))
    >>> x.shape, y.shape
    ((2, 2), (2, 2))
)"},
    {"broadcast_shapes", R"(The shape that shapes broadcast to, with NumPy's rules.

Args:
    *shapes (tuple(int)): The shapes to combine.

Returns:
    tuple(int): The broadcast shape.

Example:
    >>> mx.broadcast_shapes((2, 1), (1, 3))
    (2, 3)
)"},
    {"expand_dims", R"(Inserts axes of size one.

Args:
    axis (int or list(int)): Where the new axes go in the result.

Returns:
    array: ``a`` with the new axes.

Example:
    >>> mx.expand_dims(mx.array([1, 2]), 0).shape
    (1, 2)
    >>> mx.expand_dims(mx.array([1, 2]), (0, 2)).shape
    (1, 2, 1)
)"},
    {"squeeze", R"(Removes axes of size one.

Args:
    axis (int or list(int), optional): The axes to remove; ``None`` removes every axis of size one.

Returns:
    array: ``a`` without those axes.

Example:
    >>> mx.squeeze(mx.zeros((1, 3, 1))).shape
    (3,)
    >>> mx.squeeze(mx.zeros((1, 3, 1)), 0).shape
    (3, 1)
)"},
    {"flatten", R"(Flattens the axes from ``start_axis`` to ``end_axis`` (inclusive) into one.

Args:
    start_axis (int, optional): First axis to flatten. Default: ``0``.
    end_axis (int, optional): Last axis to flatten. Default: ``-1``.

Returns:
    array: The flattened array.

Example:
    >>> mx.flatten(mx.zeros((2, 3, 4))).shape
    (24,)
    >>> mx.flatten(mx.zeros((2, 3, 4)), 1, 2).shape
    (2, 12)
)"},
    {"unflatten", R"(Splits one axis into several, the inverse of :func:`flatten`.

Args:
    axis (int): The axis to split.
    shape (tuple(int)): The sizes it splits into; one may be -1.

Returns:
    array: The reshaped array.

Example:
    >>> mx.unflatten(mx.zeros((2, 12)), 1, (3, 4)).shape
    (2, 3, 4)
)"},
    {"contiguous", R"(A copy of ``a`` laid out row-major (C order), or ``a`` itself when it is already.

Args:
    allow_col_major (bool, optional): Accept a column-major layout as well. Default: ``False``.

Returns:
    array: A contiguous array with the values of ``a``.

Example:
    >>> mx.contiguous(mx.zeros((2, 3)).T).shape
    (3, 2)
)"},
    {"concatenate", R"(Joins arrays along an existing axis; ``concat`` is the same function.

Args:
    arrays (list(array)): The arrays; they must match except along ``axis``.
    axis (int, optional): The axis to join along; ``None`` flattens them first. Default: ``0``.

Returns:
    array: The joined array.

Example:
    >>> mx.concatenate([mx.array([1, 2]), mx.array([3])])
    array([1, 2, 3], dtype=int32)
    >>> mx.concatenate([mx.zeros((2, 2)), mx.ones((2, 1))], axis=1).shape
    (2, 3)
)"},
    {"stack", R"(Joins arrays of one shape along a new axis.

Args:
    arrays (list(array)): The arrays, all of one shape.
    axis (int, optional): Where the new axis goes. Default: ``0``.

Returns:
    array: The stacked array, one axis more than the inputs.

Example:
    >>> mx.stack([mx.array([1, 2]), mx.array([3, 4])])
    array([[1, 2],
           [3, 4]], dtype=int32)
    >>> mx.stack([mx.array([1, 2]), mx.array([3, 4])], axis=1)
    array([[1, 3],
           [2, 4]], dtype=int32)
)"},
    {"split", R"(Splits ``a`` along an axis into equal parts or at given indices.

Args:
    indices_or_sections (int or list(int)): A number of equal parts, or the indices to split before.
    axis (int, optional): The axis to split. Default: ``0``.

Returns:
    list(array): The parts.

Example:
    >>> mx.split(mx.arange(6), 3)
    [array([0, 1], dtype=int32), array([2, 3], dtype=int32), array([4, 5], dtype=int32)]
    >>> mx.split(mx.arange(6), [1, 4])
    [array([0], dtype=int32), array([1, 2, 3], dtype=int32), array([4, 5], dtype=int32)]
)"},
    {"unstack", R"(Splits ``x`` along an axis into arrays without that axis; the inverse of :func:`stack`.

Args:
    x (array): Input array.
    axis (int, optional): The axis to remove. Default: ``0``.

Returns:
    tuple(array): One array per index along ``axis``.

Example:
    >>> mx.unstack(mx.array([[1, 2], [3, 4]]))
    (array([1, 2], dtype=int32), array([3, 4], dtype=int32))
)"},
    {"tile", R"(Repeats the whole of ``a`` ``reps`` times along each axis.

Args:
    reps (int or list(int)): Repetitions per axis.

Returns:
    array: The tiled array.

Example:
    >>> mx.tile(mx.array([1, 2]), 2)
    array([1, 2, 1, 2], dtype=int32)
    >>> mx.tile(mx.array([1, 2]), (2, 1))
    array([[1, 2],
           [1, 2]], dtype=int32)
)"},
    {"repeat", R"(Repeats each element of ``array`` ``repeats`` times.

Args:
    array (array): Input array.
    repeats (int): How many times each element appears.
    axis (int, optional): The axis to repeat along; ``None`` flattens first.

Returns:
    array: The array with repeated elements.

Example:
    >>> mx.repeat(mx.array([1, 2]), 2)
    array([1, 1, 2, 2], dtype=int32)
    >>> mx.repeat(mx.array([[1, 2], [3, 4]]), 2, axis=0)
    array([[1, 2],
           [1, 2],
           [3, 4],
           [3, 4]], dtype=int32)
)"},
    {"pad", R"(Pads ``a`` with values at the start and end of its axes.

Args:
    pad_width (int or list): ``n``, ``(before, after)``, or one ``(before, after)`` pair per axis.
    mode (str, optional): ``"constant"`` (fill with ``constant_values``) or ``"edge"`` (repeat the border). Default: ``"constant"``.
    constant_values (scalar or array, optional): The fill value. Default: ``0``.

Returns:
    array: The padded array.

Example:
    >>> mx.pad(mx.array([1, 2]), 1)
    array([0, 1, 2, 0], dtype=int32)
    >>> mx.pad(mx.array([1, 2]), (0, 2), mode="edge")
    array([1, 2, 2, 2], dtype=int32)
)"},
    {"atleast_1d", R"(Gives each input at least 1 dimension, adding axes of size one.

Args:
    *arys (array): The arrays.

Returns:
    array or list(array): One array for one input, else a list.

Example:
    >>> mx.atleast_1d(mx.array(5)).shape
    (1,)
)"},
    {"atleast_2d", R"(Gives each input at least 2 dimensions, adding axes of size one.

Args:
    *arys (array): The arrays.

Returns:
    array or list(array): One array for one input, else a list.

Example:
    >>> mx.atleast_2d(mx.array(5)).shape
    (1, 1)
)"},
    {"atleast_3d", R"(Gives each input at least 3 dimensions, adding axes of size one.

Args:
    *arys (array): The arrays.

Returns:
    array or list(array): One array for one input, else a list.

Example:
    >>> mx.atleast_3d(mx.array(5)).shape
    (1, 1, 1)
)"},
    {"as_strided", R"(A view of ``a``'s elements (row-major) with the given shape, strides (in elements) and offset; the view must stay inside ``a`` (``ValueError`` otherwise).

Args:
    shape (tuple(int), optional): The shape of the view; ``None`` keeps ``a``'s.
    strides (tuple(int), optional): The strides in elements; ``None`` uses row-major strides.
    offset (int, optional): The first element, in elements. Default: ``0``.

Returns:
    array: The strided view.

Example:
    >>> mx.as_strided(mx.arange(6), (2, 2), (2, 1))
    array([[0, 1],
           [2, 3]], dtype=int32)
)"},
    {"slice", R"(Takes a slice of size ``slice_size`` from ``a``, starting at ``start_indices`` (an array, so the start can be computed) along ``axes``.

Args:
    start_indices (array): Start of the slice along each of ``axes``.
    axes (list(int)): The axes the slice starts apply to.
    slice_size (list(int)): The size of the result along every axis.

Returns:
    array: The slice.

Example:
    >>> mx.slice(mx.arange(10), mx.array([3]), [0], [4])
    array([3, 4, 5, 6], dtype=int32)
)"},
    {"slice_update", R"(``a`` with the block at ``start_indices`` replaced by ``update``; the start may be computed.

Args:
    update (array): The new values.
    start_indices (array): Start of the block along each of ``axes``.
    axes (list(int)): The axes the starts apply to.

Returns:
    array: A new array (``a`` is unchanged).

Example:
    >>> mx.slice_update(mx.zeros(5, dtype=mx.int32), mx.array([7, 8]), mx.array([1]), [0])
    array([0, 7, 8, 0, 0], dtype=int32)
)"},
    {"matrix_transpose", R"(Swaps the last two axes of ``a`` (a batch of matrices).

Returns:
    array: ``swapaxes(a, -1, -2)``.

Example:
    >>> mx.matrix_transpose(mx.zeros((5, 2, 3))).shape
    (5, 3, 2)
)"},
    {"flip", R"(Reverses the order of elements along the given axes.

Args:
    axis (int or list(int), optional): The axes to reverse; ``None`` reverses all.

Returns:
    array: The flipped array.

Example:
    >>> mx.flip(mx.array([[1, 2], [3, 4]]), axis=1)
    array([[2, 1],
           [4, 3]], dtype=int32)
)"},
    {"roll", R"(Rolls elements along axes: those shifted past the end come back at the start.

Args:
    shift (int or list(int)): How far to shift (per axis).
    axis (int or list(int), optional): The axes to roll; ``None`` rolls the flattened array.

Returns:
    array: The rolled array.

Example:
    >>> mx.roll(mx.array([1, 2, 3, 4]), 1)
    array([4, 1, 2, 3], dtype=int32)
)"},
    {"diagonal", R"(The diagonal of the 2-D slices of ``a`` over ``axis1`` and ``axis2``.

Args:
    offset (int, optional): Diagonal offset: positive above the main diagonal. Default: ``0``.
    axis1 (int, optional): First axis of the 2-D slices. Default: ``0``.
    axis2 (int, optional): Second axis. Default: ``1``.

Returns:
    array: The diagonals, along a new last axis.

Example:
    >>> mx.diagonal(mx.array([[1, 2], [3, 4]]))
    array([1, 4], dtype=int32)
)"},
    {"diag", R"(The diagonal of a 2-D array, or a square 2-D array with a 1-D array on its diagonal.

Args:
    k (int, optional): Diagonal offset: positive above the main diagonal. Default: ``0``.

Returns:
    array: The diagonal (2-D input) or the diagonal matrix (1-D input).

Example:
    >>> mx.diag(mx.array([1, 2]))
    array([[1, 0],
           [0, 2]], dtype=int32)
    >>> mx.diag(mx.array([[1, 2], [3, 4]]))
    array([1, 4], dtype=int32)
)"},
    {"trace", R"(Sum along the diagonal of the 2-D slices over ``axis1`` and ``axis2``.

Args:
    offset (int, optional): Diagonal offset. Default: ``0``.
    axis1 (int, optional): First axis. Default: ``0``.
    axis2 (int, optional): Second axis. Default: ``1``.
    dtype (Dtype, optional): Data type of the sum; ``None`` follows :func:`sum`.

Returns:
    array: The traces.

Example:
    >>> mx.trace(mx.array([[1, 2], [3, 4]]))
    array(5, dtype=int32)
)"},
    {"diff", R"(The ``n``-th discrete difference along an axis, ``a[i + 1] - a[i]`` applied ``n`` times.

Args:
    n (int, optional): How many times to difference. Default: ``1``.
    axis (int, optional): The axis. Default: ``-1``.

Returns:
    array: The differences, ``n`` shorter along ``axis``.

Example:
    >>> mx.diff(mx.array([1, 4, 9, 16]))
    array([3, 5, 7], dtype=int32)
    >>> mx.diff(mx.array([1, 4, 9, 16]), n=2)
    array([2, 2], dtype=int32)
)"},
    {"kron", R"(Kronecker product: every element of ``a`` times the whole of ``b``.

Returns:
    array: The Kronecker product.

Example:
    >>> mx.kron(mx.array([1, 10]), mx.array([1, 2, 3]))
    array([1, 2, 3, 10, 20, 30], dtype=int32)
)"},
    {"array.reshape", R"(Method form of :func:`reshape`; the shape may be a tuple or separate ints.

Args:
    *shape (int): The new shape, as a tuple or separate ints.

Returns:
    array: The reshaped array.

Example:
    >>> mx.arange(6).reshape(2, 3).shape
    (2, 3)
    >>> mx.arange(6).reshape((3, 2)).shape
    (3, 2)
)"},
    {"array.transpose", R"(Method form of :func:`transpose`; the axes may be a tuple or separate ints.

Args:
    *axes (int): The new order of the axes; none reverses them.

Returns:
    array: The transposed array.

Example:
    >>> mx.zeros((2, 3, 4)).transpose(2, 0, 1).shape
    (4, 2, 3)
)"},
    {"array.swapaxes", R"(Method form of :func:`swapaxes`.

Args:
    axis1 (int): First axis.
    axis2 (int): Second axis.

Returns:
    array: The array with the two axes exchanged.

Example:
    >>> mx.zeros((2, 3)).swapaxes(0, 1).shape
    (3, 2)
)"},
    {"array.moveaxis", R"(Method form of :func:`moveaxis`.

Args:
    source (int): The axis to move.
    destination (int): Its new position.

Returns:
    array: The array with the axis moved.

Example:
    >>> mx.zeros((2, 3, 4)).moveaxis(0, -1).shape
    (3, 4, 2)
)"},
    {"array.squeeze", R"(Method form of :func:`squeeze`.

Args:
    axis (int or list(int), optional): The axes to remove; ``None`` removes every axis of size one.

Returns:
    array: The squeezed array.

Example:
    >>> mx.zeros((1, 3, 1)).squeeze().shape
    (3,)
)"},
    {"array.flatten", R"(Method form of :func:`flatten`.

Args:
    start_axis (int, optional): First axis to flatten. Default: ``0``.
    end_axis (int, optional): Last axis to flatten. Default: ``-1``.

Returns:
    array: The flattened array.

Example:
    >>> mx.zeros((2, 3, 4)).flatten().shape
    (24,)
)"},
    {"array.split", R"(Method form of :func:`split`.

Args:
    indices_or_sections (int or list(int)): A number of equal parts, or the indices to split before.
    axis (int, optional): The axis to split. Default: ``0``.

Returns:
    list(array): The parts.

Example:
    >>> mx.arange(4).split(2)
    [array([0, 1], dtype=int32), array([2, 3], dtype=int32)]
)"},
    {"array.diagonal", R"(Method form of :func:`diagonal`.

Args:
    offset (int, optional): Diagonal offset. Default: ``0``.
    axis1 (int, optional): First axis. Default: ``0``.
    axis2 (int, optional): Second axis. Default: ``1``.

Returns:
    array: The diagonals.

Example:
    >>> mx.array([[1, 2], [3, 4]]).diagonal()
    array([1, 4], dtype=int32)
)"},
    {"array.diag", R"(Method form of :func:`diag`.

Args:
    k (int, optional): Diagonal offset. Default: ``0``.

Returns:
    array: The diagonal or the diagonal matrix.

Example:
    >>> mx.array([1, 2]).diag()
    array([[1, 0],
           [0, 2]], dtype=int32)
)"},
    {"array.T", R"(The array with its axes reversed, as :func:`transpose`.
)"},
    {"array.mT", R"(The array with its last two axes swapped, as :func:`matrix_transpose`.
)"},
  };
  return table;
}

} // namespace mxg::python
