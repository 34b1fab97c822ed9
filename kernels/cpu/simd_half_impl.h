// Half-precision conversions and the matrix-vector loops, compiled once per
// instruction set like simd_span_impl.h (included just before it, which lists these
// in the kernel table). With MXG_SIMD_X86_AVX2 the loops use AVX2/FMA/F16C
// intrinsics; otherwise they are plain C++ the compiler vectorises where it can.
// No include guard: included once by each simd_span_<isa>.cpp.

namespace mxg::MXG_SIMD_NS {
namespace {

inline float bf16_to_f32(uint16_t h) {
  uint32_t u = static_cast<uint32_t>(h) << 16;
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

inline float half_bits_to_f32(Dtype dt, uint16_t h) {
  return dt == Dtype::bfloat16 ? bf16_to_f32(h) : float16_t::to_float(h);
}

#if defined(MXG_SIMD_X86_AVX2)
inline __m256 load8_bf16(const uint16_t* p) {
  __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
}
inline __m256 load8_f16(const uint16_t* p) {
  return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
// Round to nearest even; a NaN keeps its top bits and is made quiet (as bfloat16_t).
inline __m128i round8_bf16(__m256 v) {
  __m256i x = _mm256_castps_si256(v);
  __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(x, 16), _mm256_set1_epi32(1));
  __m256i r = _mm256_srli_epi32(_mm256_add_epi32(x, _mm256_add_epi32(lsb, _mm256_set1_epi32(0x7fff))), 16);
  __m256i q = _mm256_or_si256(_mm256_srli_epi32(x, 16), _mm256_set1_epi32(0x40));
  __m256i abs = _mm256_and_si256(x, _mm256_set1_epi32(0x7fffffff));
  __m256i nan = _mm256_cmpgt_epi32(abs, _mm256_set1_epi32(0x7f800000));
  r = _mm256_blendv_epi8(r, q, nan);
  __m256i packed = _mm256_packus_epi32(r, r); // within lanes: [r0-3 r0-3 r4-7 r4-7]
  return _mm256_castsi256_si128(_mm256_permute4x64_epi64(packed, 0x08));
}
#endif

/// float16/bfloat16 bits to float32 (exact).
void half_to_f32(Dtype dt, const uint16_t* in, float* out, int64_t n) {
  int64_t i = 0;
#if defined(MXG_SIMD_X86_AVX2)
  if (dt == Dtype::bfloat16) {
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, load8_bf16(in + i));
  } else {
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, load8_f16(in + i));
  }
#endif
  if (dt == Dtype::bfloat16) {
    for (; i < n; ++i) out[i] = bf16_to_f32(in[i]);
  } else {
    for (; i < n; ++i) out[i] = float16_t::to_float(in[i]);
  }
}

/// float32 to float16/bfloat16 bits, rounding to nearest even.
void f32_to_half(Dtype dt, const float* in, uint16_t* out, int64_t n) {
  int64_t i = 0;
#if defined(MXG_SIMD_X86_AVX2)
  if (dt == Dtype::bfloat16) {
    for (; i + 8 <= n; i += 8) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), round8_bf16(_mm256_loadu_ps(in + i)));
    }
  } else {
    for (; i + 8 <= n; i += 8) {
      __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), h);
    }
  }
#endif
  if (dt == Dtype::bfloat16) {
    for (; i < n; ++i) out[i] = bfloat16_t::from_float(in[i]);
  } else {
    for (; i < n; ++i) out[i] = float16_t::from_float(in[i]);
  }
}

// ---- matrix-vector loops: float32 accumulation, each matrix element read once ----

template <Dtype D>
inline float load1(const void* p, int64_t i) {
  if constexpr (D == Dtype::float32) return static_cast<const float*>(p)[i];
  else return half_bits_to_f32(D, static_cast<const uint16_t*>(p)[i]);
}

#if defined(MXG_SIMD_X86_AVX2)
template <Dtype D>
inline __m256 load8(const void* p, int64_t i) {
  if constexpr (D == Dtype::float32) return _mm256_loadu_ps(static_cast<const float*>(p) + i);
  else if constexpr (D == Dtype::bfloat16) return load8_bf16(static_cast<const uint16_t*>(p) + i);
  else return load8_f16(static_cast<const uint16_t*>(p) + i);
}

inline float hsum8(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}

