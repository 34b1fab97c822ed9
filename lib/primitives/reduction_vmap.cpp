// Batching rules for Reduce, ArgReduce and Scan: the batch axis goes in front and
// every stored axis moves up by one, so the same primitive handles the whole batch.
#include "mxgraph/ops.h"
#include "primitives/reduction.h"
#include "primitives/vmap_rules.h"

namespace mxg {
namespace {

// The batched input with its batch axis in front, and the batched output shape
// (batch size prepended to the per-example output shape).
std::pair<array, Shape> front(const std::vector<array>& inputs, const std::vector<int>& axes,
                              const array& out) {
  array x = batch_to_front(inputs[0], axes[0]);
  Shape shape = out.shape();
  shape.insert(shape.begin(), x.shape(0));
  return {x, shape};
}

} // namespace

VmapResult vmap_Reduce(const Primitive& p, const std::vector<array>& inputs,
                       const std::vector<int>& axes, const std::vector<array>& outputs) {
  const auto& r = static_cast<const Reduce&>(p);
  auto [x, shape] = front(inputs, axes, outputs[0]);
  std::vector<int> ax = r.axes();
  for (int& a : ax) ++a;  // Reduce keeps reduced dims, so shifting is all it takes
  return {{array(shape, outputs[0].dtype(), std::make_shared<Reduce>(p.stream(), r.op(), ax), {x})},
          {0}};
}

VmapResult vmap_ArgReduce(const Primitive& p, const std::vector<array>& inputs,
                          const std::vector<int>& axes, const std::vector<array>& outputs) {
  const auto& r = static_cast<const ArgReduce&>(p);
  auto [x, shape] = front(inputs, axes, outputs[0]);
  return {{array(shape, outputs[0].dtype(),
                 std::make_shared<ArgReduce>(p.stream(), r.op(), r.axis() + 1), {x})},
          {0}};
}

VmapResult vmap_Scan(const Primitive& p, const std::vector<array>& inputs,
                     const std::vector<int>& axes, const std::vector<array>& outputs) {
  const auto& r = static_cast<const Scan&>(p);
  auto [x, shape] = front(inputs, axes, outputs[0]);
  auto fresh = std::make_shared<Scan>(p.stream(), r.op(), r.axis() + 1, r.reverse(), r.inclusive());
  return {{array(shape, outputs[0].dtype(), std::move(fresh), {x})}, {0}};
}

} // namespace mxg
