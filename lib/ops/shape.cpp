// Shape ops: reshape, transpose, broadcast, expand/squeeze.
#include <algorithm>

#include "mxgraph/ops.h"
#include "ops/slicing.h"
#include "ops/utils.h"
#include "primitives/shape.h"

namespace mxg {

array reshape(const array& a, Shape shape, StreamOrDevice s) {
  Stream st = to_stream(s, "reshape");
  int infer = -1;
  int64_t known = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (infer >= 0) throw_value("reshape", "Only one dimension can be -1.");
      infer = static_cast<int>(i);
    } else if (shape[i] < 0) {
      throw_value("reshape", "Invalid dimension " + std::to_string(shape[i]) + ".");
    } else {
      known *= shape[i];
    }
  }
  if (infer >= 0) {
    if (known == 0 || a.size() % known != 0) {
      throw_value("reshape", "Cannot infer the size of dimension -1 when reshaping array of size " +
                                 std::to_string(a.size()) + " into shape " + shape_str(shape) + ".");
    }
    shape[infer] = a.size() / known;
  }
  if (shape_size(shape, "reshape") != a.size()) {
    throw_value("reshape", "Cannot reshape array of size " + std::to_string(a.size()) +
                               " into shape " + shape_str(shape) + ".");
  }
  if (shape == a.shape()) return a;
  return array(shape, a.dtype(), std::make_shared<Reshape>(st, shape), {a});
}

array flatten(const array& a, int start_axis, int end_axis, StreamOrDevice s) {
  int nd = std::max(a.ndim(), 1);
  int b = normalize_axis(start_axis, nd, "flatten");
  int e = normalize_axis(end_axis, nd, "flatten");
  if (a.ndim() == 0) return reshape(a, {1}, s);
  if (b > e) throw_value("flatten", "start_axis must not be after end_axis.");
  Shape shape(a.shape().begin(), a.shape().begin() + b);
  int64_t n = 1;
  for (int i = b; i <= e; ++i) n *= a.shape()[i];
  shape.push_back(n);
  shape.insert(shape.end(), a.shape().begin() + e + 1, a.shape().end());
  return reshape(a, shape, s);
}

array unflatten(const array& a, int axis, Shape shape, StreamOrDevice s) {
  int ax = normalize_axis(axis, a.ndim(), "unflatten");
  if (shape.empty()) throw_value("unflatten", "The shape must not be empty.");
  Shape out(a.shape().begin(), a.shape().begin() + ax);
  out.insert(out.end(), shape.begin(), shape.end());
  out.insert(out.end(), a.shape().begin() + ax + 1, a.shape().end());
  // Resolve a -1 against the unflattened axis only.
  int64_t known = 1;
  int infer = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (infer >= 0) throw_value("unflatten", "Only one dimension can be -1.");
      infer = static_cast<int>(i);
    } else {
      known *= shape[i];
    }
  }
  if (infer >= 0) {
    if (known == 0 || a.shape()[ax] % known) throw_value("unflatten", "Cannot infer the -1 dimension.");
    out[ax + infer] = a.shape()[ax] / known;
  } else if (known != a.shape()[ax]) {
    throw_value("unflatten", "Shape " + shape_str(shape) + " does not match axis of size " +
                                 std::to_string(a.shape()[ax]) + ".");
  }
  return reshape(a, out, s);
}

array transpose(const array& a, std::vector<int> axes, StreamOrDevice s) {
  Stream st = to_stream(s, "transpose");
  if (static_cast<int>(axes.size()) != a.ndim()) {
    throw_value("transpose", "Received " + std::to_string(axes.size()) +
                                 " axes for an array with " + std::to_string(a.ndim()) +
                                 " dimensions.");
  }
  for (auto& ax : axes) ax = normalize_axis(ax, a.ndim(), "transpose");
  std::vector<int> sorted = axes;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < a.ndim(); ++i) {
    if (sorted[i] != i) throw_value("transpose", "Repeated axes in the permutation.");
  }
  bool identity = true;
  for (int i = 0; i < a.ndim(); ++i) identity &= axes[i] == i;
  if (identity) return a;
  Shape shape(a.ndim());
  for (int i = 0; i < a.ndim(); ++i) shape[i] = a.shape()[axes[i]];
  return array(shape, a.dtype(), std::make_shared<Transpose>(st, axes), {a});
}

array transpose(const array& a, StreamOrDevice s) {
  std::vector<int> axes(a.ndim());
  for (int i = 0; i < a.ndim(); ++i) axes[i] = a.ndim() - 1 - i;
  return transpose(a, axes, s);
}

