// CPU kernels for Reduce and ArgReduce.
//
// Reduce works on the input's own strides: dimensions are tagged kept/reduced,
// ordered by input stride (outermost first) and merged where contiguous. Then:
//  - row mode (smallest-stride dim is reduced): each output folds a box of inputs
//    whose inner run is (usually) contiguous; parallel over outputs, or over chunks
//    of the outermost reduced dim when there are few outputs (final combine in order);
//  - column mode (smallest-stride dim is kept): blocks of adjacent outputs are
//    accumulated together, four reduced rows per pass; when there are few blocks the
//    outermost reduced dim is split too and the partial blocks combined.
// Float sums are pairwise within a run (8 accumulators per block), like NumPy's;
// float max/min use plain (vectorisable) compares plus a per-block NaN probe.
// float32 runs go to the SIMD-dispatched kernels of simd_span_impl.h.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "cpu/cast.h"
#include "cpu/elementwise_ops.h"
#include "cpu/elementwise_common.h"
#include "cpu/simd.h"
#include "primitives/reduction.h"
#include "primitives/shape.h"

namespace mxg {
namespace {

// ---- accumulator types and operators ------------------------------------------

template <typename T>
struct sum_acc {
  using type = std::conditional_t<
      std::is_same_v<T, bool>, int32_t,
      std::conditional_t<
          is_half_v<T>, float,
          std::conditional_t<std::is_integral_v<T> && std::is_signed_v<T> && sizeof(T) < 8, int32_t,
                             std::conditional_t<std::is_integral_v<T> && std::is_unsigned_v<T> &&
                                                    sizeof(T) < 8,
                                                uint32_t, T>>>>;
};
template <typename T>
using sum_acc_t = typename sum_acc<T>::type;

template <typename T>
inline bool is_nan_v(T v) {
  if constexpr (std::is_floating_point_v<T>) return std::isnan(v);
  else if constexpr (is_complex_t<T>::value) return ops::cplx_nan(v);
  else return false;
}

template <typename A>
struct SumOp {
  static constexpr bool pairwise = std::is_floating_point_v<A> || is_complex_t<A>::value;
  A init() const { return A(0); }
  A operator()(A a, A x) const { return a + x; }
};
template <typename A>
struct ProdOp {
  static constexpr bool pairwise = false;
  A init() const { return A(1); }
  A operator()(A a, A x) const { return a * x; }
};
// Complex max/min (real part first, then imaginary); a NaN in either part wins and
// comes out as nan+0j, as MLX's.
template <int Dir, typename C>
inline C cplx_extreme(C a, C x) {
  if (ops::cplx_nan(a) || ops::cplx_nan(x)) return C(std::numeric_limits<float>::quiet_NaN(), 0.0f);
  return (Dir > 0 ? ops::cplx_less(a, x) : ops::cplx_less(x, a)) ? x : a;
}
template <int Dir, typename C>
constexpr C cplx_extreme_init() {
  constexpr float inf = std::numeric_limits<float>::infinity();
  return Dir > 0 ? C(-inf, -inf) : C(inf, inf);
}

template <typename A>
struct MaxOp {
  static constexpr bool pairwise = false;
  static constexpr int minmax = 1;
  A init() const {
    if constexpr (std::is_floating_point_v<A>) return -std::numeric_limits<A>::infinity();
    else if constexpr (is_complex_t<A>::value) return cplx_extreme_init<1, A>();
    else return std::numeric_limits<A>::lowest();
  }
  // NaN wins, as in NumPy.
  A operator()(A a, A x) const {
    if constexpr (is_complex_t<A>::value) return cplx_extreme<1>(a, x);
    else return (x > a || is_nan_v(x)) && !is_nan_v(a) ? x : a;
  }
};
template <typename A>
struct MinOp {
  static constexpr bool pairwise = false;
  static constexpr int minmax = -1;
  A init() const {
    if constexpr (std::is_floating_point_v<A>) return std::numeric_limits<A>::infinity();
    else if constexpr (is_complex_t<A>::value) return cplx_extreme_init<-1, A>();
    else return std::numeric_limits<A>::max();
  }
  A operator()(A a, A x) const {
    if constexpr (is_complex_t<A>::value) return cplx_extreme<-1>(a, x);
    else return (x < a || is_nan_v(x)) && !is_nan_v(a) ? x : a;
  }
};
struct AndOp {
  static constexpr bool pairwise = false;
  bool init() const { return true; }
  bool operator()(bool a, bool x) const { return a && x; }
};
struct OrOp {
  static constexpr bool pairwise = false;
  bool init() const { return false; }
  bool operator()(bool a, bool x) const { return a || x; }
};

// ---- folding runs ---------------------------------------------------------------

template <typename A, typename T>
inline A load(const T* p) {
  return static_cast<A>(static_cast<compute_t<T>>(*p));
}

constexpr int64_t kPairBlock = 1024;

// Pairwise sum of a contiguous run: blocks of kPairBlock with 8 lanes, halves above.
template <typename A, typename T>
A pairwise_sum(const T* p, int64_t n) {
  if (n <= kPairBlock) {
    A acc[8] = {A(0), A(0), A(0), A(0), A(0), A(0), A(0), A(0)};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
      for (int k = 0; k < 8; ++k) acc[k] += static_cast<A>(static_cast<compute_t<T>>(p[i + k]));
    }
    A r = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; ++i) r += static_cast<A>(static_cast<compute_t<T>>(p[i]));
    return r;
  }
  int64_t half = (n / 2) / 8 * 8;
  return pairwise_sum<A>(p, half) + pairwise_sum<A>(p + half, n - half);
}

