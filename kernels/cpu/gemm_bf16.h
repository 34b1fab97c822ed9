// bfloat16 gemm on AVX-512 BF16 (vdpbf16ps), chosen at run time by matmul.cpp.
#pragma once

#include <cstdint>

namespace mxg {

/// True when the CPU has AVX-512 BF16 (and F/BW) and the SIMD level is not forced
/// to "baseline" (MXGRAPH_CPU=baseline turns this path off with the AVX2 kernels).
bool bf16_gemm_available();

/// c[i * ldc + j] = alpha * sum_t a[i * lda + t] * b[j * ldb + t] + beta * c[i * ldc + j]
/// for i < m, j < n, t < k (C = A B^T, the `x @ w.T` layout), a and b bfloat16 bits,
/// accumulated in float32 pairs by vdpbf16ps (subnormal bfloat16 inputs count as 0,
/// as that instruction does). On the thread pool. Call only when available.
void gemm_bf16_nt(int64_t m, int64_t n, int64_t k, const uint16_t* a, int64_t lda, const uint16_t* b,
                  int64_t ldb, float alpha, float beta, float* c, int64_t ldc);

} // namespace mxg
