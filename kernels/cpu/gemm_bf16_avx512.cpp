// bfloat16 C = A B^T with vdpbf16ps: 4 x 4 blocks of outputs, each a 16-lane float32
// accumulator of pairs along k, summed across lanes at the end. Tasks are tiles of
// 256 rows of A by 64 rows of B (64 x k bfloat16: 512 KB at k = 4096, L2-resident) on
// the thread pool. The target is set after every header, as in simd_span_avx2.cpp.
#include "cpu/gemm_bf16.h"

#include <algorithm>
#include <cstring>

#include "backend/thread_pool.h"
#include "cpu/simd.h"

#if defined(MXG_HAVE_AVX2_KERNELS)
#include <immintrin.h>

namespace mxg {
// Compiled for the baseline: it runs before anyone knows the CPU has AVX-512.
bool bf16_gemm_available() {
  static const bool cpu = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512bf16");
  return cpu && std::strcmp(simd_level(), "baseline") != 0;
}
} // namespace mxg

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512bw,avx512bf16"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512bf16")
#endif

namespace mxg {
namespace {

constexpr int kR = 4; // rows of A and of B per block

inline __m512bh load_pairs(const uint16_t* p, __mmask32 mask) {
  return reinterpret_cast<__m512bh>(_mm512_maskz_loadu_epi16(mask, p));
}

inline __mmask32 tail_mask(int64_t left) {
  return left >= 32 ? ~__mmask32(0) : (__mmask32(1) << left) - 1;
}

// Pairwise over the 16 lanes (through memory: once per block, next to k / 32 steps).
inline float lane_sum(__m512 v) {
  alignas(64) float t[16];
  _mm512_store_ps(t, v);
  for (int w = 8; w > 0; w /= 2) {
    for (int i = 0; i < w; ++i) t[i] += t[i + w];
  }
  return t[0];
}

// out[i * kR + j] = row i of A . row j of B, for i < MR, j < NR (the output's edges).
template <int MR, int NR>
void block(int64_t k, const uint16_t* a, int64_t lda, const uint16_t* b, int64_t ldb, float* out) {
  __m512 acc[MR][NR];
  for (int i = 0; i < MR; ++i) {
    for (int j = 0; j < NR; ++j) acc[i][j] = _mm512_setzero_ps();
  }
  for (int64_t t = 0; t < k; t += 32) {
    __mmask32 mask = tail_mask(k - t);
    __m512bh bv[NR];
    for (int j = 0; j < NR; ++j) bv[j] = load_pairs(b + j * ldb + t, mask);
    for (int i = 0; i < MR; ++i) {
      __m512bh av = load_pairs(a + i * lda + t, mask);
      for (int j = 0; j < NR; ++j) acc[i][j] = _mm512_dpbf16_ps(acc[i][j], av, bv[j]);
    }
  }
  for (int i = 0; i < MR; ++i) {
    for (int j = 0; j < NR; ++j) out[i * kR + j] = lane_sum(acc[i][j]);
  }
}

// The full 4 x 4 block with named accumulators: GCC keeps an array of them in memory
// (a store per instruction), these stay in registers.
void block44(int64_t k, const uint16_t* a, int64_t lda, const uint16_t* b, int64_t ldb, float* out) {
#define MXG_ROW(i) __m512 c##i##0 = _mm512_setzero_ps(), c##i##1 = c##i##0, c##i##2 = c##i##0, c##i##3 = c##i##0;
  MXG_ROW(0) MXG_ROW(1) MXG_ROW(2) MXG_ROW(3)
#undef MXG_ROW
  for (int64_t t = 0; t < k; t += 32) {
    __mmask32 mask = tail_mask(k - t);
    __m512bh b0 = load_pairs(b + t, mask), b1 = load_pairs(b + ldb + t, mask);
    __m512bh b2 = load_pairs(b + 2 * ldb + t, mask), b3 = load_pairs(b + 3 * ldb + t, mask);
#define MXG_ROW(i)                                   \
  {                                                  \
    __m512bh av = load_pairs(a + i * lda + t, mask); \
    c##i##0 = _mm512_dpbf16_ps(c##i##0, av, b0);     \
    c##i##1 = _mm512_dpbf16_ps(c##i##1, av, b1);     \
    c##i##2 = _mm512_dpbf16_ps(c##i##2, av, b2);     \
    c##i##3 = _mm512_dpbf16_ps(c##i##3, av, b3);     \
  }
    MXG_ROW(0) MXG_ROW(1) MXG_ROW(2) MXG_ROW(3)
#undef MXG_ROW
  }
#define MXG_ROW(i)                     \
  out[i * kR + 0] = lane_sum(c##i##0); \
  out[i * kR + 1] = lane_sum(c##i##1); \
  out[i * kR + 2] = lane_sum(c##i##2); \
  out[i * kR + 3] = lane_sum(c##i##3);
  MXG_ROW(0) MXG_ROW(1) MXG_ROW(2) MXG_ROW(3)
#undef MXG_ROW
}

using BlockFn = void (*)(int64_t, const uint16_t*, int64_t, const uint16_t*, int64_t, float*);

template <int MR>
constexpr BlockFn kRow[kR] = {&block<MR, 1>, &block<MR, 2>, &block<MR, 3>,
                              MR == 4 ? &block44 : &block<MR, 4>};
// kBlocks[mr - 1][nr - 1]: the edges of the output use the smaller blocks.
constexpr const BlockFn* kBlocks[kR] = {kRow<1>, kRow<2>, kRow<3>, kRow<4>};

// One tile: rows [i0, i1) of A by rows [j0, j1) of B, the whole of k per block
// (chunks of k that keep A's rows in L1 measured slower: more lane sums and C passes).
void tile(int64_t i0, int64_t i1, int64_t j0, int64_t j1, int64_t k, const uint16_t* a, int64_t lda,
          const uint16_t* b, int64_t ldb, float alpha, float beta, float* c, int64_t ldc) {
  float out[kR * kR];
  for (int64_t i = i0; i < i1; i += kR) {
    int mr = static_cast<int>(std::min<int64_t>(kR, i1 - i));
    for (int64_t j = j0; j < j1; j += kR) {
      int nr = static_cast<int>(std::min<int64_t>(kR, j1 - j));
      kBlocks[mr - 1][nr - 1](k, a + i * lda, lda, b + j * ldb, ldb, out);
      for (int r = 0; r < mr; ++r) {
        float* cr = c + (i + r) * ldc + j;
        for (int q = 0; q < nr; ++q) cr[q] = alpha * out[r * kR + q] + (beta != 0.0f ? beta * cr[q] : 0.0f);
      }
    }
  }
}

} // namespace

void gemm_bf16_nt(int64_t m, int64_t n, int64_t k, const uint16_t* a, int64_t lda, const uint16_t* b,
                  int64_t ldb, float alpha, float beta, float* c, int64_t ldc) {
  constexpr int64_t kRowsA = 256, kRowsB = 64;
  int64_t mt = (m + kRowsA - 1) / kRowsA, nt = (n + kRowsB - 1) / kRowsB;
  parallel_for(mt * nt, 1, [&](int64_t t0, int64_t t1) {
    for (int64_t t = t0; t < t1; ++t) {
      int64_t i0 = (t / nt) * kRowsA, j0 = (t % nt) * kRowsB;
      tile(i0, std::min(m, i0 + kRowsA), j0, std::min(n, j0 + kRowsB), k, a, lda, b, ldb, alpha, beta,
           c, ldc);
    }
  });
}

} // namespace mxg

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#else // not x86 GCC/Clang: no AVX-512 BF16 code is built

#include <stdexcept>

namespace mxg {
bool bf16_gemm_available() { return false; }
void gemm_bf16_nt(int64_t, int64_t, int64_t, const uint16_t*, int64_t, const uint16_t*, int64_t, float,
                  float, float*, int64_t) {
  throw std::logic_error("[matmul] The AVX-512 BF16 kernel is not built on this platform.");
}
} // namespace mxg

#endif
