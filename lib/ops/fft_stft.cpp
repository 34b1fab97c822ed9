// mx.fft helpers composed from other ops: fftshift / ifftshift (rolls), fftfreq /
// rfftfreq, and the short-time transforms stft / istft (frames gathered with take,
// overlap-add with an indexed add). All lazy and differentiable like their parts.
#include <cmath>

#include "mxgraph/ops.h"
#include "mxgraph/ops/fft.h"
#include "ops/utils.h"

namespace mxg::fft {
namespace {

array shift(const array& a, const OptAxes& axes_in, bool inverse, const char* op, StreamOrDevice sd) {
  std::vector<int> axes;
  if (axes_in) {
    for (int ax : *axes_in) axes.push_back(checked_axis(ax, a.ndim(), op));
  } else {
    axes = all_axes(a.ndim());
  }
  if (axes.empty()) return a;
  std::vector<int64_t> shifts;
  for (int ax : axes) shifts.push_back(inverse ? -(a.shape(ax) / 2) : a.shape(ax) / 2);
  return roll(a, shifts, axes, sd);
}

void check_positive(int64_t v, const char* op, const char* what) {
  if (v <= 0) throw_value(op, std::string(what) + " must be positive, got " + std::to_string(v) + ".");
}

// The window of length <= n_fft, centred and zero-padded to n_fft.
array padded_window(const std::optional<array>& window, std::optional<int64_t> win_length, int64_t n_fft,
                    const char* op, Stream st) {
  int64_t wl = win_length.value_or(n_fft);
  check_positive(wl, op, "win_length");
  array w = window ? *window : ones({wl}, float32, st);
  if (w.ndim() != 1) throw_value(op, "window must be one-dimensional, got shape " + shape_str(w.shape()) + ".");
  int64_t len = w.shape(0);
  if (len > n_fft || wl > n_fft) throw_value(op, "window length must not exceed n_fft (" + std::to_string(n_fft) + ").");
  if (!is_complex(w.dtype())) w = astype(w, float32, st);
  int64_t left = (n_fft - len) / 2;
  if (len == n_fft) return w;
  return pad(w, {{left, n_fft - len - left}}, zeros({}, w.dtype(), st), "constant", st);
}

// (frames, n_fft) indices t * hop + k.
array frame_indices(int64_t frames, int64_t n_fft, int64_t hop, Stream st) {
  array t = reshape(arange(0.0, double(frames), 1.0, int32, st), {frames, 1}, st);
  array k = reshape(arange(0.0, double(n_fft), 1.0, int32, st), {1, n_fft}, st);
  return add(multiply(t, array(static_cast<int32_t>(hop)), st), k, st);
}

// Sum of each frame (..., frames, n_fft) into its place in a signal of `total` samples.
array overlap_add(const array& frames, const array& idx, int64_t total, Stream st) {
  Shape lead(frames.shape().begin(), frames.shape().end() - 2);
  Shape flat_shape = lead, out_shape = lead;
  flat_shape.push_back(frames.shape(-2 + frames.ndim()) * frames.shape(frames.ndim() - 1));
  out_shape.push_back(total);
  array flat = reshape(frames, flat_shape, st);
  array at = reshape(idx, {idx.size()}, st);
  return index_update(zeros(out_shape, frames.dtype(), st), {Ellipsis{}, at}, flat, IndexUpdate::Add, st);
}

// Samples [start, stop) of the last axis, zero-padded past its end.
array samples(array y, int64_t start, int64_t stop, Stream st) {
  int last = y.ndim() - 1;
  if (stop > y.shape(last)) {
    std::vector<std::pair<int64_t, int64_t>> widths(y.ndim(), {0, 0});
    widths[last].second = stop - y.shape(last);
    y = pad(y, widths, zeros({}, y.dtype(), st), "constant", st);
  }
  Shape a(y.ndim(), 0), b = y.shape();
  a[last] = start;
  b[last] = std::max(start, stop);
  return slice(y, a, b, st);
}

void check_spacing(double d, const char* op) {
  if (d == 0.0) throw_value(op, "`d` must be non-zero.");
}

} // namespace

array fftshift(const array& a, const OptAxes& axes, StreamOrDevice st) { return shift(a, axes, false, "fftshift", st); }
array ifftshift(const array& a, const OptAxes& axes, StreamOrDevice st) { return shift(a, axes, true, "ifftshift", st); }

array fftfreq(int64_t n, double d, StreamOrDevice sd) {
  if (n <= 0) throw_value("fftfreq", "`n` must be greater than 0.");
  check_spacing(d, "fftfreq");
  Stream st = to_stream(sd, "fftfreq");
  array i = arange(0.0, double(n), 1.0, float32, st);
  array wrapped = where(greater_equal(i, array(float((n + 1) / 2)), st), subtract(i, array(float(n)), st), i, st);
  return multiply(wrapped, array(static_cast<float>(1.0 / (d * double(n)))), st);
}

array rfftfreq(int64_t n, double d, StreamOrDevice sd) {
  if (n <= 0) throw_value("rfftfreq", "`n` must be greater than 0.");
  check_spacing(d, "rfftfreq");
  Stream st = to_stream(sd, "rfftfreq");
  return multiply(arange(0.0, double(n / 2 + 1), 1.0, float32, st), array(static_cast<float>(1.0 / (d * double(n)))), st);
}

array stft(const array& x_in, int64_t n_fft, std::optional<int64_t> hop_length, std::optional<int64_t> win_length,
           const std::optional<array>& window, bool center, const std::string& pad_mode, const std::string& norm,
           std::optional<bool> onesided, StreamOrDevice sd) {
  const char* op = "stft";
  Stream st = to_stream(sd, op);
  check_positive(n_fft, op, "n_fft");
  int64_t hop = hop_length.value_or(std::max<int64_t>(n_fft / 4, 1));
  check_positive(hop, op, "hop_length");
  if (x_in.ndim() < 1) throw_value(op, "Input must have at least one dimension.");
  if (pad_mode != "reflect" && pad_mode != "constant" && pad_mode != "edge") {
    throw_value(op, "Invalid pad_mode '" + pad_mode + "'. Expected one of 'reflect', 'constant', 'edge'.");
  }
  array w = padded_window(window, win_length, n_fft, op, st);
  bool complex_in = is_complex(x_in.dtype()) || is_complex(w.dtype());
  bool one = onesided.value_or(!complex_in);
  if (one && complex_in) throw_value(op, "onesided=True needs a real input and window. Pass onesided=False.");
  array x = astype(x_in, complex_in ? complex64 : float32, st);
  int last = x.ndim() - 1;
  if (center) {
    std::vector<std::pair<int64_t, int64_t>> widths(x.ndim(), {0, 0});
    widths[last] = {n_fft / 2, n_fft / 2};
    if (pad_mode == "reflect" && x.shape(last) <= n_fft / 2) {
      throw_value(op, "Input is too short to reflect-pad by n_fft / 2. Use a longer input or pad_mode='constant'.");
    }
    x = pad(x, widths, zeros({}, x.dtype(), st), pad_mode, st);
  }
  if (x.shape(last) < n_fft) throw_value(op, "Input is too short for the given n_fft.");
  int64_t frames = 1 + (x.shape(last) - n_fft) / hop;
  array f = multiply(take(x, frame_indices(frames, n_fft, hop, st), last, st), w, st);
  array spec = one ? rfft(f, n_fft, -1, norm, st) : fft(f, n_fft, -1, norm, st);
  return swapaxes(spec, -1, -2, st);
}

array istft(const array& m, std::optional<int64_t> n_fft_in, std::optional<int64_t> hop_length,
            std::optional<int64_t> win_length, const std::optional<array>& window, bool center,
            const std::string& norm, std::optional<bool> onesided, std::optional<int64_t> length, StreamOrDevice sd) {
  const char* op = "istft";
  Stream st = to_stream(sd, op);
  if (m.ndim() < 2) throw_value(op, "Input must have at least two dimensions (freq, frames).");
  bool one = onesided.value_or(true);
  int64_t bins = m.shape(m.ndim() - 2), frames = m.shape(m.ndim() - 1);
  int64_t n_fft = n_fft_in.value_or(one ? 2 * (bins - 1) : bins);
  check_positive(n_fft, op, "n_fft");
  check_positive(frames, op, "The number of frames");
  int64_t hop = hop_length.value_or(std::max<int64_t>(n_fft / 4, 1));
  check_positive(hop, op, "hop_length");
  if (length) check_positive(*length, op, "length");
  array w = padded_window(window, win_length, n_fft, op, st);
  array spec = swapaxes(m, -1, -2, st);
  array f = one ? irfft(spec, n_fft, -1, norm, st) : real(ifft(spec, n_fft, -1, norm, st), st);
  f = multiply(f, w, st);
  if (is_complex(f.dtype())) f = real(f, st);
  int64_t total = n_fft + hop * (frames - 1);
  array idx = frame_indices(frames, n_fft, hop, st);
  array y = overlap_add(f, idx, total, st);
  array w2 = broadcast_to(real(multiply(w, conjugate(w, st), st), st), {frames, n_fft}, st);
  array env = overlap_add(w2, idx, total, st);
  y = divide(y, where(greater(env, array(1e-11f), st), env, array(1.0f), st), st);
  int64_t start = center ? n_fft / 2 : 0;
  int64_t stop = length ? start + *length : (center ? total - n_fft / 2 : total);
  return samples(y, start, stop, st);
}

} // namespace mxg::fft
