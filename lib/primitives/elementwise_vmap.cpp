// Batching rules for the elementwise primitives: line the batched inputs up (batch
// axis in front, per-example dims right-aligned) and apply the same primitive.
#include "mxgraph/ops.h"
#include "primitives/elementwise.h"
#include "primitives/vmap_rules.h"

namespace mxg {
namespace {

// Re-applies `p` (elementwise, output shape = broadcast of the inputs) to aligned inputs.
VmapResult elementwise(const Primitive& p, const std::vector<array>& inputs,
                       const std::vector<int>& axes, const std::vector<array>& outputs,
                       std::shared_ptr<Primitive> fresh) {
  auto xs = align_elementwise(inputs, axes);
  Shape shape;
  for (const auto& x : xs) {
    size_t n = std::max(shape.size(), x.shape().size());
    Shape r(n);
    for (size_t i = 0; i < n; ++i) {
      int64_t a = i < n - shape.size() ? 1 : shape[i - (n - shape.size())];
      int64_t b = i < n - x.shape().size() ? 1 : x.shape()[i - (n - x.shape().size())];
      r[i] = a == 1 ? b : a;
    }
    shape = r;
  }
  std::vector<Shape> shapes(outputs.size(), shape);
  std::vector<Dtype> dtypes;
  for (const auto& o : outputs) dtypes.push_back(o.dtype());
  if (outputs.size() == 1) {
    return {{array(shape, dtypes[0], std::move(fresh), xs)}, {0}};
  }
  return {array::make_arrays(shapes, dtypes, std::move(fresh), xs), std::vector<int>(outputs.size(), 0)};
}

} // namespace

VmapResult vmap_Unary(const Primitive& p, const std::vector<array>& inputs,
                      const std::vector<int>& axes, const std::vector<array>& outputs) {
  const auto& u = static_cast<const Unary&>(p);
  return {{array(inputs[0].shape(), outputs[0].dtype(), std::make_shared<Unary>(p.stream(), u.op()), {inputs[0]})},
          {axes[0]}};
}

VmapResult vmap_AsType(const Primitive& p, const std::vector<array>& inputs,
                       const std::vector<int>& axes, const std::vector<array>& outputs) {
  return {{astype(inputs[0], outputs[0].dtype(), p.stream())}, {axes[0]}};
}

VmapResult vmap_Binary(const Primitive& p, const std::vector<array>& inputs,
                       const std::vector<int>& axes, const std::vector<array>& outputs) {
  return elementwise(p, inputs, axes, outputs,
                     std::make_shared<Binary>(p.stream(), static_cast<const Binary&>(p).op()));
}

VmapResult vmap_Select(const Primitive& p, const std::vector<array>& inputs,
                       const std::vector<int>& axes, const std::vector<array>& outputs) {
  return elementwise(p, inputs, axes, outputs, std::make_shared<Select>(p.stream()));
}

VmapResult vmap_DivMod(const Primitive& p, const std::vector<array>& inputs,
                       const std::vector<int>& axes, const std::vector<array>& outputs) {
  return elementwise(p, inputs, axes, outputs, std::make_shared<DivMod>(p.stream()));
}

} // namespace mxg
