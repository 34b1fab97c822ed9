// CPU kernels for Unary, AsType. Unary runs on dense spans (elementwise_span.h,
// SIMD-dispatched), split across threads above kElementwiseGrain.
#include <optional>
#include <vector>

#include "cpu/elementwise_common.h"
#include "cpu/elementwise_span.h"
#include "primitives/elementwise.h"

namespace mxg {

void Unary::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array& out = outputs[0];
  if (op() == UnaryOp::StopGradient) {
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
  const char* src = static_cast<const char*>(in.raw_data());
  char* dst = static_cast<char*>(out.raw_data());
  int64_t n = in.data_size(), is = in.itemsize(), os = out.itemsize();
  UnaryOp op = this->op();
  Dtype dt = in.dtype();
  if (n <= kElementwiseGrain) { // also raises unsupported-dtype errors for empty arrays
    unary_span(op, dt, src, dst, n);
    return;
  }
  parallel_for(n, kElementwiseGrain, [&](int64_t b, int64_t e) {
    unary_span(op, dt, src + b * is, dst + b * os, e - b);
  });
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
      if (!convert_span(in.dtype(), src + b * is, out.dtype(), dst + b * os, e - b)) {
        convert_elements(src + b * is, in.dtype(), dst + b * os, out.dtype(), e - b);
      }
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
  if (dtype() == bool_ && in.dtype() != bool_) {
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
