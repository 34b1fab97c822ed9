// Sort primitives: Sort, ArgSort, Partition, ArgPartition, all along one axis.
// NaN sorts last; ArgSort is stable; indices are uint32.
#pragma once

#include "primitives/params.h"

namespace mxg {

/// The kernel and accessors shared by the four sort primitives: an axis, and for the
/// partitions a kth. `start` keeps only the positions [start, n) along the axis in
/// the output (topk takes the last k of a partition); 0 keeps everything.
class SortBase : public Primitive {
 public:
  using Primitive::Primitive;
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  virtual const SortParams& sort_params() const = 0;
  int axis() const { return sort_params().axis; }
  int kth() const { return sort_params().kth; }
  int64_t start() const { return sort_params().start; }
};

class Sort : public ParamPrimitive<Sort, SortParams, SortBase> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Sort(Stream s, int axis) : ParamPrimitive(s, {axis}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Sort; }
  const SortParams& sort_params() const override { return params(); }
};

class ArgSort : public ParamPrimitive<ArgSort, SortParams, SortBase> {
 public:
  using ParamPrimitive::ParamPrimitive;
  ArgSort(Stream s, int axis) : ParamPrimitive(s, {axis}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::ArgSort; }
  const SortParams& sort_params() const override { return params(); }
};

/// PartitionParams from (kth, axis, start), the order the ops pass them.
inline PartitionParams partition_params(int kth, int axis, int64_t start) {
  PartitionParams p;
  p.axis = axis, p.kth = kth, p.start = start;
  return p;
}

class Partition : public ParamPrimitive<Partition, PartitionParams, SortBase> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Partition(Stream s, int kth, int axis, int64_t start = 0)
      : ParamPrimitive(s, partition_params(kth, axis, start)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Partition; }
  const SortParams& sort_params() const override { return params(); }
};

class ArgPartition : public ParamPrimitive<ArgPartition, PartitionParams, SortBase> {
 public:
  using ParamPrimitive::ParamPrimitive;
  ArgPartition(Stream s, int kth, int axis, int64_t start = 0)
      : ParamPrimitive(s, partition_params(kth, axis, start)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::ArgPartition; }
  const SortParams& sort_params() const override { return params(); }
};

} // namespace mxg
