// vjp / jvp rules for the elementwise primitives. Unary rules share one
// derivative table: vjp multiplies the cotangent by f'(x), jvp the tangent.
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>

#include "mxgraph/ops.h"
#include "primitives/elementwise.h"
#include "primitives/grad_rules.h"

// Every switch over the ops below has no default: a new op without a case does not
// compile. Whether an op has a derivative at all is its registry row's grad column.
#pragma GCC diagnostic error "-Wswitch"

namespace mxg {
namespace {

using op_traits::Grad;

array scalar_like(double v, const array& like) { return array(v, like.dtype()); }

// Case labels for the ops whose grad column is Zero or NoGrad: the rules below handle
// them from the column, so a derivative formula given to one of them is a duplicate
// case (a compile error), as is a Diff op without one (-Wswitch).
#define MXG_NONDIFF_Diff(Kind, e)
#define MXG_NONDIFF_Zero(Kind, e) case Kind::e:
#define MXG_NONDIFF_NoGrad(Kind, e) case Kind::e:
#define MXG_NONDIFF_UNARY(e, n, acc, comp, res, grad, ...) MXG_NONDIFF_##grad(UnaryOp, e)
#define MXG_NONDIFF_BINARY(e, n, acc, comp, res, grad, ...) MXG_NONDIFF_##grad(BinaryOp, e)

[[noreturn]] void no_rule(const char* name) {
  throw std::logic_error(std::string("[grad] internal: no derivative formula for ") + name + ".");
}

// Raises for an op whose grad column is NoGrad (MLX defines no rule either).
void check_differentiable(const OpTraits& t, const char* name, const char* mode) {
  if (t.grad != Grad::NoGrad) return;
  throw std::invalid_argument(std::string("[") + mode + "] " + name + " is not differentiable.");
}

// f'(x) for a unary op with output `y` whose grad column is Diff.
array unary_derivative(UnaryOp op, const array& x, const array& y) {
  auto one = scalar_like(1.0, x);
  switch (op) {
    MXG_UNARY_OPS(MXG_NONDIFF_UNARY)
      no_rule(unary_op_name(op));
    case UnaryOp::Abs: return sign(x);
    case UnaryOp::Negative: return negative(one);
    case UnaryOp::Exp: return y;
    case UnaryOp::Expm1: return y + one;
    case UnaryOp::Log: return reciprocal(x);
    case UnaryOp::Log1p: return reciprocal(x + one);
    case UnaryOp::Log2: return reciprocal(x * scalar_like(M_LN2, x));
    case UnaryOp::Log10: return reciprocal(x * scalar_like(M_LN10, x));
    case UnaryOp::Sqrt: return reciprocal(y * scalar_like(2.0, x));
    case UnaryOp::Rsqrt: return y / x * scalar_like(-0.5, x);
    case UnaryOp::Square: return x * scalar_like(2.0, x);
    case UnaryOp::Reciprocal: return negative(y * y);
    case UnaryOp::Sin: return cos(x);
    case UnaryOp::Cos: return negative(sin(x));
    case UnaryOp::Tan: return one + y * y;
    case UnaryOp::ArcSin: return rsqrt(one - x * x);
    case UnaryOp::ArcCos: return negative(rsqrt(one - x * x));
    case UnaryOp::ArcTan: return reciprocal(one + x * x);
    case UnaryOp::Sinh: return cosh(x);
    case UnaryOp::Cosh: return sinh(x);
    case UnaryOp::Tanh: return one - y * y;
    case UnaryOp::ArcSinh: return rsqrt(x * x + one);
    case UnaryOp::ArcCosh: // complex: sqrt(z*z - 1) takes the wrong branch where Re z < 0
      return is_complex(x.dtype()) ? reciprocal(sqrt(x - one) * sqrt(x + one)) : rsqrt(x * x - one);
    case UnaryOp::ArcTanh: return reciprocal(one - x * x);
    case UnaryOp::Sigmoid: return y * (one - y);
    case UnaryOp::Erf: return exp(negative(x * x)) * scalar_like(M_2_SQRTPI, x);
    case UnaryOp::ErfInv: return exp(y * y) * scalar_like(std::sqrt(M_PI) / 2.0, x);
    case UnaryOp::Conjugate: case UnaryOp::Real: case UnaryOp::Imag:
      no_rule(unary_op_name(op)); // not a multiplication: complex_part_rule
  }
  no_rule(unary_op_name(op));
}

array complex_part_rule(UnaryOp op, const array& g, bool to_complex) {
  if (op == UnaryOp::Conjugate) return conjugate(g);
  if (to_complex) { // real/imag: real cotangent back to the complex input
    array c = astype(g, complex64);
    return op == UnaryOp::Real ? c : c * array(complex64_t(0.0f, 1.0f));
  }
  return op == UnaryOp::Real ? real(g) : imag(g); // forward: part of the complex tangent
}

} // namespace

std::vector<array> vjp_Unary(const Primitive& p, const std::vector<array>& primals,
                             const std::vector<array>& cotangents, const std::vector<int>& argnums,
                             const std::vector<array>& outputs) {
  UnaryOp op = static_cast<const Unary&>(p).op();
  const array& x = primals[0];
  check_differentiable(traits(op), unary_op_name(op), "vjp");
  if (traits(op).grad == Grad::Zero) return zero_vjp(primals, argnums);
  if (op == UnaryOp::Conjugate || op == UnaryOp::Real || op == UnaryOp::Imag) {
    if (!is_complex(x.dtype())) {
      return op == UnaryOp::Imag ? zero_vjp(primals, argnums) : std::vector<array>{cotangents[0]};
    }
    return {complex_part_rule(op, cotangents[0], true)};
  }
  if (op == UnaryOp::Abs && is_complex(x.dtype())) {
    // |z| is not holomorphic: d|z|/dx + i d|z|/dy = z / |z|, no conjugate.
    return {astype(cotangents[0], x.dtype()) * sign(x)};
  }
  array d = unary_derivative(op, x, outputs[0]);
  array g = cotangents[0] * (is_complex(x.dtype()) ? conjugate(d) : d);
  return {astype(g, x.dtype())};
}

std::vector<array> jvp_Unary(const Primitive& p, const std::vector<array>& primals,
                             const std::vector<array>& tangents, const std::vector<int>& argnums,
                             const std::vector<array>& outputs) {
  UnaryOp op = static_cast<const Unary&>(p).op();
  check_differentiable(traits(op), unary_op_name(op), "jvp");
  if (traits(op).grad == Grad::Zero) return zero_jvp(outputs, tangents[0]);
  if (op == UnaryOp::Conjugate || op == UnaryOp::Real || op == UnaryOp::Imag) {
    if (!is_complex(primals[0].dtype())) {
      return op == UnaryOp::Imag ? zero_jvp(outputs) : std::vector<array>{tangents[0]};
    }
    return {complex_part_rule(op, tangents[0], false)};
  }
  if (op == UnaryOp::Abs && is_complex(primals[0].dtype())) {
    return {real(tangents[0] * conjugate(sign(primals[0])))}; // Re(conj(z) t) / |z|
  }
  array d = unary_derivative(op, primals[0], outputs[0]);
  return {astype(tangents[0] * d, outputs[0].dtype())};
}

namespace {

// Partial derivatives (d out / d a, d out / d b) of a binary op whose grad column is Diff.
std::pair<array, array> binary_partials(BinaryOp op, const array& a, const array& b, const array& out) {
  auto one = scalar_like(1.0, a);
  switch (op) {
    MXG_BINARY_OPS(MXG_NONDIFF_BINARY)
      no_rule(binary_op_name(op));
    case BinaryOp::Add: return {one, one};
    case BinaryOp::Subtract: return {one, negative(one)};
    case BinaryOp::Multiply: return {b, a};
    case BinaryOp::Divide: return {reciprocal(b), negative(out / b)};
    case BinaryOp::Power: {
      // d/db = out * log(a), taken as 0 where a == 0 (the limit used by NumPy/JAX users).
      array la = where(equal(a, scalar_like(0.0, a)), scalar_like(0.0, a), log(a));
      return {b * power(a, b - one), out * la};
    }
    case BinaryOp::Maximum: { // ties send the gradient to b, as MLX (relu'(0) == 0)
      array m = astype(greater(a, b), a.dtype());
      return {m, one - m};
    }
    case BinaryOp::Minimum: {
      array m = astype(less(a, b), a.dtype());
      return {m, one - m};
    }
    case BinaryOp::ArcTan2: {
      array den = a * a + b * b;
      return {b / den, negative(a) / den};
    }
    case BinaryOp::LogAddExp:
      return {exp(a - out), exp(b - out)};
    case BinaryOp::Remainder:
      return {one, negative(floor_divide(a, b))};
  }
  no_rule(binary_op_name(op));
}

#undef MXG_NONDIFF_UNARY
#undef MXG_NONDIFF_BINARY
#undef MXG_NONDIFF_Diff
#undef MXG_NONDIFF_Zero
#undef MXG_NONDIFF_NoGrad

// g * d, without a node for the constant +-1 partials of add and subtract.
array linear_term(BinaryOp op, int input, const array& g, const array& d) {
  if (op == BinaryOp::Add) return g;
  if (op == BinaryOp::Subtract) return input == 0 ? g : negative(g);
  return g * d;
}

} // namespace

std::vector<array> vjp_Binary(const Primitive& p, const std::vector<array>& primals,
                              const std::vector<array>& cotangents, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  BinaryOp op = static_cast<const Binary&>(p).op();
  check_differentiable(traits(op), binary_op_name(op), "vjp");
  std::vector<array> out;
  if (traits(op).grad == Grad::Zero) { // comparisons, logical, bitwise, floor_divide
    for (int i : argnums) out.push_back(zeros_of(primals[i].shape(), primals[i].dtype()));
    return out;
  }
  auto [da, db] = binary_partials(op, primals[0], primals[1], outputs[0]);
  for (int i : argnums) {
    const array& d = i == 0 ? da : db;
    const array& x = primals[i];
    array g = linear_term(op, i, cotangents[0], is_complex(x.dtype()) ? conjugate(d) : d);
    out.push_back(astype(unbroadcast(g, x.shape()), x.dtype()));
  }
  return out;
}

std::vector<array> jvp_Binary(const Primitive& p, const std::vector<array>& primals,
                              const std::vector<array>& tangents, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  BinaryOp op = static_cast<const Binary&>(p).op();
  check_differentiable(traits(op), binary_op_name(op), "jvp");
  if (traits(op).grad == Grad::Zero) return zero_jvp(outputs, tangents[0]);
  auto [da, db] = binary_partials(op, primals[0], primals[1], outputs[0]);
  std::optional<array> t;
  for (size_t k = 0; k < argnums.size(); ++k) {
    array term = linear_term(op, argnums[k], tangents[k], argnums[k] == 0 ? da : db);
    t = t ? add(*t, term) : term;
  }
  if (!t) return zero_jvp(outputs);
  return {astype(broadcast_to(*t, outputs[0].shape()), outputs[0].dtype())};
}

std::vector<array> vjp_Select(const Primitive&, const std::vector<array>& primals,
                              const std::vector<array>& cotangents, const std::vector<int>& argnums,
                              const std::vector<array>&) {
  const array& c = primals[0];
  const array& g = cotangents[0];
  std::vector<array> out;
  for (int i : argnums) {
    const array& x = primals[i];
    if (i == 0) {
      out.push_back(zeros_of(x.shape(), x.dtype()));
      continue;
    }
    array z = zeros_of({}, g.dtype());
    array masked = i == 1 ? where(c, g, z) : where(c, z, g);
    out.push_back(astype(unbroadcast(masked, x.shape()), x.dtype()));
  }
  return out;
}

std::vector<array> jvp_Select(const Primitive&, const std::vector<array>& primals,
                              const std::vector<array>& tangents, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  const array& out = outputs[0];
  array tx = zeros_of(out.shape(), out.dtype()), ty = tx;
  for (size_t k = 0; k < argnums.size(); ++k) {
    if (argnums[k] == 1) tx = tangents[k];
    if (argnums[k] == 2) ty = tangents[k];
  }
  return {where(primals[0], tx, ty)};
}

std::vector<array> vjp_AsType(const Primitive&, const std::vector<array>& primals,
                              const std::vector<array>& cotangents, const std::vector<int>& argnums,
                              const std::vector<array>&) {
  const array& x = primals[0];
  return {astype(cotangents[0], x.dtype())}; // integers too: cotangents pass straight through (MLX)
}

std::vector<array> jvp_AsType(const Primitive&, const std::vector<array>& primals,
                              const std::vector<array>& tangents, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  return {astype(tangents[0], outputs[0].dtype())}; // cast, integers too (MLX)
}

// divmod: the quotient is piecewise constant; remainder = a - b * q. The quotient
// is recomputed: an output nobody holds reaches the rule as zeros.
std::vector<array> vjp_DivMod(const Primitive&, const std::vector<array>& primals,
                              const std::vector<array>& cotangents, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  std::vector<array> out;
  for (int i : argnums) {
    const array& x = primals[i];
    array g = i == 0 ? cotangents[1]
                     : negative(cotangents[1] * floor_divide(primals[0], primals[1]));
    out.push_back(astype(unbroadcast(g, x.shape()), x.dtype()));
  }
  return out;
}

std::vector<array> jvp_DivMod(const Primitive&, const std::vector<array>& primals,
                              const std::vector<array>& tangents, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  array tr = zeros_of(outputs[1].shape(), outputs[1].dtype());
  array q = floor_divide(primals[0], primals[1]);
  for (size_t k = 0; k < argnums.size(); ++k) {
    tr = tr + (argnums[k] == 0 ? tangents[k] : negative(tangents[k] * q));
  }
  return {zeros_of(outputs[0].shape(), outputs[0].dtype()), broadcast_to(tr, outputs[1].shape())};
}

} // namespace mxg
