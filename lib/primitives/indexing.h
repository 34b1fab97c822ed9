// Indexing primitives: gathers and scatters driven by integer index arrays.
// Index values may be negative (counted from the end); a value outside the axis
// raises std::out_of_range at eval.
#pragma once

#include "mxgraph/primitive.h"

namespace mxg {

/// How a scatter combines an update with the value already there.
enum class ScatterReduce : uint8_t { None, Sum, Prod, Max, Min };
const char* scatter_reduce_name(ScatterReduce r);

/// Inputs: a, then one index array per entry of `axes` (all of one shape I).
/// Output shape: I + slice_sizes, where slice_sizes has a.ndim entries; each index
/// tuple picks the window of slice_sizes starting at those positions along `axes`.
class Gather : public Primitive {
 public:
  Gather(Stream s, std::vector<int> axes, Shape slice_sizes)
      : Primitive(s), axes_(std::move(axes)), slice_sizes_(std::move(slice_sizes)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Gather; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& x = static_cast<const Gather&>(o);
    return x.axes_ == axes_ && x.slice_sizes_ == slice_sizes_;
  }
  const std::vector<int>& axes() const { return axes_; }
  const Shape& slice_sizes() const { return slice_sizes_; }

 private:
  std::vector<int> axes_;
  Shape slice_sizes_;
};

/// Inputs: a, one index array per entry of `axes` (all of one shape I), updates of
/// shape I + window (a.ndim entries). Output: a with each window combined with its
/// updates; duplicates apply in order (so Sum accumulates, None keeps the last).
class Scatter : public Primitive {
 public:
  Scatter(Stream s, std::vector<int> axes, ScatterReduce reduce)
      : Primitive(s), axes_(std::move(axes)), reduce_(reduce) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Scatter; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& x = static_cast<const Scatter&>(o);
    return x.axes_ == axes_ && x.reduce_ == reduce_;
  }
  const std::vector<int>& axes() const { return axes_; }
  ScatterReduce reduce() const { return reduce_; }

 private:
  std::vector<int> axes_;
  ScatterReduce reduce_;
};

/// take_along_axis: inputs a and indices of the output's shape (equal to a's
/// except along `axis`); out[..., i, ...] = a[..., indices[..., i, ...], ...].
class GatherAxis : public Primitive {
 public:
  GatherAxis(Stream s, int axis) : Primitive(s), axis_(axis) {}
  PrimitiveKind kind() const override { return PrimitiveKind::GatherAxis; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override { os << "GatherAxis(axis=" << axis_ << ")"; }
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const GatherAxis&>(o).axis_ == axis_;
  }
  int axis() const { return axis_; }

 private:
  int axis_;
};

/// put_along_axis: inputs a, indices and updates (one shape, equal to a's except
/// along `axis`). Output: a with out[..., indices[..., i, ...], ...] = updates[..., i, ...].
class ScatterAxis : public Primitive {
 public:
  ScatterAxis(Stream s, int axis, ScatterReduce reduce)
      : Primitive(s), axis_(axis), reduce_(reduce) {}
  PrimitiveKind kind() const override { return PrimitiveKind::ScatterAxis; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& x = static_cast<const ScatterAxis&>(o);
    return x.axis_ == axis_ && x.reduce_ == reduce_;
  }
  int axis() const { return axis_; }
  ScatterReduce reduce() const { return reduce_; }

 private:
  int axis_;
  ScatterReduce reduce_;
};

} // namespace mxg
