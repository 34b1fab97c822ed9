// Run-time choice of the instruction set for the vectorised kernels.
#pragma once

#include <cstdint>

#include "mxgraph/dtype.h"
#include "mxgraph/primitive.h"

// x86 GCC/Clang builds also compile the kernels for AVX2+FMA (simd_span_avx2.cpp).
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define MXG_HAVE_AVX2_KERNELS 1
#endif

namespace mxg {

/// The instruction set the span kernels use: "avx2" or "baseline". Chosen once at
/// start-up (AVX2, FMA and F16C present, unless MXGRAPH_CPU=baseline).
const char* simd_level();
/// Forces "baseline" or "avx2" (ignored where the CPU lacks AVX2); for tests.
void set_simd_level(const char* level);

/// One instruction set's vectorised span kernels. Each returns false, touching
/// nothing, when it has no vectorised loop for the op and dtype.
struct SimdKernels {
  const char* name;
  bool (*unary_f32)(UnaryOp op, const float* in, float* out, int64_t n);
  bool (*binary)(BinaryOp op, Dtype dtype, const void* a, bool a_scalar, const void* b,
                 bool b_scalar, void* out, int64_t n);
  /// Pairwise sum of a contiguous float32 run.
  float (*sum_f32)(const float* p, int64_t n);
  /// max / min of a run of n >= 0 (-inf / inf when empty); NaN if the run holds one.
  float (*max_f32)(const float* p, int64_t n);
  float (*min_f32)(const float* p, int64_t n);
  /// Index of the first max (is_max) or min of a run of n >= 1; the first NaN wins.
  int64_t (*argext_f32)(const float* p, int64_t n, bool is_max);
  /// acc[j] += sum over the n rows (rs elements apart) of column j, for j < m.
  void (*sum_rows_f32)(const float* p, int64_t rs, int64_t n, int64_t m, float* acc);
  /// float16/bfloat16 (dtype) bits to float32, exactly; and back, rounding to nearest even.
  void (*half_to_f32)(Dtype dtype, const uint16_t* in, float* out, int64_t n);
  void (*f32_to_half)(Dtype dtype, const float* in, uint16_t* out, int64_t n);
  /// y[r] = sum_j w[r * ldw + j] * x[j] for r < rows, j < k; w is float32, float16 or
  /// bfloat16 (dtype), accumulated in float32 (each element of w read once).
  void (*dot_rows)(Dtype dtype, const void* w, int64_t ldw, const float* x, int64_t k, float* y,
                   int64_t rows);
  /// y[j] += sum_r x[r] * w[r * ldw + j] for r < rows, j < n; w as in dot_rows.
  void (*axpy_rows)(Dtype dtype, const void* w, int64_t ldw, const float* x, int64_t rows,
                    float* y, int64_t n);
};

/// The kernels of the current instruction set.
const SimdKernels& simd_kernels();

namespace simd_baseline {
extern const SimdKernels kernels;
}
#if defined(MXG_HAVE_AVX2_KERNELS)
namespace simd_avx2 {
extern const SimdKernels kernels;
}
#endif

} // namespace mxg
