// CPU kernels for Slice, AsStrided, Concatenate and SliceUpdate, and the strided
// byte copies they share with gather/scatter. Copies move bytes, so one loop per
// item size serves every dtype.
#include "cpu/slicing.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <numeric>

#include "backend/thread_pool.h"
#include "cpu/elementwise_common.h"
#include "primitives/shape.h"

namespace mxg {
namespace {

template <typename T>
void copy_typed(const T* src, const Strides& ss, T* dst, const Strides& ds, const Shape& shape) {
  // Plain variables (not structured bindings) so the lambda can capture them.
  auto collapsed = collapse_dims(shape, {ss, ds});
  const Shape& cshape = collapsed.first;
  const std::vector<Strides>& st = collapsed.second;
  int64_t outer = outer_inner(cshape).first, inner = outer_inner(cshape).second;
  int64_t si = st[0].back(), di = st[1].back();
  parallel_for(outer, std::max<int64_t>(1, 32768 / std::max<int64_t>(inner, 1)),
               [&](int64_t b, int64_t e) {
                 NdIndex it(cshape, st);
                 it.seek(b);
                 for (int64_t o = b; o < e; ++o, it.next()) {
                   const T* sp = src + it.offset(0);
                   T* dp = dst + it.offset(1);
                   if (si == 1 && di == 1) {
                     std::memcpy(dp, sp, static_cast<size_t>(inner) * sizeof(T));
                   } else {
                     for (int64_t i = 0; i < inner; ++i) dp[i * di] = sp[i * si];
                   }
                 }
               });
}

// Start offset (elements) and strides of the window start:stop:step of `shape`
// laid out with `strides`.
std::pair<int64_t, Strides> window(const Strides& strides, const Shape& start, const Shape& step) {
  int64_t off = 0;
  Strides st(strides.size());
  for (size_t i = 0; i < strides.size(); ++i) {
    off += start[i] * strides[i];
    st[i] = strides[i] * step[i];
  }
  return {off, st};
}

} // namespace

void copy_elements(const void* src, const Strides& ss, void* dst, const Strides& ds,
                   const Shape& shape, int itemsize) {
  if (shape_size(shape) == 0) return;
  switch (itemsize) {
    case 1: copy_typed(static_cast<const uint8_t*>(src), ss, static_cast<uint8_t*>(dst), ds, shape); break;
    case 2: copy_typed(static_cast<const uint16_t*>(src), ss, static_cast<uint16_t*>(dst), ds, shape); break;
    case 4: copy_typed(static_cast<const uint32_t*>(src), ss, static_cast<uint32_t*>(dst), ds, shape); break;
    default: copy_typed(static_cast<const uint64_t*>(src), ss, static_cast<uint64_t*>(dst), ds, shape); break;
  }
}

void make_view(array& out, const array& in, Strides strides, int64_t offset) {
  const Shape& shape = out.shape();
  Flags f;
  int64_t n = out.size();
  if (n == 0) {
    out.copy_shared_buffer(in, std::move(strides), f, 0, 0);
    return;
  }
  Strides rs = row_strides(shape);
  int64_t col = 1, span = 1, dense = 1;
  std::vector<std::pair<int64_t, int64_t>> dims; // (stride, extent) of the moving dims
  bool nonneg = true;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 1) continue;
    if (strides[i] != rs[i]) f.row_contiguous = false;
    if (strides[i] != col) f.col_contiguous = false;
    col *= shape[i];
    span += (shape[i] - 1) * std::abs(strides[i]);
    nonneg &= strides[i] >= 0;
    if (strides[i] != 0) dims.emplace_back(strides[i], shape[i]);
  }
  // Dense block (in some axis order): sorted strides pack the extents exactly.
  std::sort(dims.begin(), dims.end());
  int64_t expect = 1;
  bool packed = nonneg;
  for (auto& [s, e] : dims) {
    packed &= s == expect;
    expect *= e;
    dense *= e;
  }
  f.contiguous = packed;
  out.copy_shared_buffer(in, std::move(strides), f, packed ? dense : span, offset);
}

void copy_or_donate(const array& in, array& out) {
  if (in.is_donatable() && in.flags().row_contiguous && in.data_size() == in.size() &&
      in.itemsize() == out.itemsize()) {
    out.copy_shared_buffer(in, in.strides(), in.flags(), in.data_size());
    return;
  }
  alloc_rows(out);
  copy_elements(in.raw_data(), in.strides(), out.raw_data(), out.strides(), in.shape(),
                in.itemsize());
}

void Slice::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& in = inputs[0];
  auto [off, st] = window(in.strides(), start(), strides());
  make_view(outputs[0], in, std::move(st), outputs[0].size() ? off : 0);
}

void AsStrided::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  // Strides count elements of the row-major input, so view a dense copy if needed.
  array in = inputs[0].flags().row_contiguous && inputs[0].data_size() == inputs[0].size()
                 ? inputs[0]
                 : ensure_row_contiguous(inputs[0]);
  make_view(outputs[0], in, strides(), outputs[0].size() ? offset() : 0);
}

void Concatenate::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array& out = outputs[0];
  alloc_rows(out);
  char* dst = static_cast<char*>(out.raw_data());
  int64_t step = out.strides()[axis()] * out.itemsize();
  int64_t pos = 0;
  for (const array& in : inputs) {
    copy_elements(in.raw_data(), in.strides(), dst + pos * step, out.strides(), in.shape(),
                  in.itemsize());
    pos += in.shape()[axis()];
  }
}

void SliceUpdate::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& upd = inputs[1];
  array& out = outputs[0];
  copy_or_donate(inputs[0], out);
  auto [off, st] = window(out.strides(), start(), strides());
  if (upd.size() == 0) return;
  copy_elements(upd.raw_data(), upd.strides(), static_cast<char*>(out.raw_data()) + off * out.itemsize(),
                st, upd.shape(), upd.itemsize());
}

} // namespace mxg