template <typename Op, typename = void>
struct minmax_of : std::integral_constant<int, 0> {};
template <typename Op>
struct minmax_of<Op, std::void_t<decltype(Op::minmax)>> : std::integral_constant<int, Op::minmax> {};

// Max/min of contiguous runs: blocks of plain compares (vectorisable), and per
// block a NaN probe through x - x (NaN for NaN and inf), confirmed exactly.
constexpr int64_t kMinMaxBlock = 2048;

template <int Dir, typename A>
inline A pick(A a, A x) {
  if constexpr (Dir > 0) return x > a ? x : a;
  else return x < a ? x : a;
}

// The max (Dir > 0) or min of n <= kMinMaxBlock elements, NaN ignored.
template <int Dir, typename A, typename T>
A block_extreme(A init, const T* __restrict p, int64_t n) {
  A l[8];
  for (int k = 0; k < 8; ++k) l[k] = init;
  int64_t m = n / 8 * 8;
  for (int64_t i = 0; i < m; i += 8) {
    for (int k = 0; k < 8; ++k) l[k] = pick<Dir>(l[k], load<A>(p + i + k));
  }
  A r = init;
  for (int64_t i = m; i < n; ++i) r = pick<Dir>(r, load<A>(p + i));
  for (int k = 0; k < 8; ++k) r = pick<Dir>(r, l[k]);
  return r;
}

// Index of the first NaN among n elements, or -1.
template <typename A, typename T>
int64_t block_first_nan(const T* p, int64_t n) {
  if constexpr (std::is_floating_point_v<A>) {
    A z[8] = {A(0), A(0), A(0), A(0), A(0), A(0), A(0), A(0)};
    int64_t m = n / 8 * 8;
    for (int64_t i = 0; i < m; i += 8) {
      for (int k = 0; k < 8; ++k) z[k] += load<A>(p + i + k) - load<A>(p + i + k);
    }
    for (int64_t i = m; i < n; ++i) z[0] += load<A>(p + i) - load<A>(p + i);
    A zz = ((z[0] + z[1]) + (z[2] + z[3])) + ((z[4] + z[5]) + (z[6] + z[7]));
    if (zz != zz) {
      for (int64_t i = 0; i < n; ++i) {
        if (std::isnan(load<A>(p + i))) return i;
      }
    }
  }
  return -1;
}

template <int Dir, typename A, typename T>
A minmax_run(A init, const T* p, int64_t n) {
  A r = init;
  for (int64_t b = 0; b < n; b += kMinMaxBlock) {
    int64_t m = std::min(n - b, kMinMaxBlock);
    if (block_first_nan<A>(p + b, m) >= 0) return std::numeric_limits<A>::quiet_NaN();
    r = pick<Dir>(r, block_extreme<Dir>(init, p + b, m));
  }
  return r;
}

