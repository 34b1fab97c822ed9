// Docstrings of the reductions and scans (ops_reduction.cpp, ops_misc.cpp) and their array methods.
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_reductions() {
  static const std::vector<Doc> table = {
    {"sum", R"(Sum of the elements over the given axes.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: The sums; bool and integers narrower than 32 bits sum as int32 (unsigned: uint32).

Example:
    >>> a = mx.array([[1, 2], [3, 4]])
    >>> mx.sum(a)
    array(10, dtype=int32)
    >>> mx.sum(a, axis=0)
    array([4, 6], dtype=int32)
    >>> mx.sum(a, axis=1, keepdims=True)
    array([[3],
           [7]], dtype=int32)
)"},
    {"prod", R"(Product of the elements over the given axes.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: The products.

Example:
    >>> mx.prod(mx.array([[1, 2], [3, 4]]), axis=1)
    array([2, 12], dtype=int32)
)"},
    {"max", R"(Largest element over the given axes; NaN wins.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: The maxima, with the dtype of ``a``.

Example:
    >>> mx.max(mx.array([[1, 5], [7, 2]]), axis=0)
    array([7, 5], dtype=int32)
)"},
    {"min", R"(Smallest element over the given axes; NaN wins.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: The minima, with the dtype of ``a``.

Example:
    >>> mx.min(mx.array([[1, 5], [7, 2]]), axis=0)
    array([1, 2], dtype=int32)
)"},
    {"all", R"(Logical and over the given axes: true where every element is nonzero.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: A bool array.

Example:
    >>> mx.all(mx.array([[True, False], [True, True]]), axis=1)
    array([False, True], dtype=bool)
)"},
    {"any", R"(Logical or over the given axes: true where some element is nonzero.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: A bool array.

Example:
    >>> mx.any(mx.array([[True, False], [False, False]]), axis=1)
    array([True, False], dtype=bool)
)"},
    {"mean", R"(Arithmetic mean over the given axes.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: The means, floating point.

Example:
    >>> mx.mean(mx.array([[1, 2], [3, 4]]), axis=0)
    array([2, 3], dtype=float32)
)"},
    {"logsumexp", R"(``log(sum(exp(a)))`` over the given axes, computed without overflow.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: The log-sum-exp, floating point.

Example:
    >>> mx.logsumexp(mx.array([1000.0, 1000.0]))
    array(1000.69, dtype=float32)
)"},
    {"argmax", R"(Index of the largest element along an axis (the first one on ties).

Args:
    axis (int, optional): Axis to search; ``None`` searches the flattened array.

Returns:
    array: uint32 indices.

Example:
    >>> mx.argmax(mx.array([[1, 5, 3], [9, 2, 9]]), axis=1)
    array([1, 0], dtype=uint32)
)"},
    {"argmin", R"(Index of the smallest element along an axis (the first one on ties).

Args:
    axis (int, optional): Axis to search; ``None`` searches the flattened array.

Returns:
    array: uint32 indices.

Example:
    >>> mx.argmin(mx.array([[1, 5, 3], [9, 2, 9]]), axis=1)
    array([0, 1], dtype=uint32)
)"},
    {"var", R"(Variance over the given axes, ``mean(|a - mean(a)|**2)`` with divisor ``N - ddof``.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.
    ddof (int, optional): Delta degrees of freedom: the divisor is ``N - ddof``. Default: ``0``.
    correction (int, optional): The array API's name for ``ddof``; wins when given.

Returns:
    array: The variances, floating point.

Example:
    >>> mx.var(mx.array([1.0, 2.0, 3.0, 4.0]))
    array(1.25, dtype=float32)
    >>> mx.var(mx.array([1.0, 2.0, 3.0, 4.0]), ddof=1)
    array(1.66667, dtype=float32)
)"},
    {"std", R"(Standard deviation over the given axes, the square root of :func:`var`.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.
    ddof (int, optional): Delta degrees of freedom: the divisor is ``N - ddof``. Default: ``0``.
    correction (int, optional): The array API's name for ``ddof``; wins when given.

Returns:
    array: The standard deviations, floating point.

Example:
    >>> mx.std(mx.array([1.0, 2.0, 3.0, 4.0]))
    array(1.11803, dtype=float32)
)"},
    {"median", R"(Median over the given axes (the mean of the two middle values for an even count).

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: The medians, floating point.

Example:
    >>> mx.median(mx.array([[3.0, 1.0, 2.0], [4.0, 6.0, 5.0]]), axis=1)
    array([2, 5], dtype=float32)
)"},
    {"minmax", R"(Smallest and largest element over the given axes, in one pass.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    tuple(array, array): ``(min(a, axis), max(a, axis))``.

Example:
    >>> lo, hi = mx.minmax(mx.array([3, -1, 7]))
    >>> lo, hi
    (array(-1, dtype=int32), array(7, dtype=int32))
)"},
    {"count_nonzero", R"(Counts the nonzero elements over the given axes.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: The counts (int32).

Example:
    >>> mx.count_nonzero(mx.array([[0, 1, 2], [0, 0, 3]]), axis=1)
    array([2, 1], dtype=int32)
)"},
    {"cumsum", R"(Cumulative sum along an axis.

Args:
    axis (int, optional): Axis to scan along; ``None`` scans the flattened array.
    reverse (bool, optional): Scan from the end backwards. Default: ``False``.
    inclusive (bool, optional): Include the element itself in its result. Default: ``True``.
    dtype (Dtype, optional): Data type of the result; ``None`` keeps NumPy's rules.

Returns:
    array: The running sums, shaped like ``a`` (flattened when ``axis`` is ``None``).

Example:
    >>> mx.cumsum(mx.array([1, 2, 3, 4]))
    array([1, 3, 6, 10], dtype=int32)
    >>> mx.cumsum(mx.array([1, 2, 3, 4]), reverse=True)
    array([10, 9, 7, 4], dtype=int32)
    >>> mx.cumsum(mx.array([1, 2, 3, 4]), inclusive=False)
    array([0, 1, 3, 6], dtype=int32)
)"},
    {"cumprod", R"(Cumulative product along an axis.

Args:
    axis (int, optional): Axis to scan along; ``None`` scans the flattened array.
    reverse (bool, optional): Scan from the end backwards. Default: ``False``.
    inclusive (bool, optional): Include the element itself in its result. Default: ``True``.
    dtype (Dtype, optional): Data type of the result; ``None`` keeps NumPy's rules.

Returns:
    array: The running products.

Example:
    >>> mx.cumprod(mx.array([1, 2, 3, 4]))
    array([1, 2, 6, 24], dtype=int32)
)"},
    {"cummax", R"(Cumulative maximum along an axis.

Args:
    axis (int, optional): Axis to scan along; ``None`` scans the flattened array.
    reverse (bool, optional): Scan from the end backwards. Default: ``False``.
    inclusive (bool, optional): Include the element itself in its result. Default: ``True``.

Returns:
    array: The running maxima.

Example:
    >>> mx.cummax(mx.array([1, 3, 2, 5]))
    array([1, 3, 3, 5], dtype=int32)
)"},
    {"cummin", R"(Cumulative minimum along an axis.

Args:
    axis (int, optional): Axis to scan along; ``None`` scans the flattened array.
    reverse (bool, optional): Scan from the end backwards. Default: ``False``.
    inclusive (bool, optional): Include the element itself in its result. Default: ``True``.

Returns:
    array: The running minima.

Example:
    >>> mx.cummin(mx.array([4, 3, 5, 1]))
    array([4, 3, 3, 1], dtype=int32)
)"},
    {"logcumsumexp", R"(Cumulative ``log(sum(exp(a)))`` along an axis, without overflow.

Args:
    axis (int, optional): Axis to scan along; ``None`` scans the flattened array.
    reverse (bool, optional): Scan from the end backwards. Default: ``False``.
    inclusive (bool, optional): Include the element itself in its result. Default: ``True``.

Returns:
    array: The running log-sum-exp, floating point.

Example:
    >>> mx.logcumsumexp(mx.array([0.0, 0.0, 0.0]))
    array([0, 0.693147, 1.09861], dtype=float32)
)"},
    {"softmax", R"(Softmax along the given axes: ``exp(a - max) / sum(exp(a - max))``.

Args:
    axis (int or list(int), optional): Axes to normalise over; ``None`` uses all axes.
    precise (bool, optional): Compute in float32 for float16/bfloat16 inputs. Default: ``False``.

Returns:
    array: Non-negative values that sum to one over ``axis``.

Example:
    >>> mx.softmax(mx.array([1.0, 2.0, 3.0]))
    array([0.0900306, 0.244728, 0.665241], dtype=float32)
)"},
    {"array.sum", R"(Method form of :func:`sum`, on this array.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: ``mx.sum(self, axis, keepdims)``.

Example:
    >>> mx.array([[1, 2], [3, 4]]).sum(axis=0)
    array([4, 6], dtype=int32)
)"},
    {"array.prod", R"(Method form of :func:`prod`, on this array.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: ``mx.prod(self, axis, keepdims)``.

Example:
    >>> mx.array([[1, 2], [3, 4]]).prod(axis=0)
    array([3, 8], dtype=int32)
)"},
    {"array.max", R"(Method form of :func:`max`, on this array.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: ``mx.max(self, axis, keepdims)``.

Example:
    >>> mx.array([[1, 2], [3, 4]]).max(axis=0)
    array([3, 4], dtype=int32)
)"},
    {"array.min", R"(Method form of :func:`min`, on this array.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: ``mx.min(self, axis, keepdims)``.

Example:
    >>> mx.array([[1, 2], [3, 4]]).min(axis=0)
    array([1, 2], dtype=int32)
)"},
    {"array.all", R"(Method form of :func:`all`, on this array.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: ``mx.all(self, axis, keepdims)``.

Example:
    >>> mx.array([[1, 2], [3, 4]]).all(axis=0)
    array([True, True], dtype=bool)
)"},
    {"array.any", R"(Method form of :func:`any`, on this array.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: ``mx.any(self, axis, keepdims)``.

Example:
    >>> mx.array([[1, 2], [3, 4]]).any(axis=0)
    array([True, True], dtype=bool)
)"},
    {"array.mean", R"(Method form of :func:`mean`, on this array.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: ``mx.mean(self, axis, keepdims)``.

Example:
    >>> mx.array([[1, 2], [3, 4]]).mean(axis=0)
    array([2, 3], dtype=float32)
)"},
    {"array.logsumexp", R"(Method form of :func:`logsumexp`, on this array.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.

Returns:
    array: ``mx.logsumexp(self, axis, keepdims)``.

Example:
    >>> mx.array([[1, 2], [3, 4]]).logsumexp(axis=0)
    array([3.12693, 4.12693], dtype=float32)
)"},
    {"array.argmax", R"(Method form of :func:`argmax`, on this array.

Args:
    axis (int, optional): Axis to search; ``None`` searches the flattened array.

Returns:
    array: uint32 indices.

Example:
    >>> mx.array([[1, 5, 3], [9, 2, 9]]).argmax(axis=1)
    array([1, 0], dtype=uint32)
)"},
    {"array.argmin", R"(Method form of :func:`argmin`, on this array.

Args:
    axis (int, optional): Axis to search; ``None`` searches the flattened array.

Returns:
    array: uint32 indices.

Example:
    >>> mx.array([[1, 5, 3], [9, 2, 9]]).argmin(axis=1)
    array([0, 1], dtype=uint32)
)"},
    {"array.var", R"(Method form of :func:`var`, on this array.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.
    ddof (int, optional): Delta degrees of freedom: the divisor is ``N - ddof``. Default: ``0``.
    correction (int, optional): The array API's name for ``ddof``; wins when given.

Returns:
    array: ``mx.var(self, ...)``.

Example:
    >>> mx.array([1.0, 2.0, 3.0, 4.0]).var(ddof=1)
    array(1.66667, dtype=float32)
)"},
    {"array.std", R"(Method form of :func:`std`, on this array.

Args:
    axis (int or list(int), optional): Axis or axes to reduce; ``None`` reduces all axes.
    ddof (int, optional): Delta degrees of freedom: the divisor is ``N - ddof``. Default: ``0``.
    correction (int, optional): The array API's name for ``ddof``; wins when given.

Returns:
    array: ``mx.std(self, ...)``.

Example:
    >>> mx.array([1.0, 2.0, 3.0, 4.0]).std(ddof=1)
    array(1.29099, dtype=float32)
)"},
    {"array.cumsum", R"(Method form of :func:`cumsum`, on this array.

Args:
    axis (int, optional): Axis to scan along; ``None`` scans the flattened array.
    reverse (bool, optional): Scan from the end backwards. Default: ``False``.
    inclusive (bool, optional): Include the element itself in its result. Default: ``True``.
    dtype (Dtype, optional): Data type of the result.

Returns:
    array: ``mx.cumsum(self, ...)``.

Example:
    >>> mx.array([1, 2, 3]).cumsum()
    array([1, 3, 6], dtype=int32)
)"},
    {"array.cumprod", R"(Method form of :func:`cumprod`, on this array.

Args:
    axis (int, optional): Axis to scan along; ``None`` scans the flattened array.
    reverse (bool, optional): Scan from the end backwards. Default: ``False``.
    inclusive (bool, optional): Include the element itself in its result. Default: ``True``.
    dtype (Dtype, optional): Data type of the result.

Returns:
    array: ``mx.cumprod(self, ...)``.

Example:
    >>> mx.array([1, 2, 3]).cumprod()
    array([1, 2, 6], dtype=int32)
)"},
    {"array.cummax", R"(Method form of :func:`cummax`, on this array.

Args:
    axis (int, optional): Axis to scan along; ``None`` scans the flattened array.
    reverse (bool, optional): Scan from the end backwards. Default: ``False``.
    inclusive (bool, optional): Include the element itself in its result. Default: ``True``.

Returns:
    array: ``mx.cummax(self, ...)``.

Example:
    >>> mx.array([1.0, 3.0, 2.0]).cummax()
    array([1, 3, 3], dtype=float32)
)"},
    {"array.cummin", R"(Method form of :func:`cummin`, on this array.

Args:
    axis (int, optional): Axis to scan along; ``None`` scans the flattened array.
    reverse (bool, optional): Scan from the end backwards. Default: ``False``.
    inclusive (bool, optional): Include the element itself in its result. Default: ``True``.

Returns:
    array: ``mx.cummin(self, ...)``.

Example:
    >>> mx.array([1.0, 3.0, 2.0]).cummin()
    array([1, 1, 1], dtype=float32)
)"},
    {"array.logcumsumexp", R"(Method form of :func:`logcumsumexp`, on this array.

Args:
    axis (int, optional): Axis to scan along; ``None`` scans the flattened array.
    reverse (bool, optional): Scan from the end backwards. Default: ``False``.
    inclusive (bool, optional): Include the element itself in its result. Default: ``True``.

Returns:
    array: ``mx.logcumsumexp(self, ...)``.

Example:
    >>> mx.array([1.0, 3.0, 2.0]).logcumsumexp()
    array([1, 3.12693, 3.40761], dtype=float32)
)"},
  };
  return table;
}

} // namespace mxg::python
