// CPU kernels for Unary, AsType.
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
    for (int64_t i = b; i < e; ++i) dst[i] = cast_value<U>(op(static_cast<C>(src[i])));
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
  array in = inputs[0].flags().contiguous ? inputs[0] : ensure_row_contiguous(inputs[0]);
  array& out = outputs[0];
  if (op_ == UnaryOp::StopGradient) {
    out.copy_shared_buffer(in, in.strides(), in.flags(), in.data_size());
    return;
  }
  alloc_like(out, in, {&inputs[0]});
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
