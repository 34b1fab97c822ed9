// vmap over the graph: values against per-example results, a 1,000,000-op chain.
#include <catch2/catch.hpp>

#include "mxgraph/mxgraph.h"

using namespace mxg;

TEST_CASE("vmap of an elementwise function matches per-example results") {
  auto f = [](const std::vector<array>& xs) { return std::vector<array>{exp(xs[0]) * xs[1]}; };
  array a = reshape(arange(0.0, 6.0, 1.0, float32), {2, 3});
  array b({1.0f, 2.0f, 3.0f});
  auto out = vmap(f, {0, kUnmapped})({a, b})[0];
  out.eval();
  REQUIRE(out.shape() == Shape{2, 3});
  CHECK(out.data<float>()[4] == Approx(std::exp(4.0f) * 2.0f));
}

TEST_CASE("vmap of a 1,000,000-op chain without a stack overflow") {
  auto f = [](const std::vector<array>& xs) {
    array x = xs[0];
    for (int i = 0; i < 1000000; ++i) x = x + 1.0f;
    return std::vector<array>{x};
  };
  auto out = vmap(f, {0})({array({0.0f, 1.0f})})[0];
  out.eval();
  CHECK(out.data<float>()[1] == 1000001.0f);
}

TEST_CASE("vmap errors name the argument") {
  auto f = [](const std::vector<array>& xs) { return std::vector<array>{xs[0] + xs[1]}; };
  CHECK_THROWS_WITH(vmap(f, {0, 0})({array({1.0f, 2.0f}), array({1.0f, 2.0f, 3.0f})}),
                    Catch::Contains("different sizes"));
}
