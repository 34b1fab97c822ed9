// CPU kernel for Matmul: OpenBLAS gemm, one call per batch element, reading transposed
// operands in place through the trans flags. Matrix-vector products in float32,
// float16 and bfloat16 run on the SIMD kernels (each matrix element read once, on all
// threads); half-precision gemm feeds sgemm with float32 panels converted per block,
// or, for bfloat16 `x @ w.T` where the CPU has AVX-512 BF16, runs gemm_bf16_nt.
// Halves accumulate in float32 and are rounded once (docs/kernels.md).
#include "cpu/blas.h"

#include <algorithm>
#include <climits>
#include <cstdlib>

#include "cpu/cast.h"
#include "cpu/elementwise_common.h"
#include "cpu/gemm_bf16.h"
#include "cpu/simd.h"
#include "primitives/linalg.h"

namespace mxg {
namespace {

// OpenBLAS starts one thread per core; keep it at our pool's size (which follows
// MXGRAPH_NUM_THREADS and set_num_threads) unless the user set OpenBLAS's own
// variables. Our pool sleeps while BLAS runs, so the two do not compete.
void sync_blas_threads() {
  static const bool user_set =
      std::getenv("OPENBLAS_NUM_THREADS") || std::getenv("OMP_NUM_THREADS");
  if (!user_set && openblas_get_num_threads() != num_threads()) {
    openblas_set_num_threads(num_threads());
  }
}

// One operand as BLAS reads it: data, transpose flag, leading dimension, and the
// element offset of each batch entry.
struct Operand {
  explicit Operand(array a) : data(std::move(a)) {}
  array data;
  bool trans = false;
  int64_t ld = 0;
  std::vector<int64_t> offsets;
};

// The BLAS layout of a rows x cols matrix with element strides (sr, sc), if any.
bool blas_layout(int64_t rows, int64_t cols, int64_t sr, int64_t sc, bool& trans, int64_t& ld) {
  if ((cols <= 1 || sc == 1) && (rows <= 1 || sr >= std::max<int64_t>(cols, 1))) {
    trans = false;
    ld = rows <= 1 ? std::max<int64_t>(cols, 1) : sr;
    return true;
  }
  if ((rows <= 1 || sr == 1) && (cols <= 1 || sc >= std::max<int64_t>(rows, 1))) {
    trans = true;
    ld = cols <= 1 ? std::max<int64_t>(rows, 1) : sc;
    return true;
  }
  return false;
}

// A row-major copy of `in` converted to `dtype`.
array copy_as(const array& in, Dtype dtype) {
  array out = array::empty_like(in.shape(), dtype);
  alloc_rows(out);
  copy_strided(in, out.raw_data(), dtype);
  return out;
}

// Offsets of each batch entry of `a` within a batch of shape `batch` (broadcast).
std::vector<int64_t> batch_offsets(const array& a, const Shape& batch) {
  int nb = static_cast<int>(batch.size());
  int diff = nb - (a.ndim() - 2);
  Strides st(nb, 0);
  for (int i = diff; i < nb; ++i) {
    st[i] = a.shape()[i - diff] == 1 ? 0 : a.strides()[i - diff];
  }
  int64_t total = 1;
  for (int64_t d : batch) total *= d;
  std::vector<int64_t> offs(total);
  Shape idx(nb, 0);
  int64_t off = 0;
  for (int64_t i = 0; i < total; ++i) {
    offs[i] = off;
    for (int d = nb - 1; d >= 0; --d) {
      off += st[d];
      if (++idx[d] < batch[d]) break;
      off -= idx[d] * st[d];
      idx[d] = 0;
    }
  }
  return offs;
}

// `store`: the dtype the kernels read (the output's; halves are converted later).
Operand prepare(const array& in, Dtype store, const Shape& batch) {
  Operand op(in.dtype() == store ? in : copy_as(in, store));
  int nd = op.data.ndim();
  int64_t rows = op.data.shape(-2), cols = op.data.shape(-1);
  if (!blas_layout(rows, cols, op.data.strides()[nd - 2], op.data.strides()[nd - 1], op.trans,
                   op.ld)) {
    op.data = copy_as(op.data, store);
    blas_layout(rows, cols, op.data.strides()[nd - 2], op.data.strides()[nd - 1], op.trans, op.ld);
  }
  op.offsets = batch_offsets(op.data, batch);
  return op;
}

void check_blas_int(int64_t v) {
  if (v > INT_MAX) {
    throw std::invalid_argument("[matmul] A dimension exceeds what BLAS can index (2^31 - 1).");
  }
}

// Typed entry points: gemm, and gemv for a single row or column of output.
template <typename T>
struct Blas;

template <>
struct Blas<float> {
  static void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, float alpha,
                   const float* a, int lda, const float* b, int ldb, float beta, float* c, int ldc) {
    cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  }
  static void gemv(CBLAS_TRANSPOSE t, int m, int n, float alpha, const float* a, int lda,
                   const float* x, int incx, float beta, float* y, int incy) {
    cblas_sgemv(CblasRowMajor, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
  }
};

template <>
struct Blas<double> {
  static void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, float alpha,
                   const double* a, int lda, const double* b, int ldb, float beta, double* c,
                   int ldc) {
    cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  }
  static void gemv(CBLAS_TRANSPOSE t, int m, int n, float alpha, const double* a, int lda,
                   const double* x, int incx, float beta, double* y, int incy) {
    cblas_dgemv(CblasRowMajor, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
  }
};

template <>
struct Blas<complex64_t> {
  static void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, float alpha,
                   const complex64_t* a, int lda, const complex64_t* b, int ldb, float beta,
                   complex64_t* c, int ldc) {
    complex64_t al(alpha, 0.0f), be(beta, 0.0f);
    cblas_cgemm(CblasRowMajor, ta, tb, m, n, k, &al, a, lda, b, ldb, &be, c, ldc);
  }
  static void gemv(CBLAS_TRANSPOSE t, int m, int n, float alpha, const complex64_t* a, int lda,
                   const complex64_t* x, int incx, float beta, complex64_t* y, int incy) {
    complex64_t al(alpha, 0.0f), be(beta, 0.0f);
    cblas_cgemv(CblasRowMajor, t, m, n, &al, a, lda, x, incx, &be, y, incy);
  }
};

struct Problem {
  int64_t m, n, k;
  float alpha, beta;
};

CBLAS_TRANSPOSE flag(bool t) { return t ? CblasTrans : CblasNoTrans; }

// True when every batch entry of A follows the previous one by m rows and B is
// shared: the batch then folds into one tall product.
bool foldable(const Operand& oa, const Operand& ob, int64_t m) {
  if (oa.trans || oa.offsets.size() < 2) return false;
  for (size_t i = 0; i < ob.offsets.size(); ++i) {
    if (ob.offsets[i] != ob.offsets[0]) return false;
  }
  for (size_t i = 0; i < oa.offsets.size(); ++i) {
    if (oa.offsets[i] != oa.offsets[0] + int64_t(i) * m * oa.ld) return false;
  }
  return true;
}

// ---- matrix-vector products on the SIMD kernels (float32, float16, bfloat16) ----

// The vector of a matrix-vector product as contiguous float32.
std::vector<float> vector_f32(Dtype dt, const char* v, int64_t inc, int64_t k) {
  std::vector<float> x(k);
  if (dt == float32) {
    for (int64_t i = 0; i < k; ++i) x[i] = reinterpret_cast<const float*>(v)[i * inc];
  } else if (inc == 1) {
    simd_kernels().half_to_f32(dt, reinterpret_cast<const uint16_t*>(v), x.data(), k);
  } else {
    const uint16_t* h = reinterpret_cast<const uint16_t*>(v);
    for (int64_t i = 0; i < k; ++i) simd_kernels().half_to_f32(dt, h + i * inc, &x[i], 1);
  }
  return x;
}

// c = alpha * M v + beta * c for c of `rows` elements; M is stored with its rows along
// the output (dot form) or along k (axpy form), ld elements apart.
void matvec_into(Dtype dt, bool dot, const char* mat, int64_t ld, const std::vector<float>& x,
                 int64_t rows, const Problem& p, float* c) {
  const SimdKernels& kern = simd_kernels();
  int64_t k = static_cast<int64_t>(x.size()), sz = size_of(dt);
  std::vector<float> y(rows, 0.0f);
  if (dot) {
    int64_t grain = std::max<int64_t>(16, (1 << 16) / std::max<int64_t>(k, 1)) / 4 * 4;
    parallel_for(rows, grain, [&](int64_t b, int64_t e) {
      kern.dot_rows(dt, mat + b * ld * sz, ld, x.data(), k, y.data() + b, e - b);
    });
  } else {
    // Column blocks that keep their slice of y in L1 while the k rows stream past.
    constexpr int64_t kCols = 1024;
    int64_t blocks = (rows + kCols - 1) / kCols;
    parallel_for(blocks, k * kCols >= (1 << 16) ? 1 : blocks, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) {
        int64_t j0 = i * kCols, w = std::min(kCols, rows - j0);
        kern.axpy_rows(dt, mat + j0 * sz, ld, x.data(), k, y.data() + j0, w);
      }
    });
  }
  for (int64_t i = 0; i < rows; ++i) c[i] = p.alpha * y[i] + (p.beta != 0.0f ? p.beta * c[i] : 0.0f);
}

