// Linear algebra: matmul and friends, through BLAS.
#pragma once

#include <utility>
#include <vector>

#include "mxgraph/array.h"

namespace mxg {

/// NumPy matmul: 1-d operands are promoted and squeezed back; batch dims broadcast.
/// Only inexact (floating and complex) results are supported, as in MLX.
array matmul(const array& a, const array& b, StreamOrDevice s = {});
/// alpha * (a @ b) + beta * c, with c broadcast to the product's shape.
array addmm(const array& c, const array& a, const array& b, float alpha = 1.0f, float beta = 1.0f,
            StreamOrDevice s = {});
/// Sum product over the last axes of a and b (a scalar operand multiplies).
array inner(const array& a, const array& b, StreamOrDevice s = {});
/// Outer product of the flattened inputs.
array outer(const array& a, const array& b, StreamOrDevice s = {});
/// Contracts the last `axes` axes of a with the first `axes` of b.
array tensordot(const array& a, const array& b, int axes = 2, StreamOrDevice s = {});
/// Contracts a's axes axes_a with b's axes axes_b, pairwise.
array tensordot(const array& a, const array& b, const std::vector<int>& axes_a,
                const std::vector<int>& axes_b, StreamOrDevice s = {});

} // namespace mxg
