// Docstrings of the elementwise ops (ops_elementwise.cpp) and their array methods.
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_elementwise() {
  static const std::vector<Doc> table = {
    {"abs", R"(Elementwise absolute value; the magnitude for complex inputs.

Returns:
    array: ``|a|``, real for complex ``a``.

Example:
    >>> mx.abs(mx.array([-1.5, 0.0, 2.0]))
    array([1.5, 0, 2], dtype=float32)
)"},
    {"negative", R"(Elementwise negation, ``-a``.

Returns:
    array: ``-a``, with the dtype of ``a``.

Example:
    >>> mx.negative(mx.array([1, -2, 3]))
    array([-1, 2, -3], dtype=int32)
)"},
    {"sign", R"(Elementwise sign: -1, 0 or 1 (for complex, ``a / |a|``).

Returns:
    array: The sign of each element, with the dtype of ``a``.

Example:
    >>> mx.sign(mx.array([-3.0, 0.0, 2.0]))
    array([-1, 0, 1], dtype=float32)
)"},
    {"exp", R"(Elementwise exponential, e raised to each element.

Returns:
    array: ``e ** a``, floating point.

Example:
    >>> mx.exp(mx.array([0.0, 1.0, 2.0]))
    array([1, 2.71828, 7.38906], dtype=float32)
)"},
    {"expm1", R"(Elementwise ``exp(a) - 1``, accurate for ``a`` near zero.

Returns:
    array: ``exp(a) - 1``, floating point.

Example:
    >>> mx.expm1(mx.array([1e-5, 1.0]))
    array([1e-05, 1.71828], dtype=float32)
)"},
    {"log", R"(Elementwise natural logarithm.

Returns:
    array: ``ln(a)``, floating point; NaN where ``a < 0``.

Example:
    >>> mx.log(mx.array([1.0, 2.718281828, 10.0]))
    array([0, 1, 2.30259], dtype=float32)
)"},
    {"log1p", R"(Elementwise ``log(1 + a)``, accurate for ``a`` near zero.

Returns:
    array: ``ln(1 + a)``, floating point.

Example:
    >>> mx.log1p(mx.array([0.0, 1e-5, 1.0]))
    array([0, 9.99995e-06, 0.693147], dtype=float32)
)"},
    {"log2", R"(Elementwise base-2 logarithm.

Returns:
    array: ``log2(a)``, floating point.

Example:
    >>> mx.log2(mx.array([1.0, 2.0, 8.0]))
    array([0, 1, 3], dtype=float32)
)"},
    {"log10", R"(Elementwise base-10 logarithm.

Returns:
    array: ``log10(a)``, floating point.

Example:
    >>> mx.log10(mx.array([1.0, 10.0, 1000.0]))
    array([0, 1, 3], dtype=float32)
)"},
    {"sqrt", R"(Elementwise square root.

Returns:
    array: ``a ** 0.5``, floating point; NaN where ``a < 0``.

Example:
    >>> mx.sqrt(mx.array([1.0, 4.0, 9.0]))
    array([1, 2, 3], dtype=float32)
)"},
    {"rsqrt", R"(Elementwise reciprocal square root, ``1 / sqrt(a)``.

Returns:
    array: ``1 / sqrt(a)``, floating point.

Example:
    >>> mx.rsqrt(mx.array([1.0, 4.0, 16.0]))
    array([1, 0.5, 0.25], dtype=float32)
)"},
    {"square", R"(Elementwise square, ``a * a``.

Returns:
    array: ``a * a``, with the dtype of ``a``.

Example:
    >>> mx.square(mx.array([1, -2, 3]))
    array([1, 4, 9], dtype=int32)
)"},
    {"reciprocal", R"(Elementwise reciprocal, ``1 / a``.

Returns:
    array: ``1 / a``, floating point.

Example:
    >>> mx.reciprocal(mx.array([1.0, 2.0, 4.0]))
    array([1, 0.5, 0.25], dtype=float32)
)"},
    {"sin", R"(Elementwise sine (``a`` in radians).

Returns:
    array: ``sin(a)``, floating point.

Example:
    >>> mx.sin(mx.array([0.0, mx.pi / 2]))
    array([0, 1], dtype=float32)
)"},
    {"cos", R"(Elementwise cosine (``a`` in radians).

Returns:
    array: ``cos(a)``, floating point.

Example:
    >>> mx.cos(mx.array([0.0, mx.pi]))
    array([1, -1], dtype=float32)
)"},
    {"tan", R"(Elementwise tangent (``a`` in radians).

Returns:
    array: ``tan(a)``, floating point.

Example:
    >>> mx.tan(mx.array([0.0, mx.pi / 4]))
    array([0, 1], dtype=float32)
)"},
    {"arcsin", R"(Elementwise inverse sine; ``asin`` is the same function.

Returns:
    array: The angle in radians, in [-pi/2, pi/2].

Example:
    >>> mx.arcsin(mx.array([0.0, 1.0]))
    array([0, 1.5708], dtype=float32)
)"},
    {"arccos", R"(Elementwise inverse cosine; ``acos`` is the same function.

Returns:
    array: The angle in radians, in [0, pi].

Example:
    >>> mx.arccos(mx.array([1.0, 0.0]))
    array([0, 1.5708], dtype=float32)
)"},
    {"arctan", R"(Elementwise inverse tangent; ``atan`` is the same function.

Returns:
    array: The angle in radians, in (-pi/2, pi/2).

Example:
    >>> mx.arctan(mx.array([0.0, 1.0]))
    array([0, 0.785398], dtype=float32)
)"},
    {"sinh", R"(Elementwise hyperbolic sine.

Returns:
    array: ``sinh(a)``, floating point.

Example:
    >>> mx.sinh(mx.array([0.0, 1.0]))
    array([0, 1.1752], dtype=float32)
)"},
    {"cosh", R"(Elementwise hyperbolic cosine.

Returns:
    array: ``cosh(a)``, floating point.

Example:
    >>> mx.cosh(mx.array([0.0, 1.0]))
    array([1, 1.54308], dtype=float32)
)"},
    {"tanh", R"(Elementwise hyperbolic tangent.

Returns:
    array: ``tanh(a)``, floating point, in (-1, 1).

Example:
    >>> mx.tanh(mx.array([-1.0, 0.0, 1.0]))
    array([-0.761594, 0, 0.761594], dtype=float32)
)"},
    {"arcsinh", R"(Elementwise inverse hyperbolic sine; ``asinh`` is the same function.

Returns:
    array: ``asinh(a)``, floating point.

Example:
    >>> mx.arcsinh(mx.array([0.0, 1.0]))
    array([0, 0.881374], dtype=float32)
)"},
    {"arccosh", R"(Elementwise inverse hyperbolic cosine; ``acosh`` is the same function.

Returns:
    array: ``acosh(a)``, floating point; NaN where ``a < 1``.

Example:
    >>> mx.arccosh(mx.array([1.0, 2.0]))
    array([0, 1.31696], dtype=float32)
)"},
    {"arctanh", R"(Elementwise inverse hyperbolic tangent; ``atanh`` is the same function.

Returns:
    array: ``atanh(a)``, floating point.

Example:
    >>> mx.arctanh(mx.array([0.0, 0.5]))
    array([0, 0.549306], dtype=float32)
)"},
    {"sigmoid", R"(Elementwise logistic sigmoid, ``1 / (1 + exp(-a))``.

Returns:
    array: Values in (0, 1), floating point.

Example:
    >>> mx.sigmoid(mx.array([-1.0, 0.0, 1.0]))
    array([0.268941, 0.5, 0.731059], dtype=float32)
)"},
    {"erf", R"(Elementwise Gauss error function.

Returns:
    array: ``erf(a)``, floating point, in (-1, 1).

Example:
    >>> mx.erf(mx.array([0.0, 0.5, 1.0]))
    array([0, 0.5205, 0.842701], dtype=float32)
)"},
    {"erfinv", R"(Elementwise inverse of :func:`erf`.

Returns:
    array: ``x`` with ``erf(x) == a``, floating point.

Example:
    >>> mx.erfinv(mx.array([0.0, 0.5]))
    array([0, 0.476936], dtype=float32)
)"},
    {"floor", R"(Elementwise floor: the largest integer not above each element.

Returns:
    array: The floor of ``a``, with the dtype of ``a``.

Example:
    >>> mx.floor(mx.array([-1.5, 0.5, 2.0]))
    array([-2, 0, 2], dtype=float32)
)"},
    {"ceil", R"(Elementwise ceiling: the smallest integer not below each element.

Returns:
    array: The ceiling of ``a``, with the dtype of ``a``.

Example:
    >>> mx.ceil(mx.array([-1.5, 0.5, 2.0]))
    array([-1, 1, 2], dtype=float32)
)"},
    {"isnan", R"(Elementwise test for NaN.

Returns:
    array: A bool array, true where ``a`` is NaN.

Example:
    >>> mx.isnan(mx.array([1.0, mx.nan]))
    array([False, True], dtype=bool)
)"},
    {"isinf", R"(Elementwise test for positive or negative infinity.

Returns:
    array: A bool array, true where ``a`` is infinite.

Example:
    >>> mx.isinf(mx.array([1.0, mx.inf, -mx.inf]))
    array([False, True, True], dtype=bool)
)"},
    {"isposinf", R"(Elementwise test for positive infinity.

Returns:
    array: A bool array, true where ``a`` is ``+inf``.

Example:
    >>> mx.isposinf(mx.array([1.0, mx.inf, -mx.inf]))
    array([False, True, False], dtype=bool)
)"},
    {"isneginf", R"(Elementwise test for negative infinity.

Returns:
    array: A bool array, true where ``a`` is ``-inf``.

Example:
    >>> mx.isneginf(mx.array([1.0, mx.inf, -mx.inf]))
    array([False, False, True], dtype=bool)
)"},
    {"logical_not", R"(Elementwise logical not: true where ``a`` is zero or false.

Returns:
    array: A bool array.

Example:
    >>> mx.logical_not(mx.array([True, False]))
    array([False, True], dtype=bool)
)"},
    {"bitwise_invert", R"(Elementwise bitwise not, ``~a``, of an integer or bool array.

Returns:
    array: ``~a``, with the dtype of ``a``.

Example:
    >>> mx.bitwise_invert(mx.array([0, 1, 2]))
    array([-1, -2, -3], dtype=int32)
)"},
    {"conjugate", R"(Elementwise complex conjugate; ``conj`` is the same function. Real inputs come back unchanged.

Returns:
    array: The conjugate of ``a``.

Example:
    >>> mx.conjugate(mx.array([1 + 2j, 3 - 1j]))
    array([1-2j, 3+1j], dtype=complex64)
)"},
    {"real", R"(The real part of each element.

Returns:
    array: A real array (float32 for complex64 ``a``).

Example:
    >>> mx.real(mx.array([1 + 2j, 3 - 1j]))
    array([1, 3], dtype=float32)
)"},
    {"imag", R"(The imaginary part of each element (zero for real ``a``).

Returns:
    array: A real array (float32 for complex64 ``a``).

Example:
    >>> mx.imag(mx.array([1 + 2j, 3 - 1j]))
    array([2, -1], dtype=float32)
)"},
    {"stop_gradient", R"(The same values, with no gradient flowing back through them.

Returns:
    array: ``a``, treated as a constant by :func:`grad`, :func:`vjp` and :func:`jvp`.

Example:
    >>> mx.grad(lambda x: (x * mx.stop_gradient(x)).sum())(mx.array([3.0]))
    array([3], dtype=float32)
)"},
    {"add", R"(Elementwise sum with broadcasting, ``a + b``.

Returns:
    array: ``a + b``, in the promoted dtype.

Example:
    >>> mx.add(mx.array([1, 2]), mx.array([10, 20]))
    array([11, 22], dtype=int32)
)"},
    {"subtract", R"(Elementwise difference with broadcasting, ``a - b``.

Returns:
    array: ``a - b``, in the promoted dtype.

Example:
    >>> mx.subtract(mx.array([5, 7]), 2)
    array([3, 5], dtype=int32)
)"},
    {"multiply", R"(Elementwise product with broadcasting, ``a * b``.

Returns:
    array: ``a * b``, in the promoted dtype.

Example:
    >>> mx.multiply(mx.array([1.5, 2.0]), mx.array([[1.0], [2.0]]))
    array([[1.5, 2],
           [3, 4]], dtype=float32)
)"},
    {"divide", R"(Elementwise true division with broadcasting, ``a / b``.

Returns:
    array: ``a / b``, floating point.

Example:
    >>> mx.divide(mx.array([1, 3]), 2)
    array([0.5, 1.5], dtype=float32)
)"},
    {"floor_divide", R"(Elementwise floor division with broadcasting, ``a // b``.

Returns:
    array: The quotient rounded toward minus infinity.

Example:
    >>> mx.floor_divide(mx.array([7, -7]), 2)
    array([3, -4], dtype=int32)
)"},
    {"remainder", R"(Elementwise remainder of floor division, ``a % b``; it has the sign of ``b``.

Returns:
    array: ``a - b * floor(a / b)``.

Example:
    >>> mx.remainder(mx.array([7, -7]), 3)
    array([1, 2], dtype=int32)
)"},
    {"power", R"(Elementwise power with broadcasting, ``a ** b``; ``pow`` is the same function.

Returns:
    array: ``a`` raised to ``b``, in the promoted dtype.

Example:
    >>> mx.power(mx.array([2, 3]), 2)
    array([4, 9], dtype=int32)
)"},
    {"maximum", R"(Elementwise maximum with broadcasting; NaN wins.

Returns:
    array: The larger of ``a`` and ``b`` at each position.

Example:
    >>> mx.maximum(mx.array([1, 5, 3]), 2)
    array([2, 5, 3], dtype=int32)
)"},
    {"minimum", R"(Elementwise minimum with broadcasting; NaN wins.

Returns:
    array: The smaller of ``a`` and ``b`` at each position.

Example:
    >>> mx.minimum(mx.array([1, 5, 3]), 2)
    array([1, 2, 2], dtype=int32)
)"},
    {"arctan2", R"(Elementwise angle of the point ``(b, a)``, ``atan(a / b)`` in the right quadrant; ``atan2`` is the same function.

Returns:
    array: The angle in radians, in [-pi, pi].

Example:
    >>> mx.arctan2(mx.array([1.0, -1.0]), mx.array([-1.0, -1.0]))
    array([2.35619, -2.35619], dtype=float32)
)"},
    {"logaddexp", R"(Elementwise ``log(exp(a) + exp(b))``, computed without overflow.

Returns:
    array: The log of the summed exponentials, floating point.

Example:
    >>> mx.logaddexp(mx.array([0.0, 1000.0]), mx.array([0.0, 1000.0]))
    array([0.693147, 1000.69], dtype=float32)
)"},
    {"equal", R"(Elementwise ``a == b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.equal(mx.array([1, 2, 3]), 2)
    array([False, True, False], dtype=bool)
)"},
    {"not_equal", R"(Elementwise ``a != b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.not_equal(mx.array([1, 2, 3]), 2)
    array([True, False, True], dtype=bool)
)"},
    {"less", R"(Elementwise ``a < b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.less(mx.array([1, 2, 3]), 2)
    array([True, False, False], dtype=bool)
)"},
    {"less_equal", R"(Elementwise ``a <= b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.less_equal(mx.array([1, 2, 3]), 2)
    array([True, True, False], dtype=bool)
)"},
    {"greater", R"(Elementwise ``a > b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.greater(mx.array([1, 2, 3]), 2)
    array([False, False, True], dtype=bool)
)"},
    {"greater_equal", R"(Elementwise ``a >= b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.greater_equal(mx.array([1, 2, 3]), 2)
    array([False, True, True], dtype=bool)
)"},
    {"logical_and", R"(Elementwise logical and: true where both ``a`` and ``b`` are nonzero.

Returns:
    array: A bool array.

Example:
    >>> mx.logical_and(mx.array([True, True, False]), mx.array([True, False, False]))
    array([True, False, False], dtype=bool)
)"},
    {"logical_or", R"(Elementwise logical or: true where ``a`` or ``b`` is nonzero.

Returns:
    array: A bool array.

Example:
    >>> mx.logical_or(mx.array([True, False, False]), mx.array([False, False, True]))
    array([True, False, True], dtype=bool)
)"},
    {"bitwise_and", R"(Elementwise bitwise and, ``a & b``, of integer or bool arrays.

Returns:
    array: ``a & b``, in the promoted dtype.

Example:
    >>> mx.bitwise_and(mx.array([12, 10]), 6)
    array([4, 2], dtype=int32)
)"},
    {"bitwise_or", R"(Elementwise bitwise or, ``a | b``, of integer or bool arrays.

Returns:
    array: ``a | b``, in the promoted dtype.

Example:
    >>> mx.bitwise_or(mx.array([12, 10]), 1)
    array([13, 11], dtype=int32)
)"},
    {"bitwise_xor", R"(Elementwise bitwise exclusive or, ``a ^ b``, of integer or bool arrays.

Returns:
    array: ``a ^ b``, in the promoted dtype.

Example:
    >>> mx.bitwise_xor(mx.array([12, 10]), 6)
    array([10, 12], dtype=int32)
)"},
    {"left_shift", R"(Elementwise left shift, ``a << b``; ``bitwise_left_shift`` is the same function.

Returns:
    array: ``a`` shifted left by ``b`` bits.

Example:
    >>> mx.left_shift(mx.array([1, 3]), 2)
    array([4, 12], dtype=int32)
)"},
    {"right_shift", R"(Elementwise right shift, ``a >> b``; ``bitwise_right_shift`` is the same function.

Returns:
    array: ``a`` shifted right by ``b`` bits.

Example:
    >>> mx.right_shift(mx.array([8, 13]), 2)
    array([2, 3], dtype=int32)
)"},
    {"isfinite", R"(Elementwise test for finite values: neither infinite nor NaN.

Returns:
    array: A bool array.

Example:
    >>> mx.isfinite(mx.array([1.0, mx.inf, mx.nan]))
    array([True, False, False], dtype=bool)
)"},
    {"degrees", R"(Converts angles from radians to degrees.

Returns:
    array: ``a * 180 / pi``, floating point.

Example:
    >>> mx.degrees(mx.array([mx.pi, mx.pi / 2]))
    array([180, 90], dtype=float32)
)"},
    {"radians", R"(Converts angles from degrees to radians.

Returns:
    array: ``a * pi / 180``, floating point.

Example:
    >>> mx.radians(mx.array([180.0, 90.0]))
    array([3.14159, 1.5708], dtype=float32)
)"},
    {"round", R"(Rounds to the given number of decimals, halves to even (as NumPy).

Args:
    decimals (int, optional): Number of decimal places; negative rounds to tens, hundreds... Default: ``0``.

Returns:
    array: The rounded values, with the dtype of ``a``.

Example:
    >>> mx.round(mx.array([0.5, 1.5, 2.567]))
    array([0, 2, 3], dtype=float32)
    >>> mx.round(mx.array([2.567]), 2)
    array([2.57], dtype=float32)
)"},
    {"trunc", R"(Rounds toward zero, dropping the fractional part.

Returns:
    array: The truncated values, with the dtype of ``a``.

Example:
    >>> mx.trunc(mx.array([-1.7, 1.7]))
    array([-1, 1], dtype=float32)
)"},
    {"positive", R"(Elementwise ``+a``: the values of ``a`` unchanged.

Returns:
    array: A copy of ``a``.

Example:
    >>> mx.positive(mx.array([-1, 2]))
    array([-1, 2], dtype=int32)
)"},
    {"logical_xor", R"(Elementwise logical exclusive or: true where exactly one of ``a`` and ``b`` is nonzero.

Returns:
    array: A bool array.

Example:
    >>> mx.logical_xor(mx.array([True, True, False]), mx.array([True, False, False]))
    array([False, True, False], dtype=bool)
)"},
    {"divmod", R"(Floor quotient and remainder of ``a / b`` in one pass.

Returns:
    tuple(array, array): ``(floor_divide(a, b), remainder(a, b))``.

Example:
    >>> q, r = mx.divmod(mx.array([7, -7]), 3)
    >>> q
    array([2, -3], dtype=int32)
    >>> r
    array([1, 2], dtype=int32)
)"},
    {"where", R"(Picks from ``x`` where ``condition`` is true and from ``y`` elsewhere; the three broadcast together.

Args:
    condition (array): Where to take ``x``.
    x (array): Values where ``condition`` is true (array or scalar).
    y (array): Values where ``condition`` is false (array or scalar).

Returns:
    array: The selected values, in the promoted dtype of ``x`` and ``y``.

Example:
    >>> mx.where(mx.array([True, False, True]), mx.array([1, 2, 3]), 0)
    array([1, 0, 3], dtype=int32)
)"},
    {"clip", R"(Limits the values of ``a`` to ``[a_min, a_max]``.

Args:
    a_min (scalar or array): Lower bound, or ``None`` for none.
    a_max (scalar or array): Upper bound, or ``None`` for none.

Returns:
    array: ``minimum(maximum(a, a_min), a_max)``.

Example:
    >>> mx.clip(mx.array([-2, 0, 5]), 0, 3)
    array([0, 0, 3], dtype=int32)
    >>> mx.clip(mx.array([-2, 0, 5]), None, 3)
    array([-2, 0, 3], dtype=int32)
)"},
    {"nan_to_num", R"(Replaces NaN with ``nan`` and infinities with large finite numbers.

Args:
    nan (float, optional): Value for NaN. Default: ``0``.
    posinf (float, optional): Value for ``+inf``; ``None`` uses the dtype's largest finite value.
    neginf (float, optional): Value for ``-inf``; ``None`` uses the dtype's lowest finite value.

Returns:
    array: ``a`` with only finite values.

Example:
    >>> mx.nan_to_num(mx.array([1.0, mx.nan, mx.inf]), posinf=100.0)
    array([1, 0, 100], dtype=float32)
)"},
    {"isclose", R"(Elementwise closeness test, ``|a - b| <= atol + rtol * |b|``.

Args:
    rtol (float, optional): Relative tolerance. Default: ``1e-5``.
    atol (float, optional): Absolute tolerance. Default: ``1e-8``.
    equal_nan (bool, optional): Count two NaNs as close. Default: ``False``.

Returns:
    array: A bool array, ``a`` and ``b`` broadcast.

Example:
    >>> mx.isclose(mx.array([1.0, 1.001]), mx.array([1.0, 1.0]))
    array([True, False], dtype=bool)
)"},
    {"allclose", R"(Tests whether every element of ``a`` is close to ``b``: ``|a - b| <= atol + rtol * |b|``.

Args:
    rtol (float, optional): Relative tolerance. Default: ``1e-5``.
    atol (float, optional): Absolute tolerance. Default: ``1e-8``.
    equal_nan (bool, optional): Count two NaNs as close. Default: ``False``.

Returns:
    array: A scalar bool array.

Example:
    >>> mx.allclose(mx.array([1.0, 2.0]), mx.array([1.0, 2.000001]))
    array(True, dtype=bool)
)"},
    {"array_equal", R"(Tests whether two arrays have the same shape and equal values (dtypes may differ).

Args:
    equal_nan (bool, optional): Count two NaNs as equal. Default: ``False``.

Returns:
    array: A scalar bool array.

Example:
    >>> mx.array_equal(mx.array([1, 2]), mx.array([1.0, 2.0]))
    array(True, dtype=bool)
)"},
    {"view", R"(Reinterprets the bytes of ``a`` as another dtype, without copying or converting; the last axis scales by the ratio of the item sizes.

Args:
    dtype (Dtype): The dtype to see the bytes as.

Returns:
    array: A view of the same bytes.

Example:
    >>> mx.view(mx.array([1.0], dtype=mx.float32), mx.uint32)
    array([1065353216], dtype=uint32)
)"},
    {"array.abs", R"(Method form of :func:`abs`, on this array.

Returns:
    array: ``mx.abs(self)``.

Example:
    >>> mx.array([1.0, 4.0]).abs()
    array([1, 4], dtype=float32)
)"},
    {"array.conj", R"(Method form of :func:`conjugate`, on this array.

Returns:
    array: ``mx.conjugate(self)``.

Example:
    >>> mx.array([1.0, 4.0]).conj()
    array([1, 4], dtype=float32)
)"},
    {"array.cos", R"(Method form of :func:`cos`, on this array.

Returns:
    array: ``mx.cos(self)``.

Example:
    >>> mx.array([1.0, 4.0]).cos()
    array([0.540302, -0.653644], dtype=float32)
)"},
    {"array.exp", R"(Method form of :func:`exp`, on this array.

Returns:
    array: ``mx.exp(self)``.

Example:
    >>> mx.array([1.0, 4.0]).exp()
    array([2.71828, 54.5982], dtype=float32)
)"},
    {"array.log", R"(Method form of :func:`log`, on this array.

Returns:
    array: ``mx.log(self)``.

Example:
    >>> mx.array([1.0, 4.0]).log()
    array([0, 1.38629], dtype=float32)
)"},
    {"array.log10", R"(Method form of :func:`log10`, on this array.

Returns:
    array: ``mx.log10(self)``.

Example:
    >>> mx.array([1.0, 4.0]).log10()
    array([0, 0.60206], dtype=float32)
)"},
    {"array.log1p", R"(Method form of :func:`log1p`, on this array.

Returns:
    array: ``mx.log1p(self)``.

Example:
    >>> mx.array([1.0, 4.0]).log1p()
    array([0.693147, 1.60944], dtype=float32)
)"},
    {"array.log2", R"(Method form of :func:`log2`, on this array.

Returns:
    array: ``mx.log2(self)``.

Example:
    >>> mx.array([1.0, 4.0]).log2()
    array([0, 2], dtype=float32)
)"},
    {"array.reciprocal", R"(Method form of :func:`reciprocal`, on this array.

Returns:
    array: ``mx.reciprocal(self)``.

Example:
    >>> mx.array([1.0, 4.0]).reciprocal()
    array([1, 0.25], dtype=float32)
)"},
    {"array.rsqrt", R"(Method form of :func:`rsqrt`, on this array.

Returns:
    array: ``mx.rsqrt(self)``.

Example:
    >>> mx.array([1.0, 4.0]).rsqrt()
    array([1, 0.5], dtype=float32)
)"},
    {"array.sin", R"(Method form of :func:`sin`, on this array.

Returns:
    array: ``mx.sin(self)``.

Example:
    >>> mx.array([1.0, 4.0]).sin()
    array([0.841471, -0.756802], dtype=float32)
)"},
    {"array.sqrt", R"(Method form of :func:`sqrt`, on this array.

Returns:
    array: ``mx.sqrt(self)``.

Example:
    >>> mx.array([1.0, 4.0]).sqrt()
    array([1, 2], dtype=float32)
)"},
    {"array.square", R"(Method form of :func:`square`, on this array.

Returns:
    array: ``mx.square(self)``.

Example:
    >>> mx.array([1.0, 4.0]).square()
    array([1, 16], dtype=float32)
)"},
    {"array.round", R"(Method form of :func:`round`: rounds to ``decimals`` places, halves to even.

Args:
    decimals (int, optional): Number of decimal places. Default: ``0``.

Returns:
    array: The rounded array.

Example:
    >>> mx.array([1.25, 2.5]).round(1)
    array([1.2, 2.5], dtype=float32)
)"},
    {"array.view", R"(Method form of :func:`view`: the same bytes seen as another dtype.

Args:
    dtype (Dtype): The dtype to see the bytes as.

Returns:
    array: A view of the same bytes.

Example:
    >>> mx.array([1], dtype=mx.int32).view(mx.uint8)
    array([1, 0, 0, 0], dtype=uint8)
)"},
    {"array.real", R"(The real part of the array (a copy of it for real arrays).
)"},
    {"array.imag", R"(The imaginary part of the array (zeros for real arrays).
)"},
  };
  return table;
}

} // namespace mxg::python
