// CPU kernels for Sort, ArgSort, Partition, ArgPartition. Each line along the
// axis is copied out, ordered with std::sort / std::stable_sort / std::nth_element
// (NaN last, as NumPy), and written back; lines run in parallel.
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include "cpu/cast.h"
#include "cpu/elementwise_common.h"
#include "primitives/shape.h"
#include "primitives/sort.h"

namespace mxg {
namespace {

template <typename T>
inline bool nan_of(const T& v) {
  if constexpr (is_complex_t<T>::value) return std::isnan(v.real()) || std::isnan(v.imag());
  else if constexpr (std::is_floating_point_v<T>) return std::isnan(v);
  else return false;
}

// Strict weak order with NaN after everything; complex numbers compare lexicographically.
template <typename C>
struct NanLast {
  bool operator()(const C& a, const C& b) const {
    if (nan_of(a)) return false;
    if (nan_of(b)) return true;
    if constexpr (is_complex_t<C>::value) {
      return a.real() < b.real() || (a.real() == b.real() && a.imag() < b.imag());
    } else {
      return a < b;
    }
  }
};

template <typename T>
void run_sort(PrimitiveKind kind, const array& in, array& out, int axis, int kth, int64_t start) {
  using C = compute_t<T>;
  const T* p = in.data<T>();
  int64_t n = in.shape(axis), inner = 1, outer = 1;
  for (int d = axis + 1; d < in.ndim(); ++d) inner *= in.shape(d);
  for (int d = 0; d < axis; ++d) outer *= in.shape(d);
  int64_t m = n - start; // output length along the axis
  bool want_index = kind == PrimitiveKind::ArgSort || kind == PrimitiveKind::ArgPartition;
  int64_t grain = std::max<int64_t>(1, kElementwiseGrain / std::max<int64_t>(n * 8, 1));
  NanLast<C> less;
  parallel_for(outer * inner, grain, [&](int64_t b, int64_t e) {
    std::unique_ptr<C[]> buf(new C[n]);  // not vector<C>: C may be bool
    C* vals = buf.get();
    std::vector<uint32_t> idx(want_index ? n : 0);
    for (int64_t line = b; line < e; ++line) {
      int64_t o = line / inner, j = line % inner;
      const T* src = p + o * n * inner + j;
      for (int64_t i = 0; i < n; ++i) vals[i] = static_cast<C>(src[i * inner]);
      if (want_index) {
        std::iota(idx.begin(), idx.end(), 0u);
        auto by_val = [&](uint32_t x, uint32_t y) { return less(vals[x], vals[y]); };
        if (kind == PrimitiveKind::ArgSort) std::stable_sort(idx.begin(), idx.end(), by_val);
        else std::nth_element(idx.begin(), idx.begin() + kth, idx.end(), by_val);
        uint32_t* dst = out.data<uint32_t>() + o * m * inner + j;
        for (int64_t i = 0; i < m; ++i) dst[i * inner] = idx[start + i];
      } else {
        if (kind == PrimitiveKind::Sort) std::sort(vals, vals + n, less);
        else std::nth_element(vals, vals + kth, vals + n, less);
        T* dst = out.data<T>() + o * m * inner + j;
        for (int64_t i = 0; i < m; ++i) dst[i * inner] = cast_value<T>(vals[start + i]);
      }
    }
  });
}

} // namespace

void SortBase::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array in = ensure_row_contiguous(inputs[0]);
  array& out = outputs[0];
  alloc_rows(out);
  if (out.size() == 0 || in.size() == 0) return;
  dispatch_dtype(in.dtype(), [&](auto tag) {
    using T = decltype(tag);
    run_sort<T>(kind(), in, out, axis(), kth(), start());
  });
}

} // namespace mxg
