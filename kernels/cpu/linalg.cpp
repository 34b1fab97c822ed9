// CPU kernel for Linalg: one LAPACK call (or two) per matrix of the batch. LAPACK is
// column-major and our arrays row-major, so a row-major buffer is read as the
// transpose: inv, tri_inv, cholesky, det and svd use that (flipping uplo or swapping
// U and V) and need no copy; the others transpose in and out.
#include "cpu/blas.h"
#include "cpu/lapack.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cmath>
#include <complex>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "cpu/elementwise_common.h"
#include "cpu/strided.h"
#include "primitives/linalg.h"

namespace mxg {
namespace {

using lapack::Lapack;

void sync_lapack_threads() {
  static const bool user_set = std::getenv("OPENBLAS_NUM_THREADS") || std::getenv("OMP_NUM_THREADS");
  if (!user_set && openblas_get_num_threads() != num_threads()) openblas_set_num_threads(num_threads());
}

[[noreturn]] void fail(const char* op, const std::string& what, int info) {
  throw std::runtime_error(std::string("[linalg::") + op + "] " + what + " (LAPACK info " +
                           std::to_string(info) + ").");
}

void check_info(const char* op, const char* routine, int info) {
  if (info < 0) fail(op, std::string("Internal error: bad argument to ") + routine, info);
}

int to_int(int64_t v, const char* op) {
  if (v > INT_MAX) {
    throw std::invalid_argument(std::string("[linalg::") + op + "] A dimension exceeds what LAPACK can index (2^31 - 1).");
  }
  return static_cast<int>(v);
}

// dst (cols x rows, column-major of the rows x cols row-major src) and back.
template <typename T>
void transpose(const T* src, int64_t rows, int64_t cols, T* dst) {
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t j = 0; j < cols; ++j) dst[j * rows + i] = src[i * cols + j];
  }
}

// Zeros the strictly upper (keep_lower) or strictly lower triangle of a row-major n x n.
template <typename T>
void keep_triangle(T* a, int64_t n, bool keep_lower) {
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      if (keep_lower ? j > i : j < i) a[i * n + j] = T(0);
    }
  }
}

// The workspace size a routine asked for with lwork = -1.
template <typename T>
int lwork_of(T w) {
  return std::max(1, static_cast<int>(std::real(w)));
}

struct Dims {
  int64_t batch, m, n; // batch count, rows and columns of each matrix
};

Dims dims_of(const array& a) {
  int64_t m = a.shape(-2), n = a.shape(-1);
  return {m * n == 0 ? 0 : a.size() / (m * n), m, n};
}

// A row-major contiguous copy of `in` (its own buffer: LAPACK overwrites it).
array working_copy(const array& in) {
  array out = array::empty_like(in.shape(), in.dtype());
  alloc_rows(out);
  copy_strided(in, out.raw_data(), in.dtype());
  return out;
}

// inv and tri_inv: the row-major buffer is A^T column-major, and inv(A^T) = inv(A)^T.
template <typename T>
void run_inverse(const LinalgParams& p, const array& in, array& out) {
  const char* op = linalg_op_name(p.op);
  Dims d = dims_of(in);
  int n = to_int(d.n, op), info = 0;
  copy_strided(in, out.raw_data(), out.dtype());
  T* a = out.data<T>();
  std::vector<int> ipiv(std::max(n, 1));
  std::vector<T> work(1);
  int lwork = -1;
  for (int64_t b = 0; b < d.batch; ++b, a += d.n * d.n) {
    if (p.op == LinalgOp::TriInv) {
      const char uplo = p.upper ? 'L' : 'U', diag = 'N';
      Lapack<T>::trtri(&uplo, &diag, &n, a, &n, &info);
      if (info > 0) fail(op, "The matrix is singular: diagonal element " + std::to_string(info - 1) + " is zero", info);
      check_info(op, "trtri", info);
      keep_triangle(a, d.n, !p.upper);
      continue;
    }
    Lapack<T>::getrf(&n, &n, a, &n, ipiv.data(), &info);
    if (info > 0) fail(op, "The matrix is singular: U[" + std::to_string(info - 1) + ", " + std::to_string(info - 1) + "] of its LU factorization is zero", info);
    check_info(op, "getrf", info);
    if (lwork < 0) {
      Lapack<T>::getri(&n, a, &n, ipiv.data(), work.data(), &lwork, &info);
      lwork = lwork_of(work[0]);
      work.resize(lwork);
    }
    Lapack<T>::getri(&n, a, &n, ipiv.data(), work.data(), &lwork, &info);
    check_info(op, "getri", info);
  }
}

