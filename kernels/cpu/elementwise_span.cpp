// unary_span / binary_span: the run-time choice of instruction set, float16/bfloat16
// through float32 tiles, and the generic (scalar functor) loops for every other
// op and dtype.
#include "cpu/elementwise_span.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>  // F16C detection below
#endif

#include "cpu/binary_ops.h"
#include "cpu/simd.h"
#include "mxgraph/settings.h"

namespace mxg {
namespace {

#if defined(MXG_HAVE_AVX2_KERNELS)
// F16C from CPUID leaf 1 (ECX bit 29): clang's __builtin_cpu_supports does not know "f16c".
bool has_f16c() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  return __get_cpuid(1, &a, &b, &c, &d) && ((c >> 29) & 1u);
}

bool avx2_ok() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && has_f16c(); }
#endif

const SimdKernels* pick_kernels() {
#if defined(MXG_HAVE_AVX2_KERNELS)
  bool forced_base = setting_text(Setting::Cpu) == "baseline";
  if (!forced_base && avx2_ok()) {
    return &simd_avx2::kernels;
  }
#endif
  return &simd_baseline::kernels;
}

std::atomic<const SimdKernels*>& current() {
  static std::atomic<const SimdKernels*> k{pick_kernels()};
  return k;
}

constexpr int64_t kTile = 512;

/// Runs a float16/bfloat16 span through float32 tiles (ops with a vectorised kernel).
void half_tiles(const SimdKernels* k, UnaryOp op, Dtype dt, const void* vin, void* vout, int64_t n) {
  const uint16_t* in = static_cast<const uint16_t*>(vin);
  uint16_t* out = static_cast<uint16_t*>(vout);
  float buf[kTile];
  for (int64_t s = 0; s < n; s += kTile) {
    int64_t m = n - s < kTile ? n - s : kTile;
    k->half_to_f32(dt, in + s, buf, m);
    k->unary_f32(op, buf, buf, m);
    k->f32_to_half(dt, buf, out + s, m);
  }
}

/// A binary op on float16/bfloat16 through float32 tiles: the float32 result is
/// rounded back, a bool one (comparisons) written as is.
bool half_binary_tiles(const SimdKernels* k, BinaryOp op, Dtype dt, const void* va, bool as,
                       const void* vb, bool bs, void* vo, int64_t n) {
  const uint16_t* a = static_cast<const uint16_t*>(va);
  const uint16_t* b = static_cast<const uint16_t*>(vb);
  bool to_bool = traits(op).result == op_traits::Result::Bool;
  float fa[kTile], fb[kTile], fo[kTile];
  for (int64_t s = 0; s < n; s += kTile) {
    int64_t m = n - s < kTile ? n - s : kTile;
    k->half_to_f32(dt, as ? a : a + s, fa, as ? 1 : m);
    k->half_to_f32(dt, bs ? b : b + s, fb, bs ? 1 : m);
    void* o = to_bool ? static_cast<void*>(static_cast<bool*>(vo) + s) : static_cast<void*>(fo);
    if (!k->binary(op, Dtype::float32, fa, as, fb, bs, o, m)) return false;
    if (!to_bool) k->f32_to_half(dt, fo, static_cast<uint16_t*>(vo) + s, m);
  }
  return true;
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
  if (std::string(level) == "avx2" && avx2_ok()) {
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
      case Dtype::bfloat16:
        half_tiles(k, op, dtype, in, out, n);
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

bool convert_span(Dtype from, const void* in, Dtype to, void* out, int64_t n) {
  auto is_half = [](Dtype d) { return d == Dtype::float16 || d == Dtype::bfloat16; };
  const SimdKernels* k = current().load(std::memory_order_relaxed);
  if (from == Dtype::float32 && is_half(to)) {
    k->f32_to_half(to, static_cast<const float*>(in), static_cast<uint16_t*>(out), n);
    return true;
  }
  if (is_half(from) && to == Dtype::float32) {
    k->half_to_f32(from, static_cast<const uint16_t*>(in), static_cast<float*>(out), n);
    return true;
  }
  return false;
}

void binary_span(BinaryOp op, Dtype in_dtype, const void* a, bool a_scalar, const void* b, bool b_scalar,
                 void* out, int64_t n) {
  const SimdKernels* k = current().load(std::memory_order_relaxed);
  if (traits(op).kernel == op_traits::Kernel::Simd) {
    bool half = in_dtype == Dtype::float16 || in_dtype == Dtype::bfloat16;
    if (half ? half_binary_tiles(k, op, in_dtype, a, a_scalar, b, b_scalar, out, n)
             : k->binary(op, in_dtype, a, a_scalar, b, b_scalar, out, n)) {
      return; // a vectorised loop for this dtype
    }
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
