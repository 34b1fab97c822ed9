// The C ABI of mx.fft: one entry for the n-dimensional transforms (the kind picks
// fftn / ifftn / rfftn / irfftn), and the shift, frequency and short-time helpers.
#include <cstring>

#include "capi_internal.h"
#include "mxgraph/ops/fft.h"

using namespace mxg;
using namespace mxg::capi;

namespace {

std::string norm_of(const char* norm) { return norm ? norm : "backward"; }
std::optional<int64_t> opt_len(int64_t v) {
  if (v < 0) return std::nullopt;
  return v;
}
std::optional<bool> opt_flag(int v) {
  if (v < 0) return std::nullopt;
  return v != 0;
}

} // namespace

int mxg_fft(mxg_array** out, const mxg_array* a, const int64_t* n, const int* axes, size_t num_axes,
            mxg_fft_kind kind, const char* norm, const mxg_stream* s) {
  const char* fn = "mxg_fft";
  return guard_array(fn, out, [&] {
    fft::OptAxes ax;
    fft::OptShape sizes;
    if (axes) ax = to_ints(axes, num_axes, fn, "axes");
    if (n) sizes = Shape(n, n + num_axes);
    // Read as bytes: a value past the enumerators is out of the C++ enum's range (UBSan).
    int k = 0;
    static_assert(sizeof(mxg_fft_kind) == sizeof(int), "mxg_fft_kind is an int-sized enum");
    std::memcpy(&k, &kind, sizeof k);
    switch (k) {
      case MXG_FFT: return fft::fftn(arr(a, fn), sizes, ax, norm_of(norm), stream(s));
      case MXG_IFFT: return fft::ifftn(arr(a, fn), sizes, ax, norm_of(norm), stream(s));
      case MXG_RFFT: return fft::rfftn(arr(a, fn), sizes, ax, norm_of(norm), stream(s));
      case MXG_IRFFT: return fft::irfftn(arr(a, fn), sizes, ax, norm_of(norm), stream(s));
    }
    throw std::invalid_argument("[mxg_fft] Unknown kind " + std::to_string(k) +
                                ". Pass MXG_FFT, MXG_IFFT, MXG_RFFT or MXG_IRFFT.");
  });
}

int mxg_fft_shift(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes, int inverse,
                  const mxg_stream* s) {
  const char* fn = "mxg_fft_shift";
  return guard_array(fn, out, [&] {
    fft::OptAxes ax;
    if (axes) ax = to_ints(axes, num_axes, fn, "axes");
    return inverse ? fft::ifftshift(arr(a, fn), ax, stream(s)) : fft::fftshift(arr(a, fn), ax, stream(s));
  });
}

int mxg_fft_freq(mxg_array** out, int64_t n, double d, int real, const mxg_stream* s) {
  return guard_array("mxg_fft_freq", out,
                     [&] { return real ? fft::rfftfreq(n, d, stream(s)) : fft::fftfreq(n, d, stream(s)); });
}

int mxg_fft_stft(mxg_array** out, const mxg_array* x, int64_t n_fft, int64_t hop_length, int64_t win_length,
                 const mxg_array* window, int center, const char* pad_mode, const char* norm, int onesided,
                 const mxg_stream* s) {
  const char* fn = "mxg_fft_stft";
  return guard_array(fn, out, [&] {
    std::optional<array> w;
    if (window) w = arr(window, fn, "window");
    return fft::stft(arr(x, fn, "x"), n_fft < 0 ? 2048 : n_fft, opt_len(hop_length), opt_len(win_length), w,
                     center != 0, pad_mode ? pad_mode : "reflect", norm_of(norm), opt_flag(onesided), stream(s));
  });
}

int mxg_fft_istft(mxg_array** out, const mxg_array* m, int64_t n_fft, int64_t hop_length, int64_t win_length,
                  const mxg_array* window, int center, const char* norm, int onesided, int64_t length,
                  const mxg_stream* s) {
  const char* fn = "mxg_fft_istft";
  return guard_array(fn, out, [&] {
    std::optional<array> w;
    if (window) w = arr(window, fn, "window");
    return fft::istft(arr(m, fn, "stft_matrix"), opt_len(n_fft), opt_len(hop_length), opt_len(win_length), w,
                      center != 0, norm_of(norm), opt_flag(onesided), opt_len(length), stream(s));
  });
}
