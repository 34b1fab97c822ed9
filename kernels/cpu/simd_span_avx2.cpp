// The span kernels compiled for AVX2+FMA+F16C, chosen at run time (elementwise_span.cpp).
// The target is set by a pragma AFTER every header, so only the functions of
// simd_span_impl.h (internal to this file) carry AVX2 code: no inline function shared
// with other files can be emitted with AVX2 instructions and picked by the linker for
// a baseline caller. The header math is inlined into the AVX2 loops.
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "cpu/simd.h"
#include "cpu/vec_math.h"
#include "mxgraph/half.h"

#if defined(MXG_HAVE_AVX2_KERNELS)
#include <immintrin.h>
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
#endif

#define MXG_SIMD_NS simd_avx2
#define MXG_SIMD_NAME "avx2"
#define MXG_SIMD_X86_AVX2 1
#include "cpu/simd_half_impl.h"
#include "cpu/simd_span_impl.h"

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif
