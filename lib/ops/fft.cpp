// The transforms of mx.fft: argument checks (MLX's errors), the cast, crop / zero-pad
// to the requested lengths, one FFT node, and the norm's scale.
#include "mxgraph/ops/fft.h"

#include <cmath>

#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/fft.h"

namespace mxg::fft {
namespace {

struct Kind {
  bool inverse, real;
};

// The norm's scale of a transform over `total` points.
double norm_scale(const std::string& norm, bool inverse, double total, const char* op) {
  if (norm == "backward") return inverse ? 1.0 / total : 1.0;
  if (norm == "forward") return inverse ? 1.0 : 1.0 / total;
  if (norm == "ortho") return 1.0 / std::sqrt(total);
  throw_value(op, "Invalid norm '" + norm + "'. Expected one of {'backward', 'ortho', 'forward'}.");
}

// The normalised axes (IndexError when out of range, ValueError when repeated).
std::vector<int> fft_axes(const array& a, const OptAxes& axes, const OptShape& s, const char* op) {
  if (!axes) {
    if (a.ndim() == 0) throw_value(op, "Requires array with at least one dimension. Reshape a scalar to (1,) first.");
    if (s) throw_value(op, "`axes` should not be `None` if `s` is not `None`. Pass the axes `s` is for.");
    return all_axes(a.ndim());
  }
  std::vector<int> out;
  for (int ax : *axes) {
    int n = checked_axis(ax, a.ndim(), op);
    for (int seen : out) {
      if (seen == n) throw_value(op, "Duplicated axis " + std::to_string(ax) + " received. Pass each axis once.");
    }
    out.push_back(n);
  }
  return out;
}

// The transform lengths: `s`, or the input's (for irfft the real length 2 (m - 1)).
Shape fft_sizes(const array& a, const std::vector<int>& axes, const OptShape& s, Kind k, const char* op) {
  Shape n;
  if (s) {
    if (s->size() != axes.size()) {
      throw_value(op, "`s` has " + std::to_string(s->size()) + " entries and `axes` " +
                          std::to_string(axes.size()) + ". Give one length per axis.");
    }
    n = *s;
  } else {
    for (int ax : axes) n.push_back(a.shape(ax));
    if (k.real && k.inverse && !n.empty()) n.back() = 2 * (n.back() - 1);
  }
  for (int64_t v : n) {
    if (v <= 0) throw_value(op, "Invalid FFT output size requested (" + std::to_string(v) + "). Lengths must be positive.");
  }
  return n;
}

// x cropped or zero-padded to `len` along `axis`.
array fit_axis(const array& x, int axis, int64_t len, Stream st) {
  int64_t have = x.shape(axis);
  if (have == len) return x;
  if (have > len) {
    Shape start(x.ndim(), 0), stop = x.shape();
    stop[axis] = len;
    return slice(x, start, stop, st);
  }
  std::vector<std::pair<int64_t, int64_t>> widths(x.ndim(), {0, 0});
  widths[axis].second = len - have;
  return pad(x, widths, zeros({}, x.dtype(), st), "constant", st);
}

array transform(const array& a, const OptShape& s, const OptAxes& axes_in, const std::string& norm, Kind k,
                const char* op, StreamOrDevice sd) {
  Stream st = to_stream(sd, op);
  std::vector<int> axes = fft_axes(a, axes_in, s, op);
  Shape n = fft_sizes(a, axes, s, k, op);
  double total = 1.0;
  for (int64_t v : n) total *= static_cast<double>(v);
  double scale = norm_scale(norm, k.inverse, total, op);
  if (axes.empty()) return a; // as MLX: nothing to transform
  Dtype in_dtype = k.real && !k.inverse ? float32 : complex64;
  array x = astype(a, in_dtype, st);
  for (size_t i = 0; i < axes.size(); ++i) {
    bool half = k.real && k.inverse && i + 1 == axes.size();
    x = fit_axis(x, axes[i], half ? n[i] / 2 + 1 : n[i], st);
  }
  array y = fft_node(x, {axes, k.inverse, k.real, k.real ? n.back() : 0}, st);
  if (scale == 1.0) return y;
  return multiply(y, array(static_cast<float>(scale)), st);
}

OptShape one_size(std::optional<int64_t> n) {
  if (!n) return std::nullopt;
  return Shape{*n};
}

} // namespace

array fftn(const array& a, const OptShape& s, const OptAxes& axes, const std::string& norm, StreamOrDevice st) {
  return transform(a, s, axes, norm, {false, false}, "fftn", st);
}
array ifftn(const array& a, const OptShape& s, const OptAxes& axes, const std::string& norm, StreamOrDevice st) {
  return transform(a, s, axes, norm, {true, false}, "ifftn", st);
}
array rfftn(const array& a, const OptShape& s, const OptAxes& axes, const std::string& norm, StreamOrDevice st) {
  return transform(a, s, axes, norm, {false, true}, "rfftn", st);
}
array irfftn(const array& a, const OptShape& s, const OptAxes& axes, const std::string& norm, StreamOrDevice st) {
  return transform(a, s, axes, norm, {true, true}, "irfftn", st);
}

array fft2(const array& a, const OptShape& s, const OptAxes& axes, const std::string& norm, StreamOrDevice st) {
  return transform(a, s, axes, norm, {false, false}, "fft2", st);
}
array ifft2(const array& a, const OptShape& s, const OptAxes& axes, const std::string& norm, StreamOrDevice st) {
  return transform(a, s, axes, norm, {true, false}, "ifft2", st);
}
array rfft2(const array& a, const OptShape& s, const OptAxes& axes, const std::string& norm, StreamOrDevice st) {
  return transform(a, s, axes, norm, {false, true}, "rfft2", st);
}
array irfft2(const array& a, const OptShape& s, const OptAxes& axes, const std::string& norm, StreamOrDevice st) {
  return transform(a, s, axes, norm, {true, true}, "irfft2", st);
}

array fft(const array& a, std::optional<int64_t> n, int axis, const std::string& norm, StreamOrDevice st) {
  return transform(a, one_size(n), std::vector<int>{axis}, norm, {false, false}, "fft", st);
}
array ifft(const array& a, std::optional<int64_t> n, int axis, const std::string& norm, StreamOrDevice st) {
  return transform(a, one_size(n), std::vector<int>{axis}, norm, {true, false}, "ifft", st);
}
array rfft(const array& a, std::optional<int64_t> n, int axis, const std::string& norm, StreamOrDevice st) {
  return transform(a, one_size(n), std::vector<int>{axis}, norm, {false, true}, "rfft", st);
}
array irfft(const array& a, std::optional<int64_t> n, int axis, const std::string& norm, StreamOrDevice st) {
  return transform(a, one_size(n), std::vector<int>{axis}, norm, {true, true}, "irfft", st);
}

} // namespace mxg::fft
