// vjp / jvp rules for Reduce and Scan. Every rule is built from differentiable ops
// (comparisons only make masks), so grad(grad(f)) works where the math allows.
// Conventions at non-smooth points:
// - max/min: the cotangent is split evenly among the tied extrema (NaN counts as
//   the extremum when the result is NaN).
// - prod/cumprod: exact with any number of zeros (no division by zero); second
//   derivatives at an input that is exactly zero may miss cross terms.
// - cummax/cummin: each output's cotangent goes to the latest element (in scan
//   order) that attains the running extremum.
#include <algorithm>
#include <limits>

#include "mxgraph/ops.h"
#include "primitives/grad_rules.h"
#include "primitives/indexing.h"
#include "primitives/reduction.h"

namespace mxg {
namespace {

array scalar_like(double v, const array& like) { return array(v, like.dtype()); }

array conj_if_complex(const array& a) { return is_complex(a.dtype()) ? conjugate(a) : a; }

// sum over `axes` keeping them (no-op without axes: a reduction over nothing).
array sum_keep(const array& a, const std::vector<int>& axes) {
  return axes.empty() ? a : sum(a, axes, true);
}

// Product of all the other elements of each reduced group, exactly (zeros
// included): exclusive cumprods from both ends of the flattened reduced axes.
array prod_of_others(const array& x, const std::vector<int>& axes) {
  if (axes.empty()) return ones_like(x);
  if (axes.size() == 1) {
    int ax = axes[0];
    return cumprod(x, ax, false, false) * cumprod(x, ax, true, false);
  }
  std::vector<int> perm, inverse(x.ndim());
  Shape kept;
  for (int d = 0; d < x.ndim(); ++d) {
    bool reduced = std::find(axes.begin(), axes.end(), d) != axes.end();
    if (!reduced) perm.push_back(d), kept.push_back(x.shape(d));
  }
  perm.insert(perm.end(), axes.begin(), axes.end());
  for (int i = 0; i < x.ndim(); ++i) inverse[perm[i]] = i;
  array xt = transpose(x, perm);
  Shape flat = kept;
  flat.push_back(-1);
  array xf = reshape(xt, flat);
  int last = static_cast<int>(kept.size());
  array others = cumprod(xf, last, false, false) * cumprod(xf, last, true, false);
  return transpose(reshape(others, xt.shape()), inverse);
}

// 1 where x attains the reduced extremum y (NaN matches NaN), as x's dtype.
array extremum_mask(const array& x, const array& y) {
  array m = x == y;
  if (is_inexact(x.dtype())) m = m || (isnan(x) && isnan(y));
  return astype(m, x.dtype());
}

} // namespace

std::vector<array> vjp_Reduce(const Primitive& p, const std::vector<array>& primals,
                              const std::vector<array>& cotangents, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  const auto& r = static_cast<const Reduce&>(p);
  const array& x = primals[0];
  array g = broadcast_to(astype(cotangents[0], x.dtype()), x.shape());
  switch (r.op()) {
    case ReduceOp::Sum: return {g};
    case ReduceOp::Prod: return {g * conj_if_complex(prod_of_others(x, r.axes()))};
    case ReduceOp::Max:
    case ReduceOp::Min: {
      array mask = extremum_mask(x, outputs[0]);
      return {g * mask / sum_keep(mask, r.axes())};
    }
    default: return zero_vjp(primals, argnums); // all / any
  }
}

std::vector<array> jvp_Reduce(const Primitive& p, const std::vector<array>& primals,
                              const std::vector<array>& tangents, const std::vector<int>&,
                              const std::vector<array>& outputs) {
  const auto& r = static_cast<const Reduce&>(p);
  const array& x = primals[0];
  const array& y = outputs[0];
  if (y.dtype() == bool_) return zero_jvp(outputs, tangents[0]); // all / any
  array t = astype(tangents[0], x.dtype());
  switch (r.op()) {
    case ReduceOp::Sum: return {astype(sum_keep(t, r.axes()), y.dtype())};
    case ReduceOp::Prod:
      return {astype(sum_keep(t * prod_of_others(x, r.axes()), r.axes()), y.dtype())};
    case ReduceOp::Max:
    case ReduceOp::Min: {
      array mask = extremum_mask(x, y);
      return {astype(sum_keep(t * mask, r.axes()) / sum_keep(mask, r.axes()), y.dtype())};
    }
    default: return zero_jvp(outputs);
  }
}

namespace {

// Where the zeros of a cumprod line sit, in scan order: `before` the first zero,
// at the `first` zero, and x with that first zero replaced by 1.
struct ZeroSplit {
  array before, first, x1;
};

ZeroSplit split_at_first_zero(const array& x, const Scan& s) {
  array zero = x == 0;
  array seen = cumsum(zero, s.axis(), s.reverse(), true); // zeros so far, inclusive
  array first = zero && (seen == 1);
  return {seen == 0, first, where(first, scalar_like(1.0, x), x)};
}

// Position (along the axis) of the element holding each output's running max/min:
// the latest one in scan order that equals the inclusive running extremum. Out of
// range for the identity that starts an exclusive scan.
array extremum_holder(const array& x, const array& y, const Scan& s) {
  int ax = s.axis();
  int n = static_cast<int>(x.shape(ax));
  bool is_max = s.op() == ScanOp::Max;
  array incl = y;
  if (!s.inclusive()) {
    incl = is_max ? cummax(x, ax, s.reverse(), true) : cummin(x, ax, s.reverse(), true);
  }
  array record = x == incl;
  if (is_inexact(x.dtype())) record = record || (isnan(x) && isnan(incl));
  Shape pos_shape(x.ndim(), 1);
  pos_shape[ax] = n;
  array pos = reshape(arange(0, n, 1), pos_shape);
  // Forward scans want the largest recorded position so far, reverse ones the smallest.
  if (!s.reverse()) return cummax(where(record, pos, array(-1, int32)), ax, false, s.inclusive());
  return cummin(where(record, pos, array(n, int32)), ax, true, s.inclusive());
}

// out = zeros of `shape`; out[..., idx[..., j, ...], ...] += vals[..., j, ...].
array scatter_add_axis(const Shape& shape, const array& idx, const array& vals, int axis,
                       const Stream& st) {
  array base = zeros(shape, vals.dtype());
  return array(shape, vals.dtype(), std::make_shared<ScatterAxis>(st, axis, ScatterReduce::Sum),
               {base, idx, vals});
}

array neg_inf_like(const array& x) { return scalar_like(-std::numeric_limits<double>::infinity(), x); }

// log|v| where keep is true (1 elsewhere, so no infinity reaches a derivative).
array safe_log_abs(const array& v, const array& keep) {
  return log(where(keep, abs(v), scalar_like(1.0, v)));
}

// Complex log(v) where v != 0, -inf elsewhere: complex logs carry the sign, so the
// real rules' split by sign is not needed.
array log_or_neg_inf(const array& v) {
  array nz = v != scalar_like(0.0, v);
  return where(nz, log(where(nz, v, scalar_like(1.0, v))), neg_inf_like(v));
}

// Complex logcumsumexp: d/dx_i = sum_j g_j conj(exp(x_i - y_j)), summed in log space.
array logcumsumexp_vjp_complex(const array& x, const array& y, const array& g, const Scan& s) {
  array live = real(y) > neg_inf_like(real(y));
  array lg = where(live, log_or_neg_inf(conjugate(g)) - y, neg_inf_like(x));
  return conjugate(exp(logcumsumexp(lg, s.axis(), !s.reverse(), s.inclusive()) + x));
}

// dy_j = sum_i t_i exp(x_i - y_j), in log space; outputs at -inf get 0.
array logcumsumexp_jvp_complex(const array& x, const array& y, const array& t, const Scan& s) {
  array live = real(y) > neg_inf_like(real(y));
  array lt = logcumsumexp(log_or_neg_inf(t) + x, s.axis(), s.reverse(), s.inclusive());
  return where(live, exp(lt - y), scalar_like(0.0, x));
}

} // namespace

std::vector<array> vjp_Scan(const Primitive& p, const std::vector<array>& primals,
                            const std::vector<array>& cotangents, const std::vector<int>& argnums,
                            const std::vector<array>& outputs) {
  const auto& s = static_cast<const Scan&>(p);
  const array& x = primals[0];
  int ax = s.axis();
  bool back = !s.reverse(), incl = s.inclusive();
  array g = astype(cotangents[0], x.dtype());
  const array& y = outputs[0];
  switch (s.op()) {
    case ScanOp::Sum: return {cumsum(g, ax, back, incl)};
    case ScanOp::Prod: {
      // d/dx_i = [before] sum_j g_j y_j / x_i + [first zero] sum_j g_j y1_j.
      auto z = split_at_first_zero(x, s);
      array y1 = cumprod(z.x1, ax, s.reverse(), incl);
      array x_safe = where(z.before, x, scalar_like(1.0, x));
      array a = cumsum(g * conj_if_complex(y), ax, back, incl) / conj_if_complex(x_safe);
      array b = cumsum(g * conj_if_complex(y1), ax, back, incl);
      array zero = scalar_like(0.0, x);
      return {where(z.before, a, where(z.first, b, zero))};
    }
    case ScanOp::Max:
    case ScanOp::Min: {
      array holder = extremum_holder(x, y, s);
      int n = static_cast<int>(x.shape(ax));
      array valid = (holder >= 0) && (holder < n);
      array idx = stop_gradient(where(valid, holder, array(0, int32))); // constant indices
      array vals = where(valid, g, scalar_like(0.0, x));
      return {scatter_add_axis(x.shape(), idx, vals, ax, p.stream())};
    }
    case ScanOp::LogAddExp: {
      if (is_complex(x.dtype())) return {logcumsumexp_vjp_complex(x, y, g, s)};
      // d/dx_i = sum_j g_j exp(x_i - y_j), split by the sign of g and summed in log
      // space so that no exp overflows; outputs at -inf (empty or all -inf) add nothing.
      array pos = g > 0, neg = g < 0, live = y > neg_inf_like(y);
      array lg = safe_log_abs(g, pos || neg) - y;
      array ninf = neg_inf_like(x);
      array lp = logcumsumexp(where(pos && live, lg, ninf), ax, back, incl);
      array ln = logcumsumexp(where(neg && live, lg, ninf), ax, back, incl);
      return {exp(lp + x) - exp(ln + x)};
    }
  }
  return zero_vjp(primals, argnums);
}

std::vector<array> jvp_Scan(const Primitive& p, const std::vector<array>& primals,
                            const std::vector<array>& tangents, const std::vector<int>&,
                            const std::vector<array>& outputs) {
  const auto& s = static_cast<const Scan&>(p);
  const array& x = primals[0];
  const array& y = outputs[0];
  if (y.dtype() == bool_) return zero_jvp(outputs, tangents[0]);
  int ax = s.axis();
  bool rev = s.reverse(), incl = s.inclusive();
  array t = astype(tangents[0], x.dtype());
  array out = t;
  switch (s.op()) {
    case ScanOp::Sum: out = cumsum(t, ax, rev, incl); break;
    case ScanOp::Prod: {
      // dy_j = y_j sum_{i before the zero} t_i / x_i + y1_j t_{first zero}.
      auto z = split_at_first_zero(x, s);
      array zero = scalar_like(0.0, x);
      array x_safe = where(z.before, x, scalar_like(1.0, x));
      array y1 = cumprod(z.x1, ax, rev, incl);
      out = y * cumsum(where(z.before, t / x_safe, zero), ax, rev, incl) +
            y1 * cumsum(where(z.first, t, zero), ax, rev, incl);
      break;
    }
    case ScanOp::Max:
    case ScanOp::Min: {
      array holder = extremum_holder(x, y, s);
      int n = static_cast<int>(x.shape(ax));
      array valid = (holder >= 0) && (holder < n);
      array idx = stop_gradient(where(valid, holder, array(0, int32))); // constant indices
      out = where(valid, take_along_axis(t, idx, ax), scalar_like(0.0, x));
      break;
    }
    case ScanOp::LogAddExp: {
      if (is_complex(x.dtype())) {
        out = logcumsumexp_jvp_complex(x, y, t, s);
        break;
      }
      // dy_j = sum_i t_i exp(x_i - y_j), split by the sign of t (see vjp_Scan).
      array pos = t > 0, neg = t < 0, live = y > neg_inf_like(y);
      array lt = safe_log_abs(t, pos || neg) + x;
      array ninf = neg_inf_like(x);
      array ap = logcumsumexp(where(pos, lt, ninf), ax, rev, incl);
      array an = logcumsumexp(where(neg, lt, ninf), ax, rev, incl);
      out = where(live, exp(ap - y) - exp(an - y), scalar_like(0.0, x));
      break;
    }
  }
  return {astype(out, y.dtype())};
}

} // namespace mxg
