// Batching rules of the distributed primitives. Every rank must vmap the same
// function with the same batch size. all_gather and sum_scatter work on axis 0 of
// each example, so the batch axis moves to position 1.
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/distributed.h"
#include "primitives/vmap_rules.h"

namespace mxg {

namespace {

const distributed::Group& group_of(const Primitive& p) {
  return static_cast<const DistributedPrimitive&>(p).group();
}

// The batched input with its examples' axis 0 in front and the batch axis second.
array batch_second(const array& x, int ax) {
  array f = batch_to_front(x, ax);
  return f.ndim() == 1 ? expand_dims(f, 0) : moveaxis(f, 0, 1);
}

} // namespace

VmapResult vmap_AllReduce(const Primitive& p, const std::vector<array>& inputs,
                          const std::vector<int>& axes, const std::vector<array>&) {
  const auto& r = static_cast<const AllReduce&>(p);
  auto f = r.op() == AllReduce::Op::Sum   ? distributed::all_sum
           : r.op() == AllReduce::Op::Max ? distributed::all_max
                                          : distributed::all_min;
  return {{f(inputs[0], group_of(p), p.stream())}, {axes[0]}};
}

VmapResult vmap_AllGather(const Primitive& p, const std::vector<array>& inputs,
                          const std::vector<int>& axes, const std::vector<array>&) {
  return {{distributed::all_gather(batch_second(inputs[0], axes[0]), group_of(p), p.stream())}, {1}};
}

VmapResult vmap_ReduceScatter(const Primitive& p, const std::vector<array>& inputs,
                              const std::vector<int>& axes, const std::vector<array>&) {
  return {{distributed::sum_scatter(batch_second(inputs[0], axes[0]), group_of(p), p.stream())}, {1}};
}

VmapResult vmap_Send(const Primitive&, const std::vector<array>&, const std::vector<int>&,
                     const std::vector<array>&) {
  throw_value("vmap", "send cannot be vmapped: the receiver expects one example. Send the "
                      "batched array outside vmap.");
}

// No inputs: never batched.
VmapResult vmap_Recv(const Primitive&, const std::vector<array>&, const std::vector<int>&,
                     const std::vector<array>& outputs) {
  return {outputs, std::vector<int>(outputs.size(), -1)};
}

} // namespace mxg
