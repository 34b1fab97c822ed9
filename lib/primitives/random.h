// Random primitives: RandomBits.
#pragma once

#include "primitives/params.h"

namespace mxg {

/// Counter-based random bits: Threefry-2x32-20 of (key, counter) for each pair of
/// output words. Input: a uint32 key of shape (2,). Output: uint32 (width 4) or
/// uint64 (width 8, two words per element). The layout follows MLX, so a key gives
/// the same words here as there: for n words, word i and word i + ceil(n/2) come
/// from counter (i, i + ceil(n/2)).
class RandomBits : public ParamPrimitive<RandomBits, RandomBitsParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  RandomBits(Stream s, Shape shape, int width) : ParamPrimitive(s, {std::move(shape), width}) {}
  PrimitiveKind kind() const override { return PrimitiveKind::RandomBits; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  const Shape& shape() const { return params().shape; }
  int width() const { return params().width; }
};

} // namespace mxg
