// Reverse and forward mode on the graph: values against closed forms, deep chains.
#include <catch2/catch.hpp>

#include <cmath>

#include "mxgraph/mxgraph.h"

using namespace mxg;

TEST_CASE("grad of sin(x) * x^2 matches the closed form") {
  auto f = [](const std::vector<array>& xs) {
    return std::vector<array>{sum(sin(xs[0]) * square(xs[0]), std::vector<int>{0})};
  };
  array x({0.5f, -1.0f, 2.0f});
  auto g = grad(f)({x})[0];
  g.eval();
  for (int i = 0; i < 3; ++i) {
    float v = x.data<float>()[i];
    CHECK(g.data<float>()[i] == Approx(std::cos(v) * v * v + 2 * v * std::sin(v)).epsilon(1e-5));
  }
}

TEST_CASE("vjp and jvp agree: <vjp(u), v> == <u, jvp(v)>") {
  auto f = [](const std::vector<array>& xs) {
    return std::vector<array>{exp(xs[0]) * xs[1] + reshape(xs[1], {3, 1}) / (xs[0] + 3.0f)};
  };
  array a({0.1f, 0.2f, 0.3f}), b({1.0f, -2.0f, 0.5f});
  array u = reshape(array({1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f, 8.0f, 9.0f}), {3, 3});
  array va({0.3f, -0.1f, 0.2f}), vb({-0.5f, 0.25f, 1.0f});
  auto [outs, cots] = vjp(f, {a, b}, {u});
  auto [outs2, tans] = jvp(f, {a, b}, {va, vb});
  float lhs = (sum(cots[0] * va, std::vector<int>{0}) + sum(cots[1] * vb, std::vector<int>{0})).item<float>();
  float rhs = sum(flatten(u * tans[0]), std::vector<int>{0}).item<float>();
  CHECK(lhs == Approx(rhs).epsilon(1e-5));
}

TEST_CASE("gradient through broadcasting sums back to the input shape") {
  auto f = [](const std::vector<array>& xs) {
    array y = xs[0] * reshape(xs[1], {2, 1});
    return std::vector<array>{sum(flatten(y), std::vector<int>{0})};
  };
  array a({1.0f, 2.0f, 3.0f}), b({10.0f, 20.0f});
  auto g = grad(f, {0, 1})({a, b});
  eval(g);
  CHECK(g[0].shape() == Shape{3});
  CHECK(g[0].data<float>()[0] == Approx(30.0f));
  CHECK(g[1].data<float>()[1] == Approx(6.0f));
}

TEST_CASE("unused inputs get zero gradients of their shape and dtype") {
  auto f = [](const std::vector<array>& xs) {
    return std::vector<array>{sum(xs[0], std::vector<int>{0})};
  };
  array a({1.0f, 2.0f}), b({1.0, 2.0, 3.0});
  auto g = grad(f, {0, 1})({a, b});
  CHECK(g[1].shape() == Shape{3});
  CHECK(g[1].dtype() == float64);
  CHECK(all(equal(g[1], array(0.0, float64))).item<bool>());
}

TEST_CASE("grad of a 1,000,000-op chain without a stack overflow") {
  auto f = [](const std::vector<array>& xs) {
    array x = xs[0];
    for (int i = 0; i < 1000000; ++i) x = x * 1.0f;
    return std::vector<array>{x};
  };
  auto g = grad(f)({array(3.0f)});
  CHECK(g[0].item<float>() == 1.0f);
}

TEST_CASE("grad requires a scalar output") {
  auto f = [](const std::vector<array>& xs) { return std::vector<array>{xs[0] * 2.0f}; };
  CHECK_THROWS_AS(grad(f)({array({1.0f, 2.0f})}), std::invalid_argument);
}
