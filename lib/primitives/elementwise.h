// Elementwise primitives: Unary, Binary, Select (where), AsType, DivMod, View.
#pragma once

#include "mxgraph/primitive.h"

namespace mxg {

class Unary : public Primitive {
 public:
  Unary(Stream s, UnaryOp op) : Primitive(s), op_(op) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Unary; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override { os << "Unary(" << unary_op_name(op_) << ")"; }
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const Unary&>(o).op_ == op_;
  }
  UnaryOp op() const { return op_; }

 private:
  UnaryOp op_;
};

class Binary : public Primitive {
 public:
  Binary(Stream s, BinaryOp op) : Primitive(s), op_(op) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Binary; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override { os << "Binary(" << binary_op_name(op_) << ")"; }
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const Binary&>(o).op_ == op_;
  }
  BinaryOp op() const { return op_; }

 private:
  BinaryOp op_;
};

/// where(cond, x, y). Binary, DivMod and Select broadcast their inputs to the
/// output shape inside the kernel (zero strides), so the graph holds one node per op.
class Select : public Primitive {
 public:
  using Primitive::Primitive;
  PrimitiveKind kind() const override { return PrimitiveKind::Select; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  bool is_equivalent(const Primitive& o) const override { return o.kind() == kind(); }
};

class AsType : public Primitive {
 public:
  AsType(Stream s, Dtype dtype) : Primitive(s), dtype_(dtype) {}
  PrimitiveKind kind() const override { return PrimitiveKind::AsType; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override { os << "AsType(" << dtype_name(dtype_) << ")"; }
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const AsType&>(o).dtype_ == dtype_;
  }
  Dtype dtype() const { return dtype_; }

 private:
  Dtype dtype_;
};

/// divmod: two outputs (floor quotient, remainder) from one pass.
class DivMod : public Primitive {
 public:
  using Primitive::Primitive;
  PrimitiveKind kind() const override { return PrimitiveKind::DivMod; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  bool is_equivalent(const Primitive& o) const override { return o.kind() == kind(); }
};

/// Reinterprets the input's bytes as another dtype (no conversion). The output
/// shares the input's buffer except when a strided input must be packed first.
class View : public Primitive {
 public:
  View(Stream s, Dtype dtype) : Primitive(s), dtype_(dtype) {}
  PrimitiveKind kind() const override { return PrimitiveKind::View; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override { os << "View(" << dtype_name(dtype_) << ")"; }
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const View&>(o).dtype_ == dtype_;
  }
  Dtype dtype() const { return dtype_; }

 private:
  Dtype dtype_;
};

} // namespace mxg
