// Indexing ops: take, take_along_axis, put_along_axis and the general gather.
#include <algorithm>
#include <numeric>

#include "cpu/strided.h"
#include "mxgraph/ops.h"
#include "ops/slicing.h"
#include "ops/utils.h"
#include "primitives/indexing.h"

namespace mxg {

void require_integer_indices(const array& idx, const char* op) {
  if (idx.dtype() == bool_) {
    throw_value(op, "Boolean indices are not supported (the result's shape would depend on the "
                    "data); use where or integer indices.");
  }
  if (!is_integral(idx.dtype())) {
    throw_type(op, std::string("Indices must be integers, got ") + dtype_name(idx.dtype()) + ".");
  }
}

void check_index_values(const array& idx, int64_t dim, int axis, const char* op) {
  if (!idx.is_evaluated() || idx.size() == 0) return;
  std::vector<int64_t> v(static_cast<size_t>(idx.size()));
  copy_strided(idx, v.data(), int64);
  for (int64_t x : v) normalize_index(x, dim, axis, op);
}

array scatter_raw(const array& a, const std::vector<array>& indices, const array& updates,
                  const std::vector<int>& axes, ScatterReduce reduce, const Stream& st) {
  std::vector<array> ins{a};
  for (const auto& i : broadcast_all(indices, "scatter", st)) ins.push_back(i);
  ins.push_back(updates);
  return array(a.shape(), a.dtype(), std::make_shared<Scatter>(st, axes, reduce), std::move(ins));
}

array gather(const array& a, const std::vector<array>& indices, const std::vector<int>& axes,
             const Shape& slice_sizes, StreamOrDevice s) {
  Stream st = to_stream(s, "gather");
  if (indices.size() != axes.size()) throw_value("gather", "Expected one index array per axis.");
  if (static_cast<int>(slice_sizes.size()) != a.ndim()) {
    throw_value("gather", "Expected one slice size per axis of the array.");
  }
  std::vector<int> ax;
  for (int x : axes) ax.push_back(normalize_axis(x, a.ndim(), "gather"));
  normalize_axes(ax, a.ndim(), "gather"); // rejects duplicates
  for (int i = 0; i < a.ndim(); ++i) {
    if (slice_sizes[i] < 0 || slice_sizes[i] > a.shape()[i]) {
      throw_value("gather", "Slice sizes must lie in [0, dim] for each axis.");
    }
  }
  for (const auto& i : indices) require_integer_indices(i, "gather");
  std::vector<array> idx = broadcast_all(indices, "gather", st);
  Shape shape = idx.empty() ? Shape{} : idx[0].shape();
  shape.insert(shape.end(), slice_sizes.begin(), slice_sizes.end());
  std::vector<array> ins{a};
  ins.insert(ins.end(), idx.begin(), idx.end());
  return array(shape, a.dtype(), std::make_shared<Gather>(st, ax, slice_sizes), std::move(ins));
}

array take(const array& a, const array& indices, int axis, StreamOrDevice s) {
  Stream st = to_stream(s, "take");
  if (a.ndim() == 0) throw_value("take", "Cannot take from a 0-d array; pass axis=None.");
  int ax = checked_axis(axis, a.ndim(), "take");
  require_integer_indices(indices, "take");
  if (a.shape()[ax] == 0 && indices.size() > 0) {
    throw_value("take", "Cannot take a non-empty selection from an empty axis.");
  }
  check_index_values(indices, a.shape()[ax], ax, "take");
  Shape sizes = a.shape();
  sizes[ax] = std::min<int64_t>(1, sizes[ax]);
  array g = gather(a, {indices}, {ax}, sizes, st);
  // I + a.shape (1 at ax)  ->  a.shape[:ax] + I + a.shape[ax+1:]
  int ni = indices.ndim();
  Shape flat(indices.shape());
  for (int i = 0; i < a.ndim(); ++i) {
    if (i != ax) flat.push_back(a.shape()[i]);
  }
  g = reshape(g, flat, st);
  if (ax == 0 || ni == 0) return g;
  std::vector<int> perm;
  for (int i = 0; i < ax; ++i) perm.push_back(ni + i);
  for (int i = 0; i < ni; ++i) perm.push_back(i);
  for (int i = ni + ax; i < static_cast<int>(flat.size()); ++i) perm.push_back(i);
  return transpose(g, perm, st);
}

array take(const array& a, const array& indices, StreamOrDevice s) {
  return take(reshape(a, {-1}, s), indices, 0, s);
}

array take(const array& a, int64_t index, int axis, StreamOrDevice s) {
  Stream st = to_stream(s, "take");
  if (a.ndim() == 0) throw_value("take", "Cannot take from a 0-d array; pass axis=None.");
  int ax = checked_axis(axis, a.ndim(), "take");
  if (a.shape()[ax] == 0) throw_value("take", "Cannot take an element from an empty axis.");
  int64_t i = normalize_index(index, a.shape()[ax], ax, "take");
  std::vector<SliceBounds> b;
  for (int d = 0; d < a.ndim(); ++d) b.push_back(d == ax ? SliceBounds{i, i + 1, 1, 1} : full_slice(a.shape()[d]));
  Shape shape = a.shape();
  shape.erase(shape.begin() + ax);
  return reshape(slice_bounds(a, b, st), shape, st);
}

array take(const array& a, int64_t index, StreamOrDevice s) {
  return take(reshape(a, {-1}, s), index, 0, s);
}

namespace {

// a and indices broadcast against each other on every axis but `ax`.
std::pair<array, array> along_axis_operands(const array& a, const array& indices, int ax,
                                            const char* op, const Stream& st) {
  require_integer_indices(indices, op);
  if (indices.ndim() != a.ndim()) {
    throw_value(op, "Indices of shape " + shape_str(indices.shape()) +
                        " must have as many dimensions as the array of shape " +
                        shape_str(a.shape()) + ".");
  }
  Shape sa = a.shape(), si = indices.shape();
  sa[ax] = si[ax] = 1;
  Shape b = broadcast_shapes(sa, si, op);
  Shape ba = b, bi = b;
  ba[ax] = a.shape()[ax];
  bi[ax] = indices.shape()[ax];
  check_index_values(indices, a.shape()[ax], ax, op);
  return {broadcast_to(a, ba, st), broadcast_to(indices, bi, st)};
}

} // namespace

array take_along_axis(const array& a, const array& indices, int axis, StreamOrDevice s) {
  Stream st = to_stream(s, "take_along_axis");
  int ax = checked_axis(axis, a.ndim(), "take_along_axis");
  auto [x, idx] = along_axis_operands(a, indices, ax, "take_along_axis", st);
  return array(idx.shape(), a.dtype(), std::make_shared<GatherAxis>(st, ax), {x, idx});
}

array take_along_axis(const array& a, const array& indices, StreamOrDevice s) {
  return take_along_axis(reshape(a, {-1}, s), reshape(indices, {-1}, s), 0, s);
}

array put_along_axis(const array& a, const array& indices, const array& values, int axis,
                     StreamOrDevice s) {
  Stream st = to_stream(s, "put_along_axis");
  int ax = checked_axis(axis, a.ndim(), "put_along_axis");
  auto [x, idx] = along_axis_operands(a, indices, ax, "put_along_axis", st);
  if (x.shape() != a.shape()) {
    throw_value("put_along_axis", "Indices of shape " + shape_str(indices.shape()) +
                                      " do not fit the array of shape " + shape_str(a.shape()) + ".");
  }
  // As MLX, indices and values broadcast together (values may widen the index axis).
  Shape b = broadcast_shapes(idx.shape(), values.shape(), "put_along_axis");
  Shape rest = b, a_rest = a.shape();
  rest[ax] = a_rest[ax] = 0;
  if (static_cast<int>(b.size()) != a.ndim() || rest != a_rest) {
    throw_value("put_along_axis", "Values of shape " + shape_str(values.shape()) +
                                      " do not fit the array of shape " + shape_str(a.shape()) + ".");
  }
  array v = broadcast_to(values.dtype() == a.dtype() ? values : astype(values, a.dtype(), st), b, st);
  return array(a.shape(), a.dtype(), std::make_shared<ScatterAxis>(st, ax, ScatterReduce::None),
               {a, broadcast_to(idx, b, st), v});
}

array put_along_axis(const array& a, const array& indices, const array& values, StreamOrDevice s) {
  return reshape(put_along_axis(reshape(a, {-1}, s), reshape(indices, {-1}, s),
                                reshape(values, {-1}, s), 0, s),
                 a.shape(), s);
}

} // namespace mxg

