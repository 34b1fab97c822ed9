// Span-level elementwise entry points: one operation over n dense elements. The
// fused (Compiled) kernel calls these per tile; kernels/cpu/span_fallback.cpp has
// plain loops over the scalar functors, and SIMD builds may replace them.
#pragma once

#include <cstdint>

#include "mxgraph/primitive.h"

namespace mxg {

/// out[i] = op(in[i]) for i < n. `in` holds `dtype` elements; `out` the op's result
/// dtype (bool for predicates, float32 for abs/real/imag of complex64, else dtype).
/// `out` may equal `in`; otherwise the two must not overlap. Throws
/// std::invalid_argument for a dtype the op does not accept.
void unary_span(UnaryOp op, Dtype dtype, const void* in, void* out, int64_t n);

/// out[i] = op(a[i], b[i]); a scalar operand (a_scalar / b_scalar) is read at index
/// 0 for every i. Both operands hold `in_dtype`; `out` the op's result dtype (bool
/// for comparisons and logical ops, else in_dtype). `out` may equal a non-scalar
/// operand; otherwise no overlap.
void binary_span(BinaryOp op, Dtype in_dtype, const void* a, bool a_scalar, const void* b,
                 bool b_scalar, void* out, int64_t n);

} // namespace mxg
