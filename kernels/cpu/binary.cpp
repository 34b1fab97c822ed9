// CPU kernels for Binary, DivMod and Select. Inputs arrive broadcast to one shape
// (views with zero strides); fast paths cover dense/dense, scalar/dense and dense/scalar.
// Binary runs on spans (elementwise_span.h, SIMD-dispatched); strided runs are packed
// into small buffers first.
#include <optional>

#include "cpu/binary_ops.h"
#include "cpu/elementwise_common.h"
#include "cpu/elementwise_span.h"
#include "primitives/elementwise.h"

namespace mxg {
namespace {

enum class Layout { Dense, ScalarA, ScalarB, General };

Layout layout_of(const array& a, const array& b) {
  bool sa = a.data_size() == 1, sb = b.data_size() == 1;
  bool da = a.flags().contiguous, db = b.flags().contiguous;
  if (da && db && a.strides() == b.strides() && a.data_size() == b.data_size()) return Layout::Dense;
  if (sa && db) return Layout::ScalarA;
  if (sb && da) return Layout::ScalarB;
  return Layout::General;
}

/// Allocates out for the layout; returns the array whose layout out follows.
/// `donors` are the node's own inputs (not views of them), so that an input held by
/// nothing else can hand its buffer to the output.
const array& prepare_out(Layout l, const array& a, const array& b, array& out,
                         const std::vector<const array*>& donors) {
  switch (l) {
    case Layout::Dense:
    case Layout::ScalarB:
      alloc_like(out, a, donors);
      return a;
    case Layout::ScalarA:
      alloc_like(out, b, donors);
      return b;
    default:
      alloc_rows(out);
      return out;
  }
}

/// Calls f(i, ia, ib) for every output element i with the input offsets.
template <typename F>
void for_each_pair(Layout l, const array& a, const array& b, const array& out, F&& f) {
  if (l == Layout::Dense || l == Layout::ScalarA || l == Layout::ScalarB) {
    int64_t n = l == Layout::ScalarA ? b.data_size() : a.data_size();
    int64_t ma = l == Layout::ScalarA ? 0 : 1, mb = l == Layout::ScalarB ? 0 : 1;
    parallel_for(n, kElementwiseGrain, [&](int64_t s, int64_t e) {
      for (int64_t i = s; i < e; ++i) f(i, i * ma, i * mb);
    });
    return;
  }
  auto [shape, strides] = collapse_dims(out.shape(), {a.strides(), b.strides(), out.strides()});
  auto [outer, inner] = outer_inner(shape);
  int64_t sa = strides[0].back(), sb = strides[1].back();
  parallel_for(outer, std::max<int64_t>(1, kElementwiseGrain / std::max<int64_t>(inner, 1)),
               [&](int64_t s, int64_t e) {
                 NdIndex it(shape, strides);
                 it.seek(s);
                 for (int64_t o = s; o < e; ++o, it.next()) {
                   int64_t oa = it.offset(0), ob = it.offset(1), oo = o * inner;
                   for (int64_t i = 0; i < inner; ++i) f(oo + i, oa + i * sa, ob + i * sb);
                 }
               });
}

/// Copies n elements of `size` bytes, `stride` elements apart, into dst.
void pack(const char* src, int64_t stride, int64_t n, int size, char* dst) {
  auto run = [&](auto tag) {
    using T = decltype(tag);
    const T* s = reinterpret_cast<const T*>(src);
    T* d = reinterpret_cast<T*>(dst);
    for (int64_t i = 0; i < n; ++i) d[i] = s[i * stride];
  };
  switch (size) {
    case 1: run(uint8_t{}); break;
    case 2: run(uint16_t{}); break;
    case 4: run(uint32_t{}); break;
    default: run(uint64_t{}); break;
  }
}

/// One contiguous run of n outputs; sa / sb are the input steps in elements (0 or 1
/// go straight to the span kernel, anything else is packed in chunks first).
void binary_run(BinaryOp op, Dtype dt, const char* pa, const char* pb, char* po, int64_t n,
                int64_t sa, int64_t sb, int osz) {
  if ((sa == 0 || sa == 1) && (sb == 0 || sb == 1)) {
    binary_span(op, dt, pa, sa == 0, pb, sb == 0, po, n);
    return;
  }
  const int isz = size_of(dt);
  constexpr int64_t kChunk = 256;
  alignas(16) char ba[kChunk * 8], bb[kChunk * 8];
  for (int64_t s = 0; s < n; s += kChunk) {
    int64_t m = std::min(kChunk, n - s);
    const char* xa = pa + (sa == 0 ? 0 : s * sa * isz);
    const char* xb = pb + (sb == 0 ? 0 : s * sb * isz);
    if (sa != 0 && sa != 1) pack(xa, sa, m, isz, ba), xa = ba;
    if (sb != 0 && sb != 1) pack(xb, sb, m, isz, bb), xb = bb;
    binary_span(op, dt, xa, sa == 0, xb, sb == 0, po + s * osz, m);
  }
}

/// `forced`: a layout the caller already knows (a one-element operand not broadcast).
void run_binary(BinaryOp op, const array& a, const array& b, array& out,
                const std::vector<const array*>& donors, std::optional<Layout> forced = {}) {
  Layout l = forced ? *forced : layout_of(a, b);
  prepare_out(l, a, b, out, donors);
  const Dtype dt = a.dtype();
  const int isz = a.itemsize(), osz = out.itemsize();
  const char* pa = static_cast<const char*>(a.raw_data());
  const char* pb = static_cast<const char*>(b.raw_data());
  char* po = static_cast<char*>(out.raw_data());
  if (l != Layout::General) { // the hot paths: dense and scalar spans
    int64_t n = l == Layout::ScalarA ? b.data_size() : a.data_size();
    int64_t sa = l == Layout::ScalarA ? 0 : 1, sb = l == Layout::ScalarB ? 0 : 1;
    if (n <= kElementwiseGrain) { // also raises unsupported-dtype errors for empty arrays
      binary_run(op, dt, pa, pb, po, n, sa, sb, osz);
      return;
    }
    parallel_for(n, kElementwiseGrain, [&](int64_t s, int64_t e) {
      binary_run(op, dt, pa + s * sa * isz, pb + s * sb * isz, po + s * osz, e - s, sa, sb, osz);
    });
    return;
  }
  auto [shape, strides] = collapse_dims(out.shape(), {a.strides(), b.strides(), out.strides()});
  auto [outer, inner] = outer_inner(shape);
  int64_t sa = strides[0].back(), sb = strides[1].back();
  if (outer == 1) { // one strided run: split it across threads
    parallel_for(inner, kElementwiseGrain, [&](int64_t s, int64_t e) {
      binary_run(op, dt, pa + s * sa * isz, pb + s * sb * isz, po + s * osz, e - s, sa, sb, osz);
    });
    return;
  }
  parallel_for(outer, std::max<int64_t>(1, kElementwiseGrain / std::max<int64_t>(inner, 1)),
               [&](int64_t s, int64_t e) {
                 NdIndex it(shape, strides);
                 it.seek(s);
                 for (int64_t o = s; o < e; ++o, it.next()) {
                   binary_run(op, dt, pa + it.offset(0) * isz, pb + it.offset(1) * isz,
                              po + o * inner * osz, inner, sa, sb, osz);
                 }
               });
}

} // namespace

/// The inputs seen with the output's shape. Inputs already of that shape are used
/// in place (no extra handle), so they stay donatable.
struct Broadcast2 {
  std::optional<array> va, vb;
  const array* a;
  const array* b;
  Broadcast2(const std::vector<array>& in, const Shape& shape) : a(&in[0]), b(&in[1]) {
    if (in[0].shape() != shape) a = &va.emplace(broadcast_view(in[0], shape));
    if (in[1].shape() != shape) b = &vb.emplace(broadcast_view(in[1], shape));
  }
};

void Binary::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& x = inputs[0];
  const array& y = inputs[1];
  array& out = outputs[0];
  // The donor list is per-thread scratch: a fresh {&x, &y} vector was a malloc per op.
  thread_local std::vector<const array*> donors(2);
  donors[0] = &x;
  donors[1] = &y;
  // x + 1.0 and friends: a one-element operand next to a dense one of the output's
  // shape needs no broadcast view (a view and its strides were ~3 mallocs per op).
  if (x.size() == 1 || y.size() == 1) {
    if (y.size() == 1 && x.flags().contiguous && x.shape() == out.shape()) {
      run_binary(op(), x, y, out, donors, Layout::ScalarB);
      return;
    }
    if (x.size() == 1 && y.flags().contiguous && y.shape() == out.shape()) {
      run_binary(op(), x, y, out, donors, Layout::ScalarA);
      return;
    }
  }
  Broadcast2 v(inputs, out.shape());
  run_binary(op(), *v.a, *v.b, out, donors);
}

