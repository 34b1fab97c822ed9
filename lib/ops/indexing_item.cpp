// NumPy-style indexing from an Index spec: a[idx], a[idx] = v, a.at[idx].op(v).
// Slices (and integers, when no array is present) become one Slice view; integer
// arrays (and then integers too) become one Gather / Scatter over the sliced view.
#include <algorithm>
#include <numeric>

#include "mxgraph/ops.h"
#include "ops/slicing.h"
#include "ops/utils.h"

namespace mxg {
namespace {

constexpr int kNewAxis = -1;
constexpr int kAdvanced = -2;

// What an index does to an array, worked out once for get, set and update.
struct Plan {
  std::vector<SliceBounds> bounds; // per axis of a
  std::vector<int> adv_axes;       // advanced (array / integer) axes, in order
  std::vector<array> adv_idx;
  Shape b_shape;                   // broadcast shape of the advanced indices
  std::vector<int> layout;         // result order: axis, kNewAxis or kAdvanced
  Shape result_shape;
  bool advanced() const { return !adv_axes.empty(); }
};

bool is_array(const IndexItem& it) { return std::holds_alternative<array>(it); }

// Ellipsis replaced by full slices; trailing axes get full slices too.
Index expand(const array& a, const Index& index, const char* op) {
  int used = 0, ellipses = 0;
  for (const auto& it : index) {
    if (std::holds_alternative<Ellipsis>(it)) ++ellipses;
    else if (!std::holds_alternative<NewAxis>(it)) ++used;
  }
  if (ellipses > 1) throw std::out_of_range("[" + std::string(op) + "] An index can only have a single ellipsis ('...').");
  if (used > a.ndim()) { // MLX's ValueError, NumPy's IndexError: both in Python
    throw axis_error("[" + std::string(op) + "] Too many indices for array: array is " +
                     std::to_string(a.ndim()) + "-dimensional, but " + std::to_string(used) + " were indexed.");
  }
  Index out;
  for (const auto& it : index) {
    if (std::holds_alternative<Ellipsis>(it)) {
      for (int i = used; i < a.ndim(); ++i) out.push_back(IndexSlice{});
    } else {
      out.push_back(it);
    }
  }
  if (!ellipses) {
    for (int i = used; i < a.ndim(); ++i) out.push_back(IndexSlice{});
  }
  return out;
}

// Records an advanced index on axis `ax` (item `pos` of the expanded index).
void add_advanced(Plan& p, const array& idx, int ax, int pos, int& last_pos, bool& adjacent,
                  const char* op) {
  if (p.adv_axes.empty()) p.layout.push_back(kAdvanced);
  else if (last_pos != pos - 1) adjacent = false;
  last_pos = pos;
  p.adv_axes.push_back(ax);
  p.adv_idx.push_back(idx);
  p.b_shape = broadcast_shapes(p.b_shape, idx.shape(), op);
}

// Moves the advanced block first when its indices were not adjacent (NumPy's
// rule), then computes the result shape.
void finish_layout(Plan& p, bool adjacent) {
  if (!adjacent) {
    p.layout.erase(std::find(p.layout.begin(), p.layout.end(), kAdvanced));
    p.layout.insert(p.layout.begin(), kAdvanced);
  }
  for (int e : p.layout) {
    if (e == kNewAxis) p.result_shape.push_back(1);
    else if (e == kAdvanced) p.result_shape.insert(p.result_shape.end(), p.b_shape.begin(), p.b_shape.end());
    else p.result_shape.push_back(p.bounds[e].size);
  }
}

Plan make_plan(const array& a, const Index& index, const char* op) {
  Index items = expand(a, index, op);
  bool any_array = std::any_of(items.begin(), items.end(), is_array);
  Plan p;
  int ax = 0, last_pos = -10;
  bool adjacent = true;
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    if (std::holds_alternative<NewAxis>(it)) {
      p.layout.push_back(kNewAxis);
      continue;
    }
    int64_t dim = a.shape()[ax];
    if (auto* s = std::get_if<IndexSlice>(&it)) {
      p.bounds.push_back(normalize_slice(s->start, s->stop, s->step, dim, op));
      p.layout.push_back(ax++);
      continue;
    }
    const int64_t* v = std::get_if<int64_t>(&it);
    int64_t k = v ? normalize_index(*v, dim, ax, op) : 0;
    if (v && !any_array) { // basic: a one-element slice, dropped from the result
      p.bounds.push_back({k, k + 1, 1, 1});
      ++ax;
      continue;
    }
    array idx = v ? array(k) : std::get<array>(it);
    if (!v) {
      require_integer_indices(idx, op);
      if (dim == 0 && idx.size() > 0) {
        throw std::out_of_range("[" + std::string(op) + "] Cannot select from the empty axis " +
                                std::to_string(ax) + ".");
      }
      check_index_values(idx, dim, ax, op);
    }
    p.bounds.push_back(full_slice(dim));
    add_advanced(p, idx, ax++, static_cast<int>(i), last_pos, adjacent, op);
  }
  finish_layout(p, adjacent);
  return p;
}

// The sliced view's non-advanced axes, in order.
std::vector<int> rest_axes(const Plan& p) {
  std::vector<int> r;
  for (int e : p.layout) {
    if (e >= 0) r.push_back(e);
  }
  return r;
}

// Permutation from gather order [B..., rest...] to the result order (new axes left out).
std::vector<int> result_perm(const Plan& p) {
  int nb = static_cast<int>(p.b_shape.size());
  std::vector<int> perm;
  int r = 0;
  for (int e : p.layout) {
    if (e == kAdvanced) {
      for (int i = 0; i < nb; ++i) perm.push_back(i);
    } else if (e >= 0) {
      perm.push_back(nb + r++);
    }
  }
  return perm;
}

// The gather-order shape [B..., rest sizes...] and the window (1 on advanced axes).
std::pair<Shape, Shape> gather_shapes(const Plan& p, const array& x) {
  Shape g = p.b_shape, window = x.shape();
  for (int e : rest_axes(p)) g.push_back(x.shape()[e]);
  for (int ax : p.adv_axes) window[ax] = std::min<int64_t>(1, window[ax]);
  return {g, window};
}

// `value` cast to a's dtype and broadcast to `shape` (leading size-1 axes of the
// value may be dropped, as NumPy allows).
array fit_value(const array& value, const array& a, const Shape& shape, const char* op,
                const Stream& st) {
  array v = value.dtype() == a.dtype() ? value : astype(value, a.dtype(), st);
  Shape vs = v.shape();
  while (vs.size() > shape.size() && vs.front() == 1) vs.erase(vs.begin());
  if (vs.size() > shape.size()) {
    throw_value(op, "Cannot broadcast a value of shape " + shape_str(value.shape()) +
                        " to the indexed shape " + shape_str(shape) + ".");
  }
  if (vs != v.shape()) v = reshape(v, vs, st);
  Shape b = broadcast_shapes(vs, shape, op);
  if (b != shape) {
    throw_value(op, "Cannot broadcast a value of shape " + shape_str(value.shape()) +
                        " to the indexed shape " + shape_str(shape) + ".");
  }
  return broadcast_to(v, shape, st);
}

// Values in result order -> Scatter's update layout [B..., window...].
array to_updates(const Plan& p, const array& x, const array& v, const Stream& st) {
  auto [g, window] = gather_shapes(p, x);
  auto perm = result_perm(p);
  // Drop the new axes, then undo the permutation.
  Shape permuted;
  for (int k : perm) permuted.push_back(g[k]);
  array u = reshape(v, permuted, st);
  std::vector<int> inv(perm.size());
  for (size_t i = 0; i < perm.size(); ++i) inv[perm[i]] = static_cast<int>(i);
  u = transpose(u, inv, st);
  Shape ushape = p.b_shape;
  ushape.insert(ushape.end(), window.begin(), window.end());
  return reshape(u, ushape, st);
}

ScatterReduce reduce_of(IndexUpdate op) {
  switch (op) {
    case IndexUpdate::Add: case IndexUpdate::Subtract: return ScatterReduce::Sum;
    case IndexUpdate::Multiply: case IndexUpdate::Divide: return ScatterReduce::Prod;
    case IndexUpdate::Maximum: return ScatterReduce::Max;
    case IndexUpdate::Minimum: return ScatterReduce::Min;
    default: return ScatterReduce::None;
  }
}

// For a basic index: old values combined with new ones, elementwise.
array combine(const array& old, const array& v, IndexUpdate op, const Stream& st) {
  switch (op) {
    case IndexUpdate::Add: return add(old, v, st);
    case IndexUpdate::Subtract: return subtract(old, v, st);
    case IndexUpdate::Multiply: return multiply(old, v, st);
    case IndexUpdate::Divide: return divide(old, v, st);
    case IndexUpdate::Maximum: return maximum(old, v, st);
    case IndexUpdate::Minimum: return minimum(old, v, st);
    default: return v;
  }
}

void check_update(IndexUpdate op, Dtype t, const char* name) {
  if (op == IndexUpdate::Divide && !is_inexact(t)) {
    throw_value(name, "divide needs a floating-point array; cast it first.");
  }
  if ((op == IndexUpdate::Maximum || op == IndexUpdate::Minimum) && is_complex(t)) {
    throw_value(name, "maximum and minimum are not defined for complex arrays.");
  }
}


// The single boolean array of a mask index (a[mask] or a[(mask,)]), if that is what it is.
const array* mask_of(const Index& index) {
  if (index.size() != 1) return nullptr;
  const array* m = std::get_if<array>(&index[0]);
  return m && m->dtype() == bool_ ? m : nullptr;
}

// Values for the masked rows of x (shape [M, rest...]): broadcast when they have at
// most rest's dimensions, else consumed in order, row i taking the row numbered by
// the selected rows up to i (a cumsum of the mask, so nothing is evaluated here).
array mask_source(const array& v, const array& mflat, const Shape& rest, const char* op,
                  const Stream& st) {
  int r = static_cast<int>(rest.size());
  if (v.ndim() > r + 1) {
    throw_value(op, "Value array shape must be broadcastable with the last " + std::to_string(r) +
                        " dimensions of the input.");
  }
  Shape full = rest;
  if (v.ndim() == r + 1) full.insert(full.begin(), v.shape()[0]);
  Shape b = broadcast_shapes(v.shape(), full, op);
  if (b != full) {
    throw_value(op, "Cannot broadcast values of shape " + shape_str(v.shape()) + " to " +
                        shape_str(full) + ".");
  }
  array src = broadcast_to(v, full, st);
  if (v.ndim() <= r) return src;
  // Row 0 is a filler for unselected rows, so the count indexes [filler; values] and
  // too few values fail at eval with an out-of-bounds index, as MLX fails there too.
  Shape one = rest;
  one.insert(one.begin(), 1);
  array rows = concatenate({zeros(one, v.dtype(), st), src}, 0, st);
  array count = cumsum(mflat, 0, false, true, int32, st);
  array idx = where(mflat, count, array(0, int32), st);
  return take(rows, idx, 0, st);
}

// a[mask] = values as MLX: the mask covers a's leading axes; data-independent shapes.
array mask_update(const array& a, const array& mask, const array& values, const Stream& st) {
  const char* op = "masked_scatter";
  int k = mask.ndim();
  if (k > a.ndim() || !std::equal(mask.shape().begin(), mask.shape().end(), a.shape().begin())) {
    throw_value(op, "The boolean mask should have the same shape as the beginning of the "
                    "indexed array, but the mask has shape " + shape_str(mask.shape()) +
                    " and the array has shape " + shape_str(a.shape()) + ".");
  }
  Shape rest(a.shape().begin() + k, a.shape().end());
  Shape flat = rest, mshape(rest.size(), 1);
  flat.insert(flat.begin(), mask.size());
  mshape.insert(mshape.begin(), mask.size());
  array mflat = reshape(mask, {mask.size()}, st);
  array v = values.dtype() == a.dtype() ? values : astype(values, a.dtype(), st);
  array src = mask_source(v, mflat, rest, op, st);
  array y = where(reshape(mflat, mshape, st), src, reshape(a, flat, st), st);
  return reshape(y, a.shape(), st);
}

} // namespace

