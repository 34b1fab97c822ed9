#include "cpu/strided.h"

#include <algorithm>
#include <cstring>

#include "backend/thread_pool.h"
#include "cpu/cast.h"

namespace mxg {

std::pair<Shape, std::vector<Strides>> collapse_dims(const Shape& shape,
                                                     const std::vector<Strides>& strides) {
  Shape out_shape;
  std::vector<Strides> out_strides(strides.size());
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == 1) continue;
    bool merge = !out_shape.empty();
    for (size_t k = 0; merge && k < strides.size(); ++k) {
      merge = out_strides[k].back() == strides[k][d] * shape[d];
    }
    if (merge) {
      out_shape.back() *= shape[d];
      for (size_t k = 0; k < strides.size(); ++k) out_strides[k].back() = strides[k][d];
    } else {
      out_shape.push_back(shape[d]);
      for (size_t k = 0; k < strides.size(); ++k) out_strides[k].push_back(strides[k][d]);
    }
  }
  if (out_shape.empty()) {
    out_shape.push_back(1);
    for (auto& s : out_strides) s.push_back(1);
  }
  return {out_shape, out_strides};
}

void copy_strided(const array& in, void* dst, Dtype dst_dtype) {
  int64_t n = in.size();
  if (n == 0) return;
  if (in.flags().row_contiguous) {
    convert_elements(in.raw_data(), in.dtype(), dst, dst_dtype, n);
    return;
  }
  auto [shape, strides] = collapse_dims(in.shape(), {in.strides(), row_strides(in.shape())});
  auto [outer, inner] = outer_inner(shape);
  dispatch_dtype(in.dtype(), [&](auto s) {
    using S = decltype(s);
    dispatch_dtype(dst_dtype, [&](auto d) {
      using D = decltype(d);
      const S* src = static_cast<const S*>(in.raw_data());
      D* out = static_cast<D*>(dst);
      int64_t is = strides[0].back();
      parallel_for(outer, std::max<int64_t>(1, 32768 / std::max<int64_t>(inner, 1)),
                   [&](int64_t b, int64_t e) {
                     NdIndex it(shape, strides);
                     it.seek(b);
                     for (int64_t o = b; o < e; ++o, it.next()) {
                       const S* sp = src + it.offset(0);
                       D* dp = out + o * inner;
                       for (int64_t i = 0; i < inner; ++i) dp[i] = cast_value<D>(sp[i * is]);
                     }
                   });
    });
  });
}

array broadcast_view(const array& in, const Shape& shape) {
  if (in.shape() == shape) return in;
  array out = array::empty_like(shape, in.dtype());
  int diff = static_cast<int>(shape.size()) - in.ndim();
  Strides st(shape.size(), 0);
  for (int i = 0; i < in.ndim(); ++i) st[i + diff] = in.shape()[i] == 1 ? 0 : in.strides()[i];
  Flags f = in.flags();
  if (out.size() != in.size()) f.row_contiguous = f.col_contiguous = false;
  out.copy_shared_buffer(in, std::move(st), f, in.data_size());
  return out;
}

array ensure_row_contiguous(const array& in) {
  if (in.flags().row_contiguous) return in;
  array out = array::empty_like(in.shape(), in.dtype());
  out.set_data(allocate(static_cast<size_t>(in.nbytes())));
  copy_strided(in, out.raw_data(), in.dtype());
  return out;
}

} // namespace mxg
