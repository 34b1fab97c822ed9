// Linear-algebra primitives.
#pragma once

#include "primitives/params.h"

namespace mxg {

/// out = alpha * (a @ b) [+ beta * c] over the last two axes, batch axes
/// broadcast. Inputs: a (..., M, K), b (..., K, N) and optionally c (broadcastable
/// to the output). The output dtype is floating or complex; inputs of other dtypes
/// are converted inside the kernel (halves compute in float32).
class Matmul : public ParamPrimitive<Matmul, MatmulParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  explicit Matmul(Stream s, float alpha = 1.0f, float beta = 0.0f) : ParamPrimitive(s, {alpha, beta}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Matmul; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  float alpha() const { return params().alpha; }
  float beta() const { return params().beta; }
};

/// The factorizations and solvers of mx.linalg, each one LAPACK routine (or two).
/// New rows go last: the position is the op's code in .mxfn files.
///   X(Enum, name, inputs, outputs)
#define MXG_LINALG_OPS(X)                       \
  X(Inv, inv, 1, 1)                             \
  X(TriInv, tri_inv, 1, 1)                      \
  X(Cholesky, cholesky, 1, 1)                   \
  X(CholeskyInv, cholesky_inv, 1, 1)            \
  X(Qr, qr, 1, 2)                               \
  X(Svd, svd, 1, 3)                             \
  X(SvdValues, svd_values, 1, 1)                \
  X(Eig, eig, 1, 2)                             \
  X(EigValues, eigvals, 1, 1)                   \
  X(Eigh, eigh, 1, 2)                           \
  X(EighValues, eigvalsh, 1, 1)                 \
  X(LuFactor, lu_factor, 1, 3)                  \
  X(Solve, solve, 2, 1)                         \
  X(SolveTriangular, solve_triangular, 2, 1)    \
  X(Det, det, 1, 1)                             \
  X(SlogDet, slogdet, 1, 2)

enum class LinalgOp : uint8_t {
#define MXG_LINALG_ENUM(e, ...) e,
  MXG_LINALG_OPS(MXG_LINALG_ENUM)
#undef MXG_LINALG_ENUM
};
inline constexpr int kNumLinalgOps = 0
#define MXG_LINALG_COUNT(...) +1
    MXG_LINALG_OPS(MXG_LINALG_COUNT)
#undef MXG_LINALG_COUNT
    ;
/// "inv", "cholesky", ...
const char* linalg_op_name(LinalgOp op);

MXG_ENUM_INFO(LinalgOp, kNumLinalgOps, "linalg op", linalg_op_name)

/// The parameters of a Linalg node: which routine, and which triangle it reads or
/// writes (`upper`: tri_inv, cholesky, cholesky_inv, eigh, solve_triangular).
struct LinalgParams {
  LinalgOp op = LinalgOp::Inv;
  bool upper = false;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(op, Show::Value);
    MXG_FIELD(upper, Show::Flag, "upper");
  }
};

/// One LAPACK factorization or solve over the last two axes, batched over the leading
/// ones (inputs share their batch shape). A failing `info` raises at eval, except where
/// MLX returns a value (a singular det is 0, its slogdet -inf).
class Linalg : public ParamPrimitive<Linalg, LinalgParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  PrimitiveKind kind() const override { return PrimitiveKind::Linalg; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  LinalgOp op() const { return params().op; }
  bool upper() const { return params().upper; }
};

/// The outputs' shapes and dtypes of a Linalg node for inputs `in` (checked by the
/// ops; also the shape rule of vmap and .mxfn import).
std::vector<std::pair<Shape, Dtype>> linalg_outputs(LinalgOp op, const std::vector<array>& in);

} // namespace mxg