// float16/bfloat16 runs: float32 tiles through the SIMD kernels, split as pairwise_sum.
template <typename T>
const uint16_t* half_bits(const T* p) {
  return reinterpret_cast<const uint16_t*>(p);
}
template <typename T>
constexpr Dtype half_dtype = std::is_same_v<T, float16_t> ? Dtype::float16 : Dtype::bfloat16;

template <typename T>
float half_sum(const T* p, int64_t n) {
  if (n <= kPairBlock) {
    float buf[kPairBlock];
    simd_kernels().half_to_f32(half_dtype<T>, half_bits(p), buf, n);
    return simd_kernels().sum_f32(buf, n);
  }
  int64_t half = (n / 2) / 8 * 8;
  return half_sum(p, half) + half_sum(p + half, n - half);
}

// max (Dir > 0) or min of a half run; NaN if it holds one.
template <int Dir, typename T>
float half_extreme(const T* p, int64_t n) {
  float r = Dir > 0 ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity();
  float buf[kPairBlock];
  for (int64_t b = 0; b < n; b += kPairBlock) {
    int64_t m = std::min(n - b, kPairBlock);
    simd_kernels().half_to_f32(half_dtype<T>, half_bits(p + b), buf, m);
    float v = Dir > 0 ? simd_kernels().max_f32(buf, m) : simd_kernels().min_f32(buf, m);
    if (std::isnan(v)) return v;
    r = Dir > 0 ? std::max(r, v) : std::min(r, v);
  }
  return r;
}

// Folds n elements at p with the given stride into acc.
template <typename A, typename T, typename Op>
A fold_run(const Op& op, A acc, const T* p, int64_t n, int64_t stride) {
  if (stride == 1) {
    if constexpr (std::is_same_v<T, float> && std::is_same_v<A, float>) { // SIMD-dispatched
      if constexpr (Op::pairwise) return op(acc, simd_kernels().sum_f32(p, n));
      if constexpr (minmax_of<Op>::value > 0) return op(acc, simd_kernels().max_f32(p, n));
      if constexpr (minmax_of<Op>::value < 0) return op(acc, simd_kernels().min_f32(p, n));
    }
    if constexpr (is_half_v<T> && std::is_same_v<A, float>) {
      if constexpr (Op::pairwise) return op(acc, half_sum(p, n));
      if constexpr (minmax_of<Op>::value != 0) return op(acc, half_extreme<minmax_of<Op>::value>(p, n));
    }
    if constexpr (Op::pairwise) return op(acc, pairwise_sum<A>(p, n));
    if constexpr (minmax_of<Op>::value != 0 && std::is_floating_point_v<A>) {
      return op(acc, minmax_run<minmax_of<Op>::value, A>(op.init(), p, n));
    }
    // Four independent lanes so the loop is not one long dependency chain.
    A l[4] = {op.init(), op.init(), op.init(), op.init()};
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
      for (int k = 0; k < 4; ++k) l[k] = op(l[k], load<A>(p + i + k));
    }
    for (; i < n; ++i) l[0] = op(l[0], load<A>(p + i));
    return op(op(acc, op(l[0], l[1])), op(l[2], l[3]));
  }
  for (int64_t i = 0; i < n; ++i) acc = op(acc, load<A>(p + i * stride));
  return acc;
}

// ---- dimension bookkeeping ----------------------------------------------------------

struct Dim {
  int64_t n, is, os;
  bool red;
};

// Kept/reduced dims of the input, ordered by input stride and merged where possible.
std::vector<Dim> reduce_dims(const array& in, const std::vector<int>& axes, const Strides& os) {
  std::vector<Dim> dims;
  for (int d = 0; d < in.ndim(); ++d) {
    if (in.shape(d) == 1) continue;
    bool red = std::find(axes.begin(), axes.end(), d) != axes.end();
    dims.push_back({in.shape(d), in.strides(d), red ? 0 : os[d], red});
  }
  std::stable_sort(dims.begin(), dims.end(), [](const Dim& a, const Dim& b) {
    return std::llabs(a.is) > std::llabs(b.is);
  });
  std::vector<Dim> out;
  for (const Dim& d : dims) {
    if (!out.empty()) {
      Dim& p = out.back();
      if (p.red == d.red && p.is == d.is * d.n && p.os == d.os * d.n) {
        p.n *= d.n;
        p.is = d.is;
        p.os = d.os;
        continue;
      }
    }
    out.push_back(d);
  }
  return out;
}

