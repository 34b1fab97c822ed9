// Batching rules for Matmul, View, the primitives that need none
// (generated values have no inputs), and RandomBits over a batch of keys.
// Custom's rule is in custom_vmap.cpp.
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/elementwise.h"
#include "primitives/linalg.h"
#include "primitives/random.h"
#include "primitives/vmap_rules.h"

namespace mxg {

VmapResult vmap_Matmul(const Primitive& p, const std::vector<array>& inputs,
                       const std::vector<int>& axes, const std::vector<array>& outputs) {
  // Batch axes in front, then the kernel broadcasts the leading dims like any batch.
  auto xs = align_elementwise(inputs, axes);
  const array& a = xs[0];
  const array& b = xs[1];
  Shape ba(a.shape().begin(), a.shape().end() - 2), bb(b.shape().begin(), b.shape().end() - 2);
  Shape shape = broadcast_shapes(ba, bb, "vmap");
  shape.push_back(a.shape()[a.ndim() - 2]);
  shape.push_back(b.shape()[b.ndim() - 1]);
  if (xs.size() > 2) shape = broadcast_shapes(shape, xs[2].shape(), "vmap"); // addmm's c may carry the batch
  const auto& m = static_cast<const Matmul&>(p);
  return {{array(shape, outputs[0].dtype(), std::make_shared<Matmul>(p.stream(), m.alpha(), m.beta()), xs)},
          {0}};
}

VmapResult vmap_View(const Primitive& p, const std::vector<array>& inputs,
                     const std::vector<int>& axes, const std::vector<array>& outputs) {
  array x = batch_to_front(inputs[0], axes[0]);
  if (x.ndim() == 1 && size_of(x.dtype()) != size_of(outputs[0].dtype())) {
    throw_value("vmap", "Cannot vmap a view to a dtype of another size over 0-d examples.");
  }
  return {{view(x, static_cast<const View&>(p).dtype(), p.stream())}, {0}};
}

// No inputs: never reached with a batched input.
VmapResult vmap_Arange(const Primitive&, const std::vector<array>&, const std::vector<int>&,
                       const std::vector<array>& outputs) {
  return {outputs, std::vector<int>(outputs.size(), -1)};
}

VmapResult vmap_Load(const Primitive&, const std::vector<array>&, const std::vector<int>&,
                     const std::vector<array>& outputs) {
  return {outputs, std::vector<int>(outputs.size(), -1)};
}

// A batch of keys (B, ..., 2): one block of bits per key, as each key alone would draw.
VmapResult vmap_RandomBits(const Primitive& p, const std::vector<array>& inputs,
                           const std::vector<int>& axes, const std::vector<array>& outputs) {
  const auto& r = static_cast<const RandomBits&>(p);
  array key = batch_to_front(inputs[0], axes[0]);
  Shape shape = with_batch(key.shape(0), r.shape());
  return {{array(shape, outputs[0].dtype(), std::make_shared<RandomBits>(p.stream(), shape, r.width()),
                 {key})},
          {0}};
}

} // namespace mxg
