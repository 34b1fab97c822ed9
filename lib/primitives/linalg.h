// Linear-algebra primitives.
#pragma once

#include "mxgraph/primitive.h"

namespace mxg {

/// out = alpha * (a @ b) [+ beta * c] over the last two axes, batch axes
/// broadcast. Inputs: a (..., M, K), b (..., K, N) and optionally c (broadcastable
/// to the output). The output dtype is floating or complex; inputs of other dtypes
/// are converted inside the kernel (halves compute in float32).
class Matmul : public Primitive {
 public:
  explicit Matmul(Stream s, float alpha = 1.0f, float beta = 0.0f)
      : Primitive(s), alpha_(alpha), beta_(beta) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Matmul; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& r = static_cast<const Matmul&>(o);
    return r.alpha_ == alpha_ && r.beta_ == beta_;
  }
  float alpha() const { return alpha_; }
  float beta() const { return beta_; }

 private:
  float alpha_;
  float beta_;
};

} // namespace mxg
