// Shape ops that join, split, repeat or pad arrays. All compose views (Slice,
// Reshape, Broadcast) with at most one copying node (Concatenate or SliceUpdate).
#include "mxgraph/ops.h"
#include "ops/slicing.h"
#include "ops/utils.h"
#include "primitives/shape.h"

namespace mxg {
namespace {

// The bounds selecting [lo, hi) with `step` along `axis`, whole elsewhere.
std::vector<SliceBounds> along(const array& a, int axis, SliceBounds b) {
  std::vector<SliceBounds> out;
  for (int i = 0; i < a.ndim(); ++i) out.push_back(i == axis ? b : full_slice(a.shape()[i]));
  return out;
}

SliceBounds range(int64_t lo, int64_t size, int64_t step = 1) {
  return {size ? lo : 0, lo + size * step, step, size};
}

} // namespace

array concatenate(const std::vector<array>& arrays, int axis, StreamOrDevice s) {
  Stream st = to_stream(s, "concatenate");
  if (arrays.empty()) throw_value("concatenate", "No arrays to concatenate.");
  int nd = arrays[0].ndim();
  if (nd == 0) throw_value("concatenate", "Zero-dimensional arrays cannot be concatenated; use stack.");
  int ax = normalize_axis(axis, nd, "concatenate");
  Dtype dt = arrays[0].dtype();
  Shape shape = arrays[0].shape();
  shape[ax] = 0;
  for (const auto& a : arrays) {
    bool ok = a.ndim() == nd;
    for (int i = 0; ok && i < nd; ++i) ok = i == ax || a.shape()[i] == shape[i];
    if (!ok) {
      throw_value("concatenate", "All the input array dimensions except axis " + std::to_string(ax) +
                                     " must match; got " + shape_str(arrays[0].shape()) + " and " +
                                     shape_str(a.shape()) + ".");
    }
    shape[ax] += a.shape()[ax];
    dt = promote_types(dt, a.dtype());
  }
  std::vector<array> ins;
  for (const auto& a : arrays) ins.push_back(a.dtype() == dt ? a : astype(a, dt, st));
  if (ins.size() == 1) return ins[0];
  return array(shape, dt, std::make_shared<Concatenate>(st, ax), std::move(ins));
}

array concatenate(const std::vector<array>& arrays, std::optional<int> axis, StreamOrDevice s) {
  if (axis) return concatenate(arrays, *axis, s);
  std::vector<array> flat;
  for (const auto& a : arrays) flat.push_back(reshape(a, {-1}, s));
  return concatenate(flat, 0, s);
}

array stack(const std::vector<array>& arrays, int axis, StreamOrDevice s) {
  if (arrays.empty()) throw_value("stack", "No arrays to stack.");
  int ax = normalize_axis(axis, arrays[0].ndim() + 1, "stack");
  std::vector<array> xs;
  for (const auto& a : arrays) {
    if (a.shape() != arrays[0].shape()) {
      throw_value("stack", "All arrays must have the same shape; got " +
                               shape_str(arrays[0].shape()) + " and " + shape_str(a.shape()) + ".");
    }
    xs.push_back(expand_dims(a, ax, s));
  }
  return concatenate(xs, ax, s);
}

std::vector<array> split(const array& a, const Shape& indices, int axis, StreamOrDevice s) {
  Stream st = to_stream(s, "split");
  if (a.ndim() == 0) throw_value("split", "Cannot split a 0-d array.");
  int ax = normalize_axis(axis, a.ndim(), "split");
  int64_t dim = a.shape()[ax];
  std::vector<array> out;
  for (size_t i = 0; i <= indices.size(); ++i) {
    std::optional<int64_t> lo, hi;
    if (i > 0) lo = indices[i - 1];
    if (i < indices.size()) hi = indices[i];
    out.push_back(slice_bounds(a, along(a, ax, normalize_slice(lo, hi, 1, dim, "split")), st));
  }
  return out;
}

std::vector<array> split(const array& a, int num_splits, int axis, StreamOrDevice s) {
  if (a.ndim() == 0) throw_value("split", "Cannot split a 0-d array.");
  int ax = normalize_axis(axis, a.ndim(), "split");
  int64_t dim = a.shape()[ax];
  if (num_splits <= 0) throw_value("split", "The number of splits must be positive.");
  if (dim % num_splits != 0) {
    throw_value("split", "Array split does not result in sub arrays with equal size: axis of size " +
                             std::to_string(dim) + " into " + std::to_string(num_splits) + " parts.");
  }
  Shape idx;
  for (int i = 1; i < num_splits; ++i) idx.push_back(i * (dim / num_splits));
  return split(a, idx, ax, s);
}

std::vector<array> unstack(const array& a, int axis, StreamOrDevice s) {
  Stream st = to_stream(s, "unstack");
  if (a.ndim() == 0) throw_value("unstack", "Cannot unstack a 0-d array.");
  int ax = normalize_axis(axis, a.ndim(), "unstack");
  Shape shape = a.shape();
  shape.erase(shape.begin() + ax);
  std::vector<array> out;
  for (int64_t i = 0; i < a.shape()[ax]; ++i) {
    out.push_back(reshape(slice_bounds(a, along(a, ax, range(i, 1)), st), shape, st));
  }
  return out;
}

array tile(const array& a, std::vector<int64_t> reps, StreamOrDevice s) {
  for (auto r : reps) {
    if (r < 0) throw_value("tile", "Repetitions must be non-negative.");
  }
  int nd = std::max<int>(a.ndim(), static_cast<int>(reps.size()));
  reps.insert(reps.begin(), nd - reps.size(), 1);
  Shape in(nd - a.ndim(), 1);
  in.insert(in.end(), a.shape().begin(), a.shape().end());
  Shape expanded, wide, out;
  for (int i = 0; i < nd; ++i) {
    expanded.insert(expanded.end(), {1, in[i]});
    wide.insert(wide.end(), {reps[i], in[i]});
    out.push_back(reps[i] * in[i]);
  }
  if (out == a.shape()) return a;
  return reshape(broadcast_to(reshape(a, expanded, s), wide, s), out, s);
}

array repeat(const array& a, int64_t repeats, int axis, StreamOrDevice s) {
  if (repeats < 0) throw_value("repeat", "The number of repeats must be non-negative.");
  int ax = normalize_axis(axis, a.ndim(), "repeat");
  Shape wide = a.shape();
  wide.insert(wide.begin() + ax + 1, repeats);
  Shape out = a.shape();
  out[ax] *= repeats;
  return reshape(broadcast_to(expand_dims(a, ax + 1, s), wide, s), out, s);
}

array repeat(const array& a, int64_t repeats, StreamOrDevice s) {
  return repeat(reshape(a, {-1}, s), repeats, 0, s);
}

namespace {

// Positions [start, start + count) of the axis mirrored back into [0, n), as NumPy does
// for widths past one reflection: the pattern repeats with period 2(n-1) or 2n.
array mirror_take(const array& a, int ax, int64_t start, int64_t count, bool refl,
                  const Stream& st) {
  int64_t n = a.shape()[ax];
  int64_t period = refl ? 2 * (n - 1) : 2 * n;
  std::vector<int64_t> idx(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    int64_t j = period == 0 ? 0 : ((start + i) % period + period) % period;
    idx[i] = j < n ? j : (refl ? period - j : period - 1 - j);
  }
  return take(a, array(idx.data(), {count}, int64), ax, st);
}

// The (before, after) blocks of one axis for the non-constant modes.
std::pair<array, array> pad_blocks(const array& a, int ax, int64_t lo, int64_t hi,
                                   const std::string& mode, const Stream& st) {
  int64_t n = a.shape()[ax];
  auto take = [&](SliceBounds b) { return slice_bounds(a, along(a, ax, b), st); };
  if (mode == "edge") {
    if (n == 0) throw_value("pad", "Cannot pad an empty axis in 'edge' mode.");
    Shape sl = a.shape(), sh = a.shape();
    sl[ax] = lo;
    sh[ax] = hi;
    return {broadcast_to(take(range(0, 1)), sl, st), broadcast_to(take(range(n - 1, 1)), sh, st)};
  }
  bool refl = mode == "reflect";
  if (n == 0) {
    throw_value("pad", "Cannot pad empty axis " + std::to_string(ax) + " using mode '" + mode + "'.");
  }
  int64_t room = refl ? n - 1 : n;
  if (lo > room || hi > room) {
    return {mirror_take(a, ax, -lo, lo, refl, st), mirror_take(a, ax, n, hi, refl, st)};
  }
  int64_t shift = refl ? 1 : 0;
  return {take(range(lo - 1 + shift, lo, -1)), take(range(n - 1 - shift, hi, -1))};
}

} // namespace

array pad(const array& a, const std::vector<std::pair<int64_t, int64_t>>& pad_width,
          const array& pad_value, const std::string& mode, StreamOrDevice s) {
  Stream st = to_stream(s, "pad");
  auto widths = pad_width;
  if (widths.size() == 1) widths.assign(a.ndim(), pad_width[0]);
  if (static_cast<int>(widths.size()) != a.ndim()) {
    throw_value("pad", "Expected " + std::to_string(a.ndim()) + " (before, after) pairs, got " +
                           std::to_string(pad_width.size()) + ".");
  }
  for (auto [lo, hi] : widths) {
    if (lo < 0 || hi < 0) throw_value("pad", "Pad widths must be non-negative.");
  }
  if (mode == "constant") {
    if (pad_value.size() != 1) throw_value("pad", "The constant value must be a scalar.");
    Shape out;
    std::vector<SliceBounds> b;
    for (int i = 0; i < a.ndim(); ++i) {
      out.push_back(a.shape()[i] + widths[i].first + widths[i].second);
      b.push_back(range(widths[i].first, a.shape()[i]));
    }
    if (out == a.shape()) return a;
    array fill = reshape(astype(pad_value, a.dtype(), st), {}, st);
    return slice_update_bounds(broadcast_to(fill, out, st), a, b, st);
  }
  if (mode != "edge" && mode != "reflect" && mode != "symmetric") {
    throw_value("pad", "Unknown mode '" + mode + "'; use 'constant', 'edge', 'reflect' or 'symmetric'.");
  }
  array x = a;
  for (int i = 0; i < a.ndim(); ++i) {
    auto [lo, hi] = widths[i];
    if (lo == 0 && hi == 0) continue;
    auto [left, right] = pad_blocks(x, i, lo, hi, mode, st);
    x = concatenate({left, x, right}, i, st);
  }
  return x;
}

array atleast_1d(const array& a, StreamOrDevice s) {
  return a.ndim() == 0 ? reshape(a, {1}, s) : a;
}

array atleast_2d(const array& a, StreamOrDevice s) {
  if (a.ndim() == 0) return reshape(a, {1, 1}, s);
  if (a.ndim() == 1) return reshape(a, {1, a.shape()[0]}, s);
  return a;
}

array atleast_3d(const array& a, StreamOrDevice s) {
  if (a.ndim() == 0) return reshape(a, {1, 1, 1}, s);
  if (a.ndim() == 1) return reshape(a, {1, a.shape()[0], 1}, s);
  if (a.ndim() == 2) return reshape(a, {a.shape()[0], a.shape()[1], 1}, s);
  return a;
}

} // namespace mxg
