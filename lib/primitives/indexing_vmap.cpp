// Batching rules for the gathers and scatters. A batched operand with batched
// indices becomes one more indexed axis (index = the example's number, an arange),
// so each example reads and writes only its own slice; everything stays lazy.
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/indexing.h"
#include "primitives/vmap_rules.h"

namespace mxg {

namespace {

// The example numbers 0..b-1 along axis 0, broadcast to `shape` (b, *I).
array batch_index(int64_t b, const Shape& shape, Dtype dtype, const Stream& s) {
  Shape col(shape.size(), 1);
  col[0] = b;
  array r = reshape(arange(0, static_cast<int>(b), 1, s), col, s);
  return broadcast_to(astype(r, dtype, s), shape, s);
}

} // namespace

VmapResult vmap_Gather(const Primitive& p, const std::vector<array>& inputs,
                       const std::vector<int>& axes, const std::vector<array>& outputs) {
  const auto& g = static_cast<const Gather&>(p);
  const Stream& s = p.stream();
  const array& out = outputs[0];
  size_t k = inputs.size() - 1;
  bool idx_batched = any_batched(std::vector<int>(axes.begin() + 1, axes.end()));
  if (axes[0] < 0) {
    // Only the indices are batched: batch them all in front, gather as is.
    int64_t b = batch_size(inputs, axes);
    std::vector<array> ins{inputs[0]};
    for (size_t i = 1; i <= k; ++i) ins.push_back(front_or_broadcast(inputs[i], axes[i], b, s));
    return {{array(with_batch(b, out.shape()), out.dtype(),
                   std::make_shared<Gather>(s, g.axes(), g.slice_sizes()), std::move(ins))},
            {0}};
  }
  array a = batch_to_front(inputs[0], axes[0]);
  int64_t b = a.shape()[0];
  std::vector<int> gaxes;
  for (int x : g.axes()) gaxes.push_back(x + 1);
  Shape sizes = with_batch(b, g.slice_sizes());
  if (!idx_batched) {
    // Only the operand is batched: take the whole batch axis in every window; the
    // batch lands right after the index dims.
    std::vector<array> ins{a};
    for (size_t i = 1; i <= k; ++i) ins.push_back(inputs[i]);
    Shape ishape = k ? inputs[1].shape() : Shape{};
    Shape shape = ishape;
    shape.insert(shape.end(), sizes.begin(), sizes.end());
    return {{array(shape, out.dtype(), std::make_shared<Gather>(s, gaxes, sizes), std::move(ins))},
            {static_cast<int>(ishape.size())}};
  }
  // Both batched: index the batch axis with the example number.
  Shape ishape;
  std::vector<array> idx;
  for (size_t i = 1; i <= k; ++i) {
    idx.push_back(front_or_broadcast(inputs[i], axes[i], b, s));
    if (axes[i] >= 0) ishape = idx.back().shape();
  }
  std::vector<array> ins{a, batch_index(b, ishape, idx[0].dtype(), s)};
  for (auto& i : idx) ins.push_back(broadcast_to(i, ishape, s));
  gaxes.insert(gaxes.begin(), 0);
  sizes[0] = 1;
  Shape shape = ishape;
  shape.insert(shape.end(), sizes.begin(), sizes.end());
  array r = array(shape, out.dtype(), std::make_shared<Gather>(s, gaxes, sizes), std::move(ins));
  // Drop the size-1 window of the batch axis.
  return {{reshape(r, with_batch(b, out.shape()), s)}, {0}};
}

VmapResult vmap_Scatter(const Primitive& p, const std::vector<array>& inputs,
                        const std::vector<int>& axes, const std::vector<array>& outputs) {
  const auto& sc = static_cast<const Scatter&>(p);
  const Stream& s = p.stream();
  size_t k = inputs.size() - 2;
  int64_t b = batch_size(inputs, axes);
  // Every example writes its own copy of the operand: batch everything in front and
  // index the batch axis with the example number.
  array a = front_or_broadcast(inputs[0], axes[0], b, s);
  if (axes[0] < 0) a = contiguous(a, false, s);
  const array& upd0 = inputs[k + 1];
  array upd = front_or_broadcast(upd0, axes[k + 1], b, s);
  // Per-example index shape: the updates' leading dims before the window.
  int64_t wnd = inputs[0].ndim() - (axes[0] >= 0 ? 1 : 0);
  Shape ishape(upd.shape().begin(), upd.shape().end() - wnd);
  std::vector<array> ins{a, batch_index(b, ishape, k ? inputs[1].dtype() : int32, s)};
  for (size_t i = 1; i <= k; ++i) {
    ins.push_back(broadcast_to(front_or_broadcast(inputs[i], axes[i], b, s), ishape, s));
  }
  // The window gains a size-1 batch dim in front.
  Shape ushape = ishape;
  ushape.push_back(1);
  ushape.insert(ushape.end(), upd.shape().end() - wnd, upd.shape().end());
  ins.push_back(reshape(upd, ushape, s));
  std::vector<int> saxes{0};
  for (int x : sc.axes()) saxes.push_back(x + 1);
  return {{array(a.shape(), outputs[0].dtype(), std::make_shared<Scatter>(s, saxes, sc.reduce()),
                 std::move(ins))},
          {0}};
}

VmapResult vmap_GatherAxis(const Primitive& p, const std::vector<array>& inputs,
                           const std::vector<int>& axes, const std::vector<array>& outputs) {
  const Stream& s = p.stream();
  int64_t b = batch_size(inputs, axes);
  array a = front_or_broadcast(inputs[0], axes[0], b, s);
  array idx = front_or_broadcast(inputs[1], axes[1], b, s);
  int ax = static_cast<const GatherAxis&>(p).axis() + 1;
  return {{array(idx.shape(), outputs[0].dtype(), std::make_shared<GatherAxis>(s, ax), {a, idx})},
          {0}};
}

VmapResult vmap_ScatterAxis(const Primitive& p, const std::vector<array>& inputs,
                            const std::vector<int>& axes, const std::vector<array>& outputs) {
  const Stream& s = p.stream();
  const auto& sa = static_cast<const ScatterAxis&>(p);
  int64_t b = batch_size(inputs, axes);
  array a = front_or_broadcast(inputs[0], axes[0], b, s);
  if (axes[0] < 0) a = contiguous(a, false, s);
  array idx = front_or_broadcast(inputs[1], axes[1], b, s);
  array upd = front_or_broadcast(inputs[2], axes[2], b, s);
  return {{array(a.shape(), outputs[0].dtype(),
                 std::make_shared<ScatterAxis>(s, sa.axis() + 1, sa.reduce()), {a, idx, upd})},
          {0}};
}

} // namespace mxg
