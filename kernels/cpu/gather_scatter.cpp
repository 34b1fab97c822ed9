// CPU kernels for Gather, Scatter, GatherAxis and ScatterAxis. Index arrays are
// read once into int64 (row-major over their shape) and bounds-checked; plain
// copies move bytes (one loop per item size), reductions dispatch on the dtype.
#include <cstring>
#include <tuple>
#include <sstream>

#include "cpu/cast.h"
#include "cpu/elementwise_common.h"
#include "cpu/slicing.h"
#include "primitives/indexing.h"
#include "primitives/shape.h"

namespace mxg {
namespace {

// The index values, normalised into [0, dim - window]; throws out_of_range otherwise.
std::vector<int64_t> load_indices(const array& idx, int64_t dim, int64_t window, const char* op,
                                  int axis) {
  std::vector<int64_t> v(static_cast<size_t>(idx.size()));
  copy_strided(idx, v.data(), int64);
  for (auto& x : v) {
    int64_t y = x < 0 ? x + dim : x;
    if (y < 0 || y > dim - window) {  // not y + window: an index near 2^63 would overflow
      std::ostringstream os;
      os << "[" << op << "] Index " << x << " is out of bounds for axis " << axis << " with size "
         << dim << ".";
      throw std::out_of_range(os.str());
    }
    x = y;
  }
  return v;
}

// Offset (elements) of the row-major position `n` of `shape` under `strides`.
int64_t offset_of(int64_t n, const Shape& shape, const Strides& strides, size_t first = 0) {
  int64_t off = 0;
  for (int d = static_cast<int>(shape.size()) - 1; d >= 0; --d) {
    off += (n % shape[d]) * strides[first + d];
    n /= shape[d];
  }
  return off;
}

template <typename T>
struct Combine {
  ScatterReduce r;
  T operator()(T old, T upd) const {
    using C = compute_t<T>;
    C a = static_cast<C>(old), b = static_cast<C>(upd);
    switch (r) {
      case ScatterReduce::Sum:
        if constexpr (std::is_same_v<T, bool>) return a || b;
        else return cast_value<T>(a + b);
      case ScatterReduce::Prod:
        if constexpr (std::is_same_v<T, bool>) return a && b;
        else return cast_value<T>(a * b);
      case ScatterReduce::Max:
        if constexpr (is_complex_t<T>::value) return upd;
        else return cast_value<T>(b > a ? b : a);
      case ScatterReduce::Min:
        if constexpr (is_complex_t<T>::value) return upd;
        else return cast_value<T>(b < a ? b : a);
      default:
        return upd;
    }
  }
};

// A window's layout under two stride sets (source, destination), collapsed once
// and walked for every index.
struct Window {
  Shape shape;
  std::vector<Strides> strides;
  int64_t outer = 1, inner = 1;
  Window(const Shape& w, const Strides& src, const Strides& dst) {
    auto [cs, st] = collapse_dims(w, {src, dst});
    shape = std::move(cs);
    strides = std::move(st);
    std::tie(outer, inner) = outer_inner(shape);
  }
  // f(dst_element, src_element) over the window.
  template <typename T, typename U, typename F>
  void walk(const T* src, U* dst, F&& f) const {
    int64_t si = strides[0].back(), di = strides[1].back();
    if (outer == 1) {
      for (int64_t i = 0; i < inner; ++i) f(dst[i * di], src[i * si]);
      return;
    }
    NdIndex it(shape, strides);
    it.seek(0);
    for (int64_t o = 0; o < outer; ++o, it.next()) {
      const T* sp = src + it.offset(0);
      U* dp = dst + it.offset(1);
      for (int64_t i = 0; i < inner; ++i) f(dp[i * di], sp[i * si]);
    }
  }
};

// Calls f(T{}) with an unsigned type of the item size (for plain copies).
template <typename F>
void dispatch_bytes(int itemsize, F&& f) {
  switch (itemsize) {
    case 1: f(uint8_t{}); break;
    case 2: f(uint16_t{}); break;
    case 4: f(uint32_t{}); break;
    default: f(uint64_t{}); break;
  }
}

} // namespace

void Gather::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& a = inputs[0];
  array& out = outputs[0];
  alloc_rows(out);
  Shape ishape = inputs.size() > 1 ? inputs[1].shape() : Shape{};
  int64_t n = shape_size(ishape);
  std::vector<std::vector<int64_t>> idx;
  for (size_t k = 0; k < axes().size(); ++k) {
    int ax = axes()[k];
    idx.push_back(load_indices(inputs[k + 1], a.shape()[ax], slice_sizes()[ax], "gather", ax));
  }
  int64_t win = shape_size(slice_sizes());
  if (win == 0 || n == 0) return;
  Window w(slice_sizes(), a.strides(), row_strides(slice_sizes()));
  dispatch_bytes(a.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = static_cast<const T*>(a.raw_data());
    T* dst = static_cast<T*>(out.raw_data());
    parallel_for(n, std::max<int64_t>(1, 16384 / win), [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) {
        int64_t base = 0;
        for (size_t k = 0; k < axes().size(); ++k) base += idx[k][i] * a.strides()[axes()[k]];
        w.walk(src + base, dst + i * win, [](T& d, T s) { d = s; });
      }
    });
  });
}

