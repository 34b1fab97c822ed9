// Elementwise ops: dtype rules, broadcasting, then a Unary / Binary node.
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/elementwise.h"

// The dtype rules come from the registry's trait columns (mxgraph/primitive.h);
// switches over those columns have no default, so a new column value must be handled.
#pragma GCC diagnostic error "-Wswitch"

namespace mxg {
namespace {

using op_traits::Accepts;
using op_traits::Computes;
using op_traits::Result;

Dtype float_of(Dtype t) { return is_inexact(t) ? t : float32; }
bool is_int_or_bool(Dtype t) { return is_integral(t) || t == bool_; }

/// Raises unless the op's `accepts` column admits dtype t. `unary` picks the message.
void check_accepts(Accepts a, Dtype t, const char* name, bool unary) {
  switch (a) {
    case Accepts::All:
      return;
    case Accepts::Real:
      if (is_complex(t)) throw_value(name, "Complex inputs are not supported.");
      return;
    case Accepts::NoBool:
      if (t != bool_) return;
      throw_value(name, unary ? "Boolean inputs are not supported; use logical_not instead."
                              : "Boolean subtraction is not supported; use logical_xor or bitwise_xor.");
    case Accepts::Integer:
      if (is_int_or_bool(t)) return;
      throw_value(name, std::string(unary ? "Requires an integer or boolean array, got "
                                          : "Requires integer or boolean arrays, got ") +
                            dtype_name(t) + ".");
  }
}

/// The dtype an op computes in, from its `computes` column.
Dtype compute_type(Computes c, Dtype t) {
  switch (c) {
    case Computes::Keep: return t;
    case Computes::ToFloat: return float_of(t);
    case Computes::BoolToI32: return t == bool_ ? int32 : t;
    case Computes::BoolToU8: return t == bool_ ? uint8 : t; // shifting 0/1 values (NumPy)
    case Computes::ToBool: return bool_;
  }
  return t;
}

/// The result dtype from the `result` column (complex order for comparisons: real
/// part first, then imaginary, as NumPy and MLX).
Dtype result_type(Result r, Dtype in) {
  switch (r) {
    case Result::Same: return in;
    case Result::Bool: return bool_;
    case Result::RealPart: return is_complex(in) ? float32 : in;
  }
  return in;
}

} // namespace

array unary(UnaryOp op, const array& a, StreamOrDevice s) {
  const char* name = unary_op_name(op);
  Stream st = to_stream(s, name);
  const OpTraits& tr = traits(op);
  Dtype t = a.dtype();
  check_accepts(tr.accepts, t, name, true);
  // Identities: rounding an integer, the real part or conjugate of a real array.
  bool exact = is_int_or_bool(t);
  if ((exact && (op == UnaryOp::Floor || op == UnaryOp::Ceil || op == UnaryOp::Round)) ||
      (!is_complex(t) && (op == UnaryOp::Real || op == UnaryOp::Conjugate))) {
    return a;
  }
  Dtype in = compute_type(tr.computes, t);
  array x = in == t ? a : astype(a, in, st);
  return array(x.shape(), result_type(tr.result, in), std::make_shared<Unary>(st, op), {x});
}

namespace {

// True for an already-computed one-element array holding 2 (e.g. the 2 of x ** 2).
bool is_constant_two(const array& b) {
  if (b.size() != 1 || !b.is_evaluated() || b.has_primitive() || b.is_tracer()) return false;
  double v = 0;
  convert_elements(b.raw_data(), b.dtype(), &v, float64, 1);
  return v == 2.0;
}

} // namespace

array binary(BinaryOp op, const array& a, const array& b, StreamOrDevice s) {
  const char* name = binary_op_name(op);
  Stream st = to_stream(s, name);
  const OpTraits& tr = traits(op);
  Dtype promoted = promote_types(a.dtype(), b.dtype());
  check_accepts(tr.accepts, promoted, name, false);
  Dtype t = compute_type(tr.computes, promoted);
  Dtype out = result_type(tr.result, t);
  Shape shape = broadcast_shapes(a.shape(), b.shape(), name);
  // Broadcasting happens inside the kernel: one node per op, not three.
  array x = a.dtype() == t ? a : astype(a, t, st);
  array y = b.dtype() == t ? b : astype(b, t, st);
  if (op == BinaryOp::Power && is_constant_two(b) && !is_complex(t)) {
    // x ** 2 (the common case) as a multiply: cheaper than pow, and so is its derivative.
    return broadcast_to(unary(UnaryOp::Square, x, st), shape, st);
  }
  std::vector<array> inputs; // moved in: {x, y} would copy both handles (atomic increments)
  inputs.reserve(2);
  inputs.push_back(std::move(x));
  inputs.push_back(std::move(y));
  return array(std::move(shape), out, std::make_shared<Binary>(st, op), std::move(inputs));
}

#define MXG_DEFINE_UNARY(e, n, ...) \
  array n(const array& a, StreamOrDevice s) { return unary(UnaryOp::e, a, s); }
MXG_UNARY_OPS(MXG_DEFINE_UNARY)
#undef MXG_DEFINE_UNARY
#define MXG_DEFINE_BINARY(e, n, ...) \
  array n(const array& a, const array& b, StreamOrDevice s) { return binary(BinaryOp::e, a, b, s); }
MXG_BINARY_OPS(MXG_DEFINE_BINARY)
#undef MXG_DEFINE_BINARY

array astype(const array& a, Dtype dtype, StreamOrDevice s) {
  if (a.dtype() == dtype) return a;
  Stream st = to_stream(s, "astype");
  return array(a.shape(), dtype, std::make_shared<AsType>(st, dtype), {a});
}

array where(const array& cond, const array& x, const array& y, StreamOrDevice s) {
  Stream st = to_stream(s, "where");
  Dtype t = promote_types(x.dtype(), y.dtype());
  Shape shape = broadcast_shapes(broadcast_shapes(cond.shape(), x.shape(), "where"), y.shape(), "where");
  return array(shape, t, std::make_shared<Select>(st), {astype(cond, bool_, st), astype(x, t, st), astype(y, t, st)});
}

std::pair<array, array> divmod(const array& a, const array& b, StreamOrDevice s) {
  Stream st = to_stream(s, "divmod");
  Dtype t = promote_types(a.dtype(), b.dtype());
  if (t == bool_) t = int32;
  if (is_complex(t)) throw_value("divmod", "Complex inputs are not supported.");
  Shape shape = broadcast_shapes(a.shape(), b.shape(), "divmod");
  // Floats take NumPy's divmod rounding, as floor_divide / remainder do.
  auto outs = array::make_arrays({shape, shape}, {t, t}, std::make_shared<DivMod>(st),
                                 {astype(a, t, st), astype(b, t, st)});
  return {outs[0], outs[1]};
}

array operator-(const array& a) { return negative(a); }
array operator!(const array& a) { return logical_not(a); }
array operator~(const array& a) { return bitwise_invert(a); }
array operator+(const array& a, const array& b) { return add(a, b); }
array operator-(const array& a, const array& b) { return subtract(a, b); }
array operator*(const array& a, const array& b) { return multiply(a, b); }
array operator/(const array& a, const array& b) { return divide(a, b); }
array operator%(const array& a, const array& b) { return remainder(a, b); }
array operator==(const array& a, const array& b) { return equal(a, b); }
array operator!=(const array& a, const array& b) { return not_equal(a, b); }
array operator<(const array& a, const array& b) { return less(a, b); }
array operator<=(const array& a, const array& b) { return less_equal(a, b); }
array operator>(const array& a, const array& b) { return greater(a, b); }
array operator>=(const array& a, const array& b) { return greater_equal(a, b); }
array operator&&(const array& a, const array& b) { return logical_and(a, b); }
array operator||(const array& a, const array& b) { return logical_or(a, b); }
array operator&(const array& a, const array& b) { return bitwise_and(a, b); }
array operator|(const array& a, const array& b) { return bitwise_or(a, b); }
array operator^(const array& a, const array& b) { return bitwise_xor(a, b); }
array operator<<(const array& a, const array& b) { return left_shift(a, b); }
array operator>>(const array& a, const array& b) { return right_shift(a, b); }

} // namespace mxg
