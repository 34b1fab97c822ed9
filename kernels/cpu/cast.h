// Value conversion between element types, defined for every pair (no UB on
// out-of-range float to integer: such values saturate, NaN becomes 0).
#pragma once

#include <cmath>
#include <complex>
#include <limits>
#include <type_traits>

#include "mxgraph/half.h"

namespace mxg {

template <typename T>
struct is_complex_t : std::false_type {};
template <>
struct is_complex_t<complex64_t> : std::true_type {};

template <typename T>
inline constexpr bool is_half_v = std::is_same_v<T, float16_t> || std::is_same_v<T, bfloat16_t>;

/// The type a kernel computes in for storage type T (halves compute as float).
template <typename T>
using compute_t = std::conditional_t<is_half_v<T>, float, T>;

template <typename To, typename From>
inline To cast_value(From v) {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (is_complex_t<From>::value) {
    if constexpr (is_complex_t<To>::value) {
      return To(v);
    } else if constexpr (std::is_same_v<To, bool>) {
      return v != From(0);
    } else {
      return cast_value<To>(v.real());
    }
  } else if constexpr (is_complex_t<To>::value) {
    return To(static_cast<float>(static_cast<compute_t<From>>(v)), 0.0f);
  } else if constexpr (is_half_v<From>) {
    return cast_value<To>(static_cast<float>(v));
  } else if constexpr (is_half_v<To>) {
    return To(static_cast<float>(v));
  } else if constexpr (std::is_same_v<To, bool>) {
    return v != From(0);
  } else if constexpr (std::is_integral_v<To> && std::is_floating_point_v<From>) {
    if (std::isnan(v)) return To(0);
    if constexpr (std::is_unsigned_v<To>) {
      // Negative values wrap like NumPy (through int64).
      if (v < 0) {
        if (v <= static_cast<From>(std::numeric_limits<int64_t>::min())) return To(0);
        return static_cast<To>(static_cast<int64_t>(v));
      }
      if (v >= static_cast<From>(std::numeric_limits<To>::max())) return std::numeric_limits<To>::max();
      return static_cast<To>(v);
    } else {
      if (v <= static_cast<From>(std::numeric_limits<To>::min())) return std::numeric_limits<To>::min();
      if (v >= static_cast<From>(std::numeric_limits<To>::max())) return std::numeric_limits<To>::max();
      return static_cast<To>(v);
    }
  } else {
    return static_cast<To>(v);
  }
}

} // namespace mxg
