// CPU kernels for Unary, AsType.
// The core builds with -fno-trapping-math (CMakeLists.txt) so GCC if-converts and
// vectorises loops with float selects (NaN checks, exp_f32).
#include <optional>
#include <vector>

#include "cpu/elementwise_common.h"
#include "cpu/elementwise_ops.h"
#include "primitives/elementwise.h"

namespace mxg {
namespace {

template <typename Op, typename T>
void run_unary(const array& in, array& out) {
  using C = compute_t<T>;
  using R = decltype(Op{}(C{}));
  // Predicates give bool; everything else gives T (or float for |complex|, real, imag).
  using U = std::conditional_t<std::is_same_v<R, bool>, bool,
                               std::conditional_t<is_complex_t<T>::value && !is_complex_t<R>::value,
                                                  float, T>>;
  const T* src = in.data<T>();
  U* dst = out.data<U>();
  parallel_for(in.data_size(), kElementwiseGrain, [&](int64_t b, int64_t e) {
    Op op;
    if constexpr (std::is_same_v<C, float> &&
                  (std::is_same_v<Op, ops::Sin> || std::is_same_v<Op, ops::Cos>)) {
      // The vectorised sin/cos covers |x| <= kSinCosFastLimit; the rest (and inf, NaN)
      // is remembered before the loop (dst may alias src) and redone exactly after it.
      std::vector<std::pair<int64_t, float>> slow;
      for (int64_t i = b; i < e; ++i) {
        float x = static_cast<float>(src[i]);
        if (!(std::fabs(x) <= ops::kSinCosFastLimit)) slow.emplace_back(i, x);
      }
      for (int64_t i = b; i < e; ++i) dst[i] = cast_value<U>(op(static_cast<C>(src[i])));
      for (auto [i, x] : slow) {
        dst[i] = cast_value<U>(std::is_same_v<Op, ops::Sin> ? std::sin(x) : std::cos(x));
      }
    } else {
      for (int64_t i = b; i < e; ++i) dst[i] = cast_value<U>(op(static_cast<C>(src[i])));
    }
  });
}

template <typename Op>
void unary_dispatch(const array& in, array& out) {
  dispatch_dtype(in.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (Op::template ok<T>) {
      run_unary<Op, T>(in, out);
    } else {
      throw std::invalid_argument(std::string("[unary] Unsupported dtype ") +
                                  dtype_name(in.dtype()) + ".");
    }
  });
}

} // namespace

void Unary::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array& out = outputs[0];
  if (op_ == UnaryOp::StopGradient) {
    const array& a = inputs[0];
    out.copy_shared_buffer(a, a.strides(), a.flags(), a.data_size());
    return;
  }
  // A dense input is used through the node's own handle so it stays donatable; a
  // strided one is first copied, and that copy is a donor too.
  std::optional<array> copy;
  if (!inputs[0].flags().contiguous) copy.emplace(ensure_row_contiguous(inputs[0]));
  const array& in = copy ? *copy : inputs[0];
  alloc_like(out, in, {&in});
  switch (op_) {
#define MXG_UNARY_CASE(e, n)            \
  case UnaryOp::e:                      \
    unary_dispatch<ops::e>(in, out);    \
    break;
    MXG_UNARY_OPS(MXG_UNARY_CASE)
#undef MXG_UNARY_CASE
  }
}

void AsType::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& in = inputs[0];
  array& out = outputs[0];
  if (in.flags().contiguous) {
    alloc_like(out, in, {&in});
    int64_t n = in.data_size();
    int is = in.itemsize(), os = out.itemsize();
    const char* src = static_cast<const char*>(in.raw_data());
    char* dst = static_cast<char*>(out.raw_data());
    parallel_for(n, kElementwiseGrain, [&](int64_t b, int64_t e) {
      convert_elements(src + b * is, in.dtype(), dst + b * os, out.dtype(), e - b);
    });
  } else {
    alloc_rows(out);
    copy_strided(in, out.raw_data(), out.dtype());
  }
}

} // namespace mxg

namespace mxg {

void View::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& in = inputs[0];
  array& out = outputs[0];
  if (dtype_ == bool_ && in.dtype() != bool_) {
    // A bool must hold 0 or 1: pack and normalise the bytes instead of aliasing them.
    array src = ensure_row_contiguous(in);
    alloc_rows(out);
    const uint8_t* p = static_cast<const uint8_t*>(src.raw_data());
    bool* q = out.data<bool>();
    for (int64_t i = 0; i < out.size(); ++i) q[i] = p[i] != 0;
    return;
  }
  if (in.itemsize() == out.itemsize()) {
    out.copy_shared_buffer(in, in.strides(), in.flags(), in.data_size());
    return;
  }
  // The last axis changes length: the bytes must be laid out in row order.
  array src = ensure_row_contiguous(in);
  Flags f;
  int big = 0;
  for (auto d : out.shape()) big += d > 1;
  f.col_contiguous = big <= 1;
  out.copy_shared_buffer(src, row_strides(out.shape()), f, out.size());
}

} // namespace mxg
