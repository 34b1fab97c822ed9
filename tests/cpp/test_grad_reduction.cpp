// Gradients of reductions, scans and sorts: engine-level facts on big and zero inputs.
#include <catch2/catch.hpp>

#include "mxgraph/mxgraph.h"

using namespace mxg;

TEST_CASE("grad of sum over a 1,000,000-element array is all ones") {
  auto f = [](const std::vector<array>& xs) { return std::vector<array>{sum(xs[0])}; };
  array x = reshape(arange(0.0, 1000000.0, 1.0, float32), {1000, 1000});
  auto g = grad(f)({x})[0];
  CHECK(g.shape() == Shape{1000, 1000});
  CHECK(g.dtype() == float32);
  CHECK(all(g == 1.0f).item<bool>());
}

TEST_CASE("grad of prod with zeros is the product of the others, never NaN") {
  auto f = [](const std::vector<array>& xs) { return std::vector<array>{prod(xs[0])}; };
  auto one_zero = grad(f)({array({2.0f, 0.0f, 3.0f, -1.0f})})[0];
  one_zero.eval();
  const float* p = one_zero.data<float>();
  CHECK(p[0] == 0.0f);
  CHECK(p[1] == -6.0f);
  CHECK(p[2] == 0.0f);
  CHECK(p[3] == 0.0f);
  auto two_zeros = grad(f)({array({0.0f, 2.0f, 0.0f})})[0];
  CHECK(all(two_zeros == 0.0f).item<bool>());
}

TEST_CASE("grad of cumsum is the reverse cumsum of the cotangent") {
  auto f = [](const std::vector<array>& xs) {
    return std::vector<array>{cumsum(xs[0], 0, false, false)};
  };
  auto [outs, cots] = vjp(f, {array({1.0f, 2.0f, 3.0f})}, {array({1.0f, 10.0f, 100.0f})});
  cots[0].eval();
  const float* p = cots[0].data<float>();
  CHECK(p[0] == 110.0f); // exclusive: x0 reaches outputs 1 and 2
  CHECK(p[1] == 100.0f);
  CHECK(p[2] == 0.0f);
}

TEST_CASE("grad of sort scatters the cotangent back through the permutation") {
  auto f = [](const std::vector<array>& xs) {
    return std::vector<array>{sum(sort(xs[0]) * array({1.0f, 2.0f, 3.0f}))};
  };
  auto g = grad(f)({array({5.0f, -1.0f, 2.0f})})[0];
  g.eval();
  CHECK(g.data<float>()[0] == 3.0f);
  CHECK(g.data<float>()[1] == 1.0f);
  CHECK(g.data<float>()[2] == 2.0f);
}
