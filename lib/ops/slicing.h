// Private helpers shared by the slicing and indexing ops.
#pragma once

#include <optional>
#include <vector>

#include "mxgraph/array.h"
#include "primitives/indexing.h"

namespace mxg {

/// One axis of a slice after Python's normalisation: the first element `start`,
/// the `step`, the number of elements `size` and an exclusive `stop`.
struct SliceBounds {
  int64_t start = 0, stop = 0, step = 1, size = 0;
};

/// Python's slice.indices() for an axis of length `dim`; a zero step raises.
SliceBounds normalize_slice(std::optional<int64_t> start, std::optional<int64_t> stop,
                            std::optional<int64_t> step, int64_t dim, const char* op);
/// The whole axis.
inline SliceBounds full_slice(int64_t dim) { return {0, dim, 1, dim}; }

/// The view through normalised bounds (one per axis); `a` itself when they cover it.
array slice_bounds(const array& a, const std::vector<SliceBounds>& b, const Stream& st);
/// src with the window `b` replaced by `update` (already the window's shape and
/// src's dtype).
array slice_update_bounds(const array& src, const array& update, const std::vector<SliceBounds>& b,
                          const Stream& st);

/// Throws std::out_of_range unless -dim <= index < dim; returns it in [0, dim).
int64_t normalize_index(int64_t index, int64_t dim, int axis, const char* op);
/// Throws std::invalid_argument (bool) or type_error (other non-integers) unless
/// `idx` holds integers.
void require_integer_indices(const array& idx, const char* op);
/// When `idx` is already evaluated, throws std::out_of_range at the call for a
/// value outside [-dim, dim) (pending indices are checked at eval).
void check_index_values(const array& idx, int64_t dim, int axis, const char* op);
/// The Scatter node: `indices` (broadcast together) along `axes`, `updates` of shape
/// I + window (already a's dtype).
array scatter_raw(const array& a, const std::vector<array>& indices, const array& updates,
                  const std::vector<int>& axes, ScatterReduce reduce, const Stream& st);

} // namespace mxg
