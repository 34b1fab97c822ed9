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

/// Prints "[a, b, c]".
void print_list(std::ostream& os, const std::vector<int64_t>& v);
void print_list(std::ostream& os, const std::vector<int>& v);

} // namespace mxg
