// Elementwise ops: dtype rules, broadcasting, then a Unary / Binary node.
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/elementwise.h"

namespace mxg {
namespace {

Dtype float_of(Dtype t) { return is_inexact(t) ? t : float32; }
bool is_int_or_bool(Dtype t) { return is_integral(t) || t == bool_; }

[[noreturn]] void no_complex(const char* name) {
  throw_value(name, "Complex inputs are not supported.");
}

/// Unary ops on real values only (complex raises at the call).
bool real_only(UnaryOp op) {
  switch (op) {
    case UnaryOp::Expm1: case UnaryOp::Sigmoid: case UnaryOp::Erf: case UnaryOp::ErfInv:
    case UnaryOp::Floor: case UnaryOp::Ceil:
      return true;
    default:
      return false;
  }
}

/// Unary ops that compute in floating point (integer and bool inputs become float32).
bool to_float(UnaryOp op) {
  switch (op) {
    case UnaryOp::Abs: case UnaryOp::Negative: case UnaryOp::Sign: case UnaryOp::Square:
    case UnaryOp::Floor: case UnaryOp::Ceil: case UnaryOp::Round: case UnaryOp::IsNan:
    case UnaryOp::IsInf: case UnaryOp::IsPosInf: case UnaryOp::IsNegInf:
    case UnaryOp::LogicalNot: case UnaryOp::BitwiseInvert: case UnaryOp::Conjugate:
    case UnaryOp::Real: case UnaryOp::Imag: case UnaryOp::StopGradient:
      return false;
    default:
      return true;
  }
}

} // namespace

array unary(UnaryOp op, const array& a, StreamOrDevice s) {
  const char* name = unary_op_name(op);
  Stream st = to_stream(s, name);
  Dtype t = a.dtype();
  if (is_complex(t) && real_only(op)) no_complex(name);
  if (t == bool_ && (op == UnaryOp::Negative || op == UnaryOp::Sign)) {
    throw_value(name, "Boolean inputs are not supported; use logical_not instead.");
  }
  if (op == UnaryOp::BitwiseInvert && !is_int_or_bool(t)) {
    throw_value(name, std::string("Requires an integer or boolean array, got ") + dtype_name(t) + ".");
  }
  // Identities: rounding an integer, the real part or conjugate of a real array.
  bool exact = is_int_or_bool(t);
  if ((exact && (op == UnaryOp::Floor || op == UnaryOp::Ceil || op == UnaryOp::Round)) ||
      (!is_complex(t) && (op == UnaryOp::Real || op == UnaryOp::Conjugate))) {
    return a;
  }
  Dtype in = to_float(op) ? float_of(t) : t;
  Dtype out = in;
  switch (op) {
    case UnaryOp::IsNan: case UnaryOp::IsInf: case UnaryOp::IsPosInf: case UnaryOp::IsNegInf:
    case UnaryOp::LogicalNot:
      out = bool_;
      break;
    case UnaryOp::Abs: case UnaryOp::Real: case UnaryOp::Imag:
      if (is_complex(t)) out = float32;
      break;
    default:
      break;
  }
  array x = in == t ? a : astype(a, in, st);
  return array(x.shape(), out, std::make_shared<Unary>(st, op), {x});
}

namespace {

enum class BKind { Arith, NoBool, Divide, FloatOnly, Compare, Order, Logical, Bits, Shift };

BKind binary_kind(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: case BinaryOp::Multiply: case BinaryOp::Maximum: case BinaryOp::Minimum:
      return BKind::Arith;
    case BinaryOp::Subtract: case BinaryOp::Power: case BinaryOp::FloorDivide:
    case BinaryOp::Remainder:
      return BKind::NoBool;
    case BinaryOp::Divide:
      return BKind::Divide;
    case BinaryOp::ArcTan2: case BinaryOp::LogAddExp:
      return BKind::FloatOnly;
    case BinaryOp::Equal: case BinaryOp::NotEqual:
      return BKind::Compare;
    case BinaryOp::Less: case BinaryOp::LessEqual: case BinaryOp::Greater:
    case BinaryOp::GreaterEqual:
      return BKind::Order;
    case BinaryOp::LogicalAnd: case BinaryOp::LogicalOr:
      return BKind::Logical;
    case BinaryOp::LeftShift: case BinaryOp::RightShift:
      return BKind::Shift;
    default:
      return BKind::Bits;
  }
}

/// The dtype a binary op computes in (after promotion), or throws.
Dtype binary_compute_type(BinaryOp op, Dtype t, const char* name) {
  switch (binary_kind(op)) {
    case BKind::Arith:
      return t;
    case BKind::NoBool:
      if (t == bool_ && op == BinaryOp::Subtract) {
        throw_value(name, "Boolean subtraction is not supported; use logical_xor or bitwise_xor.");
      }
      if (is_complex(t) && op != BinaryOp::Power && op != BinaryOp::Subtract) no_complex(name);
      return t == bool_ ? int32 : t;
    case BKind::Divide:
      return float_of(t);
    case BKind::FloatOnly:
      if (is_complex(t) && op != BinaryOp::LogAddExp) no_complex(name);
      return float_of(t);
    case BKind::Compare:
      return t;
    case BKind::Order: // complex: real part first, then imaginary (NumPy, MLX)
      return t;
    case BKind::Logical:
      return bool_;
    case BKind::Bits:
    case BKind::Shift:
      if (!is_int_or_bool(t)) {
        throw_value(name, std::string("Requires integer or boolean arrays, got ") + dtype_name(t) + ".");
      }
      // Shifting booleans shifts their 0/1 values (NumPy gives integers too).
      return t == bool_ && binary_kind(op) == BKind::Shift ? uint8 : t;
  }
  return t;
}

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
  Dtype t = binary_compute_type(op, promote_types(a.dtype(), b.dtype()), name);
  BKind k = binary_kind(op);
  Dtype out = (k == BKind::Compare || k == BKind::Order || k == BKind::Logical) ? bool_ : t;
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

#define MXG_DEFINE_UNARY(e, n) \
  array n(const array& a, StreamOrDevice s) { return unary(UnaryOp::e, a, s); }
MXG_UNARY_OPS(MXG_DEFINE_UNARY)
#undef MXG_DEFINE_UNARY
#define MXG_DEFINE_BINARY(e, n) \
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
