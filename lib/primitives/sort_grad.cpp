// vjp / jvp rules for Sort and Partition: both move elements, so derivatives follow
// the permutation. Sort's output is argsort's order exactly. A partition's order is
// not argpartition's (the kernels order values and indices separately), so the
// output and input are matched through their sorted orders: the output holds the
// input's sorted positions [start, n). Tied values may swap derivatives, which is
// still a valid (sub)gradient. (ArgSort/ArgPartition have zero rules.)
#include "mxgraph/ops.h"
#include "primitives/grad_rules.h"
#include "primitives/sort.h"

namespace mxg {
namespace {

// argsort as constant indices: the rules' own derivatives (second order) must not
// differentiate with respect to them.
array fixed_order(const array& x, int axis) { return stop_gradient(argsort(x, axis)); }

// Input positions sorted by value, keeping the last `m` along the axis.
array sorted_positions(const array& x, int axis, int64_t m) {
  array order = fixed_order(x, axis);
  int64_t n = x.shape(axis);
  if (m == n) return order;
  Shape start(x.ndim(), 0), stop = x.shape();
  start[axis] = n - m;
  return slice(order, start, stop);
}

} // namespace

std::vector<array> vjp_Sort(const Primitive& p, const std::vector<array>& primals,
                            const std::vector<array>& cotangents, const std::vector<int>& argnums,
                            const std::vector<array>&) {
  const array& x = primals[0];
  int ax = static_cast<const Sort&>(p).axis();
  array g = astype(cotangents[0], x.dtype());
  return {put_along_axis(zeros_of(x.shape(), x.dtype()), fixed_order(x, ax), g, ax)};
}

std::vector<array> jvp_Sort(const Primitive& p, const std::vector<array>& primals,
                            const std::vector<array>& tangents, const std::vector<int>&,
                            const std::vector<array>& outputs) {
  const array& x = primals[0];
  int ax = static_cast<const Sort&>(p).axis();
  return {astype(take_along_axis(tangents[0], fixed_order(x, ax), ax), outputs[0].dtype())};
}

std::vector<array> vjp_Partition(const Primitive& p, const std::vector<array>& primals,
                                 const std::vector<array>& cotangents,
                                 const std::vector<int>& argnums,
                                 const std::vector<array>& outputs) {
  const array& x = primals[0];
  const array& y = outputs[0];
  int ax = static_cast<const Partition&>(p).axis();
  // Cotangents in sorted order, then back to the inputs they came from.
  array g_sorted = take_along_axis(astype(cotangents[0], x.dtype()), fixed_order(y, ax), ax);
  array dst = sorted_positions(x, ax, y.shape(ax));
  return {put_along_axis(zeros_of(x.shape(), x.dtype()), dst, g_sorted, ax)};
}

std::vector<array> jvp_Partition(const Primitive& p, const std::vector<array>& primals,
                                 const std::vector<array>& tangents, const std::vector<int>&,
                                 const std::vector<array>& outputs) {
  const array& x = primals[0];
  const array& y = outputs[0];
  int ax = static_cast<const Partition&>(p).axis();
  array t_sorted = take_along_axis(astype(tangents[0], x.dtype()),
                                   sorted_positions(x, ax, y.shape(ax)), ax);
  return {astype(put_along_axis(zeros_of(y.shape(), x.dtype()), fixed_order(y, ax), t_sorted, ax),
                 y.dtype())};
}

} // namespace mxg
