// Elementwise operations: unary, binary, where/clip, casts.
#pragma once

#include <optional>
#include <utility>

#include "mxgraph/array.h"
#include "mxgraph/primitive.h"

namespace mxg {

/// Applies a unary op; integer and bool inputs of floating-point ops become float32.
array unary(UnaryOp op, const array& a, StreamOrDevice s = {});
/// Applies a binary op after promoting and broadcasting the inputs.
array binary(BinaryOp op, const array& a, const array& b, StreamOrDevice s = {});

// One function per unary / binary op of the registry: exp(a), add(a, b), ...
#define MXG_DECLARE_UNARY(e, n, ...) array n(const array& a, StreamOrDevice s = {});
MXG_UNARY_OPS(MXG_DECLARE_UNARY)
#undef MXG_DECLARE_UNARY
#define MXG_DECLARE_BINARY(e, n, ...) array n(const array& a, const array& b, StreamOrDevice s = {});
MXG_BINARY_OPS(MXG_DECLARE_BINARY)
#undef MXG_DECLARE_BINARY

/// Neither infinite nor NaN (always true for integers and bool).
array isfinite(const array& a, StreamOrDevice s = {});
array degrees(const array& a, StreamOrDevice s = {});
array radians(const array& a, StreamOrDevice s = {});
/// Rounds to `decimals` places (NumPy's round-half-to-even).
array round(const array& a, int decimals, StreamOrDevice s = {});
/// Rounds toward zero (integers unchanged).
array trunc(const array& a, StreamOrDevice s = {});
/// +a (returns a).
array positive(const array& a, StreamOrDevice s = {});
array logical_xor(const array& a, const array& b, StreamOrDevice s = {});
/// Floor quotient and remainder (NumPy's sign rules) from one node with two outputs.
std::pair<array, array> divmod(const array& a, const array& b, StreamOrDevice s = {});

array where(const array& cond, const array& x, const array& y, StreamOrDevice s = {});
/// Clips to [lo, hi]; either bound may be absent.
array clip(const array& a, const std::optional<array>& lo, const std::optional<array>& hi,
           StreamOrDevice s = {});
/// Replaces NaN, +inf and -inf (defaults: 0 and the dtype's largest / lowest finite value).
array nan_to_num(const array& a, double nan = 0.0, std::optional<double> posinf = std::nullopt,
                 std::optional<double> neginf = std::nullopt, StreamOrDevice s = {});
array isclose(const array& a, const array& b, double rtol = 1e-5, double atol = 1e-8,
              bool equal_nan = false, StreamOrDevice s = {});
/// Evaluates; true when every element is close.
array allclose(const array& a, const array& b, double rtol = 1e-5, double atol = 1e-8,
               bool equal_nan = false, StreamOrDevice s = {});
/// Evaluates; true when the shapes match and every element is equal (a shape
/// mismatch gives false, not an error).
array array_equal(const array& a, const array& b, bool equal_nan = false, StreamOrDevice s = {});

array astype(const array& a, Dtype dtype, StreamOrDevice s = {});
/// Reinterprets the bytes as another dtype (the last axis scales with the size ratio).
array view(const array& a, Dtype dtype, StreamOrDevice s = {});

/// A Python-style weak scalar: takes `other`'s dtype when that keeps its kind
/// (an int next to any non-bool array, a float next to an inexact one), else
/// int32 / float32.
template <typename T>
array weak_scalar(T v, Dtype other) {
  if constexpr (std::is_same_v<T, bool>) {
    return array(v, bool_);
  } else if constexpr (std::is_integral_v<T>) {
    return array(v, other == bool_ ? int32 : other);
  } else {
    return array(v, is_inexact(other) ? other : float32);
  }
}

// Operators.
array operator-(const array& a);
array operator!(const array& a);
array operator~(const array& a);
#define MXG_DECLARE_OPERATOR(sym)                              \
  array operator sym(const array& a, const array& b);          \
  template <typename T>                                        \
  array operator sym(const array& a, T b) { return a sym weak_scalar(b, a.dtype()); } \
  template <typename T>                                        \
  array operator sym(T a, const array& b) { return weak_scalar(a, b.dtype()) sym b; }
MXG_DECLARE_OPERATOR(+)
MXG_DECLARE_OPERATOR(-)
MXG_DECLARE_OPERATOR(*)
MXG_DECLARE_OPERATOR(/)
MXG_DECLARE_OPERATOR(%)
MXG_DECLARE_OPERATOR(==)
MXG_DECLARE_OPERATOR(!=)
MXG_DECLARE_OPERATOR(<)
MXG_DECLARE_OPERATOR(<=)
MXG_DECLARE_OPERATOR(>)
MXG_DECLARE_OPERATOR(>=)
MXG_DECLARE_OPERATOR(&&)
MXG_DECLARE_OPERATOR(||)
MXG_DECLARE_OPERATOR(&)
MXG_DECLARE_OPERATOR(|)
MXG_DECLARE_OPERATOR(^)
MXG_DECLARE_OPERATOR(<<)
MXG_DECLARE_OPERATOR(>>)
#undef MXG_DECLARE_OPERATOR

} // namespace mxg
