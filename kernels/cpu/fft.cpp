// CPU kernel for FFT: one axis at a time over a row-major buffer, lines batched on
// the thread pool (fft_lines.h). Real transforms of even length n go through a
// complex transform of length n / 2 on the packed pairs (x[2j], x[2j+1]).
#include <algorithm>
#include <cstring>

#include "cpu/elementwise_common.h"
#include "cpu/fft_plan.h"
#include "primitives/fft.h"

namespace mxg {
namespace {

using fft_cpu::cpx;
using C = cpx<float>;

// The lines of `axis` in a row-major array of shape `shape`.
struct Lines {
  int64_t len, inner, count;
  Lines(const Shape& shape, int axis) : len(shape[axis]), inner(1), count(1) {
    for (size_t d = 0; d < shape.size(); ++d) {
      if (static_cast<int>(d) > axis) inner *= shape[d];
      if (static_cast<int>(d) != axis) count *= shape[d];
    }
  }
  int64_t offset(int64_t b) const { return (b / inner) * len * inner + b % inner; }
};

// Complex transforms along `axis`, from `in` to `out` (which may be the same buffer).
void complex_axis(const C* in, C* out, const Shape& shape, int axis, bool inverse) {
  Lines l(shape, axis);
  if (l.count == 0 || l.len == 0) return;
  auto plan = fft_cpu::plan_for<float>(l.len);
  auto off = [&l](int64_t b) { return l.offset(b); };
  fft_cpu::transform_lines(*plan, in, l.inner, off, out, l.inner, off, l.count, inverse, fft_cpu::NoPost{});
}

// Real <-> half-spectrum transforms of one length n.
class RealLine {
 public:
  explicit RealLine(int64_t n) : n_(n), h_(n / 2), even_(n % 2 == 0) {
    plan_ = fft_cpu::plan_for<float>(even_ ? h_ : n);
    if (even_) {
      for (int64_t k = 0; k <= h_; ++k) {
        double a = -2.0 * M_PI * static_cast<double>(k) / static_cast<double>(n);
        tw_.emplace_back(static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a)));
      }
    }
  }
  // Complex elements of scratch one line needs.
  size_t scratch() const { return 2 * static_cast<size_t>(n_) + plan_->work_size(); }

  // X[k] (k <= n/2, stride os) from real x (stride is).
  void forward(const float* x, int64_t is, C* X, int64_t os, C* s) const {
    C* a = s;
    C* b = s + n_;
    C* work = s + 2 * n_;
    if (!even_) {
      for (int64_t j = 0; j < n_; ++j) a[j] = C(x[j * is], 0.0f);
      plan_->execute(a, b, work, false);
      for (int64_t k = 0; k <= h_; ++k) X[k * os] = b[k];
      X[0] = C(X[0].real(), 0.0f); // exactly real, as for any real input
      return;
    }
    for (int64_t j = 0; j < h_; ++j) a[j] = C(x[2 * j * is], x[(2 * j + 1) * is]);
    plan_->execute(a, b, work, false);
    for (int64_t k = 0; k <= h_; ++k) {
      C zk = b[k % h_], zc = std::conj(b[(h_ - k) % h_]);
      C e = (zk + zc) * 0.5f, d = (zk - zc) * 0.5f;
      C o(d.imag(), -d.real()); // -i d
      const C& w = tw_[k];
      X[k * os] = e + C(w.real() * o.real() - w.imag() * o.imag(), w.real() * o.imag() + w.imag() * o.real());
    }
    X[0] = C(X[0].real(), 0.0f); // bins 0 and n/2 are exactly real
    X[h_ * os] = C(X[h_ * os].real(), 0.0f);
  }

  // Real x (stride os) from the half spectrum X (stride is): the real part of the
  // unnormalized inverse of its Hermitian extension (imaginary parts of X[0] and
  // X[n/2] do not contribute).
  void inverse(const C* X, int64_t is, float* x, int64_t os, C* s) const {
    C* a = s;
    C* b = s + n_;
    C* work = s + 2 * n_;
    if (!even_) {
      a[0] = C(X[0].real(), 0.0f);
      for (int64_t k = 1; k <= h_; ++k) a[k] = X[k * is], a[n_ - k] = std::conj(X[k * is]);
      plan_->execute(a, b, work, true);
      for (int64_t j = 0; j < n_; ++j) x[j * os] = b[j].real();
      return;
    }
    for (int64_t k = 0; k < h_; ++k) {
      C xk = X[k * is], xc = std::conj(X[(h_ - k) * is]);
      if (k == 0) xk = C(xk.real(), 0.0f), xc = C(xc.real(), 0.0f);
      C e = xk + xc, d = xk - xc;
      const C& w = tw_[k]; // d * conj(w), then times i
      C o(d.real() * w.real() + d.imag() * w.imag(), d.imag() * w.real() - d.real() * w.imag());
      a[k] = e + C(-o.imag(), o.real());
    }
    plan_->execute(a, b, work, true);
    for (int64_t j = 0; j < h_; ++j) x[2 * j * os] = b[j].real(), x[(2 * j + 1) * os] = b[j].imag();
  }

 private:
  int64_t n_, h_;
  bool even_;
  std::shared_ptr<const fft_cpu::Plan<float>> plan_;
  std::vector<C> tw_;
};

template <typename Fn>
void each_line(const Lines& l, int64_t n, Fn fn) {
  RealLine rl(n);
  int64_t grain = std::max<int64_t>(1, (int64_t(1) << 14) / std::max<int64_t>(n, 1));
  parallel_for(l.count, grain, [&](int64_t b0, int64_t b1) {
    std::vector<C> scratch(rl.scratch());
    for (int64_t b = b0; b < b1; ++b) fn(rl, b, scratch.data());
  });
}

} // namespace

void FFT::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array in = ensure_row_contiguous(inputs[0]);
  array& out = outputs[0];
  alloc_rows(out);
  if (out.size() == 0) return;
  const FFTParams& p = params();
  const auto& axes = p.axes;
  size_t ncomplex = p.real ? axes.size() - 1 : axes.size();
  if (!p.real) {
    const C* src = in.data<C>();
    for (size_t i = 0; i < ncomplex; ++i) {
      complex_axis(src, out.data<C>(), out.shape(), axes[i], p.inverse);
      src = out.data<C>();
    }
    return;
  }
  int ra = axes.back();
  if (!p.inverse) { // real axis first, then the complex ones in place
    Lines li(in.shape(), ra), lo(out.shape(), ra);
    const float* x = in.data<float>();
    C* y = out.data<C>();
    each_line(li, p.n, [&](const RealLine& rl, int64_t b, C* s) {
      rl.forward(x + li.offset(b), li.inner, y + lo.offset(b), lo.inner, s);
    });
    for (size_t i = 0; i < ncomplex; ++i) complex_axis(y, y, out.shape(), axes[i], false);
    return;
  }
  // Complex inverses on a copy of the input, then the real axis.
  std::vector<C> tmp(in.data<C>(), in.data<C>() + in.size());
  for (size_t i = 0; i < ncomplex; ++i) complex_axis(tmp.data(), tmp.data(), in.shape(), axes[i], true);
  Lines li(in.shape(), ra), lo(out.shape(), ra);
  float* x = out.data<float>();
  const C* y = tmp.data();
  each_line(li, p.n, [&](const RealLine& rl, int64_t b, C* s) {
    rl.inverse(y + li.offset(b), li.inner, x + lo.offset(b), lo.inner, s);
  });
}

} // namespace mxg
