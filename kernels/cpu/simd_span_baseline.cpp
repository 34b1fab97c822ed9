// The span kernels for the baseline instruction set (SSE2 on x86-64; the portable
// build elsewhere).
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "cpu/simd.h"
#include "cpu/vec_math.h"
#include "mxgraph/half.h"

#define MXG_SIMD_NS simd_baseline
#define MXG_SIMD_NAME "baseline"
#include "cpu/simd_half_impl.h"
#include "cpu/simd_span_impl.h"