// cholesky and cholesky_inv: the row-major lower triangle is the column-major upper one.
template <typename T>
void run_cholesky(const LinalgParams& p, const array& in, array& out) {
  const char* op = linalg_op_name(p.op);
  Dims d = dims_of(in);
  int n = to_int(d.n, op), info = 0;
  copy_strided(in, out.raw_data(), out.dtype());
  T* a = out.data<T>();
  const char uplo = p.upper ? 'L' : 'U';
  for (int64_t b = 0; b < d.batch; ++b, a += d.n * d.n) {
    if (p.op == LinalgOp::Cholesky) {
      Lapack<T>::potrf(&uplo, &n, a, &n, &info);
      if (info > 0) fail(op, "The matrix is not positive definite: its leading minor of order " + std::to_string(info) + " is not positive", info);
      check_info(op, "potrf", info);
      keep_triangle(a, d.n, !p.upper);
      continue;
    }
    Lapack<T>::potri(&uplo, &n, a, &n, &info);
    if (info > 0) fail(op, "The factor is singular: diagonal element " + std::to_string(info - 1) + " is zero", info);
    check_info(op, "potri", info);
    for (int64_t i = 0; i < d.n; ++i) { // mirror the computed triangle
      for (int64_t j = 0; j < i; ++j) {
        if (p.upper) a[i * d.n + j] = a[j * d.n + i];
        else a[j * d.n + i] = a[i * d.n + j];
      }
    }
  }
}

// solve and solve_triangular: A^T is factored in place; trans = 'T' solves A X = B.
template <typename T>
void run_solve(const LinalgParams& p, const array& ain, const array& bin, array& out) {
  const char* op = linalg_op_name(p.op);
  Dims d = dims_of(ain), db = dims_of(bin);
  int n = to_int(d.n, op), k = to_int(db.n, op), info = 0;
  array a = working_copy(ain), b = working_copy(bin);
  std::vector<T> bc(std::max<int64_t>(d.n * db.n, 1));
  std::vector<int> ipiv(std::max(n, 1));
  T* x = out.data<T>();
  const char trans = 'T';
  for (int64_t i = 0; i < d.batch; ++i) {
    T* ai = a.data<T>() + i * d.n * d.n;
    transpose(b.data<T>() + i * d.n * db.n, d.n, db.n, bc.data());
    if (p.op == LinalgOp::SolveTriangular) {
      const char uplo = p.upper ? 'L' : 'U', diag = 'N';
      Lapack<T>::trtrs(&uplo, &trans, &diag, &n, &k, ai, &n, bc.data(), &n, &info);
      if (info > 0) fail(op, "The matrix is singular: diagonal element " + std::to_string(info - 1) + " is zero", info);
      check_info(op, "trtrs", info);
    } else {
      Lapack<T>::getrf(&n, &n, ai, &n, ipiv.data(), &info);
      if (info > 0) fail(op, "The matrix is singular: U[" + std::to_string(info - 1) + ", " + std::to_string(info - 1) + "] of its LU factorization is zero", info);
      check_info(op, "getrf", info);
      Lapack<T>::getrs(&trans, &n, &k, ai, &n, ipiv.data(), bc.data(), &n, &info);
      check_info(op, "getrs", info);
    }
    transpose(bc.data(), db.n, d.n, x + i * d.n * db.n);
  }
}

