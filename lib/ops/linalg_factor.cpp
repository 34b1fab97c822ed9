// mx.linalg's factorizations and solvers: argument checks, then one Linalg node (plus
// the lazy ops that unpack its result: lu's L and U, pinv from the SVD).
#include <memory>

#include "mxgraph/linalg.h"
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/linalg.h"

namespace mxg::linalg {
namespace {

std::string op_name(const char* op) { return std::string("linalg::") + op; }

// MLX's checks, in its order: the dtype, the rank, then squareness.
void check_matrix(const array& a, const char* op, bool square) {
  std::string name = op_name(op);
  if (a.dtype() != float32 && a.dtype() != float64) {
    throw_value(name.c_str(), std::string("Arrays must have type float32 or float64. Received array with type ") +
                                  dtype_name(a.dtype()) + ". Cast it with astype(float32) first.");
  }
  if (a.ndim() < 2) {
    throw_value(name.c_str(), "Arrays must have >= 2 dimensions. Received array with " + std::to_string(a.ndim()) +
                                  " dimensions.");
  }
  if (square && a.shape(-1) != a.shape(-2)) {
    throw_value(name.c_str(), "Only defined for square matrices; received shape " + shape_str(a.shape()) + ".");
  }
}

std::vector<array> node(LinalgOp op, bool upper, std::vector<array> in, const StreamOrDevice& s) {
  Stream st = to_stream(s, linalg_op_name(op));
  auto specs = linalg_outputs(op, in);
  std::vector<Shape> shapes;
  std::vector<Dtype> dtypes;
  for (auto& [sh, t] : specs) shapes.push_back(sh), dtypes.push_back(t);
  return array::make_arrays(shapes, dtypes, std::make_shared<Linalg>(st, LinalgParams{op, upper}), std::move(in));
}

bool parse_uplo(const std::string& uplo, const char* op) {
  if (uplo != "L" && uplo != "U") {
    throw_value(op_name(op).c_str(), "UPLO must be 'L' or 'U', not '" + uplo + "'.");
  }
  return uplo == "U";
}

// a (..., N, N) and b brought to one batch shape; `vector`: b was (N,) or (..., N).
array solve_like(const array& a, const array& b, LinalgOp op, bool upper, const char* name, const StreamOrDevice& s) {
  Dtype t = promote_types(a.dtype(), b.dtype());
  check_matrix(astype(a, t, s), name, true);
  bool vector = b.ndim() == 1;
  if (b.ndim() < 1 || b.shape(vector ? -1 : -2) != a.shape(-1)) {
    throw_value(op_name(name).c_str(), "Last dimension of first input with shape " + shape_str(a.shape()) +
                                           " must match second to last dimension of second input with shape " +
                                           shape_str(b.shape()) + ".");
  }
  array b2 = vector ? expand_dims(b, -1, s) : b;
  Shape ba(a.shape().begin(), a.shape().end() - 2), bb(b2.shape().begin(), b2.shape().end() - 2);
  Shape batch = broadcast_shapes(ba, bb, op_name(name).c_str());
  Shape sa = batch, sb = batch;
  sa.insert(sa.end(), {a.shape(-2), a.shape(-1)});
  sb.insert(sb.end(), {b2.shape(-2), b2.shape(-1)});
  array x = node(op, upper, {broadcast_to(astype(a, t, s), sa, s), broadcast_to(astype(b2, t, s), sb, s)}, s)[0];
  return vector ? squeeze(x, {-1}, s) : x;
}

} // namespace

array inv(const array& a, StreamOrDevice s) {
  check_matrix(a, "inv", true);
  return node(LinalgOp::Inv, false, {a}, s)[0];
}

array tri_inv(const array& a, bool upper, StreamOrDevice s) {
  check_matrix(a, "tri_inv", true);
  return node(LinalgOp::TriInv, upper, {a}, s)[0];
}

array cholesky(const array& a, bool upper, StreamOrDevice s) {
  check_matrix(a, "cholesky", true);
  return node(LinalgOp::Cholesky, upper, {a}, s)[0];
}

array cholesky_inv(const array& l, bool upper, StreamOrDevice s) {
  check_matrix(l, "cholesky_inv", true);
  return node(LinalgOp::CholeskyInv, upper, {l}, s)[0];
}

std::pair<array, array> qr(const array& a, StreamOrDevice s) {
  check_matrix(a, "qr", false);
  auto o = node(LinalgOp::Qr, false, {a}, s);
  return {o[0], o[1]};
}

std::vector<array> svd(const array& a, bool compute_uv, StreamOrDevice s) {
  check_matrix(a, "svd", false);
  return node(compute_uv ? LinalgOp::Svd : LinalgOp::SvdValues, false, {a}, s);
}

std::pair<array, array> eig(const array& a, StreamOrDevice s) {
  check_matrix(a, "eig", true);
  auto o = node(LinalgOp::Eig, false, {a}, s);
  return {o[0], o[1]};
}

array eigvals(const array& a, StreamOrDevice s) {
  check_matrix(a, "eigvals", true);
  return node(LinalgOp::EigValues, false, {a}, s)[0];
}

std::pair<array, array> eigh(const array& a, const std::string& uplo, StreamOrDevice s) {
  check_matrix(a, "eigh", true);
  auto o = node(LinalgOp::Eigh, parse_uplo(uplo, "eigh"), {a}, s);
  return {o[0], o[1]};
}

array eigvalsh(const array& a, const std::string& uplo, StreamOrDevice s) {
  check_matrix(a, "eigvalsh", true);
  return node(LinalgOp::EighValues, parse_uplo(uplo, "eigvalsh"), {a}, s)[0];
}

std::pair<array, array> lu_factor(const array& a, StreamOrDevice s) {
  check_matrix(a, "lu_factor", false);
  auto o = node(LinalgOp::LuFactor, false, {a}, s);
  return {o[0], o[1]};
}

std::vector<array> lu(const array& a, StreamOrDevice s) {
  check_matrix(a, "lu", false);
  auto o = node(LinalgOp::LuFactor, false, {a}, s);
  int nd = a.ndim();
  int64_t m = a.shape(-2), n = a.shape(-1), k = std::min(m, n);
  Shape start(nd, 0), stop = a.shape();
  stop[nd - 1] = k;
  array l = add(tril(slice(o[0], start, stop, s), -1, s), eye(int(m), int(k), 0, a.dtype(), s), s);
  stop = a.shape();
  stop[nd - 2] = k;
  array u = triu(slice(o[0], start, stop, s), 0, s);
  return {o[2], l, u};
}

array solve(const array& a, const array& b, StreamOrDevice s) {
  return solve_like(a, b, LinalgOp::Solve, false, "solve", s);
}

array solve_triangular(const array& a, const array& b, bool upper, StreamOrDevice s) {
  return solve_like(a, b, LinalgOp::SolveTriangular, upper, "solve_triangular", s);
}

// MLX computes determinants of integer and bool matrices in float32.
array det(const array& a, StreamOrDevice s) {
  array x = is_inexact(a.dtype()) ? a : astype(a, float32, s);
  check_matrix(x, "det", true);
  return node(LinalgOp::Det, false, {x}, s)[0];
}

std::pair<array, array> slogdet(const array& a, StreamOrDevice s) {
  array x = is_inexact(a.dtype()) ? a : astype(a, float32, s);
  check_matrix(x, "slogdet", true);
  auto o = node(LinalgOp::SlogDet, false, {x}, s);
  return {o[0], o[1]};
}

// V diag(1/S) U^T over the singular values above max(M, N) * eps * max(S) (NumPy's rule).
array pinv(const array& a, StreamOrDevice s) {
  check_matrix(a, "pinv", false);
  auto o = node(LinalgOp::Svd, false, {a}, s);
  int nd = a.ndim();
  int64_t m = a.shape(-2), n = a.shape(-1), k = std::min(m, n);
  Shape start(nd, 0), ustop = o[0].shape(), vstop = o[2].shape();
  ustop[nd - 1] = k;
  vstop[nd - 2] = k;
  array u = slice(o[0], start, ustop, s), vt = slice(o[2], start, vstop, s), sv = o[1];
  double eps = a.dtype() == float32 ? 1.1920929e-07 : 2.220446049250313e-16;
  array cutoff = multiply(max(sv, -1, true, s), array(double(std::max(m, n)) * eps, a.dtype()), s);
  array sinv = where(greater(sv, cutoff, s), reciprocal(sv, s), zeros_like(sv, std::nullopt, s), s);
  return matmul(multiply(matrix_transpose(vt, s), expand_dims(sinv, -2, s), s), matrix_transpose(u, s), s);
}

} // namespace mxg::linalg
