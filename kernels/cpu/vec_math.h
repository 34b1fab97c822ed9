// float32 math written with plain arithmetic and value selects, so that loops over
// it vectorise for whatever instruction set the including file targets (SSE2, or
// AVX2+FMA in simd_span_avx2.cpp). The functions are `static`: each kernel file gets
// its own copy, so code compiled for AVX2 can never be linked into a baseline caller.
// Measured error bounds (ulps vs float64) are in docs/kernels.md and tested in
// tests/python/test_kernels_ulp.py.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace mxg::ops {

static inline float bits_to_f32(int32_t b) {
  float f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}
static inline int32_t f32_to_bits(float f) {
  int32_t b;
  std::memcpy(&b, &f, sizeof b);
  return b;
}

inline constexpr float kInfF = std::numeric_limits<float>::infinity();

/// exp: Cody-Waite reduction by ln 2, a degree-6 polynomial, and a two-step 2^n
/// scaling that reaches the subnormals.
static inline float exp_f32(float x) {
  float xc = x < -104.0f ? -104.0f : x; // value selects (not std::min) if-convert
  xc = xc > 89.0f ? 89.0f : xc;
  xc = xc == xc ? xc : 0.0f; // NaN: converting it to int below is UB (UBSan, via fuzzing)
  constexpr float kRound = 12582912.0f; // 1.5 * 2^23: adding it rounds to an integer
  float fn = (xc * 1.44269504088896341f + kRound) - kRound;
  float r = xc - fn * 0.693359375f;
  r = r - fn * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  int32_t n = static_cast<int32_t>(fn);
  int32_t n1 = n >> 1, n2 = n - n1;
  float y = p * bits_to_f32((n1 + 127) << 23) * bits_to_f32((n2 + 127) << 23);
  y = x > 88.72283905f ? kInfF : y;
  y = x < -103.972084f ? 0.0f : y;
  return x != x ? x : y;
}

/// log: x = m * 2^e with m in [sqrt(1/2), sqrt(2)), a degree-8 polynomial in m - 1,
/// ln 2 split in two parts. Subnormals are scaled up by 2^25 first.
static inline float log_f32(float x) {
  bool sub = x < 1.17549435e-38f;
  float xs = sub ? x * 33554432.0f : x;
  int32_t bits = f32_to_bits(xs);
  float e = static_cast<float>(((bits >> 23) & 0xff) - 126) - (sub ? 25.0f : 0.0f);
  float m = bits_to_f32((bits & 0x007fffff) | 0x3f000000); // in [0.5, 1)
  bool lo = m < 0.707106781f;
  e = lo ? e - 1.0f : e;
  float f = lo ? m + m - 1.0f : m - 1.0f;
  float z = f * f;
  float p = 7.0376836292e-2f;
  p = p * f - 1.1514610310e-1f;
  p = p * f + 1.1676998740e-1f;
  p = p * f - 1.2420140846e-1f;
  p = p * f + 1.4249322787e-1f;
  p = p * f - 1.6668057665e-1f;
  p = p * f + 2.0000714765e-1f;
  p = p * f - 2.4999993993e-1f;
  p = p * f + 3.3333331174e-1f;
  float y = p * f * z + e * -2.12194440e-4f - 0.5f * z;
  float r = (f + y) + e * 0.693359375f;
  r = x == kInfF ? kInfF : r;
  r = x == 0.0f ? -kInfF : r;
  r = x < 0.0f ? std::numeric_limits<float>::quiet_NaN() : r;
  return x != x ? x : r;
}

/// log1p: log(u) for u = 1 + x, corrected by the rounding of u: (x - (u - 1)) / u.
static inline float log1p_f32(float x) {
  float u = 1.0f + x;
  float d = u - 1.0f;
  float r = log_f32(u) + (x - d) / (u == 0.0f ? 1.0f : u);
  r = d == 0.0f ? x : r; // |x| below half an ulp of 1 (keeps -0.0)
  r = u == 0.0f ? -kInfF : r;
  r = x == kInfF ? kInfF : r;
  return x != x ? x : r;
}

/// expm1: a degree-9 Taylor polynomial for |x| < 0.5 (no cancellation), exp(x) - 1 beyond.
static inline float expm1_f32(float x) {
  float p = 2.75573192e-6f;
  p = p * x + 2.48015873e-5f;
  p = p * x + 1.98412698e-4f;
  p = p * x + 1.38888889e-3f;
  p = p * x + 8.33333333e-3f;
  p = p * x + 4.16666667e-2f;
  p = p * x + 1.66666667e-1f;
  p = p * x + 0.5f;
  float small = p * x * x + x;
  float big = exp_f32(x) - 1.0f;
  float ax = x < 0.0f ? -x : x;
  return ax < 0.5f ? small : big; // NaN takes big, which stays NaN
}

