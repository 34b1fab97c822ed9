// Assorted ops composed from existing ones (see mxgraph/ops/misc.h).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "mxgraph/ops.h"
#include "ops/slicing.h"
#include "ops/utils.h"

namespace mxg {

namespace {

// Weak scalar kind `w` (bool_/int32/float32/complex64) next to the strong dtype `r`.
Dtype weak_as(Dtype w, Dtype r) {
  if (w == bool_) return bool_;
  if (is_integral(w)) return r == bool_ ? int32 : r;
  if (is_floating(w)) return is_inexact(r) ? r : float32;
  return complex64;
}

// a[start:stop] along `axis` (0 <= start <= stop <= dim).
array axis_slice(const array& a, int axis, int64_t start, int64_t stop, int64_t step,
                 const StreamOrDevice& s) {
  Shape lo(a.ndim(), 0), hi(a.shape()), st(a.ndim(), 1);
  lo[axis] = start;
  hi[axis] = stop;
  st[axis] = step;
  return slice(a, lo, hi, st, s);
}

// transpose(a, perm), or `a` itself for the identity permutation.
array permute(const array& a, const std::vector<int>& perm, const StreamOrDevice& s) {
  for (size_t i = 0; i < perm.size(); ++i) {
    if (perm[i] != static_cast<int>(i)) return transpose(a, perm, s);
  }
  return a;
}

// Moves `axes` (normalised) to the end and merges them into one axis.
array merge_trailing(const array& a, const std::vector<int>& axes, Shape& kept,
                     const StreamOrDevice& s) {
  std::vector<int> perm;
  int64_t n = 1;
  for (int i = 0; i < a.ndim(); ++i) {
    if (std::find(axes.begin(), axes.end(), i) == axes.end()) {
      perm.push_back(i);
      kept.push_back(a.shape()[i]);
    } else {
      n *= a.shape()[i];
    }
  }
  perm.insert(perm.end(), axes.begin(), axes.end());
  Shape shape = kept;
  shape.push_back(n);
  return reshape(permute(a, perm, s), shape, s);
}

// The reduced shape with the reduced axes kept as ones.
Shape keepdims_shape(const array& a, const std::vector<int>& axes) {
  Shape out = a.shape();
  for (int ax : axes) out[ax] = 1;
  return out;
}

// 2*pi*n/(M-1) for n in [0, M) in float64, or nullopt when M <= 1 (the window is then
// empty or [1]).
std::optional<array> window_phase(int M, const StreamOrDevice& s) {
  if (M <= 1) return std::nullopt;
  return arange(0.0, double(M), 1.0, float64, s) * (2.0 * M_PI / (M - 1));
}

array trivial_window(int M, const StreamOrDevice& s) {
  return M <= 0 ? zeros({0}, float32, s) : ones({1}, float32, s);
}

} // namespace

Dtype result_type(const std::vector<Dtype>& dtypes, const std::vector<Dtype>& weak) {
  if (dtypes.empty() && weak.empty()) {
    throw_value("result_type", "At least one array or dtype is required.");
  }
  const auto& strong = dtypes.empty() ? weak : dtypes;
  Dtype r = strong[0];
  for (Dtype t : strong) r = promote_types(r, t);
  if (dtypes.empty()) return r;
  for (Dtype w : weak) r = promote_types(r, weak_as(w, r));
  return r;
}

bool can_cast(Dtype from, Dtype to) {
  if (from == to || from == bool_) return true;
  if (to == bool_ || is_complex(from)) return false;
  if (is_complex(to)) return can_cast(from, float32);
  if (is_floating(from)) {
    if (!is_floating(to)) return false;
    // float16 and bfloat16 each fit float32 and float64 but not one another.
    return size_of(to) > size_of(from);
  }
  if (is_integral(to)) {
    if (is_unsigned(from)) return size_of(to) > size_of(from);
    return is_signed_int(to) && size_of(to) > size_of(from);
  }
  // int -> float as NumPy: twice the width, except 64-bit ints go to float64.
  return size_of(to) >= std::min(2 * size_of(from), 8);
}

bool isdtype(Dtype t, const std::string& kind) {
  if (kind == "bool") return t == bool_;
  if (kind == "signed integer") return is_signed_int(t);
  if (kind == "unsigned integer") return is_unsigned(t);
  if (kind == "integral") return is_integral(t);
  if (kind == "real floating") return is_floating(t);
  if (kind == "complex floating") return is_complex(t);
  if (kind == "numeric") return t != bool_;
  throw_value("isdtype", "Unknown kind '" + kind +
                             "'. Use 'bool', 'signed integer', 'unsigned integer', 'integral', "
                             "'real floating', 'complex floating' or 'numeric'.");
}

array empty(const Shape& shape, Dtype dtype, StreamOrDevice s) { return zeros(shape, dtype, s); }

array empty_like(const array& a, std::optional<Dtype> dtype, StreamOrDevice s) {
  return zeros_like(a, dtype, s);
}

void synchronize(StreamOrDevice s) { to_stream(s, "synchronize"); }

array flip(const array& a, const std::vector<int>& axes, StreamOrDevice s) {
  Stream st = to_stream(s, "flip");
  auto ax = normalize_axes(axes, a.ndim(), "flip");
  std::vector<SliceBounds> b;
  for (int i = 0; i < a.ndim(); ++i) b.push_back(full_slice(a.shape()[i]));
  for (int i : ax) b[i] = normalize_slice(std::nullopt, std::nullopt, -1, a.shape()[i], "flip");
  return ax.empty() ? a : slice_bounds(a, b, st);
}

array flip(const array& a, StreamOrDevice s) { return flip(a, all_axes(a.ndim()), s); }

array roll(const array& a, const std::vector<int64_t>& shift, const std::vector<int>& axes,
           StreamOrDevice s) {
  to_stream(s, "roll");
  if (shift.empty()) throw_value("roll", "At least one shift is required.");
  if (shift.size() != axes.size() && shift.size() != 1 && axes.size() != 1) {
    throw_value("roll", "Got " + std::to_string(shift.size()) + " shifts for " +
                            std::to_string(axes.size()) + " axes. Give one shift per axis.");
  }
  // Shifts of the same axis add up (a single shift or a single axis broadcasts).
  std::vector<int64_t> total(a.ndim(), 0);
  size_t n = std::max(shift.size(), axes.size());
  for (size_t i = 0; i < n; ++i) {
    int ax = normalize_axis(axes[axes.size() == 1 ? 0 : i], a.ndim(), "roll");
    total[ax] += shift[shift.size() == 1 ? 0 : i];
  }
  array out = a;
  for (int ax = 0; ax < a.ndim(); ++ax) {
    int64_t dim = a.shape()[ax];
    if (dim == 0) continue;
    int64_t k = ((total[ax] % dim) + dim) % dim;
    if (k == 0) continue;
    out = concatenate({axis_slice(out, ax, dim - k, dim, 1, s), axis_slice(out, ax, 0, dim - k, 1, s)},
                      ax, s);
  }
  return out;
}

array roll(const array& a, const std::vector<int64_t>& shift, StreamOrDevice s) {
  to_stream(s, "roll");
  if (shift.empty()) throw_value("roll", "At least one shift is required.");
  int64_t k = std::accumulate(shift.begin(), shift.end(), int64_t{0});
  return reshape(roll(flatten(a, 0, -1, s), {k}, {0}, s), a.shape(), s);
}

array diagonal(const array& a, int offset, int axis1, int axis2, StreamOrDevice s) {
  to_stream(s, "diagonal");
  if (a.ndim() < 2) {
    throw_value("diagonal", "Input must have at least two dimensions, got shape " +
                                shape_str(a.shape()) + ".");
  }
  int ax1 = normalize_axis(axis1, a.ndim(), "diagonal");
  int ax2 = normalize_axis(axis2, a.ndim(), "diagonal");
  if (ax1 == ax2) throw_value("diagonal", "axis1 and axis2 must be different axes.");
  std::vector<int> perm;
  Shape shape;
  for (int i = 0; i < a.ndim(); ++i) {
    if (i != ax1 && i != ax2) {
      perm.push_back(i);
      shape.push_back(a.shape()[i]);
    }
  }
  perm.push_back(ax1);
  perm.push_back(ax2);
  int64_t n = a.shape()[ax1], m = a.shape()[ax2];
  int64_t len = offset >= 0 ? std::min(n, m - offset) : std::min(n + offset, m);
  len = std::max<int64_t>(len, 0);
  // Diagonal elements are every (m + 1)-th of the flattened (n, m) plane.
  shape.push_back(n * m);
  array flat = reshape(permute(a, perm, s), shape, s);
  int ax = flat.ndim() - 1;
  if (len == 0) return axis_slice(flat, ax, 0, 0, 1, s);
  int64_t start = offset >= 0 ? offset : -int64_t(offset) * m;
  return axis_slice(flat, ax, start, start + (len - 1) * (m + 1) + 1, m + 1, s);
}

array diag(const array& a, int k, StreamOrDevice s) {
  to_stream(s, "diag");
  if (a.ndim() == 2) return diagonal(a, k, 0, 1, s);
  if (a.ndim() != 1) {
    throw_value("diag", "Input must be 1- or 2-dimensional, got shape " + shape_str(a.shape()) + ".");
  }
  int64_t len = a.shape()[0];
  int64_t n = len + std::abs(int64_t(k));
  if (len == 0) return zeros({n, n}, a.dtype(), s);
  int64_t start = k >= 0 ? k : -int64_t(k) * n;
  array z = zeros({n * n}, a.dtype(), s);
  array filled = slice_update(z, a, {start}, {start + (len - 1) * (n + 1) + 1}, {n + 1}, s);
  return reshape(filled, {n, n}, s);
}

array trace(const array& a, int offset, int axis1, int axis2, std::optional<Dtype> dtype,
            StreamOrDevice s) {
  to_stream(s, "trace");
  if (a.ndim() < 2) {
    throw_value("trace", "Input must have at least two dimensions, got shape " +
                             shape_str(a.shape()) + ".");
  }
  array d = diagonal(a, offset, axis1, axis2, s);
  Dtype out = dtype.value_or(a.dtype());
  array total = sum(d.dtype() == out ? d : astype(d, out, s), -1, false, s);
  return total.dtype() == out ? total : astype(total, out, s);
}

array diff(const array& a, int n, int axis, StreamOrDevice s) {
  to_stream(s, "diff");
  if (a.ndim() == 0) throw_value("diff", "Input must have at least one dimension.");
  if (n < 0) throw_value("diff", "The order n must be non-negative, got " + std::to_string(n) + ".");
  int ax = normalize_axis(axis, a.ndim(), "diff");
  array out = a;
  for (int i = 0; i < n; ++i) {
    int64_t len = out.shape()[ax];
    if (len <= 1) return axis_slice(out, ax, 0, 0, 1, s);
    array hi = axis_slice(out, ax, 1, len, 1, s), lo = axis_slice(out, ax, 0, len - 1, 1, s);
    out = out.dtype() == bool_ ? not_equal(hi, lo, s) : subtract(hi, lo, s);
  }
  return out;
}

array kron(const array& a, const array& b, StreamOrDevice s) {
  to_stream(s, "kron");
  if (a.size() == 0 || b.size() == 0) throw_value("kron", "Input arrays cannot be empty.");
  int nd = std::max(a.ndim(), b.ndim());
  Shape sa(nd - a.ndim(), 1), sb(nd - b.ndim(), 1);
  sa.insert(sa.end(), a.shape().begin(), a.shape().end());
  sb.insert(sb.end(), b.shape().begin(), b.shape().end());
  // (a0, 1, a1, 1, ...) * (1, b0, 1, b1, ...) then merge each pair.
  Shape ia, ib, out;
  for (int i = 0; i < nd; ++i) {
    ia.insert(ia.end(), {sa[i], 1});
    ib.insert(ib.end(), {1, sb[i]});
    out.push_back(sa[i] * sb[i]);
  }
  return reshape(multiply(reshape(a, ia, s), reshape(b, ib, s), s), out, s);
}

array count_nonzero(const array& a, const std::optional<std::vector<int>>& axes, bool keepdims,
                    StreamOrDevice s) {
  to_stream(s, "count_nonzero");
  array nz = not_equal(a, weak_scalar(0, a.dtype()), s);
  array c = axes ? sum(nz, *axes, keepdims, s) : sum(nz, keepdims, s);
  return c.dtype() == int32 ? c : astype(c, int32, s);
}

array median(const array& a, const std::optional<std::vector<int>>& axes, bool keepdims,
             StreamOrDevice s) {
  to_stream(s, "median");
  std::vector<int> want = axes ? *axes : all_axes(a.ndim());
  for (int x : want) checked_axis(x, a.ndim(), "median");
  auto ax = normalize_axes(want, a.ndim(), "median");
  for (int x : ax) {
    if (a.shape()[x] == 0) throw_value("median", "Cannot take the median along an empty axis.");
  }
  Dtype out_t = is_inexact(a.dtype()) ? a.dtype() : float32;
  Shape kept;
  array x = merge_trailing(a, ax, kept, s);
  int64_t n = x.shape().back();
  int last = x.ndim() - 1;
  array sorted = sort(x, -1, s);
  array hi = astype(axis_slice(sorted, last, n / 2, n / 2 + 1, 1, s), out_t, s);
  if (n % 2 == 0) {
    array lo = astype(axis_slice(sorted, last, n / 2 - 1, n / 2, 1, s), out_t, s);
    hi = (lo + hi) * 0.5;
  }
  array med = squeeze(hi, {last}, s);
  if (is_inexact(a.dtype())) {
    med = where(any(isnan(x, s), -1, false, s), array(std::numeric_limits<float>::quiet_NaN(), out_t),
                med, s);
  }
  return keepdims ? reshape(med, keepdims_shape(a, ax), s) : med;
}

array vecdot(const array& a, const array& b, int axis, StreamOrDevice s) {
  to_stream(s, "vecdot");
  Shape shape = broadcast_shapes(a.shape(), b.shape(), "vecdot");
  int ax = normalize_axis(axis, static_cast<int>(shape.size()), "vecdot");
  array lhs = is_complex(a.dtype()) ? conjugate(a, s) : a;
  return sum(multiply(lhs, b, s), ax, false, s);
}

array bartlett(int M, StreamOrDevice s) {
  auto x = window_phase(M, s);
  if (!x) return trivial_window(M, s);
  // 1 - |2n/(M-1) - 1|, the phase being 2*pi*n/(M-1).
  return astype(1.0 - abs(*x * (1.0 / M_PI) - 1.0, s), float32, s);
}

array blackman(int M, StreamOrDevice s) {
  auto x = window_phase(M, s);
  if (!x) return trivial_window(M, s);
  return astype(0.42 - 0.5 * cos(*x, s) + 0.08 * cos(*x * 2.0, s), float32, s);
}

array hamming(int M, StreamOrDevice s) {
  auto x = window_phase(M, s);
  if (!x) return trivial_window(M, s);
  return astype(0.54 - 0.46 * cos(*x, s), float32, s);
}

array hanning(int M, StreamOrDevice s) {
  auto x = window_phase(M, s);
  if (!x) return trivial_window(M, s);
  return astype(0.5 - 0.5 * cos(*x, s), float32, s);
}

std::pair<array, array> minmax(const array& a, const std::optional<std::vector<int>>& axes,
                               bool keepdims, StreamOrDevice s) {
  if (axes) return {min(a, *axes, keepdims, s), max(a, *axes, keepdims, s)};
  return {min(a, keepdims, s), max(a, keepdims, s)};
}

array searchsorted(const array& sorted, const array& values, const std::string& side,
                   StreamOrDevice s) {
  to_stream(s, "searchsorted");
  if (sorted.ndim() != 1) {
    throw_value("searchsorted", "sorted_sequence must be 1-dimensional, got shape " +
                                    shape_str(sorted.shape()) + ".");
  }
  if (side != "left" && side != "right") {
    throw_value("searchsorted", "side must be 'left' or 'right', got '" + side + "'.");
  }
  // Count the elements before each value (NaN orders after every number).
  array v = expand_dims(values, -1, s);
  bool left = side == "left";
  array before = left ? less(sorted, v, s) : less_equal(sorted, v, s);
  if (is_inexact(promote_types(sorted.dtype(), values.dtype()))) {
    array vnan = isnan(v, s);
    before = logical_or(before, left ? logical_and(vnan, logical_not(isnan(sorted, s), s), s) : vnan, s);
  }
  return astype(sum(before, -1, false, s), uint32, s);
}

} // namespace mxg