// lu_factor: P A = L U of the column-major copy; outputs LU, the pivots (0-based, as
// LAPACK's ipiv) and the permutation p with A = (L U)[p] (what mx.linalg.lu returns).
template <typename T>
void run_lu(const array& in, std::vector<array>& outs) {
  Dims d = dims_of(in);
  int m = to_int(d.m, "lu_factor"), n = to_int(d.n, "lu_factor"), info = 0;
  int64_t k = std::min(d.m, d.n);
  array a = working_copy(in);
  std::vector<T> col(std::max<int64_t>(d.m * d.n, 1));
  std::vector<int> ipiv(std::max<int64_t>(k, 1)), perm(d.m);
  for (int64_t b = 0; b < d.batch; ++b) {
    transpose(a.data<T>() + b * d.m * d.n, d.m, d.n, col.data());
    Lapack<T>::getrf(&m, &n, col.data(), &m, ipiv.data(), &info);
    check_info("lu_factor", "getrf", info); // info > 0: U is singular, which lu returns as is
    transpose(col.data(), d.n, d.m, outs[0].data<T>() + b * d.m * d.n);
    uint32_t* piv = outs[1].data<uint32_t>() + b * k;
    for (int64_t i = 0; i < d.m; ++i) perm[i] = static_cast<int>(i);
    for (int64_t i = 0; i < k; ++i) {
      piv[i] = static_cast<uint32_t>(ipiv[i] - 1);
      std::swap(perm[i], perm[ipiv[i] - 1]);
    }
    uint32_t* pp = outs[2].data<uint32_t>() + b * d.m;
    for (int64_t i = 0; i < d.m; ++i) pp[perm[i]] = static_cast<uint32_t>(i);
  }
}

// det and slogdet from the LU factors of A^T (same determinant); a singular matrix
// gives det 0, slogdet (0, -inf), as MLX.
template <typename T>
void run_det(const LinalgParams& p, const array& in, std::vector<array>& outs) {
  Dims d = dims_of(in);
  int n = to_int(d.n, linalg_op_name(p.op)), info = 0;
  array a = working_copy(in);
  std::vector<int> ipiv(std::max(n, 1));
  for (int64_t b = 0; b < d.batch; ++b) {
    T* ab = a.data<T>() + b * d.n * d.n;
    Lapack<T>::getrf(&n, &n, ab, &n, ipiv.data(), &info);
    check_info(linalg_op_name(p.op), "getrf", info);
    T perm = 1, sign = 1, logabs = 0, det = 1;
    for (int i = 0; i < n; ++i) {
      T u = ab[int64_t(i) * d.n + i];
      if (ipiv[i] != i + 1) perm = -perm;
      if (u < 0) sign = -sign;
      logabs += std::log(std::abs(u));
      det *= u;
    }
    if (p.op == LinalgOp::Det) {
      outs[0].data<T>()[b] = det * perm;
    } else {
      outs[0].data<T>()[b] = (std::isinf(logabs) && logabs < 0) ? T(0) : sign * perm;
      outs[1].data<T>()[b] = logabs;
    }
  }
}

// qr: geqrf then orgqr on the column-major copy; Q is m x k, R is k x n (k = min).
template <typename T>
void run_qr(const array& in, std::vector<array>& outs) {
  Dims d = dims_of(in);
  int m = to_int(d.m, "qr"), n = to_int(d.n, "qr"), info = 0;
  int k = std::min(m, n);
  array a = working_copy(in);
  std::vector<T> col(std::max<int64_t>(d.m * std::max(d.n, d.m), 1)), tau(std::max(k, 1)), work(1);
  int lwork = -1;
  for (int64_t b = 0; b < d.batch; ++b) {
    transpose(a.data<T>() + b * d.m * d.n, d.m, d.n, col.data());
    if (lwork < 0) {
      T q1 = 0, q2 = 0;
      int l = -1, kk = std::max(k, 1);
      Lapack<T>::geqrf(&m, &n, col.data(), &m, tau.data(), &q1, &l, &info);
      Lapack<T>::orgqr(&m, &kk, &kk, col.data(), &m, tau.data(), &q2, &l, &info);
      lwork = std::max(lwork_of(q1), lwork_of(q2));
      work.resize(lwork);
    }
    Lapack<T>::geqrf(&m, &n, col.data(), &m, tau.data(), work.data(), &lwork, &info);
    check_info("qr", "geqrf", info);
    T* r = outs[1].data<T>() + b * k * d.n;
    for (int64_t i = 0; i < k; ++i) {
      for (int64_t j = 0; j < d.n; ++j) r[i * d.n + j] = j >= i ? col[j * d.m + i] : T(0);
    }
    Lapack<T>::orgqr(&m, &k, &k, col.data(), &m, tau.data(), work.data(), &lwork, &info);
    check_info("qr", "orgqr", info);
    transpose(col.data(), k, d.m, outs[0].data<T>() + b * d.m * k);
  }
}

