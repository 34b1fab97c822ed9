// Batching rule for FFT: the batch axis goes in front and the transform's axes move
// up by one.
#include "primitives/fft.h"
#include "primitives/vmap_rules.h"

namespace mxg {

VmapResult vmap_FFT(const Primitive& prim, const std::vector<array>& inputs, const std::vector<int>& axes,
                    const std::vector<array>&) {
  FFTParams p = static_cast<const FFT&>(prim).params();
  for (int& a : p.axes) ++a;
  return {{fft_node(batch_to_front(inputs[0], axes[0]), std::move(p), prim.stream())}, {0}};
}

} // namespace mxg
