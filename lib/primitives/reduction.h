// Reduction primitives: Reduce (sum/prod/max/min/and/or over a set of axes),
// ArgReduce (argmax/argmin along one axis) and Scan (cumulative ops along one axis).
#pragma once

#include <vector>

#include "primitives/params.h"

namespace mxg {

/// Reduces `axes` (sorted, unique); the output keeps them as size-1 dimensions.
class Reduce : public ParamPrimitive<Reduce, ReduceParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Reduce(Stream s, ReduceOp op, std::vector<int> axes) : ParamPrimitive(s, {op, std::move(axes)}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Reduce; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  ReduceOp op() const { return params().op; }
  const std::vector<int>& axes() const { return params().axes; }
};

/// Index (uint32) of the first max / min along `axis`; the output keeps the axis as size 1.
class ArgReduce : public ParamPrimitive<ArgReduce, ArgReduceParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  ArgReduce(Stream s, ArgReduceOp op, int axis) : ParamPrimitive(s, {op, axis}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::ArgReduce; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  ArgReduceOp op() const { return params().op; }
  int axis() const { return params().axis; }
};

/// Cumulative op along `axis`; `reverse` runs from the end, `inclusive=false`
/// shifts by one (the first output is the identity).
class Scan : public ParamPrimitive<Scan, ScanParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Scan(Stream s, ScanOp op, int axis, bool reverse, bool inclusive)
      : ParamPrimitive(s, {op, axis, reverse, inclusive}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Scan; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  ScanOp op() const { return params().op; }
  int axis() const { return params().axis; }
  bool reverse() const { return params().reverse; }
  bool inclusive() const { return params().inclusive; }
};

} // namespace mxg