// ---- dynamic slices (mx.slice / mx.slice_update with an array of starts) -------

namespace mxg {
namespace {

// One 0-d start per axis of `axes`, from a 0-d start (shared) or a 1-d one.
std::vector<array> starts_of(const array& start, size_t n, const char* op, const Stream& st) {
  require_integer_indices(start, op);
  if (start.ndim() == 0) return std::vector<array>(n, start);
  if (start.ndim() != 1 || start.shape()[0] != static_cast<int64_t>(n)) {
    throw_value(op, "Expected a scalar or one start index per axis (" + std::to_string(n) +
                        "), got shape " + shape_str(start.shape()) + ".");
  }
  std::vector<array> out;
  for (size_t i = 0; i < n; ++i) out.push_back(take(start, static_cast<int64_t>(i), 0, st));
  return out;
}

std::vector<int> checked_axes(const std::vector<int>& axes, int ndim, const char* op) {
  std::vector<int> out;
  for (int x : axes) out.push_back(normalize_axis(x, ndim, op));
  normalize_axes(out, ndim, op);
  return out;
}

} // namespace

array slice(const array& a, const array& start, std::vector<int> axes, Shape slice_size,
            StreamOrDevice s) {
  Stream st = to_stream(s, "slice");
  if (static_cast<int>(slice_size.size()) != a.ndim()) {
    throw_value("slice", "slice_size needs one entry per axis of the array (" +
                             std::to_string(a.ndim()) + ").");
  }
  auto ax = checked_axes(axes, a.ndim(), "slice");
  auto idx = starts_of(start, ax.size(), "slice", st);
  return reshape(gather(a, idx, ax, slice_size, st), slice_size, st);
}

array slice_update(const array& src, const array& update, const array& start,
                   std::vector<int> axes, StreamOrDevice s) {
  Stream st = to_stream(s, "slice_update");
  if (update.ndim() > src.ndim()) {
    throw_value("slice_update", "The update has more dimensions than the array.");
  }
  Shape window(src.ndim() - update.ndim(), 1);
  window.insert(window.end(), update.shape().begin(), update.shape().end());
  for (int i = 0; i < src.ndim(); ++i) {
    if (window[i] > src.shape()[i]) {
      throw_value("slice_update", "The update of shape " + shape_str(update.shape()) +
                                      " does not fit in the array of shape " +
                                      shape_str(src.shape()) + ".");
    }
  }
  auto ax = checked_axes(axes, src.ndim(), "slice_update");
  auto idx = starts_of(start, ax.size(), "slice_update", st);
  array u = reshape(update.dtype() == src.dtype() ? update : astype(update, src.dtype(), st), window, st);
  return scatter_raw(src, idx, u, ax, ScatterReduce::None, st);
}

} // namespace mxg
