// Indexing operations: take / put along axes, gathers and scatters, and NumPy-style
// indexing (a[idx], a[idx] = v, a.at[idx].add(v)) from a language-neutral index spec.
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "mxgraph/array.h"

namespace mxg {

/// Elements of a at `indices` (negative values count from the end) along `axis`;
/// the axis is replaced by the indices' shape. Out-of-range values raise
/// std::out_of_range: at the call when `indices` is already evaluated, else at eval.
array take(const array& a, const array& indices, int axis, StreamOrDevice s = {});
/// The same on the flattened array.
array take(const array& a, const array& indices, StreamOrDevice s = {});
/// One index: the axis is removed (a view). Out of range raises std::out_of_range.
array take(const array& a, int64_t index, int axis, StreamOrDevice s = {});
array take(const array& a, int64_t index, StreamOrDevice s = {});
/// out[..., i, ...] = a[..., indices[..., i, ...], ...]; indices broadcast against a
/// on the other axes.
array take_along_axis(const array& a, const array& indices, int axis, StreamOrDevice s = {});
array take_along_axis(const array& a, const array& indices, StreamOrDevice s = {}); // flattened
/// A copy of a with a[..., indices[..., i, ...], ...] = values[..., i, ...].
array put_along_axis(const array& a, const array& indices, const array& values, int axis,
                     StreamOrDevice s = {});
array put_along_axis(const array& a, const array& indices, const array& values,
                     StreamOrDevice s = {}); // flattened
/// The general gather: indices (broadcast together, shape I) address `axes`; the
/// result has shape I + slice_sizes.
array gather(const array& a, const std::vector<array>& indices, const std::vector<int>& axes,
             const Shape& slice_sizes, StreamOrDevice s = {});

/// How an indexed update combines with the existing values (the .at[] methods).
enum class IndexUpdate { Set, Add, Subtract, Multiply, Divide, Maximum, Minimum };

// ---- NumPy-style indexing ----------------------------------------------------

/// start:stop:step with Python's meaning of absent parts.
struct IndexSlice {
  std::optional<int64_t> start, stop, step;
};
/// None / np.newaxis: inserts an axis of size 1.
struct NewAxis {};
/// `...`: as many full slices as needed.
struct Ellipsis {};
/// One entry of an index: an integer, a slice, a new axis, an ellipsis, or an
/// integer array (advanced indexing, broadcast with the other arrays and integers).
using IndexItem = std::variant<int64_t, IndexSlice, NewAxis, Ellipsis, array>;
using Index = std::vector<IndexItem>;

/// a[index] with NumPy semantics. Integers out of range raise std::out_of_range;
/// boolean arrays raise std::invalid_argument (the result's shape would depend on
/// the data; use where). Basic indices (no arrays) give a view.
array get_item(const array& a, const Index& index, StreamOrDevice s = {});
/// A new array equal to a with a[index] = value (value broadcast to a[index]'s
/// shape and cast to a's dtype); with duplicate indices the last value wins.
/// A boolean index covering a's leading axes sets the selected sub-arrays (MLX's
/// masked scatter): values of the sub-array's rank broadcast, with one more leading
/// axis they are consumed in order (too few fail at eval). Nothing is evaluated.
array set_item(const array& a, const Index& index, const array& value, StreamOrDevice s = {});
/// A new array equal to a with a[index] combined with `values` by `op`; duplicate
/// indices apply repeatedly (like np.add.at).
array index_update(const array& a, const Index& index, const array& values, IndexUpdate op,
                   StreamOrDevice s = {});

} // namespace mxg
