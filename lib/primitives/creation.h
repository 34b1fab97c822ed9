// Creation primitives. Constant fills need none (they are broadcast views of a
// scalar); Arange computes start + i * step with no inputs.
#pragma once

#include <optional>

#include "mxgraph/primitive.h"

namespace mxg {

/// out[i] = start + i * step (computed in double, cast to the output dtype).
/// `last`, when set, replaces the final element (linspace's exact endpoint).
class Arange : public Primitive {
 public:
  Arange(Stream s, double start, double step, std::optional<double> last = std::nullopt)
      : Primitive(s), start_(start), step_(step), last_(last) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Arange; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& r = static_cast<const Arange&>(o);
    return r.start_ == start_ && r.step_ == step_ && r.last_ == last_;
  }
  double start() const { return start_; }
  double step() const { return step_; }
  const std::optional<double>& last() const { return last_; }

 private:
  double start_;
  double step_;
  std::optional<double> last_;
};

} // namespace mxg