void DivMod::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  Broadcast2 v(inputs, outputs[0].shape());
  const array& a = *v.a;
  const array& b = *v.b;
  Layout l = layout_of(a, b);
  const array& like = prepare_out(l, a, b, outputs[0], {&inputs[0], &inputs[1]});
  if (l == Layout::General) {
    alloc_rows(outputs[1]);
  } else {
    alloc_like(outputs[1], like, {});
  }
  dispatch_dtype(a.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (ops::FloorDivide::ok<T>) { // the same types as floor_divide
      using C = compute_t<T>;
      const T* pa = a.data<T>();
      const T* pb = b.data<T>();
      T* q = outputs[0].data<T>();
      T* r = outputs[1].data<T>();
      for_each_pair(l, a, b, outputs[0], [&](int64_t i, int64_t ia, int64_t ib) {
        C x = C(pa[ia]), y = C(pb[ib]);
        q[i] = cast_value<T>(ops::FloorDivide{}(x, y));
        r[i] = cast_value<T>(ops::Remainder{}(x, y));
      });
    } else {
      throw std::invalid_argument("[divmod] Unsupported dtype.");
    }
  });
}

/// One run of where(): the dense case is a plain loop the compiler vectorises.
template <typename T>
inline void select_run(const bool* c, const T* x, const T* y, T* o, int64_t n, int64_t sc,
                       int64_t sx, int64_t sy) {
  if (sc == 1 && sx == 1 && sy == 1) {
    for (int64_t i = 0; i < n; ++i) o[i] = c[i] ? x[i] : y[i];
  } else {
    for (int64_t i = 0; i < n; ++i) o[i] = c[i * sc] ? x[i * sx] : y[i * sy];
  }
}