// Walks every multi-index of `dims` (row-major), keeping input/output offsets.
struct Odometer {
  const std::vector<Dim>& dims;
  std::vector<int64_t> idx;
  int64_t in_off = 0, out_off = 0;
  explicit Odometer(const std::vector<Dim>& d) : dims(d), idx(d.size(), 0) {}
  void seek(int64_t linear) {
    in_off = out_off = 0;
    for (int k = static_cast<int>(dims.size()) - 1; k >= 0; --k) {
      idx[k] = linear % dims[k].n;
      linear /= dims[k].n;
      in_off += idx[k] * dims[k].is;
      out_off += idx[k] * dims[k].os;
    }
  }
  void next() {
    for (int k = static_cast<int>(dims.size()) - 1; k >= 0; --k) {
      in_off += dims[k].is;
      out_off += dims[k].os;
      if (++idx[k] < dims[k].n) return;
      in_off -= dims[k].is * dims[k].n;
      out_off -= dims[k].os * dims[k].n;
      idx[k] = 0;
    }
  }
};

int64_t product(const std::vector<Dim>& dims) {
  int64_t n = 1;
  for (auto& d : dims) n *= d.n;
  return n;
}

// Folds the box of reduced positions `red` at base, restricting the outermost reduced
// dim to [b, e).
template <typename A, typename T, typename Op>
A fold_box(const Op& op, const T* base, const std::vector<Dim>& red, int64_t b, int64_t e) {
  A acc = op.init();
  if (red.empty()) return op(acc, load<A>(base));
  const Dim& last = red.back();
  if (red.size() == 1) return fold_run<A>(op, acc, base + b * last.is, e - b, last.is);
  std::vector<Dim> outer(red.begin(), red.end() - 1);
  outer[0].n = e - b;
  base += b * red[0].is;
  Odometer it(outer);
  int64_t n = product(outer);
  for (int64_t i = 0; i < n; ++i, it.next()) {
    acc = fold_run<A>(op, acc, base + it.in_off, last.n, last.is);
  }
  return acc;
}

template <typename T, typename O, typename A, typename Op>
void reduce_rows(const Op& op, const T* in, O* out, const std::vector<Dim>& kept,
                 const std::vector<Dim>& red) {
  int64_t nk = product(kept), nr = product(red);
  int threads = num_threads();
  if (nk < threads && nr >= (1 << 16) && !red.empty()) {
    // Few outputs, much to fold: split the outermost reduced dim, combine in order.
    Odometer it(kept);
    for (int64_t k = 0; k < nk; ++k, it.next()) {
      int64_t n0 = red[0].n;
      int64_t chunks = std::min<int64_t>(n0, int64_t(threads) * 4);
      std::vector<A> part(chunks, op.init());
      const T* base = in + it.in_off;
      parallel_for(chunks, 1, [&](int64_t cb, int64_t ce) {
        for (int64_t c = cb; c < ce; ++c) {
          part[c] = fold_box<A>(op, base, red, n0 * c / chunks, n0 * (c + 1) / chunks);
        }
      });
      A acc = op.init();
      for (const A& p : part) acc = op(acc, p);
      out[it.out_off] = cast_value<O>(acc);
    }
    return;
  }
  int64_t grain = std::max<int64_t>(1, kElementwiseGrain / std::max<int64_t>(nr, 1));
  parallel_for(nk, grain, [&](int64_t b, int64_t e) {
    Odometer it(kept);
    it.seek(b);
    int64_t n0 = red.empty() ? 1 : red[0].n;
    for (int64_t k = b; k < e; ++k, it.next()) {
      out[it.out_off] = cast_value<O>(fold_box<A>(op, in + it.in_off, red, 0, n0));
    }
  });
}

constexpr int64_t kColBlock = 1024;

