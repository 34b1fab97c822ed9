// Reduction primitives: Reduce (sum/prod/max/min/and/or over a set of axes),
// ArgReduce (argmax/argmin along one axis) and Scan (cumulative ops along one axis).
#pragma once

#include <vector>

#include "mxgraph/primitive.h"

namespace mxg {

/// Reduces `axes` (sorted, unique); the output keeps them as size-1 dimensions.
class Reduce : public Primitive {
 public:
  Reduce(Stream s, ReduceOp op, std::vector<int> axes) : Primitive(s), op_(op), axes_(std::move(axes)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Reduce; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& r = static_cast<const Reduce&>(o);
    return r.op_ == op_ && r.axes_ == axes_;
  }
  ReduceOp op() const { return op_; }
  const std::vector<int>& axes() const { return axes_; }

 private:
  ReduceOp op_;
  std::vector<int> axes_;
};

enum class ArgReduceOp : uint8_t { ArgMax, ArgMin };

/// Index (uint32) of the first max / min along `axis`; the output keeps the axis as size 1.
class ArgReduce : public Primitive {
 public:
  ArgReduce(Stream s, ArgReduceOp op, int axis) : Primitive(s), op_(op), axis_(axis) {}
  PrimitiveKind kind() const override { return PrimitiveKind::ArgReduce; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& r = static_cast<const ArgReduce&>(o);
    return r.op_ == op_ && r.axis_ == axis_;
  }
  ArgReduceOp op() const { return op_; }
  int axis() const { return axis_; }

 private:
  ArgReduceOp op_;
  int axis_;
};

/// Operators of Scan (ReduceOp plus logaddexp, for logcumsumexp).
enum class ScanOp : uint8_t { Sum, Prod, Max, Min, LogAddExp };

/// Cumulative op along `axis`; `reverse` runs from the end, `inclusive=false`
/// shifts by one (the first output is the identity).
class Scan : public Primitive {
 public:
  Scan(Stream s, ScanOp op, int axis, bool reverse, bool inclusive)
      : Primitive(s), op_(op), axis_(axis), reverse_(reverse), inclusive_(inclusive) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Scan; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& r = static_cast<const Scan&>(o);
    return r.op_ == op_ && r.axis_ == axis_ && r.reverse_ == reverse_ && r.inclusive_ == inclusive_;
  }
  ScanOp op() const { return op_; }
  int axis() const { return axis_; }
  bool reverse() const { return reverse_; }
  bool inclusive() const { return inclusive_; }

 private:
  ScanOp op_;
  int axis_;
  bool reverse_, inclusive_;
};

} // namespace mxg
