// Sort primitives: Sort, ArgSort, Partition, ArgPartition, all along one axis.
// NaN sorts last; ArgSort is stable; indices are uint32.
#pragma once

#include "mxgraph/primitive.h"

namespace mxg {

/// Shared shape of the four sort primitives: an axis, and for the partitions a kth.
/// `start` keeps only the positions [start, n) along the axis in the output (topk
/// takes the last k of a partition); 0 keeps everything.
class SortBase : public Primitive {
 public:
  SortBase(Stream s, int axis, int kth = 0, int64_t start = 0)
      : Primitive(s), axis_(axis), kth_(kth), start_(start) {}
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& r = static_cast<const SortBase&>(o);
    return r.axis_ == axis_ && r.kth_ == kth_ && r.start_ == start_;
  }
  int axis() const { return axis_; }
  int kth() const { return kth_; }
  int64_t start() const { return start_; }

 private:
  int axis_, kth_;
  int64_t start_;
};

class Sort : public SortBase {
 public:
  Sort(Stream s, int axis) : SortBase(s, axis) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Sort; }
};

class ArgSort : public SortBase {
 public:
  ArgSort(Stream s, int axis) : SortBase(s, axis) {}
  PrimitiveKind kind() const override { return PrimitiveKind::ArgSort; }
};

class Partition : public SortBase {
 public:
  Partition(Stream s, int kth, int axis, int64_t start = 0) : SortBase(s, axis, kth, start) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Partition; }
};

class ArgPartition : public SortBase {
 public:
  ArgPartition(Stream s, int kth, int axis, int64_t start = 0) : SortBase(s, axis, kth, start) {}
  PrimitiveKind kind() const override { return PrimitiveKind::ArgPartition; }
};

} // namespace mxg
