// The vectorised span loops, compiled once per instruction set: the including file
// defines MXG_SIMD_NS (the namespace) and MXG_SIMD_NAME, and sets the target. The
// loops are plain C++ over the vec_math.h functions; the compiler vectorises them.
// No include guard: included once by each simd_span_<isa>.cpp, after all its headers.
// Its switches over the ops are generated from the registry rows.

namespace mxg::MXG_SIMD_NS {
namespace {

template <typename F>
void map_f32(const float* in, float* out, int64_t n, F f) {
  for (int64_t i = 0; i < n; ++i) out[i] = f(in[i]);
}

/// sin / cos: the fast loop covers |x| <= kSinCosFastLimit; a block holding other
/// inputs (large, inf, NaN) keeps a copy of them (out may alias in) and redoes those
/// exactly with libm. `cosine` is a template argument: a run-time flag in the loop
/// body stops GCC from vectorising it.
template <bool cosine>
void sincos_span(const float* in, float* out, int64_t n) {
  constexpr int64_t kBlock = 256;
  float keep[kBlock];
  for (int64_t s = 0; s < n; s += kBlock) {
    int64_t m = n - s < kBlock ? n - s : kBlock;
    const float* x = in + s;
    float* y = out + s;
    int bad = 0;
    for (int64_t i = 0; i < m; ++i) bad += !(std::fabs(x[i]) <= ops::kSinCosFastLimit);
    if (bad == 0) {
      for (int64_t i = 0; i < m; ++i) y[i] = ops::sincos_f32(x[i], cosine);
      continue;
    }
    std::memcpy(keep, x, sizeof(float) * m);
    for (int64_t i = 0; i < m; ++i) y[i] = ops::sincos_f32(keep[i], cosine);
    for (int64_t i = 0; i < m; ++i) {
      if (!(std::fabs(keep[i]) <= ops::kSinCosFastLimit)) y[i] = cosine ? std::cos(keep[i]) : std::sin(keep[i]);
    }
  }
}

/// The vectorised float32 loop of each op whose registry row says Simd: VecUnary<Op>
/// has run(in, out, n). The static_asserts below keep the rows and these in step.
template <UnaryOp Op>
struct VecUnary {
  static constexpr bool kHas = false;
};
#define MXG_VEC_UNARY(Op, expr)                                                    \
  template <>                                                                      \
  struct VecUnary<UnaryOp::Op> {                                                   \
    static constexpr bool kHas = true;                                             \
    static void run(const float* in, float* out, int64_t n) {                      \
      map_f32(in, out, n, [](float x) { return expr; });                           \
    }                                                                              \
  };
MXG_VEC_UNARY(Abs, std::fabs(x))
MXG_VEC_UNARY(Negative, -x)
MXG_VEC_UNARY(Square, x * x)
MXG_VEC_UNARY(Sqrt, std::sqrt(x))
MXG_VEC_UNARY(Rsqrt, 1.0f / std::sqrt(x))
MXG_VEC_UNARY(Reciprocal, 1.0f / x)
MXG_VEC_UNARY(Floor, std::floor(x))
MXG_VEC_UNARY(Ceil, std::ceil(x))
MXG_VEC_UNARY(Exp, ops::exp_f32(x))
MXG_VEC_UNARY(Expm1, ops::expm1_f32(x))
MXG_VEC_UNARY(Log, ops::log_f32(x))
MXG_VEC_UNARY(Log1p, ops::log1p_f32(x))
MXG_VEC_UNARY(Tanh, ops::tanh_f32(x))
MXG_VEC_UNARY(Sigmoid, ops::sigmoid_f32(x))
MXG_VEC_UNARY(Erf, ops::erf_f32(x))
#undef MXG_VEC_UNARY
template <>
struct VecUnary<UnaryOp::Sin> {
  static constexpr bool kHas = true;
  static void run(const float* in, float* out, int64_t n) { sincos_span<false>(in, out, n); }
};
template <>
struct VecUnary<UnaryOp::Cos> {
  static constexpr bool kHas = true;
  static void run(const float* in, float* out, int64_t n) { sincos_span<true>(in, out, n); }
};

#define MXG_CHECK_VEC(e, n, acc, comp, res, grad, fus, ker)                                  \
  static_assert(VecUnary<UnaryOp::e>::kHas == (op_traits::Kernel::ker == op_traits::Kernel::Simd), \
                "UnaryOp::" #e ": the registry's kernel column and VecUnary disagree");
MXG_UNARY_OPS(MXG_CHECK_VEC)
#undef MXG_CHECK_VEC

template <UnaryOp Op>
bool unary_vec(const float* in, float* out, int64_t n) {
  if constexpr (VecUnary<Op>::kHas) {
    VecUnary<Op>::run(in, out, n);
    return true;
  }
  return false;
}

bool unary_f32(UnaryOp op, const float* in, float* out, int64_t n) {
  switch (op) {
#define MXG_VEC_CASE(e, ...) \
  case UnaryOp::e: return unary_vec<UnaryOp::e>(in, out, n);
    MXG_UNARY_OPS(MXG_VEC_CASE)
#undef MXG_VEC_CASE
  }
  return false;
}

/// out[i] = f(a[i], b[i]) with either side possibly one broadcast element.
template <typename T, typename U, typename F>
void map2(const T* a, bool as, const T* b, bool bs, U* o, int64_t n, F f) {
  if (!as && !bs) {
    for (int64_t i = 0; i < n; ++i) o[i] = f(a[i], b[i]);
  } else if (as && !bs) {
    const T x = a[0];
    for (int64_t i = 0; i < n; ++i) o[i] = f(x, b[i]);
  } else if (!as && bs) {
    const T y = b[0];
    for (int64_t i = 0; i < n; ++i) o[i] = f(a[i], y);
  } else {
    const U v = f(a[0], b[0]);
    for (int64_t i = 0; i < n; ++i) o[i] = v;
  }
}

/// Integer arithmetic wraps (through unsigned, so no UB), as in NumPy.
template <typename T, bool = std::is_integral_v<T>>
struct wrap_type { using type = T; };
template <typename T>
struct wrap_type<T, true> {
  using type = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
};

/// The vectorised loop of each binary op whose registry row says Simd, for the
/// element types T where ok<T>; f gives T, or bool for comparisons.
template <BinaryOp Op>
struct VecBinary {
  static constexpr bool kHas = false;
};
#define MXG_VEC_BINARY(Op, floats_only, expr)                                      \
  template <>                                                                      \
  struct VecBinary<BinaryOp::Op> {                                                 \
    static constexpr bool kHas = true;                                             \
    template <typename T>                                                          \
    static constexpr bool ok = std::is_floating_point_v<T> || !floats_only;        \
    template <typename T>                                                          \
    static auto f(T x, T y) {                                                      \
      using W = typename wrap_type<T>::type;                                       \
      (void)sizeof(W);                                                             \
      return expr;                                                                 \
    }                                                                              \
  };
MXG_VEC_BINARY(Add, false, T(W(x) + W(y)))
MXG_VEC_BINARY(Subtract, false, T(W(x) - W(y)))
MXG_VEC_BINARY(Multiply, false, T(W(x) * W(y)))
MXG_VEC_BINARY(Divide, true, T(x / y))
MXG_VEC_BINARY(Maximum, false, (x != x || x > y) ? x : y) // NaN wins
MXG_VEC_BINARY(Minimum, false, (x != x || x < y) ? x : y)
MXG_VEC_BINARY(Equal, false, bool(x == y))
MXG_VEC_BINARY(NotEqual, false, bool(x != y))
MXG_VEC_BINARY(Less, false, bool(x < y))
MXG_VEC_BINARY(LessEqual, false, bool(x <= y))
MXG_VEC_BINARY(Greater, false, bool(x > y))
MXG_VEC_BINARY(GreaterEqual, false, bool(x >= y))
#undef MXG_VEC_BINARY

#define MXG_CHECK_VEC(e, n, acc, comp, res, grad, fus, ker)                                   \
  static_assert(VecBinary<BinaryOp::e>::kHas == (op_traits::Kernel::ker == op_traits::Kernel::Simd), \
                "BinaryOp::" #e ": the registry's kernel column and VecBinary disagree");
MXG_BINARY_OPS(MXG_CHECK_VEC)
#undef MXG_CHECK_VEC

template <BinaryOp Op, typename T>
bool binary_vec(const void* va, bool as, const void* vb, bool bs, void* vo, int64_t n) {
  using V = VecBinary<Op>;
  if constexpr (V::kHas) {
    if constexpr (V::template ok<T>) {
      using U = decltype(V::f(T{}, T{}));
      map2(static_cast<const T*>(va), as, static_cast<const T*>(vb), bs, static_cast<U*>(vo), n,
           [](T x, T y) { return V::f(x, y); });
      return true;
    }
  }
  return false;
}

template <typename T>
bool binary_typed(BinaryOp op, const void* a, bool as, const void* b, bool bs, void* o, int64_t n) {
  switch (op) {
#define MXG_VEC_CASE(e, ...) \
  case BinaryOp::e: return binary_vec<BinaryOp::e, T>(a, as, b, bs, o, n);
    MXG_BINARY_OPS(MXG_VEC_CASE)
#undef MXG_VEC_CASE
  }
  return false;
}

bool binary(BinaryOp op, Dtype dtype, const void* a, bool as, const void* b, bool bs, void* out, int64_t n) {
  switch (dtype) {
    case Dtype::float32: return binary_typed<float>(op, a, as, b, bs, out, n);
    case Dtype::float64: return binary_typed<double>(op, a, as, b, bs, out, n);
    case Dtype::int32: return binary_typed<int32_t>(op, a, as, b, bs, out, n);
    case Dtype::int64: return binary_typed<int64_t>(op, a, as, b, bs, out, n);
    case Dtype::uint8: return binary_typed<uint8_t>(op, a, as, b, bs, out, n);
    case Dtype::uint32: return binary_typed<uint32_t>(op, a, as, b, bs, out, n);
    default: return false;
  }
}

// ---- float32 reductions over contiguous runs ---------------------------------------

constexpr int64_t kLanes = 32;     // 4 AVX2 registers: enough independent adds in flight
constexpr int64_t kSumBlock = 1024; // pairwise above this, like NumPy
constexpr int64_t kExtBlock = 2048;

float sum_block(const float* p, int64_t n) {
  float acc[kLanes] = {};
  int64_t m = n / kLanes * kLanes;
  for (int64_t i = 0; i < m; i += kLanes) {
    for (int k = 0; k < kLanes; ++k) acc[k] += p[i + k];
  }
  for (int w = kLanes / 2; w > 0; w /= 2) { // pairwise over the lanes too
    for (int k = 0; k < w; ++k) acc[k] += acc[k + w];
  }
  float r = acc[0];
  for (int64_t i = m; i < n; ++i) r += p[i];
  return r;
}

/// Pairwise sum: blocks of kSumBlock summed in lanes, halves combined above that.
float sum_f32(const float* p, int64_t n) {
  if (n <= kSumBlock) return sum_block(p, n);
  int64_t half = (n / 2) / kLanes * kLanes;
  return sum_f32(p, half) + sum_f32(p + half, n - half);
}

/// max (Dir > 0) or min of a block, NaN ignored, and in `nan` whether the block may
/// hold a NaN (x - x is NaN for NaN and inf; callers confirm).
template <int Dir>
float block_extreme(const float* p, int64_t n, bool& nan) {
  const float init = Dir > 0 ? -ops::kInfF : ops::kInfF;
  float l[kLanes], z[kLanes];
  for (int k = 0; k < kLanes; ++k) l[k] = init, z[k] = 0.0f;
  int64_t m = n / kLanes * kLanes;
  for (int64_t i = 0; i < m; i += kLanes) {
    for (int k = 0; k < kLanes; ++k) {
      float x = p[i + k];
      l[k] = Dir > 0 ? (x > l[k] ? x : l[k]) : (x < l[k] ? x : l[k]);
      z[k] += x - x;
    }
  }
  float r = init, zz = 0.0f;
  for (int64_t i = m; i < n; ++i) {
    float x = p[i];
    r = Dir > 0 ? (x > r ? x : r) : (x < r ? x : r);
    zz += x - x;
  }
  for (int k = 0; k < kLanes; ++k) {
    r = Dir > 0 ? (l[k] > r ? l[k] : r) : (l[k] < r ? l[k] : r);
    zz += z[k];
  }
  nan = zz != zz;
  return r;
}

int64_t first_nan(const float* p, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if (p[i] != p[i]) return i;
  }
  return -1;
}

/// max (Dir > 0) or min of a run; NaN if it holds one (as NumPy).
template <int Dir>
float extreme_f32(const float* p, int64_t n) {
  float r = Dir > 0 ? -ops::kInfF : ops::kInfF;
  for (int64_t b = 0; b < n; b += kExtBlock) {
    int64_t m = n - b < kExtBlock ? n - b : kExtBlock;
    bool nan = false;
    float v = block_extreme<Dir>(p + b, m, nan);
    if (nan && first_nan(p + b, m) >= 0) return std::numeric_limits<float>::quiet_NaN();
    r = Dir > 0 ? (v > r ? v : r) : (v < r ? v : r);
  }
  return r;
}

float max_f32(const float* p, int64_t n) { return extreme_f32<1>(p, n); }
float min_f32(const float* p, int64_t n) { return extreme_f32<-1>(p, n); }

/// Index of the first max (is_max) or min of a run of n >= 1, the first NaN winning:
/// one pass finds the first block holding the best value, then that block is searched.
template <int Dir>
int64_t arg_extreme(const float* p, int64_t n) {
  float best = p[0];
  int64_t best_block = 0;
  for (int64_t b = 0; b < n; b += kExtBlock) {
    int64_t m = n - b < kExtBlock ? n - b : kExtBlock;
    bool nan = false;
    float v = block_extreme<Dir>(p + b, m, nan);
    if (nan) {
      int64_t at = first_nan(p + b, m);
      if (at >= 0) return b + at;
    }
    if (Dir > 0 ? v > best : v < best) {
      best = v;
      best_block = b;
    }
  }
  int64_t m = n - best_block < kExtBlock ? n - best_block : kExtBlock;
  for (int64_t i = 0; i < m; ++i) {
    if (p[best_block + i] == best) return best_block + i;
  }
  return 0;
}

int64_t argext_f32(const float* p, int64_t n, bool is_max) {
  return is_max ? arg_extreme<1>(p, n) : arg_extreme<-1>(p, n);
}

/// Column sums: acc[j] += the n rows (rs apart) of m adjacent columns, four rows per
/// pass (a quarter of the accumulator traffic), in the order reduce.cpp uses.
void sum_rows_f32(const float* p, int64_t rs, int64_t n, int64_t m, float* acc) {
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const float* a = p + i * rs;
    const float* b = a + rs;
    const float* c = b + rs;
    const float* d = c + rs;
    for (int64_t j = 0; j < m; ++j) acc[j] += (a[j] + b[j]) + (c[j] + d[j]);
  }
  for (; i < n; ++i) {
    const float* a = p + i * rs;
    for (int64_t j = 0; j < m; ++j) acc[j] += a[j];
  }
}

} // namespace

extern const SimdKernels kernels{MXG_SIMD_NAME, &unary_f32,    &binary,      &sum_f32,
                                 &max_f32,      &min_f32,      &argext_f32,  &sum_rows_f32,
                                 &half_to_f32,  &f32_to_half,  &dot_rows,    &axpy_rows};

} // namespace mxg::MXG_SIMD_NS
