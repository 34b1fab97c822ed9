// mx.linalg.norm and mx.linalg.cross: compositions of lazy ops (the matrix 2-norms
// and the nuclear norm through the SVD), so their gradients come for free.
#include <cmath>

#include "mxgraph/linalg.h"
#include "mxgraph/ops.h"
#include "ops/utils.h"

namespace mxg::linalg {
namespace {

const char* kNorm = "linalg::norm";

std::string ord_str(double ord) {
  if (std::isinf(ord)) return ord > 0 ? "inf" : "-inf";
  std::string s = std::to_string(ord);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s;
}

// The axes to reduce, normalised (IndexError when out of range, ValueError on repeats).
std::vector<int> norm_axes(const array& a, const std::optional<std::vector<int>>& axis) {
  std::vector<int> axes = axis ? *axis : all_axes(a.ndim());
  for (int& ax : axes) ax = checked_axis(ax, a.ndim(), kNorm);
  if (axes.size() == 2 && axes[0] == axes[1]) throw_value(kNorm, "Duplicate axes detected in reduction.");
  return axes;
}

// |a| as a floating array: integers and bools become float32, complex its modulus.
array magnitude(const array& a, const StreamOrDevice& s) {
  array x = is_inexact(a.dtype()) ? a : astype(a, float32, s);
  return abs(x, s);
}

array vector_norm(const array& a, double ord, const std::vector<int>& axes, bool keepdims, const StreamOrDevice& s) {
  array x = magnitude(a, s);
  if (ord == 2) return sqrt(sum(square(x, s), axes, keepdims, s), s);
  if (std::isinf(ord)) return ord > 0 ? max(x, axes, keepdims, s) : min(x, axes, keepdims, s);
  if (ord == 0) return astype(sum(not_equal(x, zeros_like(x, std::nullopt, s), s), axes, keepdims, s), x.dtype(), s);
  if (ord == 1) return sum(x, axes, keepdims, s);
  array p = array(ord, x.dtype());
  return power(sum(power(x, p, s), axes, keepdims, s), reciprocal(p, s), s);
}

// The singular values of the matrices spanned by axes (r, c), moved to the end.
array singular_values(const array& x, int r, int c, const StreamOrDevice& s) {
  std::vector<int> perm;
  for (int i = 0; i < x.ndim(); ++i) {
    if (i != r && i != c) perm.push_back(i);
  }
  perm.push_back(r);
  perm.push_back(c);
  array m = transpose(x, perm, s);
  bool cast = m.dtype() != float32 && m.dtype() != float64;
  array sv = svd(cast ? astype(m, float32, s) : m, false, s)[0];
  return cast ? astype(sv, x.dtype(), s) : sv;
}

array matrix_norm(const array& a, double ord, const std::string& name, const std::vector<int>& axes, bool keepdims,
                  const StreamOrDevice& s) {
  array x = magnitude(a, s);
  int r = axes[0], c = axes[1];
  std::vector<int> both{std::min(r, c), std::max(r, c)};
  auto finish = [&](array v) { return keepdims ? v : squeeze(v, both, s); };
  if (name == "fro") return sqrt(sum(square(x, s), both, keepdims, s), s);
  if (name == "nuc" || (name.empty() && std::abs(ord) == 2)) {
    array sv = singular_values(is_inexact(a.dtype()) ? a : astype(a, float32, s), r, c, s);
    array v = name == "nuc" ? sum(sv, -1, false, s) : ord > 0 ? max(sv, -1, false, s) : min(sv, -1, false, s);
    return keepdims ? expand_dims(v, both, s) : v;
  }
  if (!name.empty()) throw_value(kNorm, "Invalid ord value '" + name + "' for matrix norm.");
  if (std::abs(ord) == 1) {
    array col = sum(x, r, true, s);
    return finish(ord > 0 ? max(col, c, true, s) : min(col, c, true, s));
  }
  if (std::isinf(ord)) {
    array row = sum(x, c, true, s);
    return finish(ord > 0 ? max(row, r, true, s) : min(row, r, true, s));
  }
  throw_value(kNorm, "Invalid ord " + ord_str(ord) + " for matrix norm.");
}

// ord given as a number (`name` empty) or a string.
array norm_impl(const array& a, double ord, const std::string& name, const std::optional<std::vector<int>>& axis,
                bool keepdims, const StreamOrDevice& s) {
  if (!axis && a.ndim() > 2) throw_value(kNorm, "Received too many axes for norm.");
  std::vector<int> axes = norm_axes(a, axis);
  if (axes.size() == 1) {
    if (!name.empty()) {
      throw_value(kNorm, "Norm '" + name + "' only supported for matrices, but received 1 axis/axes.");
    }
    return vector_norm(a, ord, axes, keepdims, s);
  }
  if (axes.size() == 2) return matrix_norm(a, ord, name, axes, keepdims, s);
  throw_value(kNorm, "Received too many axes for norm.");
}

} // namespace

array norm(const array& a, const std::optional<std::vector<int>>& axis, bool keepdims, StreamOrDevice s) {
  std::vector<int> axes = norm_axes(a, axis);
  if (axis && axes.size() > 2) throw_value(kNorm, "Received too many axes for norm.");
  if (axes.size() == 2 && axis) return matrix_norm(a, 0, "fro", axes, keepdims, s);
  return vector_norm(a, 2, axes, keepdims, s);
}

array norm(const array& a, double ord, const std::optional<std::vector<int>>& axis, bool keepdims, StreamOrDevice s) {
  return norm_impl(a, ord, "", axis, keepdims, s);
}

array norm(const array& a, const std::string& ord, const std::optional<std::vector<int>>& axis, bool keepdims,
           StreamOrDevice s) {
  return norm_impl(a, 0, ord, axis, keepdims, s);
}

array cross(const array& a, const array& b, int axis, StreamOrDevice s) {
  const char* op = "linalg::cross";
  int na = a.ndim(), nb = b.ndim();
  int ax_a = checked_axis(axis, na, op), ax_b = checked_axis(axis, nb, op);
  int64_t da = a.shape(ax_a), db = b.shape(ax_b);
  if ((da != 2 && da != 3) || (db != 2 && db != 3)) throw_value(op, "The specified axis must have size 2 or 3.");
  Dtype t = promote_types(a.dtype(), b.dtype());
  // Each component along the axis, a 2-vector's third being zero.
  auto parts = [&](const array& x, int ax, int64_t d) {
    std::vector<array> p = split(astype(x, t, s), int(d), ax, s);
    if (d == 2) p.push_back(zeros_like(p[0], std::nullopt, s));
    return p;
  };
  auto pa = parts(a, ax_a, da), pb = parts(b, ax_b, db);
  std::vector<array> c{subtract(multiply(pa[1], pb[2], s), multiply(pa[2], pb[1], s), s),
                       subtract(multiply(pa[2], pb[0], s), multiply(pa[0], pb[2], s), s),
                       subtract(multiply(pa[0], pb[1], s), multiply(pa[1], pb[0], s), s)};
  // Components are broadcast together first, then joined along the (negative) axis.
  c = broadcast_arrays(c, s);
  int out_axis = axis < 0 ? axis : axis + (c[0].ndim() - std::max(na, nb));
  return concatenate(c, out_axis, s);
}

} // namespace mxg::linalg
