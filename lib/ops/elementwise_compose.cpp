// Elementwise ops composed from the Unary / Binary / Select primitives (isfinite,
// rounding to decimals, clip, nan_to_num, closeness, equality) and view.
#include <cmath>
#include <limits>

#include "mxgraph/ops.h"
#include "mxgraph/transforms.h"
#include "ops/utils.h"
#include "primitives/elementwise.h"

namespace mxg {
namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;

Dtype float_of(Dtype t) { return is_inexact(t) ? t : float32; }
bool is_exact(Dtype t) { return is_integral(t) || t == bool_; }

/// The largest finite value of a floating dtype.
double float_max(Dtype t) {
  switch (t) {
    case float16: return 65504.0;
    case bfloat16: return 3.3895313892515355e38;
    case float64: return std::numeric_limits<double>::max();
    default: return std::numeric_limits<float>::max();
  }
}

/// A 0-d constant of dtype t.
array scalar(double v, Dtype t) { return array(v, t); }

/// nan_to_num of a real floating array.
array nan_to_num_real(const array& a, double nan, double posinf, double neginf, const Stream& st) {
  Dtype t = a.dtype();
  array x = where(isnan(a, st), scalar(nan, t), a, st);
  x = where(isposinf(a, st), scalar(posinf, t), x, st);
  return where(isneginf(a, st), scalar(neginf, t), x, st);
}

} // namespace

array isfinite(const array& a, StreamOrDevice s) {
  Stream st = to_stream(s, "isfinite");
  Dtype t = a.dtype();
  if (is_exact(t)) return equal(a, a, st); // every integer is finite: all true
  if (is_complex(t)) return logical_and(isfinite(real(a, st), st), isfinite(imag(a, st), st), st);
  // |x| < inf is false for inf and NaN alike.
  return less(abs(a, st), scalar(INFINITY, t), st);
}

array degrees(const array& a, StreamOrDevice s) {
  Stream st = to_stream(s, "degrees");
  Dtype t = float_of(a.dtype());
  return multiply(astype(a, t, st), scalar(180.0 / kPi, t), st);
}

array radians(const array& a, StreamOrDevice s) {
  Stream st = to_stream(s, "radians");
  Dtype t = float_of(a.dtype());
  return multiply(astype(a, t, st), scalar(kPi / 180.0, t), st);
}

array round(const array& a, int decimals, StreamOrDevice s) {
  Stream st = to_stream(s, "round");
  Dtype t = a.dtype();
  if (decimals == 0 || (is_exact(t) && decimals > 0)) return round(a, st);
  // NumPy: scale, round half to even, unscale (dividing by a power of ten is exact
  // where multiplying by its inverse is not). Integers round in float64.
  Dtype ct = is_exact(t) ? float64 : t;
  array x = astype(a, ct, st);
  Dtype rt = is_complex(ct) ? float32 : ct;
  array f = scalar(std::pow(10.0, std::abs(decimals)), rt);
  array y = decimals > 0 ? divide(round(multiply(x, f, st), st), f, st)
                         : multiply(round(divide(x, f, st), st), f, st);
  // Integers wrap to the type as in NumPy and MLX (round(int8 127, -1) is -126): through
  // the 64-bit type of the same signedness, since a direct cast saturates.
  if (is_exact(t) && t != bool_) y = astype(y, is_unsigned(t) ? uint64 : int64, st);
  return astype(y, t, st);
}

array trunc(const array& a, StreamOrDevice s) {
  Stream st = to_stream(s, "trunc");
  if (is_complex(a.dtype())) throw_value("trunc", "Complex inputs are not supported.");
  if (is_exact(a.dtype())) return a;
  return where(less(a, scalar(0.0, a.dtype()), st), ceil(a, st), floor(a, st), st);
}

array positive(const array& a, StreamOrDevice s) {
  to_stream(s, "positive");
  return a;
}

array logical_xor(const array& a, const array& b, StreamOrDevice s) {
  Stream st = to_stream(s, "logical_xor");
  broadcast_shapes(a.shape(), b.shape(), "logical_xor");
  return not_equal(astype(a, bool_, st), astype(b, bool_, st), st);
}

