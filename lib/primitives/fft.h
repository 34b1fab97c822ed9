// The FFT primitive: an unnormalized discrete Fourier transform over a set of axes.
// The ops (lib/ops/fft.cpp) crop or zero-pad the input and apply the norm.
#pragma once

#include <vector>

#include "mxgraph/primitive.h"

namespace mxg {

/// FFT's parameters, gathered in one place: equality, printing, the .mxfn codec and
/// the shape rule read them from here.
struct FFTParams {
  std::vector<int> axes; // distinct, in [0, ndim); for real transforms the last is the real axis
  bool inverse = false;  // exp(+2 pi i jk / n) instead of exp(-2 pi i jk / n)
  bool real = false;     // forward: real -> half spectrum; inverse: half spectrum -> real
  int64_t real_size = 0; // real transforms: the real axis' length n (the half is n / 2 + 1)

  bool operator==(const FFTParams& o) const {
    return axes == o.axes && inverse == o.inverse && real == o.real && real_size == o.real_size;
  }
};

/// Complex (complex64 in and out), real forward (float32 in, complex64 out) or real
/// inverse (complex64 in, float32 out), along params.axes; unnormalized both ways.
class FFT : public Primitive {
 public:
  FFT(Stream s, FFTParams p) : Primitive(s), p_(std::move(p)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::FFT; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == kind() && static_cast<const FFT&>(o).p_ == p_;
  }
  const FFTParams& params() const { return p_; }

 private:
  FFTParams p_;
};

/// Sets `out` to the output shape of an FFT node on an input of shape `in`; false,
/// with the reason in `why`, when the parameters do not fit that input. The one
/// shape rule of the ops, vmap and import.
bool fft_output_shape(const Shape& in, const FFTParams& p, Shape& out, std::string& why);

/// The node on x (already of the input dtype the parameters need).
array fft_node(const array& x, FFTParams p, Stream s);

} // namespace mxg
