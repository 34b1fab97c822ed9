// Shape primitives. Most are views: the output shares the input's buffer with new
// strides, so they cost no copy.
#pragma once

#include "primitives/params.h"

namespace mxg {

/// Views `shape` (same size) over the input; copies only when the strides cannot express it.
class Reshape : public ParamPrimitive<Reshape, ShapeParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Reshape(Stream s, Shape shape) : ParamPrimitive(s, {std::move(shape)}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Reshape; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  const Shape& shape() const { return params().shape; }
};

class Transpose : public ParamPrimitive<Transpose, PermutationParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Transpose(Stream s, std::vector<int> axes) : ParamPrimitive(s, {std::move(axes)}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Transpose; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  const std::vector<int>& axes() const { return params().axes; }
};

class Broadcast : public ParamPrimitive<Broadcast, ShapeParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Broadcast(Stream s, Shape shape) : ParamPrimitive(s, {std::move(shape)}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Broadcast; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  const Shape& shape() const { return params().shape; }
};

/// A row-major copy (mx.contiguous, and materialising views).
class Copy : public Primitive {
 public:
  using Primitive::Primitive;
  PrimitiveKind kind() const override { return PrimitiveKind::Copy; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  bool is_equivalent(const Primitive& o) const override { return o.kind() == kind(); }
};

/// Slice and SliceUpdate: the window's accessors over WindowParams.
template <typename Derived>
class WindowPrimitive : public ParamPrimitive<Derived, WindowParams> {
 public:
  using ParamPrimitive<Derived, WindowParams>::ParamPrimitive;
  WindowPrimitive(Stream s, Shape start, Shape stop, Shape strides)
      : ParamPrimitive<Derived, WindowParams>(s, {std::move(start), std::move(stop), std::move(strides)}) {}
  const Shape& start() const { return this->params().start; }
  const Shape& stop() const { return this->params().stop; }
  const Shape& strides() const { return this->params().strides; }
};

/// A strided view of a window of the input: start, stop, step per axis (steps may
/// be negative). Costs no copy.
class Slice : public WindowPrimitive<Slice> {
 public:
  using WindowPrimitive::WindowPrimitive;
  PrimitiveKind kind() const override { return PrimitiveKind::Slice; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
};

/// A view with explicit shape, strides and offset (elements) over the row-major
/// elements of the input.
class AsStrided : public ParamPrimitive<AsStrided, AsStridedParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  AsStrided(Stream s, Shape shape, Strides strides, int64_t offset)
      : ParamPrimitive(s, {std::move(shape), std::move(strides), offset}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::AsStrided; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  const Shape& shape() const { return params().shape; }
  const Strides& strides() const { return params().strides; }
  int64_t offset() const { return params().offset; }
};

/// Joins inputs (same dtype, same shape except along `axis`) along `axis`.
class Concatenate : public ParamPrimitive<Concatenate, AxisParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  Concatenate(Stream s, int axis) : ParamPrimitive(s, {axis}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Concatenate; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  int axis() const { return params().axis; }
};

/// A copy of input 0 with the window (start, stop, step per axis) replaced by
/// input 1 (already of the window's shape and input 0's dtype). Reuses input 0's
/// buffer when it can be donated.
class SliceUpdate : public WindowPrimitive<SliceUpdate> {
 public:
  using WindowPrimitive::WindowPrimitive;
  PrimitiveKind kind() const override { return PrimitiveKind::SliceUpdate; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
};

} // namespace mxg
