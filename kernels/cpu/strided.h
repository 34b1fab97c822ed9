// Helpers for walking strided arrays: dimension collapsing and an N-d index
// iterator whose inner loop the caller writes.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "mxgraph/array.h"

namespace mxg {

/// Merges adjacent dimensions that are contiguous with each other in every one of
/// `strides` (all with the same shape). Size-1 dimensions are dropped.
std::pair<Shape, std::vector<Strides>> collapse_dims(const Shape& shape,
                                                     const std::vector<Strides>& strides);

/// Iterates the outer dimensions (all but the last) of a collapsed shape,
/// tracking one offset per operand.
class NdIndex {
 public:
  NdIndex(const Shape& shape, const std::vector<Strides>& strides)
      : shape_(shape), strides_(strides), idx_(shape.size(), 0), offs_(strides.size(), 0) {}
  /// Sets the position to the flat outer index `linear` (row-major over dims [0, nd-1)).
  void seek(int64_t linear) {
    std::fill(offs_.begin(), offs_.end(), 0);
    for (int d = static_cast<int>(shape_.size()) - 2; d >= 0; --d) {
      idx_[d] = linear % shape_[d];
      linear /= shape_[d];
      for (size_t k = 0; k < strides_.size(); ++k) offs_[k] += idx_[d] * strides_[k][d];
    }
  }
  /// Moves to the next outer position.
  void next() {
    for (int d = static_cast<int>(shape_.size()) - 2; d >= 0; --d) {
      ++idx_[d];
      for (size_t k = 0; k < strides_.size(); ++k) offs_[k] += strides_[k][d];
      if (idx_[d] < shape_[d]) return;
      for (size_t k = 0; k < strides_.size(); ++k) offs_[k] -= idx_[d] * strides_[k][d];
      idx_[d] = 0;
    }
  }
  int64_t offset(size_t k) const { return offs_[k]; }

 private:
  const Shape& shape_;
  const std::vector<Strides>& strides_;
  Shape idx_;
  std::vector<int64_t> offs_;
};

/// Number of outer iterations and the inner extent of a collapsed shape.
inline std::pair<int64_t, int64_t> outer_inner(const Shape& shape) {
  if (shape.empty()) return {1, 1};
  int64_t inner = shape.back();
  int64_t outer = 1;
  for (size_t i = 0; i + 1 < shape.size(); ++i) outer *= shape[i];
  return {outer, inner};
}

/// Copies `in` (any layout) into row-major `dst` of dtype `dst_dtype`, converting.
void copy_strided(const array& in, void* dst, Dtype dst_dtype);
/// `in` seen with `shape` (NumPy broadcasting) through zero strides, without a copy.
array broadcast_view(const array& in, const Shape& shape);

/// A row-major contiguous version of `in` (itself when already row-contiguous).
array ensure_row_contiguous(const array& in);

} // namespace mxg
