// Elementwise ops: dtype rules, broadcasting, then a Unary / Binary node.
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/elementwise.h"

namespace mxg {
namespace {

enum class UKind { Math, MathReal, Keep, KeepReal, Predicate, Logical, Bits, Complex, Identity };

UKind unary_kind(UnaryOp op) {
  switch (op) {
    case UnaryOp::Abs: case UnaryOp::Sign: case UnaryOp::Round:
    case UnaryOp::Conjugate: case UnaryOp::StopGradient:
      return UKind::Keep;
    case UnaryOp::Negative: case UnaryOp::Square:
      return UKind::Keep;
    case UnaryOp::Floor: case UnaryOp::Ceil:
      return UKind::KeepReal;
    case UnaryOp::Expm1: case UnaryOp::Log1p: case UnaryOp::Log2: case UnaryOp::Sigmoid:
    case UnaryOp::Erf: case UnaryOp::ErfInv:
      return UKind::MathReal;
    case UnaryOp::IsNan: case UnaryOp::IsInf: case UnaryOp::IsPosInf: case UnaryOp::IsNegInf:
      return UKind::Predicate;
    case UnaryOp::LogicalNot:
      return UKind::Logical;
    case UnaryOp::BitwiseInvert:
      return UKind::Bits;
    case UnaryOp::Real: case UnaryOp::Imag:
      return UKind::Complex;
    default:
      return UKind::Math;
  }
}

Dtype float_of(Dtype t) { return is_inexact(t) ? t : float32; }

} // namespace

array unary(UnaryOp op, const array& a, StreamOrDevice s) {
  const char* name = unary_op_name(op);
  Stream st = to_stream(s, name);
  Dtype in = a.dtype(), out = in;
  switch (unary_kind(op)) {
    case UKind::Math:
      in = out = float_of(a.dtype());
      break;
    case UKind::MathReal:
      if (is_complex(a.dtype())) throw_value(name, "Complex inputs are not supported.");
      in = out = float_of(a.dtype());
      break;
    case UKind::Keep:
      if (a.dtype() == bool_ && (op == UnaryOp::Negative || op == UnaryOp::Sign)) {
        throw_value(name, "Boolean inputs are not supported; use logical_not.");
      }
      if (op == UnaryOp::Abs && is_complex(a.dtype())) out = float32;
      break;
    case UKind::KeepReal:
      if (is_complex(a.dtype())) throw_value(name, "Complex inputs are not supported.");
      break;
    case UKind::Predicate:
      out = bool_;
      break;
    case UKind::Logical:
      out = bool_;
      break;
    case UKind::Bits:
      if (!is_integral(a.dtype()) && a.dtype() != bool_) {
        throw_value(name, std::string("Requires an integer or boolean array, got ") +
                              dtype_name(a.dtype()) + ".");
      }
      break;
    case UKind::Complex:
      if (is_complex(a.dtype())) out = float32;
      else if (op == UnaryOp::Real) return a;
      break;
    case UKind::Identity:
      break;
  }
  if (!is_complex(a.dtype()) && (op == UnaryOp::Real)) return a;
  array x = in == a.dtype() ? a : astype(a, in, st);
  return array(x.shape(), out, std::make_shared<Unary>(st, op), {x});
}

namespace {

enum class BKind { Arith, NoBool, Divide, FloatOnly, Compare, Order, Logical, Bits };

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
    default:
      return BKind::Bits;
  }
}

} // namespace

array binary(BinaryOp op, const array& a, const array& b, StreamOrDevice s) {
  const char* name = binary_op_name(op);
  Stream st = to_stream(s, name);
  Dtype t = promote_types(a.dtype(), b.dtype());
  Dtype out;
  switch (binary_kind(op)) {
    case BKind::Arith:
      out = t;
      if (is_complex(t) && (op == BinaryOp::Maximum || op == BinaryOp::Minimum)) {
        throw_value(name, "Complex inputs are not supported.");
      }
      break;
    case BKind::NoBool:
      if (t == bool_) t = op == BinaryOp::Subtract ? bool_ : int32;
      if (op == BinaryOp::Subtract && t == bool_) {
        throw_value(name, "Boolean subtraction is not supported; use logical_xor or bitwise_xor.");
      }
      if (is_complex(t) && op != BinaryOp::Power) {
        throw_value(name, "Complex inputs are not supported.");
      }
      out = t;
      break;
    case BKind::Divide:
      out = t = float_of(t);
      break;
    case BKind::FloatOnly:
      if (is_complex(t)) throw_value(name, "Complex inputs are not supported.");
      out = t = float_of(t);
      break;
    case BKind::Compare:
      out = bool_;
      break;
    case BKind::Order:
      if (is_complex(t)) throw_value(name, "Complex inputs cannot be ordered.");
      out = bool_;
      break;
    case BKind::Logical:
      t = bool_;
      out = bool_;
      break;
    case BKind::Bits:
      if (!is_integral(t) && t != bool_) {
        throw_value(name, std::string("Requires integer or boolean arrays, got ") +
                              dtype_name(t) + ".");
      }
      out = t;
      break;
  }
  Shape shape = broadcast_shapes(a.shape(), b.shape(), name);
  // Broadcasting happens inside the kernel: one node per op, not three.
  array x = a.dtype() == t ? a : astype(a, t, st);
  array y = b.dtype() == t ? b : astype(b, t, st);
  return array(shape, out, std::make_shared<Binary>(st, op), {x, y});
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
