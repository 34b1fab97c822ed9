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
    array d = i == 0 ? matmul(g, adjoint(b)) : matmul(adjoint(a), g);
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
