// Rules for primitives whose outputs do not depend differentiably on their inputs:
// generated values (Arange, Load, RandomBits) and integer indices (argmax/argmin,
// argsort, argpartition). Their cotangents and tangents are zeros, as in MLX.
#include "primitives/grad_rules.h"

namespace mxg {

#define MXG_ZERO_RULES(name)                                                                    \
  std::vector<array> vjp_##name(const Primitive&, const std::vector<array>& primals,           \
                                const std::vector<array>&, const std::vector<int>& argnums,     \
                                const std::vector<array>&) {                                    \
    return zero_vjp(primals, argnums);                                                          \
  }                                                                                             \
  std::vector<array> jvp_##name(const Primitive&, const std::vector<array>&,                   \
                                const std::vector<array>&, const std::vector<int>&,             \
                                const std::vector<array>& outputs) {                            \
    return zero_jvp(outputs);                                                                   \
  }

MXG_ZERO_RULES(Arange)
MXG_ZERO_RULES(Load)
MXG_ZERO_RULES(RandomBits)
MXG_ZERO_RULES(ArgReduce)
MXG_ZERO_RULES(ArgSort)
MXG_ZERO_RULES(ArgPartition)

#undef MXG_ZERO_RULES

} // namespace mxg