// One product with m == 1 or n == 1: the matrix operand is read in place.
void matvec(Dtype dt, const Problem& p, const char* a, const Operand& oa, const char* b,
            const Operand& ob, float* c) {
  if (p.n == 1) { // c = A b: A's rows are contiguous unless it is stored transposed
    auto x = vector_f32(dt, b, ob.trans ? 1 : ob.ld, p.k);
    matvec_into(dt, !oa.trans, a, oa.ld, x, p.m, p, c);
  } else { // c = B^T a: B's columns are contiguous when it is stored transposed
    auto x = vector_f32(dt, a, oa.trans ? oa.ld : 1, p.k);
    matvec_into(dt, ob.trans, b, ob.ld, x, p.n, p, c);
  }
}

// ---- half-precision gemm: float32 panels for sgemm ----

// rows x cols of half elements (ld apart) to dense float32 rows, on all threads.
void half_rows_to_f32(Dtype dt, const char* src, int64_t rows, int64_t cols, int64_t ld, float* dst) {
  const uint16_t* h = reinterpret_cast<const uint16_t*>(src);
  const SimdKernels& kern = simd_kernels();
  parallel_for(rows, std::max<int64_t>(1, (1 << 15) / std::max<int64_t>(cols, 1)), [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) kern.half_to_f32(dt, h + r * ld, dst + r * cols, cols);
  });
}