/// tanh: an odd polynomial near zero, where 1 - 2 / (e^2x + 1) would cancel, that formula beyond.
static inline float tanh_f32(float x) {
  float ax = x < 0.0f ? -x : x;
  float z = x * x;
  float p = -5.70498872745e-3f;
  p = p * z + 2.06390887954e-2f;
  p = p * z - 5.37397155531e-2f;
  p = p * z + 1.33314422036e-1f;
  p = p * z - 3.33332819422e-1f;
  float small = p * z * x + x;
  float big = 1.0f - 2.0f / (exp_f32(2.0f * (ax > 9.0f ? 9.0f : ax)) + 1.0f);
  big = ax > 9.0f ? 1.0f : big;
  big = x < 0.0f ? -big : big;
  float y = ax < 0.625f ? small : big;
  return x != x ? x : y; // NaN stays NaN
}

/// sigmoid: with e = exp(-|x|), 1 / (1 + e) for x >= 0 and e / (1 + e) below, so
/// large negative x keeps its (tiny, even subnormal) value instead of flushing to 0.
static inline float sigmoid_f32(float x) {
  float e = exp_f32(x < 0.0f ? x : -x);
  float s = 1.0f / (1.0f + e);
  return x >= 0.0f ? s : (x != x ? x : e * s);
}

/// erf: x * P(x^2) for |x| < 1; 1 - exp(-x^2) * Q(1/|x|) up to 4 (Q fits erfc(x) e^(x^2),
/// both least-squares fits in relative error); 1 beyond, where erf rounds to 1.
static inline float erf_f32(float x) {
  float ax = x < 0.0f ? -x : x;
  float z = x * x;
  float p = 7.8981392031e-05f;
  p = p * z - 8.0243353355e-04f;
  p = p * z + 5.1900517668e-03f;
  p = p * z - 2.6854807775e-02f;
  p = p * z + 1.1283612415e-01f;
  p = p * z - 3.7612628843e-01f;
  p = p * z + 1.1283791665e+00f;
  float small = p * x;
  float a = ax < 1.0f ? 1.0f : (ax > 4.0f ? 4.0f : ax);
  float t = 1.0f / a;
  float q = -3.9950680659e-02f;
  q = q * t + 2.7466330637e-01f;
  q = q * t - 8.3591647349e-01f;
  q = q * t + 1.4609446709e+00f;
  q = q * t - 1.5584117880e+00f;
  q = q * t + 9.2072673343e-01f;
  q = q * t - 7.8090677008e-02f;
  q = q * t - 2.8276034664e-01f;
  q = q * t + 2.5936377344e-03f;
  q = q * t + 5.6376101371e-01f;
  q = q * t + 2.4175286104e-05f;
  float big = 1.0f - exp_f32(-(a * a)) * q;
  big = ax > 4.0f ? 1.0f : big;
  big = x < 0.0f ? -big : big;
  float y = ax < 1.0f ? small : big;
  return x != x ? x : y;
}

/// sin or cos, branch-free: reduction by pi/4 in double with pi/4 split in two
/// parts (the first has 36 bits, so j * C1 is exact for j < 2^17), then the classic
/// single-precision polynomials on the reduced float. Valid for |x| <=
/// kSinCosFastLimit; callers recompute larger, inf and NaN inputs with std::sin / std::cos.
inline constexpr float kSinCosFastLimit = 65536.0f;
static inline float sincos_f32(float x, bool cosine) {
  float ax = x < 0.0f ? -x : x;
  ax = ax <= kSinCosFastLimit ? ax : 0.0f; // out-of-range (and NaN) lanes are fixed up later
  double d = ax;
  int32_t j = static_cast<int32_t>(d * 1.2732395447351628); // 4 / pi
  j += j & 1;
  double y = static_cast<double>(j);
  j &= 7;
  float z = static_cast<float>((d - y * 0.7853981633961666) - y * 1.2816720757972594e-12);
  float zz = z * z;
  float sp = ((-1.9515295891e-4f * zz + 8.3321608736e-3f) * zz - 1.6666654611e-1f) * zz * z + z;
  float cp = ((2.443315711809948e-5f * zz - 1.388731625493765e-3f) * zz + 4.166664568298827e-2f) * zz * zz -
             0.5f * zz + 1.0f;
  int32_t q = cosine ? j + 2 : j; // cos(x) = sin(x + pi/2)
  bool use_cos = (q & 2) != 0;
  float r = use_cos ? cp : sp;
  r = (q & 4) != 0 ? -r : r;
  return cosine ? r : std::copysign(1.0f, x) * r; // sin is odd, signed zeros included
}

} // namespace mxg::ops
