// The span kernels called directly, on both instruction sets: values against libm
// in ulps, NaN/inf/large-argument handling, in-place spans, scalar operands, bool
// outputs, integer wrap-around, float16 tiles and the generic fallback.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "cpu/elementwise_span.h"
#include "cpu/simd.h"
#include "mxgraph/half.h"

using namespace mxg;

namespace {

/// Restores the start-up instruction set when a test ends.
struct LevelScope {
  std::string saved = simd_level();
  explicit LevelScope(const char* level) { set_simd_level(level); }
  ~LevelScope() { set_simd_level(saved.c_str()); }
};

double ulps(float got, double ref) {
  if (std::isnan(ref)) return std::isnan(got) ? 0.0 : 1e30;
  float r = static_cast<float>(ref);
  if (std::isinf(r)) return got == r ? 0.0 : 1e30;
  double spacing = std::nextafter(std::fabs(r), INFINITY) - std::fabs(r);
  return std::fabs(got - ref) / spacing;
}

std::vector<float> sweep(float lo, float hi, int n) {
  std::vector<float> x(n);
  for (int i = 0; i < n; ++i) x[i] = lo + (hi - lo) * static_cast<float>(i) / static_cast<float>(n - 1);
  return x;
}

const char* kLevels[] = {"baseline", "avx2"};

} // namespace

TEST_CASE("unary_span float32 stays within its ulp bounds on both instruction sets") {
  struct Case { UnaryOp op; double (*ref)(double); float lo, hi, bound; };
  const Case cases[] = {
      {UnaryOp::Exp, [](double x) { return std::exp(x); }, -110, 90, 2},
      {UnaryOp::Log, [](double x) { return std::log(x); }, 1e-6f, 1e6f, 2},
      {UnaryOp::Sin, [](double x) { return std::sin(x); }, -60000, 60000, 2},
      {UnaryOp::Cos, [](double x) { return std::cos(x); }, -60000, 60000, 2},
      {UnaryOp::Tanh, [](double x) { return std::tanh(x); }, -12, 12, 2},
      {UnaryOp::Erf, [](double x) { return std::erf(x); }, -5, 5, 3},
      {UnaryOp::Sigmoid, [](double x) { return 1.0 / (1.0 + std::exp(-x)); }, -100, 100, 3},
  };
  for (const char* level : kLevels) {
    LevelScope scope(level);
    for (const Case& c : cases) {
      std::vector<float> x = sweep(c.lo, c.hi, 100003), y(x.size());
      unary_span(c.op, Dtype::float32, x.data(), y.data(), static_cast<int64_t>(x.size()));
      double worst = 0;
      for (size_t i = 0; i < x.size(); ++i) worst = std::max(worst, ulps(y[i], c.ref(x[i])));
      INFO(level << " " << unary_op_name(c.op));
      CHECK(worst <= c.bound);
    }
  }
}

TEST_CASE("sin and cos redo large, inf and NaN inputs exactly, also in place") {
  for (const char* level : kLevels) {
    LevelScope scope(level);
    std::vector<float> x(1000, 0.5f);
    x[3] = 1e6f;
    x[500] = std::numeric_limits<float>::infinity();
    x[999] = std::numeric_limits<float>::quiet_NaN();
    x[7] = -3e30f;
    std::vector<float> y = x;
    unary_span(UnaryOp::Sin, Dtype::float32, y.data(), y.data(), 1000); // in place
    CHECK(y[0] == Approx(std::sin(0.5f)));
    CHECK(y[3] == std::sin(1e6f));
    CHECK(y[7] == std::sin(-3e30f));
    CHECK(std::isnan(y[500]));
    CHECK(std::isnan(y[999]));
  }
}

TEST_CASE("special values of the vectorised functions") {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::nanf("");
  std::vector<float> x{0.0f, -0.0f, inf, -inf, nan, 1e-45f, -1.0f};
  for (const char* level : kLevels) {
    LevelScope scope(level);
    std::vector<float> y(x.size());
    unary_span(UnaryOp::Log, Dtype::float32, x.data(), y.data(), 7);
    CHECK(y[0] == -inf);
    CHECK(y[2] == inf);
    CHECK(std::isnan(y[3]));
    CHECK(std::isnan(y[4]));
    CHECK(y[5] == Approx(std::log(static_cast<double>(1e-45f))).epsilon(1e-6)); // subnormal input
    CHECK(std::isnan(y[6]));
    unary_span(UnaryOp::Log1p, Dtype::float32, x.data(), y.data(), 7);
    CHECK(y[6] == -inf);
    CHECK(std::signbit(y[1]));
    unary_span(UnaryOp::Exp, Dtype::float32, x.data(), y.data(), 7);
    CHECK(y[2] == inf);
    CHECK(y[3] == 0.0f);
    CHECK(std::isnan(y[4]));
    unary_span(UnaryOp::Expm1, Dtype::float32, x.data(), y.data(), 7);
    CHECK(y[3] == -1.0f);
    unary_span(UnaryOp::Erf, Dtype::float32, x.data(), y.data(), 7);
    CHECK(y[2] == 1.0f);
    CHECK(y[3] == -1.0f);
    unary_span(UnaryOp::Sigmoid, Dtype::float32, x.data(), y.data(), 7);
    CHECK(y[2] == 1.0f);
    CHECK(y[3] == 0.0f);
    CHECK(std::isnan(y[4]));
  }
}