// acc[j] op= rows[0][j*cs] op ... op rows[R-1][j*cs], for R = 1 or 4 rows at a time
// (folding 4 rows per pass saves three quarters of the accumulator traffic).
template <int R, typename T, typename A, typename Op>
void fold_rows_into(const Op& op, const T* p, int64_t rs, int64_t cs, int64_t m, A* acc) {
  if (cs == 1) {
    for (int64_t j = 0; j < m; ++j) {
      if constexpr (R == 4) {
        A x = op(op(load<A>(p + j), load<A>(p + rs + j)), op(load<A>(p + 2 * rs + j), load<A>(p + 3 * rs + j)));
        acc[j] = op(acc[j], x);
      } else {
        acc[j] = op(acc[j], load<A>(p + j));
      }
    }
  } else {
    for (int64_t j = 0; j < m; ++j) {
      const T* q = p + j * cs;
      A x = load<A>(q);
      if constexpr (R == 4) x = op(op(x, load<A>(q + rs)), op(load<A>(q + 2 * rs), load<A>(q + 3 * rs)));
      acc[j] = op(acc[j], x);
    }
  }
}

// Folds the reduced positions with the outermost reduced dim in [r0, r1) into
// acc[0, m), for the m adjacent outputs starting at `base`.
template <typename T, typename A, typename Op>
void fold_cols(const Op& op, const T* base, int64_t col_is, int64_t m, std::vector<Dim> red,
               int64_t r0, int64_t r1, A* acc) {
  std::fill(acc, acc + m, op.init());
  base += r0 * red[0].is;
  red[0].n = r1 - r0;
  Dim last = red.back();
  red.pop_back();
  Odometer ro(red);
  int64_t nouter = product(red);
  for (int64_t r = 0; r < nouter; ++r, ro.next()) {
    const T* p = base + ro.in_off;
    if constexpr (std::is_same_v<T, float> && std::is_same_v<A, float> && Op::pairwise) {
      if (col_is == 1) { // float32 column sums: SIMD-dispatched, same order as below
        simd_kernels().sum_rows_f32(p, last.is, last.n, m, acc);
        continue;
      }
    }
    int64_t i = 0;
    for (; i + 4 <= last.n; i += 4) fold_rows_into<4>(op, p + i * last.is, last.is, col_is, m, acc);
    for (; i < last.n; ++i) fold_rows_into<1>(op, p + i * last.is, last.is, col_is, m, acc);
  }
}

template <typename T, typename O, typename A, typename Op>
void reduce_cols(const Op& op, const T* in, O* out, const std::vector<Dim>& kept,
                 const std::vector<Dim>& red) {
  Dim col = kept.back();
  std::vector<Dim> outer(kept.begin(), kept.end() - 1);
  int64_t nblocks = (col.n + kColBlock - 1) / kColBlock;
  int64_t tasks = product(outer) * nblocks, nr = product(red);
  // Few output blocks but much to fold: also split the outermost reduced dim and
  // combine the partial blocks afterwards (in order).
  int threads = num_threads();
  int64_t split = 1;
  if (tasks < 2 * threads && nr * std::min(col.n, kColBlock) >= (1 << 16)) {
    split = std::min<int64_t>(red[0].n, (4 * threads + tasks - 1) / tasks);
  }
  std::unique_ptr<A[]> part(new A[tasks * split * kColBlock]);
  auto locate = [&](int64_t t, Odometer& ko) {
    ko.seek(t / nblocks);
    int64_t c0 = (t % nblocks) * kColBlock;
    return std::make_pair(c0, std::min(kColBlock, col.n - c0));
  };
  int64_t grain = std::max<int64_t>(1, kElementwiseGrain / std::max<int64_t>(nr * kColBlock / split, 1));
  parallel_for(tasks * split, grain, [&](int64_t b, int64_t e) {
    Odometer ko(outer);
    for (int64_t id = b; id < e; ++id) {
      int64_t t = id / split, c = id % split, n0 = red[0].n;
      auto [c0, m] = locate(t, ko);
      fold_cols<T, A>(op, in + ko.in_off + c0 * col.is, col.is, m, red, n0 * c / split,
                      n0 * (c + 1) / split, part.get() + id * kColBlock);
    }
  });
  parallel_for(tasks, std::max<int64_t>(1, grain * split), [&](int64_t b, int64_t e) {
    Odometer ko(outer);
    for (int64_t t = b; t < e; ++t) {
      auto [c0, m] = locate(t, ko);
      O* o = out + ko.out_off + c0 * col.os;
      const A* p0 = part.get() + t * split * kColBlock;
      for (int64_t j = 0; j < m; ++j) {
        A acc = p0[j];
        for (int64_t c = 1; c < split; ++c) acc = op(acc, p0[c * kColBlock + j]);
        o[j * col.os] = cast_value<O>(acc);
      }
    }
  });
}

