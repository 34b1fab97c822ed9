// vjp / jvp rules for FFT. The transform is linear, so the jvp applies it to the
// tangent. The vjp applies the adjoint (the conjugate transpose, MLX's convention for
// complex cotangents): for a complex transform the same transform with the opposite
// sign; for the real ones the adjoint of a half spectrum weighs the bins that stand
// for two conjugate frequencies by 1/2 (forward) or 2 (inverse).
#include "mxgraph/ops.h"
#include "primitives/fft.h"
#include "primitives/grad_rules.h"

namespace mxg {
namespace {

// Weights along the half spectrum of a real length n: `inner` for the bins standing
// for a conjugate pair, 1 for bin 0 and (n even) bin n / 2; shaped to broadcast
// along `axis` of an ndim-dimensional array.
array half_weights(int64_t n, float inner, int axis, int ndim) {
  int64_t half = n / 2 + 1;
  std::vector<float> w(static_cast<size_t>(half), inner);
  w[0] = 1.0f;
  if (n % 2 == 0) w[half - 1] = 1.0f;
  Shape shape(static_cast<size_t>(ndim), 1);
  shape[axis] = half;
  return array(w.data(), shape, float32);
}

// The complex part of a real transform: every axis but the last, as a complex FFT.
array complex_part(const array& x, const FFTParams& p, bool inverse, Stream s) {
  if (p.axes.size() < 2) return x;
  FFTParams c{std::vector<int>(p.axes.begin(), p.axes.end() - 1), inverse, false, 0};
  return fft_node(x, c, s);
}

FFTParams real_only(const FFTParams& p, bool inverse) { return {{p.axes.back()}, inverse, true, p.n}; }

} // namespace

std::vector<array> vjp_FFT(const Primitive& prim, const std::vector<array>& primals,
                           const std::vector<array>& cotangents, const std::vector<int>&,
                           const std::vector<array>&) {
  const FFTParams& p = static_cast<const FFT&>(prim).params();
  Stream s = prim.stream();
  const array& g = cotangents[0];
  int nd = primals[0].ndim();
  if (!p.real) return {fft_node(g, {p.axes, !p.inverse, false, 0}, s)};
  if (!p.inverse) { // rfftn: complex forward on the others after the real axis
    array c = complex_part(g, p, true, s);
    c = multiply(c, half_weights(p.n, 0.5f, p.axes.back(), nd), s);
    return {fft_node(c, real_only(p, true), s)};
  }
  // irfftn: complex inverse on the others, then the real axis.
  array c = fft_node(g, real_only(p, false), s);
  c = multiply(c, half_weights(p.n, 2.0f, p.axes.back(), nd), s);
  return {complex_part(c, p, false, s)};
}

std::vector<array> jvp_FFT(const Primitive& prim, const std::vector<array>&, const std::vector<array>& tangents,
                           const std::vector<int>&, const std::vector<array>&) {
  const FFTParams& p = static_cast<const FFT&>(prim).params();
  Dtype in = p.real && !p.inverse ? float32 : complex64;
  return {fft_node(astype(tangents[0], in, prim.stream()), p, prim.stream())};
}

} // namespace mxg
