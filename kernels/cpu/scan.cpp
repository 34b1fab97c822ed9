// CPU kernel for Scan (cumsum, cumprod, cummax, cummin, logcumsumexp).
// The input is made row-contiguous and seen as (outer, n, inner); the scan runs
// along n, one whole row of `inner` lanes at a time so memory is read in order.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "cpu/binary_ops.h"
#include "cpu/cast.h"
#include "cpu/elementwise_common.h"
#include "primitives/reduction.h"

namespace mxg {
namespace {

template <typename T>
inline bool nan_v(T v) {
  if constexpr (std::is_floating_point_v<T>) return std::isnan(v);
  else if constexpr (is_complex_t<T>::value) return ops::cplx_nan(v);
  else return false;
}

// Complex running max/min in NumPy's order; the first NaN sticks (as np.maximum.accumulate).
template <int Dir, typename C>
inline C cplx_running(C a, C x) {
  if (nan_v(a)) return a;
  if (nan_v(x)) return x;
  return (Dir > 0 ? ops::cplx_less(a, x) : ops::cplx_less(x, a)) ? x : a;
}

// Identity and combine for each ScanOp in compute type C.
template <typename C>
C scan_init(ScanOp op) {
  switch (op) {
    case ScanOp::Sum: return C(0);
    case ScanOp::Prod: return C(1);
    case ScanOp::Max:
      if constexpr (std::is_floating_point_v<C>) return -std::numeric_limits<C>::infinity();
      else if constexpr (is_complex_t<C>::value) return C(-INFINITY, -INFINITY);
      else return std::numeric_limits<C>::lowest();
    case ScanOp::Min:
      if constexpr (std::is_floating_point_v<C>) return std::numeric_limits<C>::infinity();
      else if constexpr (is_complex_t<C>::value) return C(INFINITY, INFINITY);
      else return std::numeric_limits<C>::max();
    case ScanOp::LogAddExp:
      if constexpr (std::is_floating_point_v<C>) return -std::numeric_limits<C>::infinity();
      else if constexpr (is_complex_t<C>::value) return C(-std::numeric_limits<float>::infinity(), 0.0f);
      else return C(0);
  }
  return C(0);
}

template <ScanOp Op, typename C>
inline C scan_apply(C a, C x) {
  if constexpr (Op == ScanOp::Sum) {
    return a + x;
  } else if constexpr (Op == ScanOp::Prod) {
    if constexpr (std::is_same_v<C, bool>) return a && x;
    else return a * x;
  } else if constexpr (Op == ScanOp::Max) {
    if constexpr (is_complex_t<C>::value) return cplx_running<1>(a, x);
    else return nan_v(a) || x > a || nan_v(x) ? (nan_v(a) ? a : x) : a;
  } else if constexpr (Op == ScanOp::Min) {
    if constexpr (is_complex_t<C>::value) return cplx_running<-1>(a, x);
    else return nan_v(a) || x < a || nan_v(x) ? (nan_v(a) ? a : x) : a;
  } else {
    if constexpr (std::is_floating_point_v<C>) {
      // NaN first (std::max drops a NaN); equal infinities stay (no inf - inf), as the binary op.
      if (nan_v(a) || nan_v(x)) return std::numeric_limits<C>::quiet_NaN();
      if (a == x && std::isinf(a)) return a;
      C m = std::max(a, x);
      return m + std::log1p(std::exp(std::min(a, x) - m));
    } else if constexpr (is_complex_t<C>::value) {
      return ops::cplx_logaddexp(a, x);
    } else {
      return a;
    }
  }
}

template <ScanOp Op, typename T, typename O>
void run_scan(const array& in, array& out, int axis, bool reverse, bool inclusive) {
  using C = std::conditional_t<std::is_same_v<T, bool> && !std::is_same_v<O, bool>, O,
                               compute_t<T>>;
  const T* p = in.data<T>();
  O* o = out.data<O>();
  int64_t n = in.shape(axis), inner = 1, outer = 1;
  for (int d = axis + 1; d < in.ndim(); ++d) inner *= in.shape(d);
  for (int d = 0; d < axis; ++d) outer *= in.shape(d);
  int64_t grain = std::max<int64_t>(1, kElementwiseGrain / std::max<int64_t>(n * inner, 1));
  C init = scan_init<C>(Op);
  parallel_for(outer, grain, [&](int64_t b, int64_t e) {
    std::unique_ptr<C[]> acc(new C[inner]);  // not vector<C>: C may be bool
    for (int64_t r = b; r < e; ++r) {
      std::fill(acc.get(), acc.get() + inner, init);
      for (int64_t s = 0; s < n; ++s) {
        int64_t i = reverse ? n - 1 - s : s;
        const T* q = p + (r * n + i) * inner;
        O* w = o + (r * n + i) * inner;
        for (int64_t j = 0; j < inner; ++j) {
          C x = static_cast<C>(static_cast<compute_t<T>>(q[j]));
          if (inclusive) {
            acc[j] = scan_apply<Op>(acc[j], x);
            w[j] = cast_value<O>(acc[j]);
          } else {
            w[j] = cast_value<O>(acc[j]);
            acc[j] = scan_apply<Op>(acc[j], x);
          }
        }
      }
    }
  });
}

template <ScanOp Op>
void scan_dispatch(const array& in, array& out, int axis, bool reverse, bool inclusive) {
  dispatch_dtype(in.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, bool>) {
      // cumsum of bool counts in int32; the other scans stay bool.
      if (out.dtype() == int32) run_scan<Op, T, int32_t>(in, out, axis, reverse, inclusive);
      else run_scan<Op, T, bool>(in, out, axis, reverse, inclusive);
    } else {
      run_scan<Op, T, T>(in, out, axis, reverse, inclusive);
    }
  });
}

} // namespace

void Scan::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array in = ensure_row_contiguous(inputs[0]);
  array& out = outputs[0];
  alloc_rows(out);
  if (out.size() == 0) return;
  switch (op()) {
    case ScanOp::Sum: scan_dispatch<ScanOp::Sum>(in, out, axis(), reverse(), inclusive()); break;
    case ScanOp::Prod: scan_dispatch<ScanOp::Prod>(in, out, axis(), reverse(), inclusive()); break;
    case ScanOp::Max: scan_dispatch<ScanOp::Max>(in, out, axis(), reverse(), inclusive()); break;
    case ScanOp::Min: scan_dispatch<ScanOp::Min>(in, out, axis(), reverse(), inclusive()); break;
    case ScanOp::LogAddExp:
      scan_dispatch<ScanOp::LogAddExp>(in, out, axis(), reverse(), inclusive());
      break;
  }
}

} // namespace mxg
