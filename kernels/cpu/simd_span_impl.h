// The vectorised span loops, compiled once per instruction set: the including file
// defines MXG_SIMD_NS (the namespace) and MXG_SIMD_NAME, and sets the target. The
// loops are plain C++ over the vec_math.h functions; the compiler vectorises them.
// No include guard: included once by each simd_span_<isa>.cpp, after all its headers.

namespace mxg::MXG_SIMD_NS {
namespace {

template <typename F>
void map_f32(const float* in, float* out, int64_t n, F f) {
  for (int64_t i = 0; i < n; ++i) out[i] = f(in[i]);
}

/// sin / cos: the fast loop covers |x| <= kSinCosFastLimit; a block holding other
/// inputs (large, inf, NaN) keeps a copy of them (out may alias in) and redoes those
/// exactly with libm.
void sincos_span(const float* in, float* out, int64_t n, bool cosine) {
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

bool unary_f32(UnaryOp op, const float* in, float* out, int64_t n) {
  switch (op) {
    case UnaryOp::Abs: map_f32(in, out, n, [](float x) { return std::fabs(x); }); return true;
    case UnaryOp::Negative: map_f32(in, out, n, [](float x) { return -x; }); return true;
    case UnaryOp::Square: map_f32(in, out, n, [](float x) { return x * x; }); return true;
    case UnaryOp::Sqrt: map_f32(in, out, n, [](float x) { return std::sqrt(x); }); return true;
    case UnaryOp::Rsqrt: map_f32(in, out, n, [](float x) { return 1.0f / std::sqrt(x); }); return true;
    case UnaryOp::Reciprocal: map_f32(in, out, n, [](float x) { return 1.0f / x; }); return true;
    case UnaryOp::Floor: map_f32(in, out, n, [](float x) { return std::floor(x); }); return true;
    case UnaryOp::Ceil: map_f32(in, out, n, [](float x) { return std::ceil(x); }); return true;
    case UnaryOp::Exp: map_f32(in, out, n, [](float x) { return ops::exp_f32(x); }); return true;
    case UnaryOp::Expm1: map_f32(in, out, n, [](float x) { return ops::expm1_f32(x); }); return true;
    case UnaryOp::Log: map_f32(in, out, n, [](float x) { return ops::log_f32(x); }); return true;
    case UnaryOp::Log1p: map_f32(in, out, n, [](float x) { return ops::log1p_f32(x); }); return true;
    case UnaryOp::Tanh: map_f32(in, out, n, [](float x) { return ops::tanh_f32(x); }); return true;
    case UnaryOp::Sigmoid: map_f32(in, out, n, [](float x) { return ops::sigmoid_f32(x); }); return true;
    case UnaryOp::Erf: map_f32(in, out, n, [](float x) { return ops::erf_f32(x); }); return true;
    case UnaryOp::Sin: sincos_span(in, out, n, false); return true;
    case UnaryOp::Cos: sincos_span(in, out, n, true); return true;
    default: return false;
  }
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

template <typename T>
bool binary_typed(BinaryOp op, const void* va, bool as, const void* vb, bool bs, void* vo, int64_t n) {
  constexpr bool kFloat = std::is_floating_point_v<T>;
  using W = typename wrap_type<T>::type;
  const T* a = static_cast<const T*>(va);
  const T* b = static_cast<const T*>(vb);
  T* o = static_cast<T*>(vo);
  bool* ob = static_cast<bool*>(vo);
  switch (op) {
    case BinaryOp::Add: map2(a, as, b, bs, o, n, [](T x, T y) { return T(W(x) + W(y)); }); return true;
    case BinaryOp::Subtract: map2(a, as, b, bs, o, n, [](T x, T y) { return T(W(x) - W(y)); }); return true;
    case BinaryOp::Multiply: map2(a, as, b, bs, o, n, [](T x, T y) { return T(W(x) * W(y)); }); return true;
    case BinaryOp::Divide:
      if constexpr (kFloat) {
        map2(a, as, b, bs, o, n, [](T x, T y) { return x / y; });
        return true;
      }
      return false;
    case BinaryOp::Maximum:
      map2(a, as, b, bs, o, n, [](T x, T y) { return (x != x || x > y) ? x : y; }); // NaN wins
      return true;
    case BinaryOp::Minimum:
      map2(a, as, b, bs, o, n, [](T x, T y) { return (x != x || x < y) ? x : y; });
      return true;
    case BinaryOp::Equal: map2(a, as, b, bs, ob, n, [](T x, T y) { return x == y; }); return true;
    case BinaryOp::NotEqual: map2(a, as, b, bs, ob, n, [](T x, T y) { return x != y; }); return true;
    case BinaryOp::Less: map2(a, as, b, bs, ob, n, [](T x, T y) { return x < y; }); return true;
    case BinaryOp::LessEqual: map2(a, as, b, bs, ob, n, [](T x, T y) { return x <= y; }); return true;
    case BinaryOp::Greater: map2(a, as, b, bs, ob, n, [](T x, T y) { return x > y; }); return true;
    case BinaryOp::GreaterEqual: map2(a, as, b, bs, ob, n, [](T x, T y) { return x >= y; }); return true;
    default: return false;
  }
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

} // namespace

extern const SimdKernels kernels{MXG_SIMD_NAME, &unary_f32, &binary};

} // namespace mxg::MXG_SIMD_NS
