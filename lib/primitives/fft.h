// The FFT primitive: an unnormalized discrete Fourier transform over a set of axes.
// The ops (lib/ops/fft.cpp) crop or zero-pad the input and apply the norm.
#pragma once

#include <vector>

#include "primitives/params.h"

namespace mxg {

/// FFT's parameters, declared once: print, equality, the hash and the .mxfn codec
/// are derived from `fields` (lib/primitives/params.h).
struct FFTParams {
  std::vector<int> axes; // distinct, in [0, ndim); for real transforms the last is the real axis
  bool inverse = false;  // exp(+2 pi i jk / n) instead of exp(-2 pi i jk / n)
  bool real = false;     // forward: real -> half spectrum; inverse: half spectrum -> real
  int64_t n = 0;         // real transforms: the real axis' length (the half is n / 2 + 1); else 0
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(axes);
    MXG_FIELD(inverse, Show::Flag, "inverse");
    MXG_FIELD(real, Show::Flag, "real");
    MXG_FIELD(n, Show::Optional);
  }
};

/// Complex (complex64 in and out), real forward (float32 in, complex64 out) or real
/// inverse (complex64 in, float32 out), along params.axes; unnormalized both ways.
class FFT : public ParamPrimitive<FFT, FFTParams> {
 public:
  using ParamPrimitive::ParamPrimitive;
  PrimitiveKind kind() const override { return PrimitiveKind::FFT; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
};

/// Sets `out` to the output shape of an FFT node on an input of shape `in`; false,
/// with the reason in `why`, when the parameters do not fit that input. The one
/// shape rule of the ops, vmap and import.
bool fft_output_shape(const Shape& in, const FFTParams& p, Shape& out, std::string& why);

/// The node on x (already of the input dtype the parameters need).
array fft_node(const array& x, FFTParams p, Stream s);

} // namespace mxg
