// Differentiation rules, one vjp_<Kind> and jvp_<Kind> per registry entry, defined
// beside each family's primitives (lib/primitives/<family>_grad.cpp). The table in
// lib/autodiff.cpp references every one, so a missing rule is a link error.
#pragma once

#include <vector>

#include "mxgraph/primitive.h"

namespace mxg {

/// Cotangents for inputs[argnums[i]], given the outputs' cotangents.
using VjpRule = std::vector<array> (*)(const Primitive& p, const std::vector<array>& primals,
                                       const std::vector<array>& cotangents,
                                       const std::vector<int>& argnums,
                                       const std::vector<array>& outputs);
/// Tangents of the outputs, given tangents[i] for inputs[argnums[i]].
using JvpRule = std::vector<array> (*)(const Primitive& p, const std::vector<array>& primals,
                                       const std::vector<array>& tangents,
                                       const std::vector<int>& argnums,
                                       const std::vector<array>& outputs);

#define MXG_DECLARE_GRAD_RULES(name, family)                                                   \
  std::vector<array> vjp_##name(const Primitive& p, const std::vector<array>& primals,        \
                                const std::vector<array>& cotangents,                          \
                                const std::vector<int>& argnums,                               \
                                const std::vector<array>& outputs);                            \
  std::vector<array> jvp_##name(const Primitive& p, const std::vector<array>& primals,        \
                                const std::vector<array>& tangents,                            \
                                const std::vector<int>& argnums,                               \
                                const std::vector<array>& outputs);
MXG_PRIMITIVES(MXG_DECLARE_GRAD_RULES)
#undef MXG_DECLARE_GRAD_RULES

/// Zeros of the given shape and dtype (a broadcast scalar: no allocation).
array zeros_of(const Shape& shape, Dtype dtype, StreamOrDevice s = {});
/// Sums `x` down to `shape` (undoing NumPy broadcasting).
array unbroadcast(const array& x, const Shape& shape, StreamOrDevice s = {});

/// For primitives with no derivative (integer outputs, random bits, sorting
/// indices): zero cotangents / tangents of the right shapes.
std::vector<array> zero_vjp(const std::vector<array>& primals, const std::vector<int>& argnums);
std::vector<array> zero_jvp(const std::vector<array>& outputs);
/// Zero tangents where a bool output (a comparison, all/any) takes the dtype of the
/// incoming `tangent` instead of bool, as in MLX.
std::vector<array> zero_jvp(const std::vector<array>& outputs, const array& tangent);

} // namespace mxg