// C (m x n, ldc = n) = alpha A B + beta C: A converted once, B in panels of columns
// small enough (~2 MB of float32) to stay in cache while sgemm reads them.
void half_gemm(Dtype dt, const Problem& p, const char* a, const Operand& oa, const char* b,
               const Operand& ob, float* c) {
  if (dt == bfloat16 && !oa.trans && ob.trans && bf16_gemm_available()) { // x @ w.T
    gemm_bf16_nt(p.m, p.n, p.k, reinterpret_cast<const uint16_t*>(a), oa.ld,
                 reinterpret_cast<const uint16_t*>(b), ob.ld, p.alpha, p.beta, c, p.n);
    return;
  }
  int64_t sz = size_of(dt);
  int64_t ar = oa.trans ? p.k : p.m, ac = oa.trans ? p.m : p.k;
  std::vector<float> fa(ar * ac);
  half_rows_to_f32(dt, a, ar, ac, oa.ld, fa.data());
  int64_t nb = std::min<int64_t>(p.n, std::max<int64_t>(64, (int64_t(1) << 19) / p.k / 16 * 16));
  std::vector<float> fb(p.k * nb);
  for (int64_t j0 = 0; j0 < p.n; j0 += nb) {
    int64_t w = std::min(nb, p.n - j0);
    int64_t ldb = ob.trans ? p.k : w;
    if (ob.trans) half_rows_to_f32(dt, b + j0 * ob.ld * sz, w, p.k, ob.ld, fb.data());
    else half_rows_to_f32(dt, b + j0 * sz, p.k, w, ob.ld, fb.data());
    cblas_sgemm(CblasRowMajor, flag(oa.trans), flag(ob.trans), int(p.m), int(w), int(p.k), p.alpha,
                fa.data(), int(ac), fb.data(), int(ldb), p.beta, c + j0, int(p.n));
  }
}

