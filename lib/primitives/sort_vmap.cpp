// Batching rules for the sort primitives: batch axis in front, the sorted axis moves
// up by one; kth and start are per-row facts and stay as they are.
#include "mxgraph/ops.h"
#include "primitives/sort.h"
#include "primitives/vmap_rules.h"

namespace mxg {
namespace {

template <class P, class... Args>
VmapResult sort_rule(const Primitive& p, const std::vector<array>& inputs,
                     const std::vector<int>& axes, const std::vector<array>& outputs,
                     Args... args) {
  array x = batch_to_front(inputs[0], axes[0]);
  Shape shape = outputs[0].shape();
  shape.insert(shape.begin(), x.shape(0));
  return {{array(shape, outputs[0].dtype(), std::make_shared<P>(p.stream(), args...), {x})}, {0}};
}

const SortBase& base(const Primitive& p) { return static_cast<const SortBase&>(p); }

} // namespace

VmapResult vmap_Sort(const Primitive& p, const std::vector<array>& inputs,
                     const std::vector<int>& axes, const std::vector<array>& outputs) {
  return sort_rule<Sort>(p, inputs, axes, outputs, base(p).axis() + 1);
}

VmapResult vmap_ArgSort(const Primitive& p, const std::vector<array>& inputs,
                        const std::vector<int>& axes, const std::vector<array>& outputs) {
  return sort_rule<ArgSort>(p, inputs, axes, outputs, base(p).axis() + 1);
}

VmapResult vmap_Partition(const Primitive& p, const std::vector<array>& inputs,
                          const std::vector<int>& axes, const std::vector<array>& outputs) {
  const auto& b = base(p);
  return sort_rule<Partition>(p, inputs, axes, outputs, b.kth(), b.axis() + 1, b.start());
}

VmapResult vmap_ArgPartition(const Primitive& p, const std::vector<array>& inputs,
                             const std::vector<int>& axes, const std::vector<array>& outputs) {
  const auto& b = base(p);
  return sort_rule<ArgPartition>(p, inputs, axes, outputs, b.kth(), b.axis() + 1, b.start());
}

} // namespace mxg
