// Random primitives: RandomBits.
#pragma once

#include "mxgraph/primitive.h"

namespace mxg {

/// Counter-based random bits: Threefry-2x32-20 of (key, counter) for each pair of
/// output words. Input: a uint32 key of shape (2,). Output: uint32 (width 4) or
/// uint64 (width 8, two words per element). The layout follows MLX, so a key gives
/// the same words here as there: for n words, word i and word i + ceil(n/2) come
/// from counter (i, i + ceil(n/2)).
class RandomBits : public Primitive {
 public:
  RandomBits(Stream s, Shape shape, int width) : Primitive(s), shape_(std::move(shape)), width_(width) {}
  PrimitiveKind kind() const override { return PrimitiveKind::RandomBits; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    if (o.kind() != kind()) return false;
    auto& r = static_cast<const RandomBits&>(o);
    return r.shape_ == shape_ && r.width_ == width_;
  }
  const Shape& shape() const { return shape_; }
  int width() const { return width_; }

 private:
  Shape shape_;
  int width_;
};

} // namespace mxg