// Every batch entry of a float16/bfloat16 product, into the float32 result c.
void run_half(Dtype dt, Problem p, const Operand& oa, const Operand& ob, float* c) {
  const char* a = static_cast<const char*>(oa.data.raw_data());
  const char* b = static_cast<const char*>(ob.data.raw_data());
  int64_t nb = static_cast<int64_t>(oa.offsets.size()), sz = size_of(dt);
  if (p.m * nb <= INT_MAX && foldable(oa, ob, p.m)) {
    p.m *= nb;
    nb = 1;
  }
  for (int64_t i = 0; i < nb; ++i) {
    const char* ai = a + oa.offsets[i] * sz;
    const char* bi = b + ob.offsets[i] * sz;
    float* ci = c + i * p.m * p.n;
    if (p.m == 1 || p.n == 1) matvec(dt, p, ai, oa, bi, ob, ci);
    else half_gemm(dt, p, ai, oa, bi, ob, ci);
  }
}

// One product C (m x n, row-major, ldc = n) = alpha * A B + beta * C.
template <typename T>
void product(const Problem& p, const T* a, const Operand& oa, const T* b, const Operand& ob,
             T* c) {
  int m = int(p.m), n = int(p.n), k = int(p.k), lda = int(oa.ld), ldb = int(ob.ld);
  if constexpr (std::is_same_v<T, float>) {
    if (m == 1 || n == 1) {
      return matvec(float32, p, reinterpret_cast<const char*>(a), oa, reinterpret_cast<const char*>(b), ob, c);
    }
  }
  if (n == 1) {
    // c = A x, with x the single column of B (stride ldb, or 1 when stored transposed).
    int incx = ob.trans ? 1 : ldb;
    if (oa.trans) {
      Blas<T>::gemv(CblasTrans, k, m, p.alpha, a, lda, b, incx, p.beta, c, 1);
    } else {
      Blas<T>::gemv(CblasNoTrans, m, k, p.alpha, a, lda, b, incx, p.beta, c, 1);
    }
  } else if (m == 1) {
    // c = B^T x, with x the single row of A.
    int incx = oa.trans ? lda : 1;
    if (ob.trans) {
      Blas<T>::gemv(CblasNoTrans, n, k, p.alpha, b, ldb, a, incx, p.beta, c, 1);
    } else {
      Blas<T>::gemv(CblasTrans, k, n, p.alpha, b, ldb, a, incx, p.beta, c, 1);
    }
  } else {
    Blas<T>::gemm(flag(oa.trans), flag(ob.trans), m, n, k, p.alpha, a, lda, b, ldb, p.beta, c, n);
  }
}