array clip(const array& a, const std::optional<array>& lo, const std::optional<array>& hi,
           StreamOrDevice s) {
  Stream st = to_stream(s, "clip");
  if (!lo && !hi) throw_value("clip", "At most one of a_min and a_max may be None.");
  // Check the final shape first so a bad bound fails with the clip name.
  Shape shape = a.shape();
  if (lo) shape = broadcast_shapes(shape, lo->shape(), "clip");
  if (hi) shape = broadcast_shapes(shape, hi->shape(), "clip");
  array x = a;
  if (lo) x = maximum(x, *lo, st);
  if (hi) x = minimum(x, *hi, st);
  return x;
}

array nan_to_num(const array& a, double nan, std::optional<double> posinf,
                 std::optional<double> neginf, StreamOrDevice s) {
  Stream st = to_stream(s, "nan_to_num");
  Dtype t = a.dtype();
  if (!is_inexact(t)) return a;
  Dtype rt = is_complex(t) ? float32 : t;
  double pi = posinf.value_or(float_max(rt)), ni = neginf.value_or(-float_max(rt));
  if (!is_complex(t)) return nan_to_num_real(a, nan, pi, ni, st);
  // Complex: each part on its own (NumPy), then re + im * 1j.
  array re = nan_to_num_real(real(a, st), nan, pi, ni, st);
  array im = nan_to_num_real(imag(a, st), nan, pi, ni, st);
  array j(complex64_t(0.0f, 1.0f));
  return add(astype(re, complex64, st), multiply(astype(im, complex64, st), j, st), st);
}

array isclose(const array& a, const array& b, double rtol, double atol, bool equal_nan,
              StreamOrDevice s) {
  Stream st = to_stream(s, "isclose");
  broadcast_shapes(a.shape(), b.shape(), "isclose");
  Dtype t = float_of(promote_types(a.dtype(), b.dtype()));
  array x = astype(a, t, st), y = astype(b, t, st);
  Dtype rt = is_complex(t) ? float32 : t;
  // |x - y| <= atol + rtol * |y| for finite y; infinities are close only to themselves.
  array tol = add(scalar(atol, rt), multiply(scalar(rtol, rt), abs(y, st), st), st);
  array close = less_equal(abs(subtract(x, y, st), st), tol, st);
  close = logical_or(logical_and(close, logical_not(isinf(y, st), st), st), equal(x, y, st), st);
  if (equal_nan) close = logical_or(close, logical_and(isnan(x, st), isnan(y, st), st), st);
  return close;
}

array allclose(const array& a, const array& b, double rtol, double atol, bool equal_nan,
               StreamOrDevice s) {
  Stream st = to_stream(s, "allclose");
  return all(isclose(a, b, rtol, atol, equal_nan, st), false, st);
}

array array_equal(const array& a, const array& b, bool equal_nan, StreamOrDevice s) {
  Stream st = to_stream(s, "array_equal");
  if (a.shape() != b.shape()) return array(false);
  array eq = equal(a, b, st);
  if (equal_nan && is_inexact(promote_types(a.dtype(), b.dtype()))) {
    eq = logical_or(eq, logical_and(isnan(a, st), isnan(b, st), st), st);
  }
  return all(eq, false, st);
}

array view(const array& a, Dtype dtype, StreamOrDevice s) {
  Stream st = to_stream(s, "view");
  if (dtype == a.dtype()) return a;
  int ib = size_of(a.dtype()), ob = size_of(dtype);
  Shape shape = a.shape();
  if (ib != ob) {
    if (a.ndim() == 0) {
      throw_value("view", std::string("Cannot view a 0-d ") + dtype_name(a.dtype()) + " array as " +
                              dtype_name(dtype) + ": the item sizes differ. Use a 1-d array.");
    }
    int64_t bytes = shape.back() * ib;
    if (bytes % ob != 0) {
      throw_value("view", "The last axis (" + std::to_string(shape.back()) + " x " +
                              std::to_string(ib) + " bytes) is not a multiple of the " +
                              std::to_string(ob) + "-byte item size of " + dtype_name(dtype) + ".");
    }
    shape.back() = bytes / ob;
  }
  return array(shape, dtype, std::make_shared<View>(st, dtype), {a});
}

} // namespace mxg