array get_item(const array& a, const Index& index, StreamOrDevice s) {
  Stream st = to_stream(s, "getitem");
  Plan p = make_plan(a, index, "getitem");
  array x = slice_bounds(a, p.bounds, st);
  if (!p.advanced()) return reshape(x, p.result_shape, st);
  auto [g, window] = gather_shapes(p, x);
  array y = reshape(gather(x, p.adv_idx, p.adv_axes, window, st), g, st);
  y = transpose(y, result_perm(p), st);
  return reshape(y, p.result_shape, st);
}

array index_update(const array& a, const Index& index, const array& values, IndexUpdate op,
                   StreamOrDevice s) {
  const char* name = op == IndexUpdate::Set ? "setitem" : "at";
  Stream st = to_stream(s, name);
  check_update(op, a.dtype(), name);
  const array* mask = mask_of(index);
  if (mask && op == IndexUpdate::Set) return mask_update(a, *mask, values, st);
  for (const auto& it : index) {
    const array* m = std::get_if<array>(&it);
    if (m && m->dtype() == bool_ && op == IndexUpdate::Set) {
      throw_value(name, "A boolean mask must be the whole index (a[mask] = v); combine it with "
                        "other indices through where.");
    }
  }
  Plan p = make_plan(a, index, name);
  array x = slice_bounds(a, p.bounds, st);
  array v = fit_value(values, a, p.result_shape, name, st);
  if (!p.advanced()) {
    array w = reshape(v, x.shape(), st);
    if (op != IndexUpdate::Set) {
      w = combine(x, w, op, st);
      if (w.dtype() != a.dtype()) w = astype(w, a.dtype(), st);
    }
    return slice_update_bounds(a, w, p.bounds, st);
  }
  array u = to_updates(p, x, v, st);
  if (op == IndexUpdate::Subtract) u = negative(u, st);
  if (op == IndexUpdate::Divide) u = reciprocal(u, st);
  array y = scatter_raw(x, p.adv_idx, u, p.adv_axes, reduce_of(op), st);
  bool whole = x.shape() == a.shape();
  for (const auto& b : p.bounds) whole &= b.step == 1;
  return whole ? y : slice_update_bounds(a, y, p.bounds, st);
}

array set_item(const array& a, const Index& index, const array& value, StreamOrDevice s) {
  return index_update(a, index, value, IndexUpdate::Set, s);
}

} // namespace mxg