template <typename T>
void run_batched(Problem p, const Operand& oa, const Operand& ob, T* c) {
  const T* a = oa.data.template data<T>();
  const T* b = ob.data.template data<T>();
  int64_t nb = static_cast<int64_t>(oa.offsets.size());
  if (p.m * nb <= INT_MAX && foldable(oa, ob, p.m)) {
    p.m *= nb;
    product<T>(p, a + oa.offsets[0], oa, b + ob.offsets[0], ob, c);
    return;
  }
  // Small products run side by side on our pool: below these sizes OpenBLAS runs
  // on the calling thread. Large ones run one after another on all BLAS threads.
  int64_t work = p.m * p.n * p.k;
  bool small = work < 64 * 64 * 64 && p.m * p.n < 2304 * 4 && p.m * p.k < 2304 * 4 &&
               p.n * p.k < 2304 * 4;
  auto one = [&](int64_t i) {
    product<T>(p, a + oa.offsets[i], oa, b + ob.offsets[i], ob, c + i * p.m * p.n);
  };
  if (nb > 1 && small) {
    int64_t grain = std::max<int64_t>(1, (1 << 16) / std::max<int64_t>(work, 1));
    parallel_for(nb, grain, [&](int64_t b0, int64_t e0) {
      for (int64_t i = b0; i < e0; ++i) one(i);
    });
  } else {
    for (int64_t i = 0; i < nb; ++i) one(i);
  }
}

// A product with k = 0 is an empty sum: beta * c (c already in res), or zeros.
void empty_sum(array& res, float beta) {
  auto scale = [&](auto* r) {
    using T = std::remove_pointer_t<decltype(r)>;
    for (int64_t i = 0; i < res.size(); ++i) r[i] = beta != 0.0f ? r[i] * T(beta) : T(0);
  };
  switch (res.dtype()) {
    case float32: scale(res.data<float>()); break;
    case float64: scale(res.data<double>()); break;
    default: scale(res.data<complex64_t>()); break;
  }
}

void run_blas(const Problem& p, const Operand& oa, const Operand& ob, array& res) {
  sync_blas_threads();
  for (int64_t v : {p.m, p.n, p.k, oa.ld, ob.ld}) check_blas_int(v);
  Dtype store = oa.data.dtype();
  if (store == float16 || store == bfloat16) return run_half(store, p, oa, ob, res.data<float>());
  switch (res.dtype()) {
    case float32: run_batched<float>(p, oa, ob, res.data<float>()); break;
    case float64: run_batched<double>(p, oa, ob, res.data<double>()); break;
    case complex64: run_batched<complex64_t>(p, oa, ob, res.data<complex64_t>()); break;
    default:
      throw std::invalid_argument(std::string("[matmul] Unsupported dtype ") +
                                  dtype_name(res.dtype()) + ".");
  }
}

} // namespace

void Matmul::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array& out = outputs[0];
  alloc_rows(out);
  if (out.size() == 0) return;
  Dtype compute = (out.dtype() == float16 || out.dtype() == bfloat16) ? float32 : out.dtype();
  Problem p{out.shape(-2), out.shape(-1), inputs[0].shape(-1), alpha(), beta()};
  bool has_c = inputs.size() > 2 && beta() != 0.0f;
  if (!has_c) p.beta = 0.0f;
  // The result buffer: the output itself, or a float32 scratch for half outputs.
  array res = compute == out.dtype() ? out : array::empty_like(out.shape(), compute);
  if (compute != out.dtype()) alloc_rows(res);
  if (has_c) copy_strided(broadcast_view(inputs[2], out.shape()), res.raw_data(), compute);
  if (p.k == 0) {
    empty_sum(res, p.beta);
  } else {
    Shape batch(out.shape().begin(), out.shape().end() - 2);
    run_blas(p, prepare(inputs[0], out.dtype(), batch), prepare(inputs[1], out.dtype(), batch), res);
  }
  if (compute != out.dtype()) { // the one rounding of a half product
    simd_kernels().f32_to_half(out.dtype(), res.data<float>(), static_cast<uint16_t*>(out.raw_data()), out.size());
  }
}

} // namespace mxg
