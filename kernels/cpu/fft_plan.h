// One-dimensional complex FFT plans of any length (docs/fft.md): Stockham mixed
// radix (4, 2, 3, 5 and generic odd radices up to kMaxRadix), the four-step split
// for long lengths, and Bluestein's chirp-z for lengths with a large prime factor.
// Transforms are unnormalized; `inverse` flips the exponent's sign.
#pragma once

#include <complex>
#include <cstdint>
#include <memory>
#include <vector>

namespace mxg::fft_cpu {

template <typename T>
using cpx = std::complex<T>;

/// A reusable plan for length n; immutable, shared between threads.
template <typename T>
class Plan {
 public:
  virtual ~Plan() = default;
  int64_t size() const { return n_; }
  /// Scratch (in complex elements) that execute needs besides in and out.
  virtual size_t work_size() const = 0;
  /// out = DFT(in) of length n; in, out and work must not overlap. A long transform
  /// uses the thread pool itself unless it already runs on it.
  virtual void execute(const cpx<T>* in, cpx<T>* out, cpx<T>* work, bool inverse) const = 0;

 protected:
  explicit Plan(int64_t n) : n_(n) {}
  int64_t n_;
};

/// The cached plan for length n >= 1 (thread-safe).
template <typename T>
std::shared_ptr<const Plan<T>> plan_for(int64_t n);

/// Transforms `count` lines of length plan.size(): line b starts at in + in_off(b)
/// (stride istride) and element j goes to out[out_off(b) + j * ostride] as
/// post(b, j, value). Lines may be transformed in place (in == out). Runs on the
/// thread pool.
template <typename T, typename InOff, typename OutOff, typename Post>
void transform_lines(const Plan<T>& plan, const cpx<T>* in, int64_t istride, InOff in_off, cpx<T>* out,
                     int64_t ostride, OutOff out_off, int64_t count, bool inverse, Post post);

/// The identity post-operation of transform_lines.
struct NoPost {
  template <typename V>
  V operator()(int64_t, int64_t, V v) const { return v; }
};

/// Largest radix done by a direct butterfly; larger prime factors use Bluestein.
inline constexpr int64_t kMaxRadix = 61;

} // namespace mxg::fft_cpu

#include "cpu/fft_lines.h"
