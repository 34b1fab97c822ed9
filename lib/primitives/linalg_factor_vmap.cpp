// Batching rule for Linalg: the kernel already loops over leading axes, so every
// input gets the batch axis in front (an unbatched one is broadcast along it).
#include "primitives/linalg.h"
#include "primitives/vmap_rules.h"

namespace mxg {

VmapResult vmap_Linalg(const Primitive& p, const std::vector<array>& inputs, const std::vector<int>& axes,
                       const std::vector<array>& outputs) {
  int64_t b = batch_size(inputs, axes);
  std::vector<array> xs;
  for (size_t i = 0; i < inputs.size(); ++i) xs.push_back(front_or_broadcast(inputs[i], axes[i], b, p.stream()));
  const auto& params = static_cast<const Linalg&>(p).params();
  std::vector<Shape> shapes;
  std::vector<Dtype> dtypes;
  for (auto& [s, t] : linalg_outputs(params.op, xs)) shapes.push_back(s), dtypes.push_back(t);
  auto outs = array::make_arrays(shapes, dtypes, std::make_shared<Linalg>(p.stream(), params), xs);
  return {outs, std::vector<int>(outs.size(), 0)};
}

} // namespace mxg
