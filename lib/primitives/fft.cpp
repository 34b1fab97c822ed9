// FFT: the shape rule and node construction (the kernel is kernels/cpu/fft.cpp).
#include "primitives/fft.h"

#include <algorithm>

namespace mxg {

bool fft_output_shape(const Shape& in, const FFTParams& p, Shape& out, std::string& why) {
  const int nd = static_cast<int>(in.size());
  if (p.axes.empty()) return why = "it has no axes.", false;
  std::vector<int> seen(p.axes);
  std::sort(seen.begin(), seen.end());
  if (std::adjacent_find(seen.begin(), seen.end()) != seen.end()) return why = "an axis repeats.", false;
  if (seen.front() < 0 || seen.back() >= nd) return why = "an axis is out of range.", false;
  out = in;
  if (!p.real) return true;
  int ax = p.axes.back();
  int64_t half = p.n / 2 + 1;
  if (p.n < 1) return why = "the real length is not positive.", false;
  if (!p.inverse) {
    if (in[ax] != p.n) return why = "the real axis' length differs from n.", false;
    out[ax] = half;
  } else {
    if (in[ax] != half) return why = "the half spectrum's length is not n / 2 + 1.", false;
    out[ax] = p.n;
  }
  return true;
}

array fft_node(const array& x, FFTParams p, Stream s) {
  Shape shape;
  std::string why;
  if (!fft_output_shape(x.shape(), p, shape, why)) throw std::invalid_argument("[fft] Bad FFT node: " + why);
  Dtype out = p.real && p.inverse ? float32 : complex64;
  return array(std::move(shape), out, std::make_shared<FFT>(s, std::move(p)), {x});
}

} // namespace mxg
