// Distributed primitives: collectives over a process group (AllReduce, AllGather,
// ReduceScatter) and point-to-point transfers (Send, Recv). Never merged by CSE:
// each one is a message every rank must post in the same order.
#pragma once

#include "distributed/backend.h"
#include "mxgraph/distributed.h"
#include "mxgraph/primitive.h"

namespace mxg {

/// A primitive bound to a process group.
class DistributedPrimitive : public Primitive {
 public:
  DistributedPrimitive(Stream s, distributed::Group group) : Primitive(s), group_(std::move(group)) {}
  const distributed::Group& group() const { return group_; }

 protected:
  distributed::Group group_;
};

class AllReduce : public DistributedPrimitive {
 public:
  using Op = distributed::detail::Reduce;
  AllReduce(Stream s, distributed::Group g, Op op) : DistributedPrimitive(s, std::move(g)), op_(op) {}
  PrimitiveKind kind() const override { return PrimitiveKind::AllReduce; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override { os << "AllReduce(" << op_name() << ")"; }
  Op op() const { return op_; }
  const char* op_name() const { return op_ == Op::Sum ? "sum" : op_ == Op::Max ? "max" : "min"; }

 private:
  Op op_;
};

class AllGather : public DistributedPrimitive {
 public:
  using DistributedPrimitive::DistributedPrimitive;
  PrimitiveKind kind() const override { return PrimitiveKind::AllGather; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
};

/// sum_scatter: the sum over the group, rank r keeping block r of axis 0.
class ReduceScatter : public DistributedPrimitive {
 public:
  using DistributedPrimitive::DistributedPrimitive;
  PrimitiveKind kind() const override { return PrimitiveKind::ReduceScatter; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
};

/// Sends its input to `dst`; its output is the input itself (a handle to order by).
class Send : public DistributedPrimitive {
 public:
  Send(Stream s, distributed::Group g, int dst) : DistributedPrimitive(s, std::move(g)), dst_(dst) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Send; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override { os << "Send(dst=" << dst_ << ")"; }
  int dst() const { return dst_; }

 private:
  int dst_;
};

class Recv : public DistributedPrimitive {
 public:
  Recv(Stream s, distributed::Group g, int src) : DistributedPrimitive(s, std::move(g)), src_(src) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Recv; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override { os << "Recv(src=" << src_ << ")"; }
  int src() const { return src_; }

 private:
  int src_;
};

} // namespace mxg
