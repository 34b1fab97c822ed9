// Storage types for float16 and bfloat16: 16-bit values that compute as float.
#pragma once

#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>

namespace mxg {

namespace detail {
inline uint32_t f32_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
inline float bits_f32(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
} // namespace detail

/// IEEE 754 binary16, round-to-nearest-even on conversion from float.
struct float16_t {
  uint16_t bits = 0;
  float16_t() = default;
  float16_t(float f) : bits(from_float(f)) {}
  float16_t(double d) : float16_t(static_cast<float>(d)) {}
  template <typename I, typename = std::enable_if_t<std::is_integral_v<I>>>
  float16_t(I i) : float16_t(static_cast<float>(i)) {}
  operator float() const { return to_float(bits); }
  static float16_t from_bits(uint16_t b) {
    float16_t h;
    h.bits = b;
    return h;
  }

  static uint16_t from_float(float f) {
    uint32_t x = detail::f32_bits(f);
    uint32_t sign = (x >> 16) & 0x8000u;
    uint32_t absx = x & 0x7fffffffu;
    if (absx >= 0x7f800000u) { // inf or nan
      return static_cast<uint16_t>(sign | 0x7c00u | (absx > 0x7f800000u ? 0x200u : 0u));
    }
    if (absx >= 0x477ff000u) { // rounds to >= 65520 -> inf
      return static_cast<uint16_t>(sign | 0x7c00u);
    }
    if (absx < 0x38800000u) { // subnormal or zero in half
      float af = detail::bits_f32(absx);
      // scale so the half subnormal unit (2^-24) becomes 1, then round to nearest even
      float scaled = af * 16777216.0f;
      uint32_t m = static_cast<uint32_t>(std::nearbyint(scaled));
      return static_cast<uint16_t>(sign | m);
    }
    uint32_t mant_odd = (absx >> 13) & 1u;
    absx += 0xc8000fffu + mant_odd; // rebias exponent (-112 << 23) and round
    return static_cast<uint16_t>(sign | (absx >> 13));
  }
  static float to_float(uint16_t h) {
    uint32_t sign = (static_cast<uint32_t>(h) & 0x8000u) << 16;
    uint32_t exp = (h >> 10) & 0x1fu;
    uint32_t mant = h & 0x3ffu;
    if (exp == 0) {
      float f = static_cast<float>(mant) * 5.9604644775390625e-08f; // 2^-24
      return sign ? -f : f;
    }
    if (exp == 31) {
      return detail::bits_f32(sign | 0x7f800000u | (mant << 13));
    }
    return detail::bits_f32(sign | ((exp + 112) << 23) | (mant << 13));
  }
};

/// bfloat16: the top 16 bits of a float32, round-to-nearest-even on conversion.
struct bfloat16_t {
  uint16_t bits = 0;
  bfloat16_t() = default;
  bfloat16_t(float f) : bits(from_float(f)) {}
  bfloat16_t(double d) : bfloat16_t(static_cast<float>(d)) {}
  template <typename I, typename = std::enable_if_t<std::is_integral_v<I>>>
  bfloat16_t(I i) : bfloat16_t(static_cast<float>(i)) {}
  operator float() const { return detail::bits_f32(static_cast<uint32_t>(bits) << 16); }
  static bfloat16_t from_bits(uint16_t b) {
    bfloat16_t h;
    h.bits = b;
    return h;
  }
  static uint16_t from_float(float f) {
    uint32_t x = detail::f32_bits(f);
    if ((x & 0x7fffffffu) > 0x7f800000u) {
      return static_cast<uint16_t>((x >> 16) | 0x40u); // quiet nan
    }
    x += 0x7fffu + ((x >> 16) & 1u);
    return static_cast<uint16_t>(x >> 16);
  }
};

using complex64_t = std::complex<float>;

} // namespace mxg
