// Scalar functors for the elementwise operations. Each computes in compute_t<T>
// (float for float16/bfloat16); the types it accepts follow from its registry row.
#pragma once

#include <cmath>
#include <algorithm>
#include <complex>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "cpu/cast.h"
#include "cpu/vec_math.h"
#include "mxgraph/primitive.h"

namespace mxg::ops {

template <typename T>
inline constexpr bool is_float_v = std::is_floating_point_v<T> || is_half_v<T>;
template <typename T>
inline constexpr bool is_cplx_v = is_complex_t<T>::value;
template <typename T>
inline constexpr bool is_int_v = std::is_integral_v<T> && !std::is_same_v<T, bool>;

enum class DtypeClass { Bool, Int, Float, Complex };
template <typename T>
inline constexpr DtypeClass class_of = std::is_same_v<T, bool> ? DtypeClass::Bool
                                       : is_int_v<T>          ? DtypeClass::Int
                                       : is_cplx_v<T>         ? DtypeClass::Complex
                                                              : DtypeClass::Float;

/// Whether an op's kernel can receive inputs of class k: those its `accepts` column
/// admits, after its `computes` column's conversion (lib/ops/elementwise.cpp).
constexpr bool kernel_takes(const OpTraits& t, DtypeClass k) {
  using op_traits::Accepts;
  using op_traits::Computes;
  bool admitted = t.accepts == Accepts::All || (t.accepts == Accepts::Real && k != DtypeClass::Complex) ||
                  (t.accepts == Accepts::NoBool && k != DtypeClass::Bool) ||
                  (t.accepts == Accepts::Integer && (k == DtypeClass::Bool || k == DtypeClass::Int));
  switch (t.computes) {
    case Computes::Keep: return admitted;
    case Computes::ToFloat: return admitted && (k == DtypeClass::Float || k == DtypeClass::Complex);
    case Computes::BoolToI32:
    case Computes::BoolToU8: return admitted && k != DtypeClass::Bool;
    case Computes::ToBool: return k == DtypeClass::Bool;
  }
  return false;
}

/// Base of each op's functor: `ok<T>` says which element types it is instantiated for.
template <UnaryOp Op>
struct UnaryKernel {
  template <typename T>
  static constexpr bool ok = kernel_takes(traits(Op), class_of<T>);
};
template <BinaryOp Op>
struct BinaryKernel {
  template <typename T>
  static constexpr bool ok = kernel_takes(traits(Op), class_of<T>);
};

/// Signed integer arithmetic that wraps like NumPy (through unsigned, so no UB).
template <typename T>
inline T wrap_add(T a, T b) {
  if constexpr (is_int_v<T> && std::is_signed_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
  } else return T(a + b);
}
template <typename T>
inline T wrap_sub(T a, T b) {
  if constexpr (is_int_v<T> && std::is_signed_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
  } else return T(a - b);
}
template <typename T>
inline T wrap_mul(T a, T b) {
  if constexpr (is_int_v<T> && std::is_signed_v<T>) {
    using U = std::make_unsigned_t<T>;
    // uint8/uint16 promote to int: widen to unsigned int first.
    using W = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, U>;
    return static_cast<T>(static_cast<W>(static_cast<U>(a)) * static_cast<W>(static_cast<U>(b)));
  } else if constexpr (std::is_unsigned_v<T> && sizeof(T) < sizeof(unsigned)) {
    return static_cast<T>(unsigned(a) * unsigned(b));
  } else return T(a * b);
}

template <typename T>
inline auto exp_of(T x) {
  if constexpr (std::is_same_v<T, float>) return exp_f32(x);
  else return std::exp(x);
}

/// Complex NaN: either part NaN (NumPy's isnan).
template <typename C>
inline bool cplx_nan(C z) { return std::isnan(z.real()) || std::isnan(z.imag()); }

/// Complex order as MLX and NumPy sort: real part first, then imaginary part.
template <typename C>
inline bool cplx_less(C a, C b) {
  return a.real() < b.real() || (a.real() == b.real() && a.imag() < b.imag());
}

/// log(1 + z), accurate near 0: |1 + z|^2 - 1 = x (2 + x) + y^2 avoids cancellation.
template <typename C>
inline C cplx_log1p(C z) {
  using R = typename C::value_type;
  R x = z.real(), y = z.imag();
  if (std::abs(x) < R(0.5) && std::abs(y) < R(0.5)) {
    return C(R(0.5) * std::log1p(x * (R(2) + x) + y * y), std::atan2(y, R(1) + x));
  }
  return std::log(C(R(1) + x, y));
}

#define MXG_UFUNC(Name, expr)                         \
  struct Name : UnaryKernel<UnaryOp::Name> {          \
    template <typename T>                             \
    auto operator()(T x) const { return expr; }       \
  };

MXG_UFUNC(Abs, ([&] {
  if constexpr (is_cplx_v<T>) return std::abs(x);
  else if constexpr (std::is_unsigned_v<T> || std::is_same_v<T, bool>) return x;
  else if constexpr (is_int_v<T>) return x < T(0) ? wrap_sub(T(0), x) : x;
  else return std::abs(x);
}()))
MXG_UFUNC(Negative, wrap_sub(T(0), x))
MXG_UFUNC(Sign, ([&] {
  if constexpr (is_cplx_v<T>) { auto a = std::abs(x); return a == 0 ? T(0) : x / a; }
  else if constexpr (std::is_unsigned_v<T>) return T(x != 0);
  else if constexpr (is_float_v<T>) return std::isnan(x) ? x : T((x > T(0)) - (x < T(0)));
  else return T((x > T(0)) - (x < T(0)));
}()))
MXG_UFUNC(Exp, exp_of(x))
MXG_UFUNC(Expm1, std::expm1(x))
MXG_UFUNC(Log, std::log(x))
MXG_UFUNC(Log1p, ([&] {
  if constexpr (is_cplx_v<T>) return cplx_log1p(x);
  else return std::log1p(x);
}()))
MXG_UFUNC(Log2, ([&] {
  if constexpr (is_cplx_v<T>) return T(std::log(x) * typename T::value_type(1.0 / M_LN2));
  else return std::log2(x);
}()))
MXG_UFUNC(Log10, std::log10(x))
MXG_UFUNC(Sqrt, std::sqrt(x))
MXG_UFUNC(Rsqrt, T(T(1) / std::sqrt(x)))
MXG_UFUNC(Square, ([&] { if constexpr (std::is_same_v<T, bool>) return x; else return wrap_mul(x, x); }()))
MXG_UFUNC(Reciprocal, T(T(1) / x))
MXG_UFUNC(Sin, ([&] { if constexpr (std::is_same_v<T, float>) return sincos_f32(x, false); else return std::sin(x); }()))
MXG_UFUNC(Cos, ([&] { if constexpr (std::is_same_v<T, float>) return sincos_f32(x, true); else return std::cos(x); }()))
MXG_UFUNC(Tan, std::tan(x))
MXG_UFUNC(ArcSin, std::asin(x))
MXG_UFUNC(ArcCos, std::acos(x))
MXG_UFUNC(ArcTan, std::atan(x))
MXG_UFUNC(Sinh, std::sinh(x))
MXG_UFUNC(Cosh, std::cosh(x))
MXG_UFUNC(Tanh, ([&] { if constexpr (std::is_same_v<T, float>) return tanh_f32(x); else return std::tanh(x); }()))
MXG_UFUNC(ArcSinh, std::asinh(x))
MXG_UFUNC(ArcCosh, std::acosh(x))
MXG_UFUNC(ArcTanh, std::atanh(x))
MXG_UFUNC(Sigmoid, T(T(1) / (T(1) + exp_of(T(-x)))))
MXG_UFUNC(Erf, std::erf(x))
MXG_UFUNC(Floor, ([&] { if constexpr (is_float_v<T>) return std::floor(x); else return x; }()))
MXG_UFUNC(Ceil, ([&] { if constexpr (is_float_v<T>) return std::ceil(x); else return x; }()))
MXG_UFUNC(Round, ([&] {
  if constexpr (is_float_v<T>) return std::nearbyint(x);
  else if constexpr (is_cplx_v<T>) return T(std::nearbyint(x.real()), std::nearbyint(x.imag()));
  else return x;
}()))
MXG_UFUNC(IsNan, ([&] {
  if constexpr (is_float_v<T>) return bool(std::isnan(x));
  else if constexpr (is_cplx_v<T>) return bool(std::isnan(x.real()) || std::isnan(x.imag()));
  else return false;
}()))
MXG_UFUNC(IsInf, ([&] {
  if constexpr (is_float_v<T>) return bool(std::isinf(x));
  else if constexpr (is_cplx_v<T>) return bool(std::isinf(x.real()) || std::isinf(x.imag()));
  else return false;
}()))
// Complex: equal to +-inf + 0j, as MLX (which compares with the real infinity).
MXG_UFUNC(IsPosInf, ([&] {
  if constexpr (is_float_v<T>) return bool(std::isinf(x) && x > 0);
  else if constexpr (is_cplx_v<T>) return bool(std::isinf(x.real()) && x.real() > 0 && x.imag() == 0);
  else return false;
}()))
MXG_UFUNC(IsNegInf, ([&] {
  if constexpr (is_float_v<T>) return bool(std::isinf(x) && x < 0);
  else if constexpr (is_cplx_v<T>) return bool(std::isinf(x.real()) && x.real() < 0 && x.imag() == 0);
  else return false;
}()))
MXG_UFUNC(LogicalNot, bool(x == T(0)))
MXG_UFUNC(BitwiseInvert, ([&] { if constexpr (std::is_same_v<T, bool>) return !x; else return T(~x); }()))
MXG_UFUNC(Conjugate, ([&] { if constexpr (is_cplx_v<T>) return std::conj(x); else return x; }()))
MXG_UFUNC(Real, ([&] { if constexpr (is_cplx_v<T>) return x.real(); else return x; }()))
MXG_UFUNC(Imag, ([&] { if constexpr (is_cplx_v<T>) return x.imag(); else return T(0); }()))
MXG_UFUNC(StopGradient, x)

/// Inverse error function: a rational initial guess refined by two Newton steps.
struct ErfInv : UnaryKernel<UnaryOp::ErfInv> {
  template <typename T>
  T operator()(T y) const {
    using std::abs;
    if (y <= T(-1)) return y == T(-1) ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::quiet_NaN();
    if (y >= T(1)) return y == T(1) ? std::numeric_limits<T>::infinity() : std::numeric_limits<T>::quiet_NaN();
    double yd = static_cast<double>(y);
    double w = -std::log((1.0 - yd) * (1.0 + yd));
    double x;
    if (w < 5.0) {
      w -= 2.5;
      double p = 2.81022636e-08;
      p = 3.43273939e-07 + p * w; p = -3.5233877e-06 + p * w; p = -4.39150654e-06 + p * w;
      p = 0.00021858087 + p * w; p = -0.00125372503 + p * w; p = -0.00417768164 + p * w;
      p = 0.246640727 + p * w; p = 1.50140941 + p * w;
      x = p * yd;
    } else {
      w = std::sqrt(w) - 3.0;
      double p = -0.000200214257;
      p = 0.000100950558 + p * w; p = 0.00134934322 + p * w; p = -0.00367342844 + p * w;
      p = 0.00573950773 + p * w; p = -0.0076224613 + p * w; p = 0.00943887047 + p * w;
      p = 1.00167406 + p * w; p = 2.83297682 + p * w;
      x = p * yd;
    }
    for (int i = 0; i < 2; ++i) { // Newton on erf(x) - y
      double err = std::erf(x) - yd;
      x -= err / (1.1283791670955126 * std::exp(-x * x));
    }
    return static_cast<T>(x);
  }
};

#undef MXG_UFUNC

} // namespace mxg::ops
