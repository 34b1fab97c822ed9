// Scalar functors for the binary elementwise operations (see elementwise_ops.h).
#pragma once

#include "cpu/elementwise_ops.h"

namespace mxg::ops {

#define MXG_BFUNC(Name, expr)                           \
  struct Name : BinaryKernel<BinaryOp::Name> {          \
    template <typename T>                               \
    auto operator()(T a, T b) const { return expr; }    \
  };

MXG_BFUNC(Add, ([&] { if constexpr (std::is_same_v<T, bool>) return bool(a || b); else return wrap_add(a, b); }()))
MXG_BFUNC(Subtract, wrap_sub(a, b))
MXG_BFUNC(Multiply, ([&] { if constexpr (std::is_same_v<T, bool>) return bool(a && b); else return wrap_mul(a, b); }()))
MXG_BFUNC(Divide, T(a / b))

/// NumPy's float divmod: the quotient is rounded so that q * b + r == a holds
/// closely (floor(a / b) alone is off by one for e.g. 1 // 0.1).
template <typename T>
inline void float_divmod(T a, T b, T& q, T& r) {
  T mod = std::fmod(a, b);
  if (b == T(0)) {
    q = a / b;
    r = mod;
    return;
  }
  T div = (a - mod) / b;
  if (mod != T(0)) {
    if ((b < T(0)) != (mod < T(0))) {
      mod += b;
      div -= T(1);
    }
  } else {
    mod = std::copysign(T(0), b);
  }
  T fq;
  if (div != T(0)) {
    fq = std::floor(div);
    if (div - fq > T(0.5)) fq += T(1);
  } else {
    fq = std::copysign(T(0), a / b);
  }
  q = fq;
  r = mod;
}

MXG_BFUNC(FloorDivide, ([&] {
  if constexpr (is_float_v<T>) { T q, r; float_divmod(a, b, q, r); return q; }
  else if constexpr (std::is_signed_v<T>) {
    if (b == 0) return T(0);
    if (b == T(-1)) return wrap_sub(T(0), a); // INT_MIN // -1 wraps, as in NumPy
    T q = T(a / b);
    return T((a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q);
  } else return b == 0 ? T(0) : T(a / b);
}()))
MXG_BFUNC(Remainder, ([&] {
  if constexpr (is_float_v<T>) { T q, r; float_divmod(a, b, q, r); return r; }
  else if constexpr (std::is_signed_v<T>) {
    if (b == 0 || b == T(-1)) return T(0);
    T r = T(a % b);
    return T((r != 0 && ((r < 0) != (b < 0))) ? r + b : r);
  } else return b == 0 ? T(0) : T(a % b);
}()))
MXG_BFUNC(Power, ([&] {
  if constexpr (is_int_v<T>) {
    if constexpr (std::is_signed_v<T>) { if (b < 0) return T(a == 1 ? 1 : (a == -1 ? ((b & 1) ? -1 : 1) : 0)); }
    T r = 1, base = a;
    auto e = b;
    while (e) { if (e & 1) r = wrap_mul(r, base); base = wrap_mul(base, base); e >>= 1; }
    return r;
  } else return T(std::pow(a, b));
}()))
// Complex: NumPy's order (real part, then imaginary part); a NaN operand wins.
MXG_BFUNC(Maximum, ([&] {
  if constexpr (is_cplx_v<T>) return cplx_nan(a) ? a : cplx_nan(b) ? b : cplx_less(a, b) ? b : a;
  else if constexpr (is_float_v<T>) return (std::isnan(a) || a > b) ? a : b;
  else return a > b ? a : b;
}()))
MXG_BFUNC(Minimum, ([&] {
  if constexpr (is_cplx_v<T>) return cplx_nan(a) ? a : cplx_nan(b) ? b : cplx_less(b, a) ? b : a;
  else if constexpr (is_float_v<T>) return (std::isnan(a) || a < b) ? a : b;
  else return a < b ? a : b;
}()))
MXG_BFUNC(ArcTan2, T(std::atan2(a, b)))
/// Complex logaddexp as MLX: max + log1p(exp(min - max)) in the real-then-imaginary
/// order, so the imaginary part may leave (-pi, pi].
template <typename C>
inline C cplx_logaddexp(C a, C b) {
  using R = typename C::value_type;
  constexpr R inf = std::numeric_limits<R>::infinity();
  constexpr R nan = std::numeric_limits<R>::quiet_NaN();
  if (cplx_nan(a) || cplx_nan(b)) return C(nan, nan);
  C m = cplx_less(a, b) ? b : a, n = cplx_less(a, b) ? a : b;
  if (n == C(-inf, R(0)) || m == C(inf, R(0))) return m;
  return m + cplx_log1p(std::exp(n - m));
}

MXG_BFUNC(LogAddExp, ([&] {
  if constexpr (is_cplx_v<T>) {
    return cplx_logaddexp(a, b);
  } else {
    if (std::isnan(a) || std::isnan(b)) return T(a + b);
    if (a == b && std::isinf(a)) return a; // -inf, -inf stays -inf (no inf - inf)
    T m = a > b ? a : b;
    return T(m + std::log1p(std::exp(-std::abs(a - b))));
  }
}()))
MXG_BFUNC(Equal, bool(a == b))
MXG_BFUNC(NotEqual, bool(a != b))
MXG_BFUNC(Less, ([&] {
  if constexpr (is_cplx_v<T>) return cplx_less(a, b);
  else return bool(a < b);
}()))
MXG_BFUNC(LessEqual, ([&] {
  if constexpr (is_cplx_v<T>) return cplx_less(a, b) || (a.real() == b.real() && a.imag() == b.imag());
  else return bool(a <= b);
}()))
MXG_BFUNC(Greater, ([&] {
  if constexpr (is_cplx_v<T>) return cplx_less(b, a);
  else return bool(a > b);
}()))
MXG_BFUNC(GreaterEqual, ([&] {
  if constexpr (is_cplx_v<T>) return cplx_less(b, a) || (a.real() == b.real() && a.imag() == b.imag());
  else return bool(a >= b);
}()))
MXG_BFUNC(LogicalAnd, bool(a != T(0) && b != T(0)))
MXG_BFUNC(LogicalOr, bool(a != T(0) || b != T(0)))
MXG_BFUNC(BitwiseAnd, T(a & b))
MXG_BFUNC(BitwiseOr, T(a | b))
MXG_BFUNC(BitwiseXor, T(a ^ b))
MXG_BFUNC(LeftShift, ([&] {
  if constexpr (std::is_same_v<T, bool>) return T(b ? false : a);
  else {
    using U = std::make_unsigned_t<T>;
    if (b < 0 || b >= T(sizeof(T) * 8)) return T(0);
    return T(static_cast<U>(a) << b);
  }
}()))
MXG_BFUNC(RightShift, ([&] {
  if constexpr (std::is_same_v<T, bool>) return T(b ? false : a);
  else {
    if (b < 0 || b >= T(sizeof(T) * 8)) return T(a < 0 ? -1 : 0);
    return T(a >> b);
  }
}()))

#undef MXG_BFUNC

} // namespace mxg::ops
