// Shape operations: reshaping, transposing, broadcasting, joining and splitting.
#pragma once

#include <optional>
#include <string>
#include <utility>
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
/// Joins along an existing axis, promoting dtypes. With axis = std::nullopt the
/// inputs are flattened first.
array concatenate(const std::vector<array>& arrays, int axis = 0, StreamOrDevice s = {});
array concatenate(const std::vector<array>& arrays, std::optional<int> axis, StreamOrDevice s = {});
/// Joins equal-shaped arrays along a new axis.
array stack(const std::vector<array>& arrays, int axis = 0, StreamOrDevice s = {});
/// Splits into `num_splits` equal parts (which must divide the axis) ...
std::vector<array> split(const array& a, int num_splits, int axis = 0, StreamOrDevice s = {});
/// ... or at the given indices (NumPy semantics: a[:i0], a[i0:i1], ..., a[ik:]).
std::vector<array> split(const array& a, const Shape& indices, int axis = 0, StreamOrDevice s = {});
/// The arrays a[..., i, ...] for each i along `axis`.
std::vector<array> unstack(const array& a, int axis = 0, StreamOrDevice s = {});
/// NumPy tile: repeats the whole array reps[i] times along axis i.
array tile(const array& a, std::vector<int64_t> reps, StreamOrDevice s = {});
/// Repeats each element `repeats` times along `axis` (of the flattened array without one).
array repeat(const array& a, int64_t repeats, int axis, StreamOrDevice s = {});
array repeat(const array& a, int64_t repeats, StreamOrDevice s = {});
/// Pads with (before, after) widths per axis. mode: "constant" (with `pad_value`, a
/// scalar), "edge", "reflect" or "symmetric".
array pad(const array& a, const std::vector<std::pair<int64_t, int64_t>>& pad_width,
          const array& pad_value, const std::string& mode = "constant", StreamOrDevice s = {});
array atleast_1d(const array& a, StreamOrDevice s = {});
array atleast_2d(const array& a, StreamOrDevice s = {});
array atleast_3d(const array& a, StreamOrDevice s = {});
/// Swaps the last two axes.
array matrix_transpose(const array& a, StreamOrDevice s = {});

/// The view a[start:stop:strides] (one entry per axis; Python slice values already
/// normalised: 0 <= start <= dim, and stop may be -1 for negative steps). No copy.
array slice(const array& a, Shape start, Shape stop, Shape strides, StreamOrDevice s = {});
array slice(const array& a, Shape start, Shape stop, StreamOrDevice s = {});
/// Dynamic slice (mx.slice): the window of shape `slice_size` (a.ndim entries) that
/// starts at `start` (0-d, or one entry per axis of `axes`) along `axes` and at 0
/// elsewhere. A start that does not leave room for the window raises at eval.
array slice(const array& a, const array& start, std::vector<int> axes, Shape slice_size,
            StreamOrDevice s = {});
/// A copy of `src` with the window start:stop:strides replaced by `update`
/// (broadcast to the window, cast to src's dtype).
array slice_update(const array& src, const array& update, Shape start, Shape stop, Shape strides,
                   StreamOrDevice s = {});
array slice_update(const array& src, const array& update, Shape start, Shape stop,
                   StreamOrDevice s = {});
/// Dynamic slice update (mx.slice_update): writes `update` at `start` along `axes`.
array slice_update(const array& src, const array& update, const array& start,
                   std::vector<int> axes, StreamOrDevice s = {});
/// A view with the given shape, strides and offset (in elements of the row-major
/// array). Throws when the view would reach outside the array.
array as_strided(const array& a, Shape shape, Strides strides, int64_t offset = 0,
                 StreamOrDevice s = {});

/// A row-major copy when `a` is not already row-major contiguous.
array contiguous(const array& a, bool allow_col_major = false, StreamOrDevice s = {});

} // namespace mxg