array swapaxes(const array& a, int axis1, int axis2, StreamOrDevice s) {
  int x = normalize_axis(axis1, a.ndim(), "swapaxes");
  int y = normalize_axis(axis2, a.ndim(), "swapaxes");
  std::vector<int> axes = all_axes(a.ndim());
  std::swap(axes[x], axes[y]);
  return transpose(a, axes, s);
}

array moveaxis(const array& a, int source, int destination, StreamOrDevice s) {
  int src = normalize_axis(source, a.ndim(), "moveaxis");
  int dst = normalize_axis(destination, a.ndim(), "moveaxis");
  std::vector<int> axes = all_axes(a.ndim());
  axes.erase(axes.begin() + src);
  axes.insert(axes.begin() + dst, src);
  return transpose(a, axes, s);
}

array broadcast_to(const array& a, const Shape& shape, StreamOrDevice s) {
  if (a.shape() == shape) return a;
  Stream st = to_stream(s, "broadcast_to");
  Shape b = broadcast_shapes(a.shape(), shape, "broadcast_to");
  if (b != shape) {
    throw_value("broadcast_to", "Cannot broadcast array of shape " + shape_str(a.shape()) +
                                    " to shape " + shape_str(shape) + ".");
  }
  return array(shape, a.dtype(), std::make_shared<Broadcast>(st, shape), {a});
}

std::vector<array> broadcast_arrays(const std::vector<array>& inputs, StreamOrDevice s) {
  return broadcast_all(inputs, "broadcast_arrays", s);
}

array expand_dims(const array& a, std::vector<int> axes, StreamOrDevice s) {
  int out_nd = a.ndim() + static_cast<int>(axes.size());
  auto ax = normalize_axes(axes, out_nd, "expand_dims");
  Shape shape;
  size_t k = 0, j = 0;
  for (int i = 0; i < out_nd; ++i) {
    if (k < ax.size() && ax[k] == i) {
      shape.push_back(1);
      ++k;
    } else {
      shape.push_back(a.shape()[j++]);
    }
  }
  return reshape(a, shape, s);
}

array expand_dims(const array& a, int axis, StreamOrDevice s) {
  return expand_dims(a, std::vector<int>{axis}, s);
}

array squeeze(const array& a, std::vector<int> axes, StreamOrDevice s) {
  auto ax = normalize_axes(axes, a.ndim(), "squeeze");
  Shape shape;
  size_t k = 0;
  for (int i = 0; i < a.ndim(); ++i) {
    if (k < ax.size() && ax[k] == i) {
      if (a.shape()[i] != 1) {
        throw_value("squeeze", "Cannot squeeze axis " + std::to_string(i) + " of size " +
                                   std::to_string(a.shape()[i]) + ".");
      }
      ++k;
    } else {
      shape.push_back(a.shape()[i]);
    }
  }
  return reshape(a, shape, s);
}

array squeeze(const array& a, StreamOrDevice s) {
  std::vector<int> axes;
  for (int i = 0; i < a.ndim(); ++i) {
    if (a.shape()[i] == 1) axes.push_back(i);
  }
  return squeeze(a, axes, s);
}

array contiguous(const array& a, bool allow_col_major, StreamOrDevice s) {
  Stream st = to_stream(s, "contiguous");
  (void)allow_col_major;
  return array(a.shape(), a.dtype(), std::make_shared<Copy>(st), {a});
}

} // namespace mxg

// ---- slicing ------------------------------------------------------------------

