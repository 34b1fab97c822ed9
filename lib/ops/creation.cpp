// Creation ops: constant fills as broadcast views of one scalar, ranges through
// the Arange primitive, and identity-like matrices from two ranges and a compare.
#include <cmath>
#include <limits>

#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/creation.h"

namespace mxg {
namespace {

void check_shape(const Shape& shape, const char* op) {
  for (int64_t d : shape) {
    if (d < 0) {
      throw_value(op, "Negative dimensions are not allowed; got shape " + shape_str(shape) + ".");
    }
  }
  shape_size(shape, op);
}

void check_dim(int64_t n, const char* what, const char* op) {
  if (n < 0) {
    throw_value(op, std::string(what) + " must be non-negative; got " + std::to_string(n) + ".");
  }
}

// A pending range of n elements: start + i * step.
array make_range(int64_t n, double start, double step, Dtype dtype, const Stream& st,
                 std::optional<double> last = std::nullopt) {
  return array({n}, dtype, std::make_shared<Arange>(st, start, step, last), {});
}

// The boolean n x m mask "row + k == column" (or ">=" for lower), from two int64 ranges.
array diagonal_mask(int64_t n, int64_t m, int64_t k, bool lower, const StreamOrDevice& s,
                    const char* op) {
  Stream st = to_stream(s, op);
  // Row i holds i + k, so the diagonal is where it equals the column index.
  array rows = reshape(make_range(n, static_cast<double>(k), 1, int64, st), {n, 1}, s);
  array cols = make_range(m, 0, 1, int64, st);
  return lower ? greater_equal(rows, cols, s) : equal(rows, cols, s);
}

array tri_impl(int64_t n, int64_t m, int64_t k, Dtype dtype, const StreamOrDevice& s,
               const char* op) {
  return astype(diagonal_mask(n, m, k, true, s, op), dtype, s);
}

} // namespace

array arange(double start, double stop, double step, Dtype dtype, StreamOrDevice s) {
  Stream st = to_stream(s, "arange");
  if (dtype == bool_) throw_value("arange", "Cannot make a range of dtype bool.");
  if (!std::isfinite(start) || !std::isfinite(stop) || std::isnan(step)) {
    throw_value("arange", "Cannot compute the length of a range with non-finite bounds or step.");
  }
  if (step == 0) throw_value("arange", "The step must be non-zero.");
  bool forward = step > 0 ? start < stop : start > stop;
  if (std::isinf(step)) return make_range(forward ? 1 : 0, start, 0, dtype, st);
  double len = std::ceil((stop - start) / step);
  if (!(len < 4.0e18)) throw_value("arange", "The range is too long.");
  int64_t n = len > 0 ? static_cast<int64_t>(len) : 0;
  if (is_integral(dtype)) {
    // NumPy and MLX: the length from the given bounds, the values from the truncated start
    // and step (arange(0, 2, 0.5, int32) is four zeros).
    double first = std::trunc(start);
    return make_range(n, first, std::trunc(start + step) - first, dtype, st);
  }
  return make_range(n, start, step, dtype, st);
}

array arange(double start, double stop, double step, StreamOrDevice s) {
  return arange(start, stop, step, float32, s);
}
array arange(double stop, StreamOrDevice s) { return arange(0.0, stop, 1.0, float32, s); }
array arange(int start, int stop, int step, StreamOrDevice s) {
  return arange(start, stop, step, int32, s);
}
array arange(int stop, StreamOrDevice s) { return arange(0.0, stop, 1.0, int32, s); }

array linspace(double start, double stop, int num, bool endpoint, Dtype dtype, StreamOrDevice s) {
  Stream st = to_stream(s, "linspace");
  check_dim(num, "The number of samples", "linspace");
  if (dtype == bool_) throw_value("linspace", "Cannot make a range of dtype bool.");
  int64_t div = endpoint ? num - 1 : num;
  double step = div > 0 ? (stop - start) / static_cast<double>(div) : 0.0;
  std::optional<double> last;
  if (endpoint && num > 1) last = stop;
  return make_range(num, start, step, dtype, st, last);
}

array full(Shape shape, const array& vals, std::optional<Dtype> dtype, StreamOrDevice s) {
  to_stream(s, "full");
  check_shape(shape, "full");
  array v = dtype ? astype(vals, *dtype, s) : vals;
  if (broadcast_shapes(v.shape(), shape, "full") != shape) {
    throw_value("full", "Cannot broadcast values of shape " + shape_str(v.shape()) +
                            " to shape " + shape_str(shape) + ".");
  }
  return broadcast_to(v, shape, s);
}

array zeros(const Shape& shape, Dtype dtype, StreamOrDevice s) {
  to_stream(s, "zeros");
  check_shape(shape, "zeros");
  return full(shape, array(0, dtype), std::nullopt, s);
}

array ones(const Shape& shape, Dtype dtype, StreamOrDevice s) {
  to_stream(s, "ones");
  check_shape(shape, "ones");
  return full(shape, array(1, dtype), std::nullopt, s);
}

array zeros_like(const array& a, std::optional<Dtype> dtype, StreamOrDevice s) {
  return zeros(a.shape(), dtype.value_or(a.dtype()), s);
}

array ones_like(const array& a, std::optional<Dtype> dtype, StreamOrDevice s) {
  return ones(a.shape(), dtype.value_or(a.dtype()), s);
}

array full_like(const array& a, const array& vals, std::optional<Dtype> dtype, StreamOrDevice s) {
  return full(a.shape(), vals, dtype.value_or(a.dtype()), s);
}

array eye(int n, std::optional<int> m, int k, Dtype dtype, StreamOrDevice s) {
  check_dim(n, "n", "eye");
  int cols = m.value_or(n);
  check_dim(cols, "m", "eye");
  return astype(diagonal_mask(n, cols, k, false, s, "eye"), dtype, s);
}

array identity(int n, Dtype dtype, StreamOrDevice s) {
  check_dim(n, "n", "identity");
  return eye(n, n, 0, dtype, s);
}

array tri(int n, std::optional<int> m, int k, Dtype dtype, StreamOrDevice s) {
  check_dim(n, "n", "tri");
  int cols = m.value_or(n);
  check_dim(cols, "m", "tri");
  return tri_impl(n, cols, k, dtype, s, "tri");
}

array tril(const array& x, int k, StreamOrDevice s) {
  if (x.ndim() < 2) throw_value("tril", "The array must have at least 2 dimensions.");
  array mask = tri_impl(x.shape(-2), x.shape(-1), k, bool_, s, "tril");
  return where(mask, x, array(0, x.dtype()), s);
}

array triu(const array& x, int k, StreamOrDevice s) {
  if (x.ndim() < 2) throw_value("triu", "The array must have at least 2 dimensions.");
  array mask = tri_impl(x.shape(-2), x.shape(-1), int64_t(k) - 1, bool_, s, "triu");
  return where(mask, array(0, x.dtype()), x, s);
}

std::vector<array> meshgrid(const std::vector<array>& arrays, bool sparse,
                            const std::string& indexing, StreamOrDevice s) {
  to_stream(s, "meshgrid");
  if (indexing != "xy" && indexing != "ij") {
    throw_value("meshgrid", "Invalid indexing '" + indexing + "'; use 'xy' or 'ij'.");
  }
  size_t nd = arrays.size();
  std::vector<array> out;
  for (size_t i = 0; i < nd; ++i) {
    // Cartesian indexing swaps the roles of the first two axes.
    size_t pos = i;
    if (indexing == "xy" && nd > 1 && i < 2) pos = 1 - i;
    Shape shape(nd, 1);
    shape[pos] = arrays[i].size();
    out.push_back(reshape(arrays[i], shape, s));
  }
  if (!sparse && nd > 1) out = broadcast_arrays(out, s);
  return out;
}

} // namespace mxg