// Four rows at a time, two accumulators per row (eight FMA chains in flight).
template <Dtype D>
void dot_rows_t(const void* w, int64_t ldw, const float* x, int64_t k, float* y, int64_t rows) {
  constexpr int64_t sz = D == Dtype::float32 ? 4 : 2;
  const char* base = static_cast<const char*>(w);
  int64_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    const void* p[4];
    for (int q = 0; q < 4; ++q) p[q] = base + (r + q) * ldw * sz;
    __m256 a[4][2];
    for (int q = 0; q < 4; ++q) a[q][0] = a[q][1] = _mm256_setzero_ps();
    int64_t j = 0;
    for (; j + 16 <= k; j += 16) {
      __m256 x0 = _mm256_loadu_ps(x + j), x1 = _mm256_loadu_ps(x + j + 8);
      for (int q = 0; q < 4; ++q) {
        a[q][0] = _mm256_fmadd_ps(load8<D>(p[q], j), x0, a[q][0]);
        a[q][1] = _mm256_fmadd_ps(load8<D>(p[q], j + 8), x1, a[q][1]);
      }
    }
    for (; j + 8 <= k; j += 8) {
      __m256 x0 = _mm256_loadu_ps(x + j);
      for (int q = 0; q < 4; ++q) a[q][0] = _mm256_fmadd_ps(load8<D>(p[q], j), x0, a[q][0]);
    }
    for (int q = 0; q < 4; ++q) {
      float s = hsum8(_mm256_add_ps(a[q][0], a[q][1]));
      for (int64_t t = j; t < k; ++t) s += load1<D>(p[q], t) * x[t];
      y[r + q] = s;
    }
  }
  for (; r < rows; ++r) {
    const void* p = base + r * ldw * sz;
    __m256 a0 = _mm256_setzero_ps();
    int64_t j = 0;
    for (; j + 8 <= k; j += 8) a0 = _mm256_fmadd_ps(load8<D>(p, j), _mm256_loadu_ps(x + j), a0);
    float s = hsum8(a0);
    for (; j < k; ++j) s += load1<D>(p, j) * x[j];
    y[r] = s;
  }
}

// y[j] += sum over rows r of x[r] * w[r][j]: four rows per pass over y.
template <Dtype D>
void axpy_rows_t(const void* w, int64_t ldw, const float* x, int64_t rows, float* y, int64_t n) {
  constexpr int64_t sz = D == Dtype::float32 ? 4 : 2;
  const char* base = static_cast<const char*>(w);
  int64_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    const void* p[4];
    __m256 xv[4];
    for (int q = 0; q < 4; ++q) p[q] = base + (r + q) * ldw * sz, xv[q] = _mm256_set1_ps(x[r + q]);
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) {
      __m256 s = _mm256_mul_ps(load8<D>(p[0], j), xv[0]);
      s = _mm256_fmadd_ps(load8<D>(p[1], j), xv[1], s);
      __m256 t = _mm256_mul_ps(load8<D>(p[2], j), xv[2]);
      t = _mm256_fmadd_ps(load8<D>(p[3], j), xv[3], t);
      _mm256_storeu_ps(y + j, _mm256_add_ps(_mm256_loadu_ps(y + j), _mm256_add_ps(s, t)));
    }
    for (; j < n; ++j) {
      y[j] += (load1<D>(p[0], j) * x[r] + load1<D>(p[1], j) * x[r + 1]) +
              (load1<D>(p[2], j) * x[r + 2] + load1<D>(p[3], j) * x[r + 3]);
    }
  }
  for (; r < rows; ++r) {
    const void* p = base + r * ldw * sz;
    __m256 xv = _mm256_set1_ps(x[r]);
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) {
      _mm256_storeu_ps(y + j, _mm256_fmadd_ps(load8<D>(p, j), xv, _mm256_loadu_ps(y + j)));
    }
    for (; j < n; ++j) y[j] += load1<D>(p, j) * x[r];
  }
}
#else
// Plain loops: eight partial sums per row (vectorisable), combined pairwise.
template <Dtype D>
void dot_rows_t(const void* w, int64_t ldw, const float* x, int64_t k, float* y, int64_t rows) {
  constexpr int64_t sz = D == Dtype::float32 ? 4 : 2;
  for (int64_t r = 0; r < rows; ++r) {
    const void* p = static_cast<const char*>(w) + r * ldw * sz;
    float a[8] = {};
    int64_t j = 0;
    for (; j + 8 <= k; j += 8) {
      for (int q = 0; q < 8; ++q) a[q] += load1<D>(p, j + q) * x[j + q];
    }
    float s = ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
    for (; j < k; ++j) s += load1<D>(p, j) * x[j];
    y[r] = s;
  }
}

template <Dtype D>
void axpy_rows_t(const void* w, int64_t ldw, const float* x, int64_t rows, float* y, int64_t n) {
  constexpr int64_t sz = D == Dtype::float32 ? 4 : 2;
  for (int64_t r = 0; r < rows; ++r) {
    const void* p = static_cast<const char*>(w) + r * ldw * sz;
    const float xr = x[r];
    for (int64_t j = 0; j < n; ++j) y[j] += load1<D>(p, j) * xr;
  }
}
#endif

void dot_rows(Dtype dt, const void* w, int64_t ldw, const float* x, int64_t k, float* y, int64_t rows) {
  switch (dt) {
    case Dtype::float32: return dot_rows_t<Dtype::float32>(w, ldw, x, k, y, rows);
    case Dtype::bfloat16: return dot_rows_t<Dtype::bfloat16>(w, ldw, x, k, y, rows);
    default: return dot_rows_t<Dtype::float16>(w, ldw, x, k, y, rows);
  }
}

void axpy_rows(Dtype dt, const void* w, int64_t ldw, const float* x, int64_t rows, float* y, int64_t n) {
  switch (dt) {
    case Dtype::float32: return axpy_rows_t<Dtype::float32>(w, ldw, x, rows, y, n);
    case Dtype::bfloat16: return axpy_rows_t<Dtype::bfloat16>(w, ldw, x, rows, y, n);
    default: return axpy_rows_t<Dtype::float16>(w, ldw, x, rows, y, n);
  }
}

} // namespace
} // namespace mxg::MXG_SIMD_NS
