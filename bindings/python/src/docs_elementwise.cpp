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
)"},
    {"negative", R"(Elementwise negation, ``-a``.

Returns:
    array: ``-a``, with the dtype of ``a``.

Example:
    >>> mx.negative(mx.array([1, -2, 3]))
)"},
    {"sign", R"(Elementwise sign: -1, 0 or 1 (for complex, ``a / |a|``).

Returns:
    array: The sign of each element, with the dtype of ``a``.

Example:
    >>> mx.sign(mx.array([-3.0, 0.0, 2.0]))
)"},
    {"exp", R"(Elementwise exponential, e raised to each element.

Returns:
    array: ``e ** a``, floating point.

Example:
    >>> mx.exp(mx.array([0.0, 1.0, 2.0]))
)"},
    {"expm1", R"(Elementwise ``exp(a) - 1``, accurate for ``a`` near zero.

Returns:
    array: ``exp(a) - 1``, floating point.

Example:
    >>> mx.expm1(mx.array([1e-5, 1.0]))
)"},
    {"log", R"(Elementwise natural logarithm.

Returns:
    array: ``ln(a)``, floating point; NaN where ``a < 0``.

Example:
    >>> mx.log(mx.array([1.0, 2.718281828, 10.0]))
)"},
    {"log1p", R"(Elementwise ``log(1 + a)``, accurate for ``a`` near zero.

Returns:
    array: ``ln(1 + a)``, floating point.

Example:
    >>> mx.log1p(mx.array([0.0, 1e-5, 1.0]))
)"},
    {"log2", R"(Elementwise base-2 logarithm.

Returns:
    array: ``log2(a)``, floating point.

Example:
    >>> mx.log2(mx.array([1.0, 2.0, 8.0]))
)"},
    {"log10", R"(Elementwise base-10 logarithm.

Returns:
    array: ``log10(a)``, floating point.

Example:
    >>> mx.log10(mx.array([1.0, 10.0, 1000.0]))
)"},
    {"sqrt", R"(Elementwise square root.

Returns:
    array: ``a ** 0.5``, floating point; NaN where ``a < 0``.

Example:
    >>> mx.sqrt(mx.array([1.0, 4.0, 9.0]))
)"},
    {"rsqrt", R"(Elementwise reciprocal square root, ``1 / sqrt(a)``.

Returns:
    array: ``1 / sqrt(a)``, floating point.

Example:
    >>> mx.rsqrt(mx.array([1.0, 4.0, 16.0]))
)"},
    {"square", R"(Elementwise square, ``a * a``.

Returns:
    array: ``a * a``, with the dtype of ``a``.

Example:
    >>> mx.square(mx.array([1, -2, 3]))
)"},
    {"reciprocal", R"(Elementwise reciprocal, ``1 / a``.

Returns:
    array: ``1 / a``, floating point.

Example:
    >>> mx.reciprocal(mx.array([1.0, 2.0, 4.0]))
)"},
    {"sin", R"(Elementwise sine (``a`` in radians).

Returns:
    array: ``sin(a)``, floating point.

Example:
    >>> mx.sin(mx.array([0.0, mx.pi / 2]))
)"},
    {"cos", R"(Elementwise cosine (``a`` in radians).

Returns:
    array: ``cos(a)``, floating point.

Example:
    >>> mx.cos(mx.array([0.0, mx.pi]))
)"},
    {"tan", R"(Elementwise tangent (``a`` in radians).

Returns:
    array: ``tan(a)``, floating point.

Example:
    >>> mx.tan(mx.array([0.0, mx.pi / 4]))
)"},
    {"arcsin", R"(Elementwise inverse sine; ``asin`` is the same function.

Returns:
    array: The angle in radians, in [-pi/2, pi/2].

Example:
    >>> mx.arcsin(mx.array([0.0, 1.0]))
)"},
    {"arccos", R"(Elementwise inverse cosine; ``acos`` is the same function.

Returns:
    array: The angle in radians, in [0, pi].

Example:
    >>> mx.arccos(mx.array([1.0, 0.0]))
)"},
    {"arctan", R"(Elementwise inverse tangent; ``atan`` is the same function.

Returns:
    array: The angle in radians, in (-pi/2, pi/2).

Example:
    >>> mx.arctan(mx.array([0.0, 1.0]))
)"},
    {"sinh", R"(Elementwise hyperbolic sine.

Returns:
    array: ``sinh(a)``, floating point.

Example:
    >>> mx.sinh(mx.array([0.0, 1.0]))
)"},
    {"cosh", R"(Elementwise hyperbolic cosine.

Returns:
    array: ``cosh(a)``, floating point.

Example:
    >>> mx.cosh(mx.array([0.0, 1.0]))
)"},
    {"tanh", R"(Elementwise hyperbolic tangent.

Returns:
    array: ``tanh(a)``, floating point, in (-1, 1).

Example:
    >>> mx.tanh(mx.array([-1.0, 0.0, 1.0]))
)"},
    {"arcsinh", R"(Elementwise inverse hyperbolic sine; ``asinh`` is the same function.

Returns:
    array: ``asinh(a)``, floating point.

Example:
    >>> mx.arcsinh(mx.array([0.0, 1.0]))
)"},
    {"arccosh", R"(Elementwise inverse hyperbolic cosine; ``acosh`` is the same function.

Returns:
    array: ``acosh(a)``, floating point; NaN where ``a < 1``.

Example:
    >>> mx.arccosh(mx.array([1.0, 2.0]))
)"},
    {"arctanh", R"(Elementwise inverse hyperbolic tangent; ``atanh`` is the same function.

Returns:
    array: ``atanh(a)``, floating point.

Example:
    >>> mx.arctanh(mx.array([0.0, 0.5]))
)"},
    {"sigmoid", R"(Elementwise logistic sigmoid, ``1 / (1 + exp(-a))``.

Returns:
    array: Values in (0, 1), floating point.

Example:
    >>> mx.sigmoid(mx.array([-1.0, 0.0, 1.0]))
)"},
    {"erf", R"(Elementwise Gauss error function.

Returns:
    array: ``erf(a)``, floating point, in (-1, 1).

Example:
    >>> mx.erf(mx.array([0.0, 0.5, 1.0]))
)"},
    {"erfinv", R"(Elementwise inverse of :func:`erf`.

Returns:
    array: ``x`` with ``erf(x) == a``, floating point.

Example:
    >>> mx.erfinv(mx.array([0.0, 0.5]))
)"},
    {"floor", R"(Elementwise floor: the largest integer not above each element.

Returns:
    array: The floor of ``a``, with the dtype of ``a``.

Example:
    >>> mx.floor(mx.array([-1.5, 0.5, 2.0]))
)"},
    {"ceil", R"(Elementwise ceiling: the smallest integer not below each element.

Returns:
    array: The ceiling of ``a``, with the dtype of ``a``.

Example:
    >>> mx.ceil(mx.array([-1.5, 0.5, 2.0]))
)"},
    {"isnan", R"(Elementwise test for NaN.

Returns:
    array: A bool array, true where ``a`` is NaN.

Example:
    >>> mx.isnan(mx.array([1.0, mx.nan]))
)"},
    {"isinf", R"(Elementwise test for positive or negative infinity.

Returns:
    array: A bool array, true where ``a`` is infinite.

Example:
    >>> mx.isinf(mx.array([1.0, mx.inf, -mx.inf]))
)"},
    {"isposinf", R"(Elementwise test for positive infinity.

Returns:
    array: A bool array, true where ``a`` is ``+inf``.

Example:
    >>> mx.isposinf(mx.array([1.0, mx.inf, -mx.inf]))
)"},
    {"isneginf", R"(Elementwise test for negative infinity.

Returns:
    array: A bool array, true where ``a`` is ``-inf``.

Example:
    >>> mx.isneginf(mx.array([1.0, mx.inf, -mx.inf]))
)"},
    {"logical_not", R"(Elementwise logical not: true where ``a`` is zero or false.

Returns:
    array: A bool array.

Example:
    >>> mx.logical_not(mx.array([True, False]))
)"},
    {"bitwise_invert", R"(Elementwise bitwise not, ``~a``, of an integer or bool array.

Returns:
    array: ``~a``, with the dtype of ``a``.

Example:
    >>> mx.bitwise_invert(mx.array([0, 1, 2]))
)"},
    {"conjugate", R"(Elementwise complex conjugate; ``conj`` is the same function. Real inputs come back unchanged.

Returns:
    array: The conjugate of ``a``.

Example:
    >>> mx.conjugate(mx.array([1 + 2j, 3 - 1j]))
)"},
    {"real", R"(The real part of each element.

Returns:
    array: A real array (float32 for complex64 ``a``).

Example:
    >>> mx.real(mx.array([1 + 2j, 3 - 1j]))
)"},
    {"imag", R"(The imaginary part of each element (zero for real ``a``).

Returns:
    array: A real array (float32 for complex64 ``a``).

Example:
    >>> mx.imag(mx.array([1 + 2j, 3 - 1j]))
)"},
    {"stop_gradient", R"(The same values, with no gradient flowing back through them.

Returns:
    array: ``a``, treated as a constant by :func:`grad`, :func:`vjp` and :func:`jvp`.

Example:
    >>> mx.grad(lambda x: (x * mx.stop_gradient(x)).sum())(mx.array([3.0]))
)"},
    {"add", R"(Elementwise sum with broadcasting, ``a + b``.

Returns:
    array: ``a + b``, in the promoted dtype.

Example:
    >>> mx.add(mx.array([1, 2]), mx.array([10, 20]))
)"},
    {"subtract", R"(Elementwise difference with broadcasting, ``a - b``.

Returns:
    array: ``a - b``, in the promoted dtype.

Example:
    >>> mx.subtract(mx.array([5, 7]), 2)
)"},
    {"multiply", R"(Elementwise product with broadcasting, ``a * b``.

Returns:
    array: ``a * b``, in the promoted dtype.

Example:
    >>> mx.multiply(mx.array([1.5, 2.0]), mx.array([[1.0], [2.0]]))
)"},
    {"divide", R"(Elementwise true division with broadcasting, ``a / b``.

Returns:
    array: ``a / b``, floating point.

Example:
    >>> mx.divide(mx.array([1, 3]), 2)
)"},
    {"floor_divide", R"(Elementwise floor division with broadcasting, ``a // b``.

Returns:
    array: The quotient rounded toward minus infinity.

Example:
    >>> mx.floor_divide(mx.array([7, -7]), 2)
)"},
    {"remainder", R"(Elementwise remainder of floor division, ``a % b``; it has the sign of ``b``.

Returns:
    array: ``a - b * floor(a / b)``.

Example:
    >>> mx.remainder(mx.array([7, -7]), 3)
)"},
    {"power", R"(Elementwise power with broadcasting, ``a ** b``; ``pow`` is the same function.

Returns:
    array: ``a`` raised to ``b``, in the promoted dtype.

Example:
    >>> mx.power(mx.array([2, 3]), 2)
)"},
    {"maximum", R"(Elementwise maximum with broadcasting; NaN wins.

Returns:
    array: The larger of ``a`` and ``b`` at each position.

Example:
    >>> mx.maximum(mx.array([1, 5, 3]), 2)
)"},
    {"minimum", R"(Elementwise minimum with broadcasting; NaN wins.

Returns:
    array: The smaller of ``a`` and ``b`` at each position.

Example:
    >>> mx.minimum(mx.array([1, 5, 3]), 2)
)"},
    {"arctan2", R"(Elementwise angle of the point ``(b, a)``, ``atan(a / b)`` in the right quadrant; ``atan2`` is the same function.

Returns:
    array: The angle in radians, in [-pi, pi].

Example:
    >>> mx.arctan2(mx.array([1.0, -1.0]), mx.array([-1.0, -1.0]))
)"},
    {"logaddexp", R"(Elementwise ``log(exp(a) + exp(b))``, computed without overflow.

Returns:
    array: The log of the summed exponentials, floating point.

Example:
    >>> mx.logaddexp(mx.array([0.0, 1000.0]), mx.array([0.0, 1000.0]))
)"},
    {"equal", R"(Elementwise ``a == b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.equal(mx.array([1, 2, 3]), 2)
)"},
    {"not_equal", R"(Elementwise ``a != b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.not_equal(mx.array([1, 2, 3]), 2)
)"},
    {"less", R"(Elementwise ``a < b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.less(mx.array([1, 2, 3]), 2)
)"},
    {"less_equal", R"(Elementwise ``a <= b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.less_equal(mx.array([1, 2, 3]), 2)
)"},
    {"greater", R"(Elementwise ``a > b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.greater(mx.array([1, 2, 3]), 2)
)"},
    {"greater_equal", R"(Elementwise ``a >= b`` with broadcasting.

Returns:
    array: A bool array.

Example:
    >>> mx.greater_equal(mx.array([1, 2, 3]), 2)
)"},
    {"logical_and", R"(Elementwise logical and: true where both ``a`` and ``b`` are nonzero.

Returns:
    array: A bool array.

Example:
    >>> mx.logical_and(mx.array([True, True, False]), mx.array([True, False, False]))
)"},
    {"logical_or", R"(Elementwise logical or: true where ``a`` or ``b`` is nonzero.

Returns:
    array: A bool array.

Example:
    >>> mx.logical_or(mx.array([True, False, False]), mx.array([False, False, True]))
)"},
    {"bitwise_and", R"(Elementwise bitwise and, ``a & b``, of integer or bool arrays.

Returns:
    array: ``a & b``, in the promoted dtype.

Example:
    >>> mx.bitwise_and(mx.array([12, 10]), 6)
)"},
    {"bitwise_or", R"(Elementwise bitwise or, ``a | b``, of integer or bool arrays.

Returns:
    array: ``a | b``, in the promoted dtype.

Example:
    >>> mx.bitwise_or(mx.array([12, 10]), 1)
)"},
    {"bitwise_xor", R"(Elementwise bitwise exclusive or, ``a ^ b``, of integer or bool arrays.

Returns:
    array: ``a ^ b``, in the promoted dtype.

Example:
    >>> mx.bitwise_xor(mx.array([12, 10]), 6)
)"},
    {"left_shift", R"(Elementwise left shift, ``a << b``; ``bitwise_left_shift`` is the same function.

Returns:
    array: ``a`` shifted left by ``b`` bits.

Example:
    >>> mx.left_shift(mx.array([1, 3]), 2)
)"},
    {"right_shift", R"(Elementwise right shift, ``a >> b``; ``bitwise_right_shift`` is the same function.

Returns:
    array: ``a`` shifted right by ``b`` bits.

Example:
    >>> mx.right_shift(mx.array([8, 13]), 2)
)"},
    {"isfinite", R"(Elementwise test for finite values: neither infinite nor NaN.

Returns:
    array: A bool array.

Example:
    >>> mx.isfinite(mx.array([1.0, mx.inf, mx.nan]))
)"},
    {"degrees", R"(Converts angles from radians to degrees.

Returns:
    array: ``a * 180 / pi``, floating point.

Example:
    >>> mx.degrees(mx.array([mx.pi, mx.pi / 2]))
)"},
    {"radians", R"(Converts angles from degrees to radians.

Returns:
    array: ``a * pi / 180``, floating point.

Example:
    >>> mx.radians(mx.array([180.0, 90.0]))
)"},
    {"round", R"(Rounds to the given number of decimals, halves to even (as NumPy).

Args:
    decimals (int, optional): Number of decimal places; negative rounds to tens, hundreds... Default: ``0``.

Returns:
    array: The rounded values, with the dtype of ``a``.

Example:
    >>> mx.round(mx.array([0.5, 1.5, 2.567]))
    >>> mx.round(mx.array([2.567]), 2)
)"},
    {"trunc", R"(Rounds toward zero, dropping the fractional part.

Returns:
    array: The truncated values, with the dtype of ``a``.

Example:
    >>> mx.trunc(mx.array([-1.7, 1.7]))
)"},
    {"positive", R"(Elementwise ``+a``: the values of ``a`` unchanged.

Returns:
    array: A copy of ``a``.

Example:
    >>> mx.positive(mx.array([-1, 2]))
)"},
    {"logical_xor", R"(Elementwise logical exclusive or: true where exactly one of ``a`` and ``b`` is nonzero.

Returns:
    array: A bool array.

Example:
    >>> mx.logical_xor(mx.array([True, True, False]), mx.array([True, False, False]))
)"},
    {"divmod", R"(Floor quotient and remainder of ``a / b`` in one pass.

Returns:
    tuple(array, array): ``(floor_divide(a, b), remainder(a, b))``.

Example:
    >>> q, r = mx.divmod(mx.array([7, -7]), 3)
    >>> q
    >>> r
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
)"},
    {"clip", R"(Limits the values of ``a`` to ``[a_min, a_max]``.

Args:
    a_min (scalar or array): Lower bound, or ``None`` for none.
    a_max (scalar or array): Upper bound, or ``None`` for none.

Returns:
    array: ``minimum(maximum(a, a_min), a_max)``.

Example:
    >>> mx.clip(mx.array([-2, 0, 5]), 0, 3)
    >>> mx.clip(mx.array([-2, 0, 5]), None, 3)
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
)"},
    {"array_equal", R"(Tests whether two arrays have the same shape and equal values (dtypes may differ).

Args:
    equal_nan (bool, optional): Count two NaNs as equal. Default: ``False``.

Returns:
    array: A scalar bool array.

Example:
    >>> mx.array_equal(mx.array([1, 2]), mx.array([1.0, 2.0]))
)"},
    {"view", R"(Reinterprets the bytes of ``a`` as another dtype, without copying or converting; the last axis scales by the ratio of the item sizes.

Args:
    dtype (Dtype): The dtype to see the bytes as.

Returns:
    array: A view of the same bytes.

Example:
    >>> mx.view(mx.array([1.0], dtype=mx.float32), mx.uint32)
)"},
    {"array.abs", R"(Method form of :func:`abs`, on this array.

Returns:
    array: ``mx.abs(self)``.

Example:
    >>> mx.array([1.0, 4.0]).abs()
)"},
    {"array.conj", R"(Method form of :func:`conjugate`, on this array.

Returns:
    array: ``mx.conjugate(self)``.

Example:
    >>> mx.array([1.0, 4.0]).conj()
)"},
    {"array.cos", R"(Method form of :func:`cos`, on this array.

Returns:
    array: ``mx.cos(self)``.

Example:
    >>> mx.array([1.0, 4.0]).cos()
)"},
    {"array.exp", R"(Method form of :func:`exp`, on this array.

Returns:
    array: ``mx.exp(self)``.

Example:
    >>> mx.array([1.0, 4.0]).exp()
)"},
    {"array.log", R"(Method form of :func:`log`, on this array.

Returns:
    array: ``mx.log(self)``.

Example:
    >>> mx.array([1.0, 4.0]).log()
)"},
    {"array.log10", R"(Method form of :func:`log10`, on this array.

Returns:
    array: ``mx.log10(self)``.

Example:
    >>> mx.array([1.0, 4.0]).log10()
)"},
    {"array.log1p", R"(Method form of :func:`log1p`, on this array.

Returns:
    array: ``mx.log1p(self)``.

Example:
    >>> mx.array([1.0, 4.0]).log1p()
)"},
    {"array.log2", R"(Method form of :func:`log2`, on this array.

Returns:
    array: ``mx.log2(self)``.

Example:
    >>> mx.array([1.0, 4.0]).log2()
)"},
    {"array.reciprocal", R"(Method form of :func:`reciprocal`, on this array.

Returns:
    array: ``mx.reciprocal(self)``.

Example:
    >>> mx.array([1.0, 4.0]).reciprocal()
)"},
    {"array.rsqrt", R"(Method form of :func:`rsqrt`, on this array.

Returns:
    array: ``mx.rsqrt(self)``.

Example:
    >>> mx.array([1.0, 4.0]).rsqrt()
)"},
    {"array.sin", R"(Method form of :func:`sin`, on this array.

Returns:
    array: ``mx.sin(self)``.

Example:
    >>> mx.array([1.0, 4.0]).sin()
)"},
    {"array.sqrt", R"(Method form of :func:`sqrt`, on this array.

Returns:
    array: ``mx.sqrt(self)``.

Example:
    >>> mx.array([1.0, 4.0]).sqrt()
)"},
    {"array.square", R"(Method form of :func:`square`, on this array.

Returns:
    array: ``mx.square(self)``.

Example:
    >>> mx.array([1.0, 4.0]).square()
)"},
    {"array.round", R"(Method form of :func:`round`: rounds to ``decimals`` places, halves to even.

Args:
    decimals (int, optional): Number of decimal places. Default: ``0``.

Returns:
    array: The rounded array.

Example:
    >>> mx.array([1.25, 2.5]).round(1)
)"},
    {"array.view", R"(Method form of :func:`view`: the same bytes seen as another dtype.

Args:
    dtype (Dtype): The dtype to see the bytes as.

Returns:
    array: A view of the same bytes.

Example:
    >>> mx.array([1], dtype=mx.int32).view(mx.uint8)
)"},
    {"array.real", R"(The real part of the array (a copy of it for real arrays).
)"},
    {"array.imag", R"(The imaginary part of the array (zeros for real arrays).
)"},
  };
  return table;
}

} // namespace mxg::python