void Scatter::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& a = inputs[0];
  const array& upd = inputs.back();
  array& out = outputs[0];
  size_t k_n = axes().size();
  Shape ishape = k_n ? inputs[1].shape() : Shape{};
  size_t ind = ishape.size();
  Shape wshape(upd.shape().begin() + ind, upd.shape().end());
  std::vector<std::vector<int64_t>> idx;
  for (size_t k = 0; k < k_n; ++k) {
    int ax = axes()[k];
    idx.push_back(load_indices(inputs[k + 1], a.shape()[ax], wshape[ax], "scatter", ax));
  }
  copy_or_donate(a, out);
  int64_t n = shape_size(ishape);
  if (shape_size(wshape) == 0) return;
  Window w(wshape, Strides(upd.strides().begin() + ind, upd.strides().end()), out.strides());
  // In index order, so duplicates accumulate (or the last assignment wins).
  auto run = [&](auto tag, auto f) {
    using T = decltype(tag);
    const T* src = static_cast<const T*>(upd.raw_data());
    T* dst = static_cast<T*>(out.raw_data());
    for (int64_t i = 0; i < n; ++i) {
      int64_t base = 0;
      for (size_t k = 0; k < k_n; ++k) base += idx[k][i] * out.strides()[axes()[k]];
      w.walk(src + offset_of(i, ishape, upd.strides()), dst + base, f);
    }
  };
  if (reduce() == ScatterReduce::None) {
    dispatch_bytes(out.itemsize(), [&](auto tag) {
      using T = decltype(tag);
      run(tag, [](T& d, T s) { d = s; });
    });
    return;
  }
  dispatch_dtype(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    Combine<T> c{reduce()};
    run(tag, [c](T& d, T s) { d = c(d, s); });
  });
}

void GatherAxis::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& a = inputs[0];
  array& out = outputs[0];
  alloc_rows(out);
  auto idx = load_indices(inputs[1], a.shape()[axis()], 1, "take_along_axis", axis());
  if (out.size() == 0) return;
  Strides as = a.strides();
  int64_t astep = as[axis()];
  as[axis()] = 0;
  auto collapsed = collapse_dims(out.shape(), {as});
  const Shape& shape = collapsed.first;
  const std::vector<Strides>& st = collapsed.second;
  int64_t outer = outer_inner(shape).first, inner = outer_inner(shape).second;
  int64_t si = st[0].back();
  dispatch_bytes(a.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = static_cast<const T*>(a.raw_data());
    T* dst = static_cast<T*>(out.raw_data());
    parallel_for(outer, std::max<int64_t>(1, 16384 / std::max<int64_t>(inner, 1)),
                 [&](int64_t b, int64_t e) {
                   NdIndex it(shape, st);
                   it.seek(b);
                   for (int64_t o = b; o < e; ++o, it.next()) {
                     const int64_t* ip = idx.data() + o * inner;
                     T* dp = dst + o * inner;
                     for (int64_t i = 0; i < inner; ++i) dp[i] = src[it.offset(0) + i * si + ip[i] * astep];
                   }
                 });
  });
}

void ScatterAxis::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& a = inputs[0];
  const array& upd = inputs[2];
  array& out = outputs[0];
  auto idx = load_indices(inputs[1], a.shape()[axis()], 1, "put_along_axis", axis());
  copy_or_donate(a, out);
  int64_t n = upd.size();
  if (n == 0) return;
  Strides os = out.strides();
  int64_t ostep = os[axis()];
  os[axis()] = 0;
  const Shape& shape = upd.shape();
  const char* src = static_cast<const char*>(upd.raw_data());
  char* dst = static_cast<char*>(out.raw_data());
  int isz = out.itemsize();
  auto at = [&](int64_t p) {
    return std::pair<int64_t, int64_t>(offset_of(p, shape, os) + idx[p] * ostep,
                                       offset_of(p, shape, upd.strides()));
  };
  if (reduce() == ScatterReduce::None) {
    for (int64_t p = 0; p < n; ++p) {
      auto [o, u] = at(p);
      std::memcpy(dst + o * isz, src + u * isz, isz);
    }
    return;
  }
  dispatch_dtype(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    Combine<T> f{reduce()};
    const T* s = reinterpret_cast<const T*>(src);
    T* d = reinterpret_cast<T*>(dst);
    for (int64_t p = 0; p < n; ++p) {
      auto [o, u] = at(p);
      d[o] = f(d[o], s[u]);
    }
  });
}

} // namespace mxg
