// Shape primitives. Most are views: the output shares the input's buffer with new
// strides, so they cost no copy.
#pragma once

#include "mxgraph/primitive.h"

namespace mxg {

class Reshape : public Primitive {
 public:
  Reshape(Stream s, Shape shape) : Primitive(s), shape_(std::move(shape)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Reshape; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const Reshape&>(o).shape_ == shape_;
  }
  const Shape& shape() const { return shape_; }

 private:
  Shape shape_;
};

class Transpose : public Primitive {
 public:
  Transpose(Stream s, std::vector<int> axes) : Primitive(s), axes_(std::move(axes)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Transpose; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const Transpose&>(o).axes_ == axes_;
  }
  const std::vector<int>& axes() const { return axes_; }

 private:
  std::vector<int> axes_;
};

class Broadcast : public Primitive {
 public:
  Broadcast(Stream s, Shape shape) : Primitive(s), shape_(std::move(shape)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Broadcast; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const Broadcast&>(o).shape_ == shape_;
  }
  const Shape& shape() const { return shape_; }

 private:
  Shape shape_;
};

/// A row-major copy (mx.contiguous, and materialising views).
class Copy : public Primitive {
 public:
  using Primitive::Primitive;
  PrimitiveKind kind() const override { return PrimitiveKind::Copy; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  bool is_equivalent(const Primitive& o) const override { return o.kind() == kind(); }
};

/// A strided view of a window of the input: start, stop, step per axis (steps may
/// be negative). Costs no copy.
class Slice : public Primitive {
 public:
  Slice(Stream s, Shape start, Shape stop, Shape strides)
      : Primitive(s), start_(std::move(start)), stop_(std::move(stop)), strides_(std::move(strides)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Slice; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& x = static_cast<const Slice&>(o);
    return x.start_ == start_ && x.stop_ == stop_ && x.strides_ == strides_;
  }
  const Shape& start() const { return start_; }
  const Shape& stop() const { return stop_; }
  const Shape& strides() const { return strides_; }

 private:
  Shape start_, stop_, strides_;
};

/// A view with explicit shape, strides and offset (elements) over the row-major
/// elements of the input.
class AsStrided : public Primitive {
 public:
  AsStrided(Stream s, Shape shape, Strides strides, int64_t offset)
      : Primitive(s), shape_(std::move(shape)), strides_(std::move(strides)), offset_(offset) {}
  PrimitiveKind kind() const override { return PrimitiveKind::AsStrided; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& x = static_cast<const AsStrided&>(o);
    return x.shape_ == shape_ && x.strides_ == strides_ && x.offset_ == offset_;
  }
  const Shape& shape() const { return shape_; }
  const Strides& strides() const { return strides_; }
  int64_t offset() const { return offset_; }

 private:
  Shape shape_;
  Strides strides_;
  int64_t offset_;
};

/// Joins inputs (same dtype, same shape except along `axis`) along `axis`.
class Concatenate : public Primitive {
 public:
  Concatenate(Stream s, int axis) : Primitive(s), axis_(axis) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Concatenate; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override { os << "Concatenate(axis=" << axis_ << ")"; }
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const Concatenate&>(o).axis_ == axis_;
  }
  int axis() const { return axis_; }

 private:
  int axis_;
};

/// A copy of input 0 with the window (start, stop, step per axis) replaced by
/// input 1 (already of the window's shape and input 0's dtype). Reuses input 0's
/// buffer when it can be donated.
class SliceUpdate : public Primitive {
 public:
  SliceUpdate(Stream s, Shape start, Shape stop, Shape strides)
      : Primitive(s), start_(std::move(start)), stop_(std::move(stop)), strides_(std::move(strides)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::SliceUpdate; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& x = static_cast<const SliceUpdate&>(o);
    return x.start_ == start_ && x.stop_ == stop_ && x.strides_ == strides_;
  }
  const Shape& start() const { return start_; }
  const Shape& stop() const { return stop_; }
  const Shape& strides() const { return strides_; }

 private:
  Shape start_, stop_, strides_;
};

/// Prints "[a, b, c]".
void print_list(std::ostream& os, const std::vector<int64_t>& v);
void print_list(std::ostream& os, const std::vector<int>& v);

} // namespace mxg
