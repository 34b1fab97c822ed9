// Reduction and scan ops: axis checks and dtype rules, then Reduce / ArgReduce /
// Scan nodes; mean, var, std, logsumexp and softmax are compositions.
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/reduction.h"

namespace mxg {
namespace {

Dtype float_of(Dtype t) { return is_inexact(t) ? t : float32; }

// sum/prod result type (MLX): small integers widen to 32 bits, bool counts in int32.
Dtype sum_dtype(Dtype t) {
  if (t == bool_) return int32;
  if (is_signed_int(t)) return size_of(t) <= 4 ? int32 : int64;
  if (is_unsigned(t)) return size_of(t) <= 4 ? uint32 : uint64;
  return t;
}

Shape kept_shape(const Shape& shape, const std::vector<int>& axes) {
  Shape out = shape;
  for (int ax : axes) out[ax] = 1;
  return out;
}

Shape squeezed_shape(const Shape& shape, const std::vector<int>& axes) {
  Shape out;
  for (int d = 0; d < static_cast<int>(shape.size()); ++d) {
    if (std::find(axes.begin(), axes.end(), d) == axes.end()) out.push_back(shape[d]);
  }
  return out;
}

int64_t reduced_count(const array& a, const std::vector<int>& axes) {
  int64_t n = 1;
  for (int ax : axes) n *= a.shape(ax);
  return n;
}

// One Reduce node over normalised `axes`, keeping or dropping them.
array reduce_node(ReduceOp op, const array& a, const std::vector<int>& axes, bool keepdims,
                  Dtype out_dtype, Stream st) {
  if (axes.empty()) return astype(a, out_dtype, st);
  array out(kept_shape(a.shape(), axes), out_dtype, std::make_shared<Reduce>(st, op, axes), {a});
  return keepdims ? out : reshape(out, squeezed_shape(a.shape(), axes), st);
}

array reduce_op(ReduceOp op, const char* name, const array& a, const std::vector<int>& axes,
                bool keepdims, StreamOrDevice s) {
  Stream st = to_stream(s, name);
  auto ax = normalize_axes(axes, a.ndim(), name);
  switch (op) {
    case ReduceOp::Sum:
    case ReduceOp::Prod:
      return reduce_node(op, a, ax, keepdims, sum_dtype(a.dtype()), st);
    case ReduceOp::Max:
    case ReduceOp::Min:
      // Only an empty reduced axis lacks a maximum; (0, 3) over axis 1 gives (0,).
      for (int x : ax) {
        if (a.shape()[x] == 0) {
          throw_value(name, std::string("Cannot ") + name + " reduce over axis " + std::to_string(x) +
                                " with size 0; an empty axis has no maximum or minimum.");
        }
      }
      return reduce_node(op, a, ax, keepdims, a.dtype(), st);
    case ReduceOp::And:
    case ReduceOp::Or: {
      array b = a.dtype() == bool_ ? a : astype(a, bool_, st);
      return reduce_node(op, b, ax, keepdims, bool_, st);
    }
  }
  return a;
}

std::vector<int> one_axis(int axis) { return {axis}; }

} // namespace

#define MXG_DEFINE_REDUCTION(name, OP)                                                       \
  array name(const array& a, const std::vector<int>& axes, bool keepdims, StreamOrDevice s) { \
    return reduce_op(ReduceOp::OP, #name, a, axes, keepdims, s);                             \
  }                                                                                          \
  array name(const array& a, bool keepdims, StreamOrDevice s) {                              \
    return name(a, all_axes(a.ndim()), keepdims, s);                                         \
  }                                                                                          \
  array name(const array& a, int axis, bool keepdims, StreamOrDevice s) {                    \
    return name(a, one_axis(axis), keepdims, s);                                             \
  }

MXG_DEFINE_REDUCTION(sum, Sum)
MXG_DEFINE_REDUCTION(prod, Prod)
MXG_DEFINE_REDUCTION(max, Max)
MXG_DEFINE_REDUCTION(min, Min)
MXG_DEFINE_REDUCTION(all, And)
MXG_DEFINE_REDUCTION(any, Or)
#undef MXG_DEFINE_REDUCTION

#define MXG_DEFINE_FORWARDS(name)                                             \
  array name(const array& a, bool keepdims, StreamOrDevice s) {               \
    return name(a, all_axes(a.ndim()), keepdims, s);                          \
  }                                                                           \
  array name(const array& a, int axis, bool keepdims, StreamOrDevice s) {     \
    return name(a, one_axis(axis), keepdims, s);                              \
  }

array mean(const array& a, const std::vector<int>& axes, bool keepdims, StreamOrDevice s) {
  Stream st = to_stream(s, "mean");
  auto ax = normalize_axes(axes, a.ndim(), "mean");
  Dtype dt = float_of(a.dtype());
  // Integers are summed as float32; halves accumulate and are scaled in float32.
  Dtype work = dt == float16 || dt == bfloat16 ? float32 : dt;
  array x = is_inexact(a.dtype()) ? a : astype(a, dt, st);
  array total = ax.empty() ? astype(x, work, st)
                           : reduce_node(ReduceOp::Sum, x, ax, keepdims, work, st);
  double n = static_cast<double>(reduced_count(a, ax));
  array out = multiply(total, array(1.0 / n, work), st);
  return astype(out, dt, st);
}
MXG_DEFINE_FORWARDS(mean)

array var(const array& a, const std::vector<int>& axes, bool keepdims, int ddof,
          StreamOrDevice s) {
  Stream st = to_stream(s, "var");
  auto ax = normalize_axes(axes, a.ndim(), "var");
  Dtype dt = float_of(a.dtype());
  Dtype work = dt == float16 || dt == bfloat16 ? float32 : dt;
  array x = astype(a, work, st);
  array d = subtract(x, mean(x, ax, true, st), st);
  // Complex deviations count by |d|^2, so the variance is real (float32), as MLX.
  array d2 = is_complex(work) ? add(square(real(d, st), st), square(imag(d, st), st), st)
                              : multiply(d, d, st);
  if (is_complex(work)) dt = work = float32;
  array ss = sum(d2, ax, keepdims, st);
  double n = static_cast<double>(reduced_count(a, ax)) - ddof;
  array v = divide(ss, array(std::max(n, 0.0), work), st);
  return astype(v, dt, st);
}
array var(const array& a, bool keepdims, int ddof, StreamOrDevice s) {
  return var(a, all_axes(a.ndim()), keepdims, ddof, s);
}
array var(const array& a, int axis, bool keepdims, int ddof, StreamOrDevice s) {
  return var(a, one_axis(axis), keepdims, ddof, s);
}

array std(const array& a, const std::vector<int>& axes, bool keepdims, int ddof,
          StreamOrDevice s) {
  normalize_axes(axes, a.ndim(), "std");
  return sqrt(var(a, axes, keepdims, ddof, s), s);
}
array std(const array& a, bool keepdims, int ddof, StreamOrDevice s) {
  return std(a, all_axes(a.ndim()), keepdims, ddof, s);
}
array std(const array& a, int axis, bool keepdims, int ddof, StreamOrDevice s) {
  return std(a, one_axis(axis), keepdims, ddof, s);
}

array logsumexp(const array& a, const std::vector<int>& axes, bool keepdims, StreamOrDevice s) {
  Stream st = to_stream(s, "logsumexp");
  auto ax = normalize_axes(axes, a.ndim(), "logsumexp");
  if (a.size() == 0) throw_value("logsumexp", "Received an empty array.");
  array x = astype(a, float_of(a.dtype()), st);
  array m = stop_gradient(max(x, ax, true, st), st);
  array out = add(log(sum(exp(subtract(x, m, st), st), ax, true, st), st), m, st);
  // An infinite maximum is the answer itself (avoids inf - inf).
  out = where(isinf(m, st), m, out, st);
  return keepdims ? out : reshape(out, squeezed_shape(a.shape(), ax), st);
}
MXG_DEFINE_FORWARDS(logsumexp)
#undef MXG_DEFINE_FORWARDS

array argmax(const array& a, int axis, bool keepdims, StreamOrDevice s) {
  Stream st = to_stream(s, "argmax");
  int ax = normalize_axis(axis, a.ndim(), "argmax");
  if (a.size() == 0) throw_value("argmax", "Cannot take the argmax of an empty array.");
  array out(kept_shape(a.shape(), {ax}), uint32,
            std::make_shared<ArgReduce>(st, ArgReduceOp::ArgMax, ax), {a});
  return keepdims ? out : reshape(out, squeezed_shape(a.shape(), {ax}), st);
}

array argmin(const array& a, int axis, bool keepdims, StreamOrDevice s) {
  Stream st = to_stream(s, "argmin");
  int ax = normalize_axis(axis, a.ndim(), "argmin");
  if (a.size() == 0) throw_value("argmin", "Cannot take the argmin of an empty array.");
  array out(kept_shape(a.shape(), {ax}), uint32,
            std::make_shared<ArgReduce>(st, ArgReduceOp::ArgMin, ax), {a});
  return keepdims ? out : reshape(out, squeezed_shape(a.shape(), {ax}), st);
}

array argmax(const array& a, bool keepdims, StreamOrDevice s) {
  if (a.size() == 0) throw_value("argmax", "Cannot take the argmax of an empty array.");
  array r = argmax(reshape(a, {a.size()}, s), 0, false, s);
  return keepdims ? reshape(r, Shape(a.ndim(), 1), s) : r;
}

array argmin(const array& a, bool keepdims, StreamOrDevice s) {
  if (a.size() == 0) throw_value("argmin", "Cannot take the argmin of an empty array.");
  array r = argmin(reshape(a, {a.size()}, s), 0, false, s);
  return keepdims ? reshape(r, Shape(a.ndim(), 1), s) : r;
}

array softmax(const array& a, const std::vector<int>& axes, bool precise, StreamOrDevice s) {
  Stream st = to_stream(s, "softmax");
  auto ax = normalize_axes(axes, a.ndim(), "softmax");
  Dtype dt = float_of(a.dtype());
  if (a.size() == 0) return astype(a, dt, st);
  Dtype work = precise && (dt == float16 || dt == bfloat16) ? float32 : dt;
  array x = astype(a, work, st);
  // Subtracting the maximum keeps exp() from overflowing.
  array e = exp(subtract(x, stop_gradient(max(x, ax, true, st), st), st), st);
  return astype(divide(e, sum(e, ax, true, st), st), dt, st);
}
array softmax(const array& a, int axis, bool precise, StreamOrDevice s) {
  return softmax(a, one_axis(axis), precise, s);
}
array softmax(const array& a, bool precise, StreamOrDevice s) {
  return softmax(a, all_axes(a.ndim()), precise, s);
}

namespace {

array scan_op(ScanOp op, const char* name, const array& a, std::optional<int> axis, bool reverse,
              bool inclusive, Dtype out_dtype, StreamOrDevice s) {
  Stream st = to_stream(s, name);
  array x = axis ? a : reshape(a, {a.size()}, st);
  int ax = normalize_axis(axis.value_or(0), x.ndim(), name);
  return array(x.shape(), out_dtype, std::make_shared<Scan>(st, op, ax, reverse, inclusive), {x});
}

} // namespace

array cumsum(const array& a, std::optional<int> axis, bool reverse, bool inclusive,
             std::optional<Dtype> dtype, StreamOrDevice s) {
  array x = dtype ? astype(a, *dtype, s) : a;
  Dtype out = x.dtype() == bool_ ? int32 : x.dtype();
  return scan_op(ScanOp::Sum, "cumsum", x, axis, reverse, inclusive, out, s);
}

array cumprod(const array& a, std::optional<int> axis, bool reverse, bool inclusive,
              std::optional<Dtype> dtype, StreamOrDevice s) {
  array x = dtype ? astype(a, *dtype, s) : a;
  return scan_op(ScanOp::Prod, "cumprod", x, axis, reverse, inclusive, x.dtype(), s);
}

array cummax(const array& a, std::optional<int> axis, bool reverse, bool inclusive,
             StreamOrDevice s) {
  return scan_op(ScanOp::Max, "cummax", a, axis, reverse, inclusive, a.dtype(), s);
}

array cummin(const array& a, std::optional<int> axis, bool reverse, bool inclusive,
             StreamOrDevice s) {
  return scan_op(ScanOp::Min, "cummin", a, axis, reverse, inclusive, a.dtype(), s);
}

array logcumsumexp(const array& a, std::optional<int> axis, bool reverse, bool inclusive,
                   StreamOrDevice s) {
  Dtype dt = float_of(a.dtype());
  array x = a.dtype() == dt ? a : astype(a, dt, s);
  return scan_op(ScanOp::LogAddExp, "logcumsumexp", x, axis, reverse, inclusive, dt, s);
}

} // namespace mxg