template <typename T, typename O, typename A, typename Op>
void run_reduce(const Op& op, const array& in, array& out, const std::vector<int>& axes) {
  O* o = out.data<O>();
  if (out.size() == 0) return;
  if (in.size() == 0) {
    std::fill(o, o + out.size(), cast_value<O>(op.init()));
    return;
  }
  Strides os = row_strides(out.shape());
  auto dims = reduce_dims(in, axes, os);
  std::vector<Dim> kept, red;
  for (auto& d : dims) (d.red ? red : kept).push_back(d);
  const T* p = in.data<T>();
  if (!kept.empty() && !red.empty() && !dims.back().red) {
    reduce_cols<T, O, A>(op, p, o, kept, red);
  } else {
    reduce_rows<T, O, A>(op, p, o, kept, red);
  }
}

void reduce_dispatch(ReduceOp op, const array& in, array& out, const std::vector<int>& axes) {
  dispatch_dtype(in.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = compute_t<T>;
    switch (op) {
      case ReduceOp::Sum:
      case ReduceOp::Prod: {
        using A = sum_acc_t<T>;
        using O = std::conditional_t<is_half_v<T>, T, A>;
        if constexpr (is_half_v<T>) {
          // mean/var ask for a float32 result from half inputs.
          if (out.dtype() == float32) {
            if (op == ReduceOp::Sum) run_reduce<T, float, A>(SumOp<A>{}, in, out, axes);
            else run_reduce<T, float, A>(ProdOp<A>{}, in, out, axes);
            return;
          }
        }
        if (op == ReduceOp::Sum) run_reduce<T, O, A>(SumOp<A>{}, in, out, axes);
        else run_reduce<T, O, A>(ProdOp<A>{}, in, out, axes);
        return;
      }
      case ReduceOp::Max:
      case ReduceOp::Min:
        if (op == ReduceOp::Max) run_reduce<T, T, C>(MaxOp<C>{}, in, out, axes);
        else run_reduce<T, T, C>(MinOp<C>{}, in, out, axes);
        return;
      case ReduceOp::And:
      case ReduceOp::Or:
        // The op casts to bool first, so only bool inputs arrive here.
        if constexpr (std::is_same_v<T, bool>) {
          if (op == ReduceOp::And) run_reduce<T, bool, bool>(AndOp{}, in, out, axes);
          else run_reduce<T, bool, bool>(OrOp{}, in, out, axes);
        } else {
          throw std::invalid_argument("[reduce] all/any expect a bool input.");
        }
        return;
    }
  });
}

// ---- ArgReduce ---------------------------------------------------------------------

template <typename C>
bool arg_better(bool is_max, C x, C best) {
  if (is_nan_v(best)) return false;
  if (is_nan_v(x)) return true;
  if constexpr (is_complex_t<C>::value) return is_max ? ops::cplx_less(best, x) : ops::cplx_less(x, best);
  else return is_max ? x > best : x < best;
}

// Index of the first max (Dir > 0) or min of a contiguous run, the first NaN winning,
// with its value: one pass keeps the first block holding the best value, then that
// block is searched.
template <int Dir, typename C, typename T>
std::pair<C, int64_t> arg_run(const T* p, int64_t n) {
  if constexpr (std::is_same_v<T, float>) { // SIMD-dispatched
    int64_t i = simd_kernels().argext_f32(p, n, Dir > 0);
    return {p[i], i};
  } else if constexpr (is_complex_t<C>::value) { // a plain scan in the complex order
    int64_t best = 0;
    for (int64_t i = 1; i < n; ++i) {
      if (arg_better<C>(Dir > 0, p[i], p[best])) best = i;
    }
    return {p[best], best};
  } else {
    C init = Dir > 0 ? MaxOp<C>{}.init() : MinOp<C>{}.init();
    C best = load<C>(p);
    int64_t best_block = 0;
    for (int64_t b = 0; b < n; b += kMinMaxBlock) {
      int64_t m = std::min(n - b, kMinMaxBlock);
      int64_t nan_at = block_first_nan<C>(p + b, m);
      if (nan_at >= 0) return {load<C>(p + b + nan_at), b + nan_at};
      C v = block_extreme<Dir>(init, p + b, m);
      if (Dir > 0 ? v > best : v < best) {
        best = v;
        best_block = b;
      }
    }
    int64_t m = std::min(n - best_block, kMinMaxBlock);
    for (int64_t i = 0; i < m; ++i) {
      if (load<C>(p + best_block + i) == best) return {best, best_block + i};
    }
    return {best, 0};
  }
}

