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

} // namespace mxg
