// Elementwise primitives: Unary, Binary, Select (where), AsType, DivMod, View.
#pragma once

#include "primitives/params.h"

namespace mxg {

class Unary : public ParamPrimitive<Unary, UnaryParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Unary(Stream s, UnaryOp op) : ParamPrimitive(s, {op}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Unary; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  UnaryOp op() const { return params().op; }
};

class Binary : public ParamPrimitive<Binary, BinaryParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Binary(Stream s, BinaryOp op) : ParamPrimitive(s, {op}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Binary; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  BinaryOp op() const { return params().op; }
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

class AsType : public ParamPrimitive<AsType, DtypeParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  AsType(Stream s, Dtype dtype) : ParamPrimitive(s, {dtype}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::AsType; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  Dtype dtype() const { return params().dtype; }
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
class View : public ParamPrimitive<View, DtypeParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  View(Stream s, Dtype dtype) : ParamPrimitive(s, {dtype}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::View; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  Dtype dtype() const { return params().dtype; }
};

} // namespace mxg
