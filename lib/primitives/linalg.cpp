// The Linalg primitive's op names and shape rule (its kernel is in
// kernels/cpu/linalg.cpp, its transform rules in linalg_factor_grad.cpp and
// linalg_factor_vmap.cpp).
#include "primitives/linalg.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace mxg {
namespace {

const char* const kLinalgNames[] = {
#define MXG_LINALG_NAME(e, name, ...) #name,
    MXG_LINALG_OPS(MXG_LINALG_NAME)
#undef MXG_LINALG_NAME
};
const int kLinalgInputs[] = {
#define MXG_LINALG_IN(e, name, in, out) in,
    MXG_LINALG_OPS(MXG_LINALG_IN)
#undef MXG_LINALG_IN
};

[[noreturn]] void shape_error(LinalgOp op, const std::string& msg) {
  throw std::invalid_argument(std::string("[linalg::") + linalg_op_name(op) + "] " + msg);
}

bool needs_square(LinalgOp op) {
  return op != LinalgOp::Qr && op != LinalgOp::Svd && op != LinalgOp::SvdValues && op != LinalgOp::LuFactor;
}

} // namespace

const char* linalg_op_name(LinalgOp op) { return kLinalgNames[static_cast<int>(op)]; }

std::vector<std::pair<Shape, Dtype>> linalg_outputs(LinalgOp op, const std::vector<array>& in) {
  if (static_cast<int>(in.size()) != kLinalgInputs[static_cast<int>(op)]) shape_error(op, "Wrong number of inputs.");
  const array& a = in[0];
  Dtype t = a.dtype();
  if (a.ndim() < 2) shape_error(op, "Arrays must have >= 2 dimensions.");
  if (t != float32 && t != float64) shape_error(op, "Arrays must have type float32 or float64.");
  int64_t m = a.shape(-2), n = a.shape(-1), k = std::min(m, n);
  if (needs_square(op) && m != n) shape_error(op, "Only defined for square matrices.");
  Shape batch(a.shape().begin(), a.shape().end() - 2);
  auto with = [&](std::initializer_list<int64_t> tail) {
    Shape s = batch;
    s.insert(s.end(), tail);
    return s;
  };
  switch (op) {
    case LinalgOp::Qr: return {{with({m, k}), t}, {with({k, n}), t}};
    case LinalgOp::Svd: return {{with({m, m}), t}, {with({k}), t}, {with({n, n}), t}};
    case LinalgOp::SvdValues: return {{with({k}), t}};
    case LinalgOp::Eig: return {{with({n}), complex64}, {with({n, n}), complex64}};
    case LinalgOp::EigValues: return {{with({n}), complex64}};
    case LinalgOp::Eigh: return {{with({n}), t}, {with({n, n}), t}};
    case LinalgOp::EighValues: return {{with({n}), t}};
    case LinalgOp::LuFactor: return {{with({m, n}), t}, {with({k}), uint32}, {with({m}), uint32}};
    case LinalgOp::Det: return {{batch, t}};
    case LinalgOp::SlogDet: return {{batch, t}, {batch, t}};
    case LinalgOp::Solve:
    case LinalgOp::SolveTriangular: {
      const array& b = in[1];
      if (b.dtype() != t || b.ndim() != a.ndim() || b.shape(-2) != n ||
          !std::equal(batch.begin(), batch.end(), b.shape().begin())) {
        shape_error(op, "The right-hand side does not fit the matrix.");
      }
      return {{b.shape(), t}};
    }
    default: return {{a.shape(), t}};
  }
}

} // namespace mxg