TEST_CASE("binary_span: dense, scalar operands, bool outputs, integer wrap") {
  for (const char* level : kLevels) {
    LevelScope scope(level);
    std::vector<float> a{1, 2, 3, std::nanf("")}, b{4, 1, 3, 0}, o(4);
    float two = 2.0f;
    binary_span(BinaryOp::Add, Dtype::float32, a.data(), false, b.data(), false, o.data(), 4);
    CHECK(o[0] == 5.0f);
    binary_span(BinaryOp::Subtract, Dtype::float32, &two, true, b.data(), false, o.data(), 4);
    CHECK(o[0] == -2.0f);
    CHECK(o[1] == 1.0f);
    binary_span(BinaryOp::Divide, Dtype::float32, a.data(), false, &two, true, o.data(), 4);
    CHECK(o[2] == 1.5f);
    binary_span(BinaryOp::Maximum, Dtype::float32, a.data(), false, b.data(), false, o.data(), 4);
    CHECK(o[0] == 4.0f);
    CHECK(std::isnan(o[3])); // NaN propagates
    binary_span(BinaryOp::Minimum, Dtype::float32, b.data(), false, a.data(), false, o.data(), 4);
    CHECK(std::isnan(o[3]));
    bool lt[4];
    binary_span(BinaryOp::Less, Dtype::float32, a.data(), false, b.data(), false, lt, 4);
    CHECK((lt[0] && !lt[1] && !lt[2] && !lt[3]));
    float s = 3.0f;
    bool eq[4];
    binary_span(BinaryOp::Equal, Dtype::float32, &s, true, &s, true, eq, 4);
    CHECK((eq[0] && eq[3]));
    int32_t big[2]{std::numeric_limits<int32_t>::max(), -5}, one = 1, r[2];
    binary_span(BinaryOp::Add, Dtype::int32, big, false, &one, true, r, 2);
    CHECK(r[0] == std::numeric_limits<int32_t>::min());
    CHECK(r[1] == -4);
    uint8_t u[2]{200, 3}, ur[2];
    binary_span(BinaryOp::Multiply, Dtype::uint8, u, false, u, false, ur, 2);
    CHECK(ur[0] == uint8_t(200 * 200));
  }
}

TEST_CASE("float16 runs through float32 tiles; other ops use the generic loops") {
  std::vector<float16_t> h(1500);
  for (int i = 0; i < 1500; ++i) h[i] = float16_t(static_cast<float>(i) / 300.0f);
  std::vector<float16_t> e(1500);
  unary_span(UnaryOp::Exp, Dtype::float16, h.data(), e.data(), 1500);
  for (int i = 0; i < 1500; i += 37) {
    CHECK(static_cast<float>(e[i]) == Approx(std::exp(static_cast<float>(h[i]))).epsilon(1e-3));
  }
  std::vector<double> d{1.0, 4.0}, dr(2);
  unary_span(UnaryOp::ArcTan, Dtype::float64, d.data(), dr.data(), 2);
  CHECK(dr[1] == std::atan(4.0));
  int64_t base[2]{3, -2}, ex[2]{4, 3}, pr[2];
  binary_span(BinaryOp::Power, Dtype::int64, base, false, ex, false, pr, 2);
  CHECK(pr[0] == 81);
  CHECK(pr[1] == -8);
  bool nb[1];
  bool bin[1]{true};
  CHECK_THROWS_AS(unary_span(UnaryOp::Sqrt, Dtype::bool_, bin, nb, 1), std::invalid_argument);
}

TEST_CASE("the instruction set can be chosen and reported") {
  std::string start = simd_level();
  CHECK((start == "avx2" || start == "baseline"));
  set_simd_level("baseline");
  CHECK(std::string(simd_level()) == "baseline");
  set_simd_level(start.c_str());
  CHECK(simd_level() == start);
}