namespace mxg {

SliceBounds normalize_slice(std::optional<int64_t> start, std::optional<int64_t> stop,
                            std::optional<int64_t> step, int64_t dim, const char* op) {
  SliceBounds b;
  b.step = step.value_or(1);
  if (b.step == 0) throw_value(op, "Slice step cannot be zero.");
  bool neg = b.step < 0;
  auto clamp = [&](int64_t v) {
    if (v < 0) {
      v += dim;
      if (v < 0) v = neg ? -1 : 0;
    } else if (v >= dim) {
      v = neg ? dim - 1 : dim;
    }
    return v;
  };
  b.start = start ? clamp(*start) : (neg ? dim - 1 : 0);
  b.stop = stop ? clamp(*stop) : (neg ? -1 : dim);
  if (neg) {
    b.size = b.stop < b.start ? (b.start - b.stop - 1) / (-b.step) + 1 : 0;
  } else {
    b.size = b.start < b.stop ? (b.stop - b.start - 1) / b.step + 1 : 0;
  }
  if (b.size == 0) b.start = 0;
  return b;
}

int64_t normalize_index(int64_t index, int64_t dim, int axis, const char* op) {
  if (index < -dim || index >= dim) {
    throw std::out_of_range("[" + std::string(op) + "] Index " + std::to_string(index) +
                            " is out of bounds for axis " + std::to_string(axis) + " with size " +
                            std::to_string(dim) + ".");
  }
  return index < 0 ? index + dim : index;
}

namespace {

void unpack_bounds(const std::vector<SliceBounds>& b, Shape& start, Shape& stop, Shape& step,
                   Shape& shape) {
  for (const auto& x : b) {
    start.push_back(x.start);
    stop.push_back(x.stop);
    step.push_back(x.step);
    shape.push_back(x.size);
  }
}

std::vector<SliceBounds> bounds_of(const array& a, const Shape& start, const Shape& stop,
                                   const Shape& strides, const char* op) {
  if (static_cast<int>(start.size()) != a.ndim() || static_cast<int>(stop.size()) != a.ndim() ||
      static_cast<int>(strides.size()) != a.ndim()) {
    throw_value(op, "Expected one start, stop and stride per axis (" + std::to_string(a.ndim()) +
                        ") for an array of shape " + shape_str(a.shape()) + ".");
  }
  std::vector<SliceBounds> b;
  for (int i = 0; i < a.ndim(); ++i) {
    b.push_back(normalize_slice(start[i], stop[i], strides[i], a.shape()[i], op));
  }
  return b;
}

} // namespace

array slice_bounds(const array& a, const std::vector<SliceBounds>& b, const Stream& st) {
  Shape start, stop, step, shape;
  unpack_bounds(b, start, stop, step, shape);
  bool whole = shape == a.shape();
  for (auto x : step) whole &= x == 1;
  if (whole) return a;
  return array(shape, a.dtype(), std::make_shared<Slice>(st, start, stop, step), {a});
}

array slice_update_bounds(const array& src, const array& update, const std::vector<SliceBounds>& b,
                          const Stream& st) {
  Shape start, stop, step, shape;
  unpack_bounds(b, start, stop, step, shape);
  return array(src.shape(), src.dtype(), std::make_shared<SliceUpdate>(st, start, stop, step),
               {src, update});
}

array slice(const array& a, Shape start, Shape stop, Shape strides, StreamOrDevice s) {
  Stream st = to_stream(s, "slice");
  return slice_bounds(a, bounds_of(a, start, stop, strides, "slice"), st);
}

array slice(const array& a, Shape start, Shape stop, StreamOrDevice s) {
  return slice(a, std::move(start), std::move(stop), Shape(a.ndim(), 1), s);
}

array slice_update(const array& src, const array& update, Shape start, Shape stop, Shape strides,
                   StreamOrDevice s) {
  Stream st = to_stream(s, "slice_update");
  auto b = bounds_of(src, start, stop, strides, "slice_update");
  Shape window;
  for (auto& x : b) window.push_back(x.size);
  array u = broadcast_to(update.dtype() == src.dtype() ? update : astype(update, src.dtype(), st),
                         window, st);
  return slice_update_bounds(src, u, b, st);
}

array slice_update(const array& src, const array& update, Shape start, Shape stop,
                   StreamOrDevice s) {
  return slice_update(src, update, std::move(start), std::move(stop), Shape(src.ndim(), 1), s);
}

array as_strided(const array& a, Shape shape, Strides strides, int64_t offset, StreamOrDevice s) {
  Stream st = to_stream(s, "as_strided");
  if (shape.size() != strides.size()) {
    throw_value("as_strided", "shape and strides must have the same length.");
  }
  int64_t n = shape_size(shape, "as_strided");
  if (n > 0) {
    int64_t lo = offset, hi = offset;
    for (size_t i = 0; i < shape.size(); ++i) {
      int64_t reach = (shape[i] - 1) * strides[i];
      (reach < 0 ? lo : hi) += reach;
    }
    if (lo < 0 || hi >= a.size()) {
      throw_value("as_strided", "The view reaches elements [" + std::to_string(lo) + ", " +
                                    std::to_string(hi) + "] outside the array's " +
                                    std::to_string(a.size()) + " elements. Check shape, strides and offset.");
    }
  }
  return array(shape, a.dtype(), std::make_shared<AsStrided>(st, shape, strides, offset), {a});
}

array matrix_transpose(const array& a, StreamOrDevice s) {
  if (a.ndim() < 2) throw_value("matrix_transpose", "The array must have at least 2 dimensions.");
  return swapaxes(a, -1, -2, s);
}

} // namespace mxg
