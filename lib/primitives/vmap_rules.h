// Batching rules, one vmap_<Kind> per registry entry, defined beside each family's
// primitives (lib/primitives/<family>_vmap.cpp). The table in lib/vmap.cpp references
// every one, so a missing rule is a link error.
#pragma once

#include <utility>
#include <vector>

#include "mxgraph/primitive.h"

namespace mxg {

/// The batched outputs of `p` and the axis each is batched along (-1: not batched).
/// `inputs` are the batched inputs, `axes[i]` the batch axis of inputs[i] (-1: the
/// input is not batched and has its per-example shape); `outputs` are the node's
/// per-example outputs (for shapes and dtypes).
using VmapResult = std::pair<std::vector<array>, std::vector<int>>;
using VmapRule = VmapResult (*)(const Primitive& p, const std::vector<array>& inputs,
                               const std::vector<int>& axes, const std::vector<array>& outputs);

#define MXG_DECLARE_VMAP_RULE(name, family)                                                  \
  VmapResult vmap_##name(const Primitive& p, const std::vector<array>& inputs,              \
                         const std::vector<int>& axes, const std::vector<array>& outputs);
MXG_PRIMITIVES(MXG_DECLARE_VMAP_RULE)
#undef MXG_DECLARE_VMAP_RULE

/// Moves the batch axis of `x` (ax >= 0) to the front; an unbatched `x` (ax < 0)
/// is returned as is.
array batch_to_front(const array& x, int ax);
/// Inputs of an elementwise primitive brought to one layout: every batched input
/// with its batch axis in front and its per-example dims right-aligned to the
/// largest per-example rank (size-1 dims inserted), unbatched inputs untouched, so
/// NumPy broadcasting lines them up. The batch axis of the result is 0.
std::vector<array> align_elementwise(const std::vector<array>& inputs, const std::vector<int>& axes);
/// True when any axis is >= 0.
bool any_batched(const std::vector<int>& axes);
/// Prepends the batch size `b` to a per-example shape.
Shape with_batch(int64_t b, const Shape& s);
/// The batch size: the size of the first batched input's batch axis (1 if none).
int64_t batch_size(const std::vector<array>& inputs, const std::vector<int>& axes);
/// `x` with its batch axis in front; an unbatched `x` is broadcast along a new one.
array front_or_broadcast(const array& x, int ax, int64_t b, const Stream& s);

} // namespace mxg
