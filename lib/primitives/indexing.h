// Indexing primitives: gathers and scatters driven by integer index arrays.
// Index values may be negative (counted from the end); a value outside the axis
// raises std::out_of_range at eval.
#pragma once

#include "primitives/params.h"

namespace mxg {

/// Inputs: a, then one index array per entry of `axes` (all of one shape I).
/// Output shape: I + slice_sizes, where slice_sizes has a.ndim entries; each index
/// tuple picks the window of slice_sizes starting at those positions along `axes`.
class Gather : public ParamPrimitive<Gather, GatherParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Gather(Stream s, std::vector<int> axes, Shape slice_sizes)
      : ParamPrimitive(s, {std::move(axes), std::move(slice_sizes)}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Gather; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  const std::vector<int>& axes() const { return params().axes; }
  const Shape& slice_sizes() const { return params().slice_sizes; }
};

/// Inputs: a, one index array per entry of `axes` (all of one shape I), updates of
/// shape I + window (a.ndim entries). Output: a with each window combined with its
/// updates; duplicates apply in order (so Sum accumulates, None keeps the last).
class Scatter : public ParamPrimitive<Scatter, ScatterParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Scatter(Stream s, std::vector<int> axes, ScatterReduce reduce)
      : ParamPrimitive(s, {std::move(axes), reduce}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Scatter; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  const std::vector<int>& axes() const { return params().axes; }
  ScatterReduce reduce() const { return params().reduce; }
};

/// take_along_axis: inputs a and indices of the output's shape (equal to a's
/// except along `axis`); out[..., i, ...] = a[..., indices[..., i, ...], ...].
class GatherAxis : public ParamPrimitive<GatherAxis, AxisParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  GatherAxis(Stream s, int axis) : ParamPrimitive(s, {axis}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::GatherAxis; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  int axis() const { return params().axis; }
};

/// put_along_axis: inputs a, indices and updates (one shape, equal to a's except
/// along `axis`). Output: a with out[..., indices[..., i, ...], ...] = updates[..., i, ...].
class ScatterAxis : public ParamPrimitive<ScatterAxis, ScatterAxisParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  ScatterAxis(Stream s, int axis, ScatterReduce reduce) : ParamPrimitive(s, {axis, reduce}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::ScatterAxis; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  int axis() const { return params().axis; }
  ScatterReduce reduce() const { return params().reduce; }
};

} // namespace mxg
