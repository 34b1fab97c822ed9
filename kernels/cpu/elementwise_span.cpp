// unary_span / binary_span: the run-time choice of instruction set, float16/bfloat16
// through float32 tiles, and the generic (scalar functor) loops for every other
// op and dtype.
#include "cpu/elementwise_span.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#include "cpu/binary_ops.h"
#include "cpu/simd.h"
#include "mxgraph/settings.h"

namespace mxg {
namespace {

const SimdKernels* pick_kernels() {
#if defined(MXG_HAVE_AVX2_KERNELS)
  bool forced_base = setting_text(Setting::Cpu) == "baseline";
  if (!forced_base && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    return &simd_avx2::kernels;
  }
#endif
  return &simd_baseline::kernels;
}

std::atomic<const SimdKernels*>& current() {
  static std::atomic<const SimdKernels*> k{pick_kernels()};
  return k;
}

/// Runs a float16/bfloat16 span through float32 tiles (ops with a vectorised kernel).
template <typename H>
void half_tiles(const SimdKernels* k, UnaryOp op, const H* in, H* out, int64_t n) {
  constexpr int64_t kTile = 512;
  float buf[kTile];
  for (int64_t s = 0; s < n; s += kTile) {
    int64_t m = n - s < kTile ? n - s : kTile;
    for (int64_t i = 0; i < m; ++i) buf[i] = static_cast<float>(in[s + i]);
    k->unary_f32(op, buf, buf, m);
    for (int64_t i = 0; i < m; ++i) out[s + i] = H(buf[i]);
  }
}

template <typename Op, typename T>
void generic_unary(const void* vin, void* vout, int64_t n) {
  using C = compute_t<T>;
  using R = decltype(Op{}(C{}));
  // Predicates give bool; everything else gives T (or float for |complex|, real, imag).
  using U = std::conditional_t<std::is_same_v<R, bool>, bool,
                               std::conditional_t<is_complex_t<T>::value && !is_complex_t<R>::value,
                                                  float, T>>;
  const T* in = static_cast<const T*>(vin);
  U* out = static_cast<U*>(vout);
  Op op;
  for (int64_t i = 0; i < n; ++i) out[i] = cast_value<U>(op(static_cast<C>(in[i])));
}

template <typename Op>
void generic_unary_dispatch(Dtype dtype, const void* in, void* out, int64_t n) {
  dispatch_dtype(dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (Op::template ok<T>) {
      generic_unary<Op, T>(in, out, n);
    } else {
      throw std::invalid_argument(std::string("[unary] Unsupported dtype ") + dtype_name(dtype) + ".");
    }
  });
}

template <typename Op, typename T>
void generic_binary(const void* va, bool as, const void* vb, bool bs, void* vo, int64_t n) {
  using C = compute_t<T>;
  using R = decltype(Op{}(C{}, C{}));
  using U = std::conditional_t<std::is_same_v<R, bool>, bool, T>;
  const T* a = static_cast<const T*>(va);
  const T* b = static_cast<const T*>(vb);
  U* o = static_cast<U*>(vo);
  Op op;
  if (!as && !bs) {
    for (int64_t i = 0; i < n; ++i) o[i] = cast_value<U>(op(C(a[i]), C(b[i])));
  } else if (as && !bs) {
    const C x = C(a[0]);
    for (int64_t i = 0; i < n; ++i) o[i] = cast_value<U>(op(x, C(b[i])));
  } else if (!as && bs) {
    const C y = C(b[0]);
    for (int64_t i = 0; i < n; ++i) o[i] = cast_value<U>(op(C(a[i]), y));
  } else {
    const U v = cast_value<U>(op(C(a[0]), C(b[0])));
    for (int64_t i = 0; i < n; ++i) o[i] = v;
  }
}

template <typename Op>
void generic_binary_dispatch(Dtype dtype, const void* a, bool as, const void* b, bool bs, void* o, int64_t n) {
  dispatch_dtype(dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (Op::template ok<T>) {
      generic_binary<Op, T>(a, as, b, bs, o, n);
    } else {
      throw std::invalid_argument(std::string("[binary] Unsupported dtype ") + dtype_name(dtype) + ".");
    }
  });
}

} // namespace

const SimdKernels& simd_kernels() { return *current().load(std::memory_order_relaxed); }

const char* simd_level() { return current().load()->name; }

void set_simd_level(const char* level) {
  const SimdKernels* k = &simd_baseline::kernels;
#if defined(MXG_HAVE_AVX2_KERNELS)
  if (std::string(level) == "avx2" && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    k = &simd_avx2::kernels;
  }
#endif
  current().store(k);
}

void unary_span(UnaryOp op, Dtype dtype, const void* in, void* out, int64_t n) {
  // The registry's kernel column says which ops have a float32 loop (simd_span_impl.h
  // checks it at compile time); half precision runs through it in float32 tiles.
  if (traits(op).kernel == op_traits::Kernel::Simd) {
    const SimdKernels* k = current().load(std::memory_order_relaxed);
    switch (dtype) {
      case Dtype::float32:
        k->unary_f32(op, static_cast<const float*>(in), static_cast<float*>(out), n);
        return;
      case Dtype::float16:
        half_tiles(k, op, static_cast<const float16_t*>(in), static_cast<float16_t*>(out), n);
        return;
      case Dtype::bfloat16:
        half_tiles(k, op, static_cast<const bfloat16_t*>(in), static_cast<bfloat16_t*>(out), n);
        return;
      default:
        break;
    }
  }
  switch (op) {
#define MXG_UNARY_CASE(e, ...)                         \
  case UnaryOp::e:                                     \
    generic_unary_dispatch<ops::e>(dtype, in, out, n); \
    break;
    MXG_UNARY_OPS(MXG_UNARY_CASE)
#undef MXG_UNARY_CASE
  }
}

void binary_span(BinaryOp op, Dtype in_dtype, const void* a, bool a_scalar, const void* b, bool b_scalar,
                 void* out, int64_t n) {
  const SimdKernels* k = current().load(std::memory_order_relaxed);
  if (traits(op).kernel == op_traits::Kernel::Simd && k->binary(op, in_dtype, a, a_scalar, b, b_scalar, out, n)) {
    return; // a vectorised loop for this dtype
  }
  switch (op) {
#define MXG_BINARY_CASE(e, ...)                                                       \
  case BinaryOp::e:                                                             \
    generic_binary_dispatch<ops::e>(in_dtype, a, a_scalar, b, b_scalar, out, n); \
    break;
    MXG_BINARY_OPS(MXG_BINARY_CASE)
#undef MXG_BINARY_CASE
  }
}

} // namespace mxg
