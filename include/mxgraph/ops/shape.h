// Shape operations: reshaping, transposing, broadcasting, joining and splitting.
#pragma once

#include <vector>

#include "mxgraph/array.h"

namespace mxg {

/// One dimension may be -1 (inferred).
array reshape(const array& a, Shape shape, StreamOrDevice s = {});
array flatten(const array& a, int start_axis = 0, int end_axis = -1, StreamOrDevice s = {});
array unflatten(const array& a, int axis, Shape shape, StreamOrDevice s = {});
/// Reverses the axes.
array transpose(const array& a, StreamOrDevice s = {});
array transpose(const array& a, std::vector<int> axes, StreamOrDevice s = {});
array swapaxes(const array& a, int axis1, int axis2, StreamOrDevice s = {});
array moveaxis(const array& a, int source, int destination, StreamOrDevice s = {});
array broadcast_to(const array& a, const Shape& shape, StreamOrDevice s = {});
std::vector<array> broadcast_arrays(const std::vector<array>& inputs, StreamOrDevice s = {});
array expand_dims(const array& a, int axis, StreamOrDevice s = {});
array expand_dims(const array& a, std::vector<int> axes, StreamOrDevice s = {});
/// Removes all size-1 axes, or the given ones (which must have size 1).
array squeeze(const array& a, StreamOrDevice s = {});
array squeeze(const array& a, std::vector<int> axes, StreamOrDevice s = {});
array concatenate(const std::vector<array>& arrays, int axis = 0, StreamOrDevice s = {});
array stack(const std::vector<array>& arrays, int axis = 0, StreamOrDevice s = {});

/// A row-major copy when `a` is not already row-major contiguous.
array contiguous(const array& a, bool allow_col_major = false, StreamOrDevice s = {});

} // namespace mxg