void Select::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array& out = outputs[0];
  array c = broadcast_view(inputs[0], out.shape());
  array x = broadcast_view(inputs[1], out.shape());
  array y = broadcast_view(inputs[2], out.shape());
  alloc_rows(out);
  auto [shape, strides] =
      collapse_dims(out.shape(), {c.strides(), x.strides(), y.strides(), out.strides()});
  auto [outer, inner] = outer_inner(shape);
  dispatch_dtype(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const bool* pc = c.data<bool>();
    const T* px = x.data<T>();
    const T* py = y.data<T>();
    T* po = out.data<T>();
    int64_t sc = strides[0].back(), sx = strides[1].back(), sy = strides[2].back();
    if (outer == 1) {
      parallel_for(inner, kElementwiseGrain, [&](int64_t s, int64_t e) {
        select_run(pc + s * sc, px + s * sx, py + s * sy, po + s, e - s, sc, sx, sy);
      });
      return;
    }
    parallel_for(outer, std::max<int64_t>(1, kElementwiseGrain / std::max<int64_t>(inner, 1)),
                 [&](int64_t s, int64_t e) {
                   NdIndex it(shape, strides);
                   it.seek(s);
                   for (int64_t o = s; o < e; ++o, it.next()) {
                     select_run(pc + it.offset(0), px + it.offset(1), py + it.offset(2),
                                po + o * inner, inner, sc, sx, sy);
                   }
                 });
  });
}

} // namespace mxg
