// vjp / jvp rules for Matmul: out = alpha * (a @ b) [+ beta * c]. Inputs reach the
// primitive at least 2-d (the op layer promotes 1-d operands), but their batch axes
// may broadcast against each other, so cotangents are summed back to each shape.
#include <optional>

#include "mxgraph/ops.h"
#include "primitives/grad_rules.h"
#include "primitives/linalg.h"

namespace mxg {
namespace {

// The matrix transpose of x, conjugated when complex (the adjoint of x @ .).
array adjoint(const array& x) {
  array t = swapaxes(x, -1, -2);
  return is_complex(x.dtype()) ? conjugate(t) : t;
}

array scaled(const array& x, float s) { return s == 1.0f ? x : x * s; }

// Product of x's dimensions except `skip` (explicit sizes: -1 is ambiguous when empty).
int64_t size_without(const array& x, int skip) {
  int64_t n = 1;
  for (int i = 0; i < x.ndim(); ++i) n *= i == skip ? 1 : x.shape(i);
  return n;
}

// (..., R, C) -> (R, prod(...) * C): the batch axes joined to the last one, so a
// product summed over the batch becomes one matrix product.
array batch_into_columns(const array& x) {
  int nd = x.ndim();
  std::vector<int> perm{nd - 2};
  for (int i = 0; i < nd - 2; ++i) perm.push_back(i);
  perm.push_back(nd - 1);
  return reshape(transpose(x, perm), {x.shape(nd - 2), size_without(x, nd - 2)});
}

// Cotangent of a (..., M, K) or b (..., K, N). When that operand has no batch axes
// but the output has, its cotangent sums over the batch: fold the batch into the
// contraction instead of building a batch of products and summing it.
array matmul_cotangent(int i, const array& a, const array& b, const array& g) {
  bool fold = g.ndim() > 2 && (i == 0 ? a : b).ndim() == 2;
  if (i == 0) {
    if (fold) return matmul(batch_into_columns(g), adjoint(batch_into_columns(b)));
    return matmul(g, adjoint(b));
  }
  if (fold) {
    array a2 = reshape(a, {size_without(a, a.ndim() - 1), a.shape(-1)});
    return matmul(adjoint(a2), reshape(g, {size_without(g, g.ndim() - 1), g.shape(-1)}));
  }
  return matmul(adjoint(a), g);
}

} // namespace

std::vector<array> vjp_Matmul(const Primitive& p, const std::vector<array>& primals,
                              const std::vector<array>& cotangents,
                              const std::vector<int>& argnums, const std::vector<array>&) {
  const auto& mm = static_cast<const Matmul&>(p);
  const array& a = primals[0];
  const array& b = primals[1];
  const array& g = cotangents[0];
  std::vector<array> out;
  for (int i : argnums) {
    const array& x = primals[i];
    if (i == 2) { // c: beta * g, summed over the axes c was broadcast along
      out.push_back(mm.beta() == 0.0f ? zeros_of(x.shape(), x.dtype())
                                      : astype(unbroadcast(scaled(g, mm.beta()), x.shape()), x.dtype()));
      continue;
    }
    array d = matmul_cotangent(i, a, b, g);
    out.push_back(astype(unbroadcast(scaled(d, mm.alpha()), x.shape()), x.dtype()));
  }
  return out;
}

std::vector<array> jvp_Matmul(const Primitive& p, const std::vector<array>& primals,
                              const std::vector<array>& tangents, const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  const auto& mm = static_cast<const Matmul&>(p);
  const array& out = outputs[0];
  std::optional<array> prod, shift;
  for (size_t k = 0; k < argnums.size(); ++k) {
    const array& t = tangents[k];
    switch (argnums[k]) {
      case 0: {
        array term = matmul(t, primals[1]);
        prod = prod ? add(*prod, term) : term;
        break;
      }
      case 1: {
        array term = matmul(primals[0], t);
        prod = prod ? add(*prod, term) : term;
        break;
      }
      default:
        if (mm.beta() != 0.0f) shift = scaled(t, mm.beta());
    }
  }
  std::optional<array> r;
  if (prod) r = scaled(*prod, mm.alpha());
  if (shift) r = r ? add(*r, *shift) : *shift;
  if (!r) return zero_jvp(outputs);
  return {astype(broadcast_to(*r, out.shape()), out.dtype())};
}

} // namespace mxg
