// vjp / jvp rules for Linalg, composed of lazy ops (the Linalg ones included), so
// they differentiate again. Symmetric inputs (cholesky, eigh) get symmetric
// cotangents, and their tangents are symmetrised first, as in JAX and PyTorch.
#include <optional>

#include "mxgraph/linalg.h"
#include "mxgraph/ops.h"
#include "primitives/grad_rules.h"
#include "primitives/linalg.h"

namespace mxg {
namespace {

array mT(const array& x) { return swapaxes(x, -1, -2); }
array sym(const array& x) { return multiply(add(x, mT(x)), array(0.5, x.dtype())); }
array tri(const array& x, bool upper) { return upper ? triu(x) : tril(x); }

// The lower triangle with its diagonal halved (Phi of Murray's Cholesky derivative).
array phi(const array& x) {
  int64_t n = x.shape(-1);
  return subtract(tril(x), multiply(x, eye(int(n), int(n), 0, x.dtype()) * 0.5));
}

// The first k entries of x along axis (-1 or -2).
array slice_axis(const array& x, int axis, int64_t k) {
  Shape start(x.ndim(), 0), stop = x.shape();
  stop[x.ndim() + axis] = k;
  return slice(x, start, stop);
}

[[noreturn]] void no_rule(const char* mode, LinalgOp op) {
  throw std::invalid_argument(std::string("[") + mode + "] linalg::" + linalg_op_name(op) +
                              " is not differentiable (MLX defines no rule either).");
}

// L^{-1} M and M L^{-1} (L lower triangular).
array left_solve(const array& l, const array& m) { return linalg::solve_triangular(l, m, false); }
array right_solve(const array& l, const array& m) { return mT(linalg::solve_triangular(mT(l), mT(m), true)); }

// Cotangent of A (symmetric) given L = cholesky(A) and its cotangent.
array cholesky_vjp(const array& l, const array& gl) {
  array p = phi(matmul(mT(l), gl));
  return sym(right_solve(l, mT(right_solve(l, mT(p)))));
}

array cholesky_jvp(const array& l, const array& ta) {
  return matmul(l, phi(mT(left_solve(l, mT(left_solve(l, sym(ta)))))));
}

// F_ij = 1 / (w_j - w_i) off the diagonal, 0 on it.
array eigh_gaps(const array& w) {
  array d = subtract(expand_dims(w, -2), expand_dims(w, -1));
  int64_t n = w.shape(-1);
  array off = astype(logical_not(eye(int(n), int(n), 0, bool_)), w.dtype());
  return multiply(off, reciprocal(add(d, subtract(array(1.0, w.dtype()), off))));
}

array solve_with(const LinalgParams& p, const array& a, const array& b, bool transposed) {
  if (p.op == LinalgOp::Solve) return linalg::solve(transposed ? mT(a) : a, b);
  return linalg::solve_triangular(transposed ? mT(a) : a, b, transposed ? !p.upper : p.upper);
}

array masked(const LinalgParams& p, const array& x) {
  return p.op == LinalgOp::SolveTriangular ? tri(x, p.upper) : x;
}

} // namespace

std::vector<array> vjp_Linalg(const Primitive& prim, const std::vector<array>& primals,
                              const std::vector<array>& cts, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  const auto& p = static_cast<const Linalg&>(prim).params();
  const array& a = primals[0];
  const array& x = outputs[0];
  std::vector<array> out;
  switch (p.op) {
    case LinalgOp::Inv: return {negative(matmul(matmul(mT(x), cts[0]), mT(x)))};
    case LinalgOp::TriInv: return {tri(negative(matmul(matmul(mT(x), cts[0]), mT(x))), p.upper)};
    case LinalgOp::Cholesky: {
      if (!p.upper) return {cholesky_vjp(x, cts[0])};
      return {cholesky_vjp(mT(x), mT(cts[0]))};
    }
    case LinalgOp::CholeskyInv: {
      array m = matmul(matmul(x, cts[0]), x);
      array s = add(m, mT(m));
      return {negative(tri(p.upper ? matmul(a, s) : matmul(s, a), p.upper))};
    }
    case LinalgOp::Eigh: {
      const array& w = outputs[0];
      const array& v = outputs[1];
      array inner = add(multiply(eigh_gaps(w), matmul(mT(v), cts[1])),
                        multiply(expand_dims(cts[0], -1), eye(int(w.shape(-1)), int(w.shape(-1)), 0, w.dtype())));
      return {sym(matmul(matmul(v, inner), mT(v)))};
    }
    case LinalgOp::EighValues: {
      array v = linalg::eigh(a, p.upper ? "U" : "L").second;
      return {sym(matmul(multiply(v, expand_dims(cts[0], -2)), mT(v)))};
    }
    case LinalgOp::SvdValues: {
      auto usv = linalg::svd(a, true);
      int64_t k = x.shape(-1);
      array u = slice_axis(usv[0], -1, k), vt = slice_axis(usv[2], -2, k);
      return {matmul(multiply(u, expand_dims(cts[0], -2)), vt)};
    }
    case LinalgOp::Det:
      return {multiply(expand_dims(multiply(cts[0], x), {-2, -1}), mT(linalg::inv(a)))};
    case LinalgOp::SlogDet: return {multiply(expand_dims(cts[1], {-2, -1}), mT(linalg::inv(a)))};
    case LinalgOp::Solve:
    case LinalgOp::SolveTriangular: {
      array gb = solve_with(p, a, cts[0], true);
      for (int i : argnums) out.push_back(i == 1 ? gb : masked(p, negative(matmul(gb, mT(x)))));
      return out;
    }
    default: no_rule("vjp", p.op);
  }
}

std::vector<array> jvp_Linalg(const Primitive& prim, const std::vector<array>& primals,
                              const std::vector<array>& tangents, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  const auto& p = static_cast<const Linalg&>(prim).params();
  const array& a = primals[0];
  const array& x = outputs[0];
  const array& t = tangents[0];
  switch (p.op) {
    case LinalgOp::Inv: return {negative(matmul(matmul(x, t), x))};
    case LinalgOp::TriInv: return {negative(matmul(matmul(x, tri(t, p.upper)), x))};
    case LinalgOp::Cholesky: {
      if (!p.upper) return {cholesky_jvp(x, t)};
      return {mT(cholesky_jvp(mT(x), t))};
    }
    case LinalgOp::CholeskyInv: {
      array tl = tri(t, p.upper);
      array d = p.upper ? matmul(mT(tl), a) : matmul(tl, mT(a));
      return {negative(matmul(matmul(x, add(d, mT(d))), x))};
    }
    case LinalgOp::Eigh: {
      const array& w = outputs[0];
      const array& v = outputs[1];
      array m = matmul(matmul(mT(v), sym(t)), v);
      return {diagonal(m, 0, -2, -1), matmul(v, multiply(eigh_gaps(w), m))};
    }
    case LinalgOp::EighValues: {
      array v = linalg::eigh(a, p.upper ? "U" : "L").second;
      return {diagonal(matmul(matmul(mT(v), sym(t)), v), 0, -2, -1)};
    }
    case LinalgOp::SvdValues: {
      auto usv = linalg::svd(a, true);
      int64_t k = x.shape(-1);
      array u = slice_axis(usv[0], -1, k), vt = slice_axis(usv[2], -2, k);
      return {diagonal(matmul(matmul(mT(u), t), mT(vt)), 0, -2, -1)};
    }
    case LinalgOp::Det: return {multiply(x, sum(multiply(mT(linalg::inv(a)), t), {-2, -1}))};
    case LinalgOp::SlogDet:
      return {zeros_like(outputs[0]), sum(multiply(mT(linalg::inv(a)), t), {-2, -1})};
    case LinalgOp::Solve:
    case LinalgOp::SolveTriangular: {
      // x' = A^{-1} (b' - A' x), with a missing tangent taken as zero.
      std::optional<array> rhs;
      for (size_t k = 0; k < argnums.size(); ++k) {
        array term = argnums[k] == 1 ? tangents[k] : negative(matmul(masked(p, tangents[k]), x));
        rhs = rhs ? add(*rhs, term) : term;
      }
      return {solve_with(p, a, *rhs, false)};
    }
    default: no_rule("jvp", p.op);
  }
}

} // namespace mxg
