// Batching rules for the shape primitives: the batch axis goes in front and the
// primitive is rebuilt with its per-axis parameters shifted by one.
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/shape.h"
#include "primitives/vmap_rules.h"

namespace mxg {

VmapResult vmap_Reshape(const Primitive& p, const std::vector<array>& inputs,
                        const std::vector<int>& axes, const std::vector<array>& outputs) {
  array x = batch_to_front(inputs[0], axes[0]);
  return {{reshape(x, with_batch(x.shape()[0], outputs[0].shape()), p.stream())}, {0}};
}

VmapResult vmap_Transpose(const Primitive& p, const std::vector<array>& inputs,
                          const std::vector<int>& axes, const std::vector<array>&) {
  array x = batch_to_front(inputs[0], axes[0]);
  std::vector<int> perm{0};
  for (int a : static_cast<const Transpose&>(p).axes()) perm.push_back(a + 1);
  return {{transpose(x, perm, p.stream())}, {0}};
}

VmapResult vmap_Broadcast(const Primitive& p, const std::vector<array>& inputs,
                          const std::vector<int>& axes, const std::vector<array>&) {
  array x = batch_to_front(inputs[0], axes[0]);
  const Shape& target = static_cast<const Broadcast&>(p).shape();
  // Right-align the per-example dims to the target rank before broadcasting.
  Shape aligned{x.shape()[0]};
  for (size_t i = x.ndim() - 1; i < target.size(); ++i) aligned.push_back(1);
  aligned.insert(aligned.end(), x.shape().begin() + 1, x.shape().end());
  x = reshape(x, aligned, p.stream());
  return {{broadcast_to(x, with_batch(x.shape()[0], target), p.stream())}, {0}};
}

VmapResult vmap_Slice(const Primitive& p, const std::vector<array>& inputs,
                      const std::vector<int>& axes, const std::vector<array>& outputs) {
  array x = batch_to_front(inputs[0], axes[0]);
  const auto& sl = static_cast<const Slice&>(p);
  int64_t b = x.shape()[0];
  Shape start = with_batch(0, sl.start()), stop = with_batch(b, sl.stop()),
        strides = with_batch(1, sl.strides());
  return {{array(with_batch(b, outputs[0].shape()), x.dtype(),
                 std::make_shared<Slice>(p.stream(), start, stop, strides), {x})},
          {0}};
}

VmapResult vmap_AsStrided(const Primitive& p, const std::vector<array>& inputs,
                          const std::vector<int>& axes, const std::vector<array>& outputs) {
  // The view addresses an example's row-major elements; with the batch in front and
  // dense, example k starts k * (example size) elements later.
  array x = contiguous(batch_to_front(inputs[0], axes[0]), false, p.stream());
  const auto& as = static_cast<const AsStrided&>(p);
  int64_t b = x.shape()[0];
  int64_t n = b == 0 ? 0 : x.size() / b;
  Strides strides{n};
  strides.insert(strides.end(), as.strides().begin(), as.strides().end());
  Shape shape = with_batch(b, outputs[0].shape());
  return {{array(shape, x.dtype(), std::make_shared<AsStrided>(p.stream(), shape, strides, as.offset()),
                 {x})},
          {0}};
}

VmapResult vmap_Copy(const Primitive& p, const std::vector<array>& inputs,
                     const std::vector<int>& axes, const std::vector<array>& outputs) {
  array x = batch_to_front(inputs[0], axes[0]);
  return {{array(x.shape(), outputs[0].dtype(), std::make_shared<Copy>(p.stream()), {x})}, {0}};
}

VmapResult vmap_Concatenate(const Primitive& p, const std::vector<array>& inputs,
                            const std::vector<int>& axes, const std::vector<array>&) {
  int64_t b = batch_size(inputs, axes);
  std::vector<array> xs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    xs.push_back(front_or_broadcast(inputs[i], axes[i], b, p.stream()));
  }
  return {{concatenate(xs, static_cast<const Concatenate&>(p).axis() + 1, p.stream())}, {0}};
}

VmapResult vmap_SliceUpdate(const Primitive& p, const std::vector<array>& inputs,
                            const std::vector<int>& axes, const std::vector<array>& outputs) {
  int64_t b = batch_size(inputs, axes);
  array src = front_or_broadcast(inputs[0], axes[0], b, p.stream());
  array upd = front_or_broadcast(inputs[1], axes[1], b, p.stream());
  const auto& su = static_cast<const SliceUpdate&>(p);
  Shape start = with_batch(0, su.start()), stop = with_batch(b, su.stop()),
        strides = with_batch(1, su.strides());
  return {{array(src.shape(), outputs[0].dtype(),
                 std::make_shared<SliceUpdate>(p.stream(), start, stop, strides), {src, upd})},
          {0}};
}

} // namespace mxg