template <int Dir, typename T>
void argreduce_rows(const T* p, uint32_t* o, int64_t outer, int64_t n) {
  using C = compute_t<T>;
  int threads = num_threads();
  if (outer < threads && n >= (1 << 16)) {
    // Few long rows: split each into chunks and combine in order (first wins ties).
    int64_t chunks = int64_t(threads) * 4;
    std::vector<std::pair<C, int64_t>> part(chunks);
    for (int64_t r = 0; r < outer; ++r) {
      const T* row = p + r * n;
      parallel_for(chunks, 1, [&](int64_t b, int64_t e) {
        for (int64_t c = b; c < e; ++c) {
          int64_t lo = n * c / chunks, hi = n * (c + 1) / chunks;
          auto [v, i] = arg_run<Dir, C>(row + lo, hi - lo);
          part[c] = {v, i + lo};
        }
      });
      auto best = part[0];
      for (int64_t c = 1; c < chunks; ++c) {
        if (arg_better<C>(Dir > 0, part[c].first, best.first)) best = part[c];
      }
      o[r] = static_cast<uint32_t>(best.second);
    }
    return;
  }
  int64_t grain = std::max<int64_t>(1, kElementwiseGrain / std::max<int64_t>(n, 1));
  parallel_for(outer, grain, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) o[r] = static_cast<uint32_t>(arg_run<Dir, C>(p + r * n, n).second);
  });
}

template <typename T>
void run_argreduce(ArgReduceOp op, const array& in, array& out, int axis) {
  using C = compute_t<T>;
  const T* p = in.data<T>();
  uint32_t* o = out.data<uint32_t>();
  int64_t n = in.shape(axis);
  int64_t inner = 1, outer = 1;
  for (int d = axis + 1; d < in.ndim(); ++d) inner *= in.shape(d);
  for (int d = 0; d < axis; ++d) outer *= in.shape(d);
  bool is_max = op == ArgReduceOp::ArgMax;
  if (inner == 1) {
    if (is_max) argreduce_rows<1>(p, o, outer, n);
    else argreduce_rows<-1>(p, o, outer, n);
    return;
  }
  // The axis is not the last: walk it row by row, updating `inner` running bests.
  int64_t grain = std::max<int64_t>(1, kElementwiseGrain / std::max<int64_t>(n * inner, 1));
  parallel_for(outer, grain, [&](int64_t b, int64_t e) {
    std::unique_ptr<C[]> best(new C[inner]);  // not vector<C>: C may be bool
    for (int64_t r = b; r < e; ++r) {
      const T* row = p + r * n * inner;
      uint32_t* orow = o + r * inner;
      for (int64_t j = 0; j < inner; ++j) {
        best[j] = static_cast<C>(row[j]);
        orow[j] = 0;
      }
      for (int64_t i = 1; i < n; ++i) {
        const T* q = row + i * inner;
        for (int64_t j = 0; j < inner; ++j) {
          C x = static_cast<C>(q[j]);
          if (arg_better<C>(is_max, x, best[j])) {
            best[j] = x;
            orow[j] = static_cast<uint32_t>(i);
          }
        }
      }
    }
  });
}

} // namespace

void Reduce::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array& out = outputs[0];
  alloc_rows(out);
  reduce_dispatch(op(), inputs[0], out, axes());
}

void ArgReduce::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array in = ensure_row_contiguous(inputs[0]);
  array& out = outputs[0];
  alloc_rows(out);
  if (out.size() == 0 || in.size() == 0) return;
  dispatch_dtype(in.dtype(), [&](auto tag) {
    using T = decltype(tag);
    run_argreduce<T>(op(), in, out, axis());
  });
}

} // namespace mxg
