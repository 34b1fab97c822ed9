// vjp / jvp rules for the window primitives Slice, SliceUpdate, Concatenate,
// AsStrided, and for View (bit reinterpretation).
#include <stdexcept>

#include "mxgraph/ops.h"
#include "ops/slicing.h"
#include "primitives/elementwise.h"
#include "primitives/grad_rules.h"
#include "primitives/indexing.h"
#include "primitives/shape.h"

namespace mxg {
namespace {

array as_dtype(const array& x, Dtype t) { return x.dtype() == t ? x : astype(x, t); }

// The stored (normalised) window of a Slice / SliceUpdate, with its sizes.
std::vector<SliceBounds> bounds(const Shape& start, const Shape& stop, const Shape& step,
                                const Shape& size) {
  std::vector<SliceBounds> b;
  for (size_t i = 0; i < start.size(); ++i) b.push_back({start[i], stop[i], step[i], size[i]});
  return b;
}

// The tangent of primals[k], or zeros when it has none.
array tangent_of(size_t k, const std::vector<array>& primals, const std::vector<array>& tangents,
                 const std::vector<int>& argnums, Dtype t) {
  for (size_t i = 0; i < argnums.size(); ++i) {
    if (argnums[i] == static_cast<int>(k)) return as_dtype(tangents[i], t);
  }
  return zeros_of(primals[k].shape(), t);
}

} // namespace

// ---- Slice: the cotangent written into zeros; the tangent sliced alike ----------

std::vector<array> vjp_Slice(const Primitive& p, const std::vector<array>& primals,
                             const std::vector<array>& cotangents, const std::vector<int>&,
                             const std::vector<array>&) {
  auto& s = static_cast<const Slice&>(p);
  const array& x = primals[0];
  array g = as_dtype(cotangents[0], x.dtype());
  auto b = bounds(s.start(), s.stop(), s.strides(), g.shape());
  return {slice_update_bounds(zeros_of(x.shape(), x.dtype()), g, b, p.stream())};
}

std::vector<array> jvp_Slice(const Primitive& p, const std::vector<array>&,
                             const std::vector<array>& tangents, const std::vector<int>&,
                             const std::vector<array>& outputs) {
  auto& s = static_cast<const Slice&>(p);
  auto b = bounds(s.start(), s.stop(), s.strides(), outputs[0].shape());
  return {slice_bounds(as_dtype(tangents[0], outputs[0].dtype()), b, p.stream())};
}

// ---- SliceUpdate: src keeps the cotangent outside the window, update gets the window

std::vector<array> vjp_SliceUpdate(const Primitive& p, const std::vector<array>& primals,
                                   const std::vector<array>& cotangents,
                                   const std::vector<int>& argnums, const std::vector<array>&) {
  auto& s = static_cast<const SliceUpdate&>(p);
  const array& upd = primals[1];
  array g = as_dtype(cotangents[0], primals[0].dtype());
  auto b = bounds(s.start(), s.stop(), s.strides(), upd.shape());
  std::vector<array> out;
  for (int k : argnums) {
    if (k == 0) {
      out.push_back(slice_update_bounds(g, zeros_of(upd.shape(), g.dtype()), b, p.stream()));
    } else {
      out.push_back(as_dtype(slice_bounds(g, b, p.stream()), upd.dtype()));
    }
  }
  return out;
}

std::vector<array> jvp_SliceUpdate(const Primitive& p, const std::vector<array>& primals,
                                   const std::vector<array>& tangents,
                                   const std::vector<int>& argnums,
                                   const std::vector<array>& outputs) {
  auto& s = static_cast<const SliceUpdate&>(p);
  Dtype t = outputs[0].dtype();
  auto b = bounds(s.start(), s.stop(), s.strides(), primals[1].shape());
  return {slice_update_bounds(tangent_of(0, primals, tangents, argnums, t),
                              tangent_of(1, primals, tangents, argnums, t), b, p.stream())};
}

// ---- Concatenate: the cotangent cut back into pieces; tangents joined -----------

std::vector<array> vjp_Concatenate(const Primitive& p, const std::vector<array>& primals,
                                   const std::vector<array>& cotangents,
                                   const std::vector<int>& argnums, const std::vector<array>&) {
  int ax = static_cast<const Concatenate&>(p).axis();
  const array& g = cotangents[0];
  std::vector<int64_t> offsets{0};
  for (const auto& x : primals) offsets.push_back(offsets.back() + x.shape()[ax]);
  std::vector<array> out;
  for (int k : argnums) {
    std::vector<SliceBounds> b;
    for (int d = 0; d < g.ndim(); ++d) b.push_back(full_slice(g.shape()[d]));
    b[ax] = {offsets[k], offsets[k + 1], 1, primals[k].shape()[ax]};
    out.push_back(as_dtype(slice_bounds(g, b, p.stream()), primals[k].dtype()));
  }
  return out;
}

std::vector<array> jvp_Concatenate(const Primitive& p, const std::vector<array>& primals,
                                   const std::vector<array>& tangents,
                                   const std::vector<int>& argnums,
                                   const std::vector<array>& outputs) {
  int ax = static_cast<const Concatenate&>(p).axis();
  std::vector<array> parts;
  for (size_t k = 0; k < primals.size(); ++k) {
    parts.push_back(tangent_of(k, primals, tangents, argnums, outputs[0].dtype()));
  }
  return {array(outputs[0].shape(), outputs[0].dtype(), std::make_shared<Concatenate>(p.stream(), ax),
                std::move(parts))};
}

// ---- AsStrided: overlapping windows read an element several times, so the
// cotangent is scatter-added at the row-major offsets the view reads. ------------

std::vector<array> vjp_AsStrided(const Primitive& p, const std::vector<array>& primals,
                                 const std::vector<array>& cotangents, const std::vector<int>&,
                                 const std::vector<array>&) {
  auto& s = static_cast<const AsStrided&>(p);
  const array& x = primals[0];
  const array& g = cotangents[0];
  if (g.size() == 0 || x.size() == 0) return {zeros_of(x.shape(), x.dtype())};
  Dtype it = x.size() < (int64_t(1) << 31) ? int32 : int64;
  array pos = arange(0.0, static_cast<double>(x.size()), 1.0, it, p.stream());
  array offs = reshape(as_strided(pos, s.shape(), s.strides(), s.offset(), p.stream()), {-1}, p.stream());
  array upd = reshape(as_dtype(g, x.dtype()), {g.size(), 1}, p.stream());
  array flat = scatter_raw(zeros_of({x.size()}, x.dtype()), {offs}, upd, {0}, ScatterReduce::Sum,
                           p.stream());
  return {reshape(flat, x.shape(), p.stream())};
}

std::vector<array> jvp_AsStrided(const Primitive& p, const std::vector<array>&,
                                 const std::vector<array>& tangents, const std::vector<int>&,
                                 const std::vector<array>& outputs) {
  auto& s = static_cast<const AsStrided&>(p);
  return {as_strided(as_dtype(tangents[0], outputs[0].dtype()), s.shape(), s.strides(), s.offset(),
                     p.stream())};
}

// ---- View: reinterpreting bits has no derivative. Like MLX (which defines no
// rule for View) we raise rather than return a made-up value; a view to the same
// dtype is the identity. ----------------------------------------------------------

namespace {
void require_same_dtype_view(const View& v, const array& x, const char* mode) {
  if (v.dtype() == x.dtype()) return;
  throw std::invalid_argument(std::string("[") + mode + "] view from " + dtype_name(x.dtype()) +
                              " to " + dtype_name(v.dtype()) +
                              " reinterprets bits and is not differentiable. Use astype to "
                              "convert values, or stop_gradient.");
}
} // namespace

std::vector<array> vjp_View(const Primitive& p, const std::vector<array>& primals,
                            const std::vector<array>& cotangents, const std::vector<int>&,
                            const std::vector<array>&) {
  require_same_dtype_view(static_cast<const View&>(p), primals[0], "vjp");
  return {cotangents[0]};
}

std::vector<array> jvp_View(const Primitive& p, const std::vector<array>& primals,
                            const std::vector<array>& tangents, const std::vector<int>&,
                            const std::vector<array>&) {
  require_same_dtype_view(static_cast<const View&>(p), primals[0], "jvp");
  return {tangents[0]};
}

} // namespace mxg
