// Creation primitives. Constant fills need none (they are broadcast views of a
// scalar); Arange computes start + i * step with no inputs.
#pragma once

#include <optional>

#include "primitives/params.h"

namespace mxg {

/// out[i] = start + i * step (computed in double, cast to the output dtype).
/// `last`, when set, replaces the final element (linspace's exact endpoint).
class Arange : public ParamPrimitive<Arange, ArangeParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Arange(Stream s, double start, double step, std::optional<double> last = std::nullopt)
      : ParamPrimitive(s, {start, step, last}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Arange; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  double start() const { return params().start; }
  double step() const { return params().step; }
  const std::optional<double>& last() const { return params().last; }
};

} // namespace mxg
