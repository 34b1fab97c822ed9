// vjp / jvp rules for the indexing primitives Gather, Scatter, GatherAxis and
// ScatterAxis. A gather's adjoint is a scatter-add (duplicate indices accumulate);
// a scatter's rules depend on how it combines values (ScatterReduce). Index inputs
// get zero cotangents and carry no tangent.
#include <functional>
#include <optional>

#include "mxgraph/ops.h"
#include "ops/slicing.h"
#include "ops/utils.h"
#include "primitives/grad_rules.h"
#include "primitives/indexing.h"

namespace mxg {
namespace {

array as_dtype(const array& x, Dtype t) { return x.dtype() == t ? x : astype(x, t); }

// The tangent of primals[k] (cast to t), or nothing.
std::optional<array> find_tangent(size_t k, const std::vector<array>& tangents,
                                  const std::vector<int>& argnums, Dtype t) {
  for (size_t i = 0; i < argnums.size(); ++i) {
    if (argnums[i] == static_cast<int>(k)) return as_dtype(tangents[i], t);
  }
  return std::nullopt;
}

array ones_like_dtype(const Shape& shape, Dtype t) { return broadcast_to(array(1, t), shape); }

// A scatter primitive seen through two maps, so Scatter and ScatterAxis share
// their rules: `put(base, updates, r)` scatters updates into an array of a's shape
// at the node's indices, `get(x)` reads x (of a's shape) at them (updates' shape).
struct ScatterForm {
  std::function<array(const array&, const array&, ScatterReduce)> put;
  std::function<array(const array&)> get;
};

// Which updates' elements survive an assignment: with duplicate indices only the
// last write lands. Marks each element with its position and reads back the winner.
array assignment_winners(const ScatterForm& f, const array& a, const array& u) {
  Dtype it = u.size() < (int64_t(1) << 31) ? int32 : int64;
  array ids = reshape(arange(0.0, static_cast<double>(u.size()), 1.0, it), u.shape());
  array written = f.put(broadcast_to(array(-1, it), a.shape()), ids, ScatterReduce::None);
  return equal(f.get(written), ids);
}

// d out / d u for a product scatter, per update element: a times the product of
// the other updates at the same place, computed without dividing by a zero update.
array prod_partials(const ScatterForm& f, const array& a, const array& u) {
  Dtype t = a.dtype();
  array zero = array(0, t), one = array(1, t);
  array is_zero = equal(u, zero);
  array safe_u = where(is_zero, one, u);
  array prod_nz = f.put(ones_like_dtype(a.shape(), t), safe_u, ScatterReduce::Prod);
  array n_zero = f.put(zeros_of(a.shape(), t), as_dtype(is_zero, t), ScatterReduce::Sum);
  array nz = f.get(n_zero);
  // A zero update sees the others' product when it is the only zero there; a
  // nonzero one sees P / u when no update there is zero, else 0.
  array factor = where(is_zero, where(equal(nz, one), one, zero),
                       where(equal(nz, zero), reciprocal(safe_u), zero));
  return f.get(a) * f.get(prod_nz) * factor;
}

// For max / min: 1 where a (resp. an update) equals the result, and the number of
// such ties per place; the derivative is split evenly among ties.
struct Extremum {
  array mask_a, mask_u, count;
};

Extremum extremum_masks(const ScatterForm& f, const array& a, const array& u, const array& out) {
  Dtype t = a.dtype();
  array ma = as_dtype(equal(a, out), t);
  array mu = as_dtype(equal(u, f.get(out)), t);
  array count = maximum(ma + f.put(zeros_of(a.shape(), t), mu, ScatterReduce::Sum), array(1, t));
  return {ma, mu, count};
}

array conj_if_complex(const array& x) { return is_complex(x.dtype()) ? conjugate(x) : x; }

// Cotangents for a (input 0) and the updates (input `ui`) of a scatter.
std::vector<array> scatter_vjp(const ScatterForm& f, ScatterReduce r, const std::vector<array>& primals,
                               size_t ui, const array& cot, const std::vector<int>& argnums,
                               const array& out) {
  const array& a = primals[0];
  const array& u = primals[ui];
  array g = as_dtype(cot, a.dtype());
  std::optional<array> ga, gu;
  auto want = [&](size_t k) {
    for (int i : argnums) {
      if (i == static_cast<int>(k)) return true;
    }
    return false;
  };
  bool need_a = want(0), need_u = want(ui);
  switch (r) {
    case ScatterReduce::None:
      if (need_a) ga = f.put(g, zeros_of(u.shape(), a.dtype()), ScatterReduce::None);
      if (need_u) gu = where(assignment_winners(f, a, u), f.get(g), zeros_of(u.shape(), a.dtype()));
      break;
    case ScatterReduce::Sum:
      if (need_a) ga = g;
      if (need_u) gu = f.get(g);
      break;
    case ScatterReduce::Prod:
      if (need_a) ga = f.put(g, conj_if_complex(u), ScatterReduce::Prod);
      if (need_u) gu = f.get(g) * conj_if_complex(prod_partials(f, a, u));
      break;
    case ScatterReduce::Max:
    case ScatterReduce::Min: {
      Extremum e = extremum_masks(f, a, u, out);
      array share = g / e.count;
      if (need_a) ga = share * e.mask_a;
      if (need_u) gu = f.get(share) * e.mask_u;
      break;
    }
  }
  std::vector<array> res;
  for (int k : argnums) {
    if (k == 0) res.push_back(*ga);
    else if (static_cast<size_t>(k) == ui) res.push_back(as_dtype(*gu, u.dtype()));
    else res.push_back(zeros_of(primals[k].shape(), primals[k].dtype()));
  }
  return res;
}

array scatter_jvp(const ScatterForm& f, ScatterReduce r, const std::vector<array>& primals,
                  size_t ui, const std::vector<array>& tangents, const std::vector<int>& argnums,
                  const array& out) {
  const array& a = primals[0];
  const array& u = primals[ui];
  Dtype t = out.dtype();
  auto ta = find_tangent(0, tangents, argnums, t);
  auto tu = find_tangent(ui, tangents, argnums, t);
  array za = zeros_of(a.shape(), t), zu = zeros_of(u.shape(), t);
  switch (r) {
    case ScatterReduce::None:
    case ScatterReduce::Sum:
      return f.put(ta ? *ta : za, tu ? *tu : zu, r);
    case ScatterReduce::Prod: {
      array res = ta ? f.put(*ta, u, ScatterReduce::Prod) : za;
      if (tu) res = res + f.put(za, *tu * prod_partials(f, a, u), ScatterReduce::Sum);
      return res;
    }
    case ScatterReduce::Max:
    case ScatterReduce::Min:
    default: {
      Extremum e = extremum_masks(f, a, u, out);
      array res = ta ? *ta * e.mask_a : za;
      if (tu) res = res + f.put(za, *tu * e.mask_u, ScatterReduce::Sum);
      return res / e.count;
    }
  }
}

// ---- the two scatter forms -------------------------------------------------------

// Scatter: inputs a, k index arrays of shape I, updates of shape I + window.
ScatterForm scatter_form(const Scatter& s, const std::vector<array>& primals) {
  std::vector<array> idx(primals.begin() + 1, primals.end() - 1);
  const array& u = primals.back();
  size_t ni = idx.empty() ? 0 : static_cast<size_t>(idx[0].ndim());
  Shape window(u.shape().begin() + ni, u.shape().end());
  Shape a_shape = primals[0].shape();
  Stream st = s.stream();
  std::vector<int> axes = s.axes();
  ScatterForm f;
  f.put = [=](const array& base, const array& upd, ScatterReduce r) {
    std::vector<array> ins{base};
    ins.insert(ins.end(), idx.begin(), idx.end());
    ins.push_back(upd);
    return array(a_shape, base.dtype(), std::make_shared<Scatter>(st, axes, r), std::move(ins));
  };
  Shape u_shape = u.shape();
  f.get = [=](const array& x) {
    std::vector<array> ins{x};
    ins.insert(ins.end(), idx.begin(), idx.end());
    return array(u_shape, x.dtype(), std::make_shared<Gather>(st, axes, window), std::move(ins));
  };
  return f;
}

// ScatterAxis: inputs a, indices and updates of one shape.
ScatterForm scatter_axis_form(int axis, const Stream& st, const std::vector<array>& primals) {
  array idx = primals[1];
  Shape a_shape = primals[0].shape();
  ScatterForm f;
  f.put = [=](const array& base, const array& upd, ScatterReduce r) {
    return array(a_shape, base.dtype(), std::make_shared<ScatterAxis>(st, axis, r), {base, idx, upd});
  };
  f.get = [=](const array& x) {
    return array(idx.shape(), x.dtype(), std::make_shared<GatherAxis>(st, axis), {x, idx});
  };
  return f;
}

// Zero cotangents for the index inputs, `first` for input 0.
std::vector<array> with_index_zeros(const array& first, const std::vector<array>& primals,
                                    const std::vector<int>& argnums) {
  std::vector<array> out;
  for (int k : argnums) {
    out.push_back(k == 0 ? first : zeros_of(primals[k].shape(), primals[k].dtype()));
  }
  return out;
}

// Indices are integers: a derivative with respect to them does not exist, so asking
// for one (they depend on a differentiated input) is an error, as in MLX.
void refuse_index_grad(const char* op, const char* what, const std::vector<int>& argnums,
                       int first, int last) {
  for (int k : argnums) {
    if (k >= first && k <= last) {
      throw_value(op, std::string("Cannot calculate ") + what +
                          " with respect to indices. Use stop_gradient on indices to stop "
                          "gradients from being computed.");
    }
  }
}

bool has_input0(const std::vector<int>& argnums) {
  for (int k : argnums) {
    if (k == 0) return true;
  }
  return false;
}

} // namespace

// ---- Gather: the adjoint scatter-adds the cotangent windows back ---------------

std::vector<array> vjp_Gather(const Primitive& p, const std::vector<array>& primals,
                              const std::vector<array>& cotangents, const std::vector<int>& argnums,
                              const std::vector<array>&) {
  const array& a = primals[0];
  refuse_index_grad("gather", "VJP", argnums, 1, static_cast<int>(primals.size()) - 1);
  if (!has_input0(argnums)) return zero_vjp(primals, argnums);
  auto& gp = static_cast<const Gather&>(p);
  std::vector<array> idx(primals.begin() + 1, primals.end());
  array g = as_dtype(cotangents[0], a.dtype());
  std::vector<array> ins{zeros_of(a.shape(), a.dtype())};
  ins.insert(ins.end(), idx.begin(), idx.end());
  ins.push_back(g);
  array ga(a.shape(), a.dtype(), std::make_shared<Scatter>(p.stream(), gp.axes(), ScatterReduce::Sum),
           std::move(ins));
  return with_index_zeros(ga, primals, argnums);
}

std::vector<array> jvp_Gather(const Primitive& p, const std::vector<array>& primals,
                              const std::vector<array>& tangents, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  refuse_index_grad("gather", "JVP", argnums, 1, static_cast<int>(primals.size()) - 1);
  auto t = find_tangent(0, tangents, argnums, outputs[0].dtype());
  if (!t) return zero_jvp(outputs);
  auto& gp = static_cast<const Gather&>(p);
  std::vector<array> ins{*t};
  ins.insert(ins.end(), primals.begin() + 1, primals.end());
  return {array(outputs[0].shape(), outputs[0].dtype(),
                std::make_shared<Gather>(p.stream(), gp.axes(), gp.slice_sizes()), std::move(ins))};
}

// ---- Scatter ---------------------------------------------------------------------

std::vector<array> vjp_Scatter(const Primitive& p, const std::vector<array>& primals,
                               const std::vector<array>& cotangents, const std::vector<int>& argnums,
                               const std::vector<array>& outputs) {
  auto& s = static_cast<const Scatter&>(p);
  refuse_index_grad("scatter", "VJP", argnums, 1, static_cast<int>(primals.size()) - 2);
  return scatter_vjp(scatter_form(s, primals), s.reduce(), primals, primals.size() - 1,
                     cotangents[0], argnums, outputs[0]);
}

std::vector<array> jvp_Scatter(const Primitive& p, const std::vector<array>& primals,
                               const std::vector<array>& tangents, const std::vector<int>& argnums,
                               const std::vector<array>& outputs) {
  auto& s = static_cast<const Scatter&>(p);
  refuse_index_grad("scatter", "JVP", argnums, 1, static_cast<int>(primals.size()) - 2);
  return {scatter_jvp(scatter_form(s, primals), s.reduce(), primals, primals.size() - 1, tangents,
                      argnums, outputs[0])};
}

// ---- GatherAxis (take_along_axis) / ScatterAxis (put_along_axis) -----------------

std::vector<array> vjp_GatherAxis(const Primitive& p, const std::vector<array>& primals,
                                  const std::vector<array>& cotangents,
                                  const std::vector<int>& argnums, const std::vector<array>&) {
  const array& a = primals[0];
  refuse_index_grad("gather_axis", "VJP", argnums, 1, 1);
  if (!has_input0(argnums)) return zero_vjp(primals, argnums);
  int axis = static_cast<const GatherAxis&>(p).axis();
  ScatterForm f = scatter_axis_form(axis, p.stream(), primals);
  array ga = f.put(zeros_of(a.shape(), a.dtype()), as_dtype(cotangents[0], a.dtype()),
                   ScatterReduce::Sum);
  return with_index_zeros(ga, primals, argnums);
}

std::vector<array> jvp_GatherAxis(const Primitive& p, const std::vector<array>& primals,
                                  const std::vector<array>& tangents,
                                  const std::vector<int>& argnums,
                                  const std::vector<array>& outputs) {
  refuse_index_grad("gather_axis", "JVP", argnums, 1, 1);
  auto t = find_tangent(0, tangents, argnums, outputs[0].dtype());
  if (!t) return zero_jvp(outputs);
  int axis = static_cast<const GatherAxis&>(p).axis();
  return {scatter_axis_form(axis, p.stream(), primals).get(*t)};
}

std::vector<array> vjp_ScatterAxis(const Primitive& p, const std::vector<array>& primals,
                                   const std::vector<array>& cotangents,
                                   const std::vector<int>& argnums,
                                   const std::vector<array>& outputs) {
  auto& s = static_cast<const ScatterAxis&>(p);
  refuse_index_grad("scatter_axis", "VJP", argnums, 1, 1);
  return scatter_vjp(scatter_axis_form(s.axis(), p.stream(), primals), s.reduce(), primals, 2,
                     cotangents[0], argnums, outputs[0]);
}

std::vector<array> jvp_ScatterAxis(const Primitive& p, const std::vector<array>& primals,
                                   const std::vector<array>& tangents,
                                   const std::vector<int>& argnums,
                                   const std::vector<array>& outputs) {
  auto& s = static_cast<const ScatterAxis&>(p);
  refuse_index_grad("scatter_axis", "JVP", argnums, 1, 1);
  return {scatter_jvp(scatter_axis_form(s.axis(), p.stream(), primals), s.reduce(), primals, 2,
                      tangents, argnums, outputs[0])};
}

} // namespace mxg
