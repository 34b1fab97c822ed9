// Plain-loop implementations of the span entry points (elementwise_span.h): loops
// over the scalar functors that the compiler vectorises where it can.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "cpu/binary_ops.h"
#include "cpu/elementwise_span.h"

namespace mxg {
namespace {

// flatten: the functors (exp_f32, ...) are inlined into the loops whatever the
// inliner's unit-growth budget, so the loops vectorise.
template <typename Op, typename T>
[[gnu::flatten]] void unary_loop(const void* in, void* out, int64_t n) {
  using C = compute_t<T>;
  using R = decltype(Op{}(C{}));
  using U = std::conditional_t<std::is_same_v<R, bool>, bool,
                               std::conditional_t<is_complex_t<T>::value && !is_complex_t<R>::value,
                                                  float, T>>;
  const T* src = static_cast<const T*>(in);
  U* dst = static_cast<U*>(out);
  Op op;
  if constexpr (std::is_same_v<C, float> &&
                (std::is_same_v<Op, ops::Sin> || std::is_same_v<Op, ops::Cos>)) {
    // The fast sin/cos covers |x| <= kSinCosFastLimit; the rest is redone exactly
    // (remembered first, since dst may be src).
    std::vector<std::pair<int64_t, float>> slow;
    for (int64_t i = 0; i < n; ++i) {
      float x = static_cast<float>(src[i]);
      if (!(std::fabs(x) <= ops::kSinCosFastLimit)) slow.emplace_back(i, x);
    }
    for (int64_t i = 0; i < n; ++i) dst[i] = cast_value<U>(op(static_cast<C>(src[i])));
    for (auto [i, x] : slow) {
      dst[i] = cast_value<U>(std::is_same_v<Op, ops::Sin> ? std::sin(x) : std::cos(x));
    }
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = cast_value<U>(op(static_cast<C>(src[i])));
  }
}

template <typename Op>
void unary_typed(Dtype dtype, const void* in, void* out, int64_t n) {
  dispatch_dtype(dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (Op::template ok<T>) {
      unary_loop<Op, T>(in, out, n);
    } else {
      throw std::invalid_argument(std::string("[unary] Unsupported dtype ") + dtype_name(dtype) + ".");
    }
  });
}

template <typename Op, typename T>
[[gnu::flatten]] void binary_loop(const void* pa, bool sa, const void* pb, bool sb, void* out, int64_t n) {
  using C = compute_t<T>;
  using R = decltype(Op{}(C{}, C{}));
  using U = std::conditional_t<std::is_same_v<R, bool>, bool, T>;
  const T* a = static_cast<const T*>(pa);
  const T* b = static_cast<const T*>(pb);
  U* o = static_cast<U*>(out);
  Op op;
  if (!sa && !sb) {
    for (int64_t i = 0; i < n; ++i) o[i] = cast_value<U>(op(C(a[i]), C(b[i])));
  } else if (sa && !sb) {
    const C x = C(a[0]);
    for (int64_t i = 0; i < n; ++i) o[i] = cast_value<U>(op(x, C(b[i])));
  } else if (!sa && sb) {
    const C y = C(b[0]);
    for (int64_t i = 0; i < n; ++i) o[i] = cast_value<U>(op(C(a[i]), y));
  } else {
    const U v = cast_value<U>(op(C(a[0]), C(b[0])));
    for (int64_t i = 0; i < n; ++i) o[i] = v;
  }
}

template <typename Op>
void binary_typed(Dtype dtype, const void* a, bool sa, const void* b, bool sb, void* out, int64_t n) {
  dispatch_dtype(dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (Op::template ok<T>) {
      binary_loop<Op, T>(a, sa, b, sb, out, n);
    } else {
      throw std::invalid_argument(std::string("[binary] Unsupported dtype ") + dtype_name(dtype) + ".");
    }
  });
}

} // namespace

void unary_span(UnaryOp op, Dtype dtype, const void* in, void* out, int64_t n) {
  switch (op) {
#define MXG_UNARY_SPAN_CASE(e, nm)                 \
  case UnaryOp::e:                                 \
    unary_typed<ops::e>(dtype, in, out, n);        \
    break;
    MXG_UNARY_OPS(MXG_UNARY_SPAN_CASE)
#undef MXG_UNARY_SPAN_CASE
  }
}

void binary_span(BinaryOp op, Dtype in_dtype, const void* a, bool a_scalar, const void* b,
                 bool b_scalar, void* out, int64_t n) {
  switch (op) {
#define MXG_BINARY_SPAN_CASE(e, nm)                                      \
  case BinaryOp::e:                                                      \
    binary_typed<ops::e>(in_dtype, a, a_scalar, b, b_scalar, out, n);    \
    break;
    MXG_BINARY_OPS(MXG_BINARY_SPAN_CASE)
#undef MXG_BINARY_SPAN_CASE
  }
}

} // namespace mxg