// svd: gesdd of the row-major buffer, which is A^T = V S U^T column-major: its "U"
// read row-major is V^T and its "V^T" read row-major is U.
template <typename T>
void run_svd(bool vectors, const array& in, std::vector<array>& outs) {
  Dims d = dims_of(in);
  int m = to_int(d.m, "svd"), n = to_int(d.n, "svd"), info = 0;
  int64_t k = std::min(d.m, d.n);
  array a = working_copy(in);
  const char jobz = vectors ? 'A' : 'N';
  std::vector<int> iwork(std::max<int64_t>(8 * k, 1));
  std::vector<T> work(1);
  int lwork = -1;
  array& s = outs[vectors ? 1 : 0];
  for (int64_t b = 0; b < d.batch; ++b) {
    T* ab = a.data<T>() + b * d.m * d.n;
    T* vt = vectors ? outs[2].data<T>() + b * d.n * d.n : nullptr;
    T* u = vectors ? outs[0].data<T>() + b * d.m * d.m : nullptr;
    int ldv = vectors ? n : 1, ldu = vectors ? m : 1;
    if (lwork < 0) {
      Lapack<T>::gesdd(&jobz, &n, &m, ab, &n, s.data<T>(), vt, &ldv, u, &ldu, work.data(), &lwork, iwork.data(), &info);
      lwork = lwork_of(work[0]);
      work.resize(lwork);
    }
    Lapack<T>::gesdd(&jobz, &n, &m, ab, &n, s.data<T>() + b * k, vt, &ldv, u, &ldu, work.data(), &lwork, iwork.data(), &info);
    if (info > 0) fail("svd", "The SVD did not converge", info);
    check_info("svd", "gesdd", info);
  }
}

// eigh: syevd reads the column-major upper triangle (the row-major lower one).
template <typename T>
void run_eigh(const LinalgParams& p, bool vectors, const array& in, std::vector<array>& outs) {
  Dims d = dims_of(in);
  const char* op = vectors ? "eigh" : "eigvalsh";
  int n = to_int(d.n, op), info = 0;
  array a = working_copy(in);
  const char jobz = vectors ? 'V' : 'N', uplo = p.upper ? 'L' : 'U';
  std::vector<T> work(1);
  std::vector<int> iwork(1);
  int lwork = -1, liwork = -1;
  for (int64_t b = 0; b < d.batch; ++b) {
    T* ab = a.data<T>() + b * d.n * d.n;
    T* w = outs[0].data<T>() + b * d.n;
    if (lwork < 0) {
      Lapack<T>::syevd(&jobz, &uplo, &n, ab, &n, w, work.data(), &lwork, iwork.data(), &liwork, &info);
      lwork = lwork_of(work[0]);
      liwork = std::max(1, iwork[0]);
      work.resize(lwork);
      iwork.resize(liwork);
    }
    Lapack<T>::syevd(&jobz, &uplo, &n, ab, &n, w, work.data(), &lwork, iwork.data(), &liwork, &info);
    if (info > 0) fail(op, "The eigenvalue solver did not converge", info);
    check_info(op, "syevd", info);
    if (vectors) transpose(ab, d.n, d.n, outs[1].data<T>() + b * d.n * d.n);
  }
}

// eig: geev's real output; a complex pair (wi > 0 then < 0) stores its vectors as the
// real and imaginary parts in two columns.
template <typename T>
void run_eig(bool vectors, const array& in, std::vector<array>& outs) {
  Dims d = dims_of(in);
  const char* op = vectors ? "eig" : "eigvals";
  int n = to_int(d.n, op), info = 0, one = 1;
  array a = working_copy(in);
  std::vector<T> col(std::max<int64_t>(d.n * d.n, 1)), vr(vectors ? col.size() : 1), wr(std::max(n, 1)),
      wi(std::max(n, 1)), work(1);
  const char jobvl = 'N', jobvr = vectors ? 'V' : 'N';
  int lwork = -1, ldvr = vectors ? n : 1;
  for (int64_t b = 0; b < d.batch; ++b) {
    transpose(a.data<T>() + b * d.n * d.n, d.n, d.n, col.data());
    if (lwork < 0) {
      Lapack<T>::geev(&jobvl, &jobvr, &n, col.data(), &n, wr.data(), wi.data(), nullptr, &one, vr.data(), &ldvr, work.data(), &lwork, &info);
      lwork = lwork_of(work[0]);
      work.resize(lwork);
    }
    Lapack<T>::geev(&jobvl, &jobvr, &n, col.data(), &n, wr.data(), wi.data(), nullptr, &one, vr.data(), &ldvr, work.data(), &lwork, &info);
    if (info > 0) fail(op, "The QR algorithm did not converge", info);
    check_info(op, "geev", info);
    complex64_t* w = outs[0].data<complex64_t>() + b * d.n;
    for (int64_t i = 0; i < d.n; ++i) w[i] = complex64_t(float(wr[i]), float(wi[i]));
    if (!vectors) continue;
    complex64_t* v = outs[1].data<complex64_t>() + b * d.n * d.n;
    for (int64_t j = 0; j < d.n; ++j) {
      for (int64_t i = 0; i < d.n; ++i) {
        T re = vr[j * d.n + i], im = 0;
        if (wi[j] > 0 && j + 1 < d.n) im = vr[(j + 1) * d.n + i];
        if (wi[j] < 0 && j > 0) re = vr[(j - 1) * d.n + i], im = -vr[j * d.n + i];
        v[i * d.n + j] = complex64_t(float(re), float(im));
      }
    }
  }
}

