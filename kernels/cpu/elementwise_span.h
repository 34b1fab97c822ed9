// Span-level elementwise entry points: n dense elements, SIMD-dispatched at run time
// (AVX2+FMA where the CPU has it, SSE2 otherwise; MXGRAPH_CPU=baseline forces SSE2).
// The output has the op's result dtype (bool for predicates and comparisons); a
// `*_scalar` input points at one element broadcast over n. Single-threaded: callers
// split large spans with parallel_for.
#pragma once

#include <cstdint>

#include "mxgraph/dtype.h"
#include "mxgraph/primitive.h"

namespace mxg {

void unary_span(UnaryOp op, Dtype dtype, const void* in, void* out, int64_t n);
/// Converts n elements between float32 and float16/bfloat16 with the SIMD kernels;
/// false (nothing written) for any other pair of dtypes.
bool convert_span(Dtype from, const void* in, Dtype to, void* out, int64_t n);
void binary_span(BinaryOp op, Dtype in_dtype, const void* a, bool a_scalar, const void* b, bool b_scalar, void* out, int64_t n);

} // namespace mxg
