// Reduction kernels: accuracy of big float sums, strided and broadcast inputs,
// column reductions, scans and sorts at the engine level.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "mxgraph/mxgraph.h"

using namespace mxg;

namespace {

std::vector<float> uniform(size_t n, unsigned seed, float lo = 0.0f, float hi = 1.0f) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (auto& x : v) x = d(gen);
  return v;
}

} // namespace

TEST_CASE("a big float32 sum is accurate against a double sum") {
  const int64_t n = (1 << 24) + 3;
  auto v = uniform(n, 1);
  double ref = 0;
  for (float x : v) ref += x;
  array a(v.data(), {n});
  float got = sum(a).item<float>();
  // Naive float32 accumulation would be off by ~1e-3 relative; pairwise stays near 1e-7.
  CHECK(std::abs(got - ref) / ref < 1e-6);
  CHECK(std::abs(mean(a).item<float>() - ref / n) / (ref / n) < 1e-6);
}

TEST_CASE("float16 sums accumulate in float32") {
  std::vector<float> ones(10000, 1.0f);
  array a(ones.data(), {10000}, float16);
  // float16 accumulation would stop at 2048.
  CHECK(sum(a).item<float>() == 10000.0f);
  CHECK(sum(a).dtype() == float16);
}

TEST_CASE("reductions over strided and broadcast inputs") {
  std::vector<float> v(24);
  for (int i = 0; i < 24; ++i) v[i] = static_cast<float>(i);
  array a(v.data(), {2, 3, 4});
  array t = transpose(a, {2, 0, 1}); // shape (4, 2, 3), not row-contiguous
  array s = sum(t, std::vector<int>{1, 2});
  s.eval();
  REQUIRE(s.shape() == Shape{4});
  for (int k = 0; k < 4; ++k) {
    float want = 0;
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j) want += v[i * 12 + j * 4 + k];
    CHECK(s.data<float>()[k] == want);
  }
  array b = broadcast_to(reshape(a, {2, 1, 3, 4}), {2, 5, 3, 4});
  array m = max(b, std::vector<int>{0, 1, 3}, true);
  m.eval();
  REQUIRE(m.shape() == Shape{1, 1, 3, 1});
  CHECK(m.data<float>()[0] == 15.0f);
  CHECK(m.data<float>()[2] == 23.0f);
  CHECK(sum(b).item<float>() == 5 * 276.0f);
}

TEST_CASE("column reductions match row reductions") {
  auto v = uniform(300 * 70, 2, -1.0f, 1.0f);
  array a(v.data(), {300, 70});
  array c = sum(a, 0);
  array r = sum(transpose(a), 1);
  c.eval();
  r.eval();
  for (int j = 0; j < 70; ++j) {
    double want = 0;
    for (int i = 0; i < 300; ++i) want += v[i * 70 + j];
    CHECK(c.data<float>()[j] == Approx(want).margin(1e-4));
    CHECK(r.data<float>()[j] == Approx(want).margin(1e-4));
  }
}

TEST_CASE("integer sums widen and argmax finds the first maximum") {
  std::vector<int8_t> v(1000, 100);
  array a(v.data(), {1000});
  array s = sum(a);
  CHECK(s.dtype() == int32);
  CHECK(s.item<int32_t>() == 100000);
  array x({1.0f, 7.0f, 3.0f, 7.0f});
  CHECK(argmax(x).item<uint32_t>() == 1);
  CHECK(argmin(x).item<uint32_t>() == 0);
}

TEST_CASE("scans, sort and errors at the call") {
  array x({3.0f, 1.0f, 2.0f});
  array c = cumsum(x, 0, true, false); // reverse, exclusive
  c.eval();
  CHECK(c.data<float>()[0] == 3.0f);
  CHECK(c.data<float>()[2] == 0.0f);
  array so = sort(x);
  so.eval();
  CHECK(so.data<float>()[0] == 1.0f);
  CHECK(so.data<float>()[2] == 3.0f);
  CHECK_THROWS_AS(sum(x, 1), std::invalid_argument);
  CHECK_THROWS_AS(sum(reshape(x, {1, 3}), std::vector<int>{1, -1}), std::invalid_argument);
  CHECK_THROWS_AS(partition(x, 3), std::invalid_argument);
  std::vector<float> none;
  CHECK_THROWS_AS(max(array(none.data(), {0})), std::invalid_argument);
}