template <typename T>
void run(const LinalgParams& p, const std::vector<array>& in, std::vector<array>& outs) {
  switch (p.op) {
    case LinalgOp::Inv:
    case LinalgOp::TriInv: return run_inverse<T>(p, in[0], outs[0]);
    case LinalgOp::Cholesky:
    case LinalgOp::CholeskyInv: return run_cholesky<T>(p, in[0], outs[0]);
    case LinalgOp::Qr: return run_qr<T>(in[0], outs);
    case LinalgOp::Svd: return run_svd<T>(true, in[0], outs);
    case LinalgOp::SvdValues: return run_svd<T>(false, in[0], outs);
    case LinalgOp::Eig: return run_eig<T>(true, in[0], outs);
    case LinalgOp::EigValues: return run_eig<T>(false, in[0], outs);
    case LinalgOp::Eigh: return run_eigh<T>(p, true, in[0], outs);
    case LinalgOp::EighValues: return run_eigh<T>(p, false, in[0], outs);
    case LinalgOp::LuFactor: return run_lu<T>(in[0], outs);
    case LinalgOp::Solve:
    case LinalgOp::SolveTriangular: return run_solve<T>(p, in[0], in[1], outs[0]);
    case LinalgOp::Det:
    case LinalgOp::SlogDet: return run_det<T>(p, in[0], outs);
  }
}

// Matrices with no rows or no columns: det 1, slogdet (1, 0), identity U and V of an
// svd, the identity permutation of lu; every other output is empty.
template <typename T>
void run_empty(const LinalgParams& p, std::vector<array>& outs) {
  for (auto& o : outs) std::memset(o.raw_data(), 0, o.nbytes());
  if (p.op == LinalgOp::Det || p.op == LinalgOp::SlogDet) {
    for (int64_t i = 0; i < outs[0].size(); ++i) outs[0].data<T>()[i] = T(1);
  } else if (p.op == LinalgOp::Svd) {
    for (int k : {0, 2}) {
      for (int64_t b = 0, n = outs[k].shape(-1); n > 0 && b < outs[k].size(); b += n * n) {
        for (int64_t i = 0; i < n; ++i) outs[k].data<T>()[b + i * n + i] = T(1);
      }
    }
  } else if (p.op == LinalgOp::LuFactor) {
    int64_t m = outs[2].shape(-1);
    for (int64_t i = 0; i < outs[2].size(); ++i) outs[2].data<uint32_t>()[i] = uint32_t(i % m);
  }
}

} // namespace

void Linalg::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  for (auto& o : outputs) alloc_rows(o);
  bool empty = false;
  for (auto& in : inputs) empty |= in.size() == 0;
  Dtype t = inputs[0].dtype();
  if (t != float32 && t != float64) {
    throw std::invalid_argument(std::string("[linalg::") + linalg_op_name(params().op) +
                                "] Unsupported dtype " + dtype_name(t) + ".");
  }
  if (empty) return t == float32 ? run_empty<float>(params(), outputs) : run_empty<double>(params(), outputs);
  sync_lapack_threads();
  if (t == float32) run<float>(params(), inputs, outputs);
  else run<double>(params(), inputs, outputs);
}

} // namespace mxg
