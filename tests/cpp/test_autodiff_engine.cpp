// Engine facts found through the Python API tests: evaluation inside a traced
// function, nested transforms, and the Matmul rules with broadcast batches.
#include <catch2/catch.hpp>

#include "mxgraph/mxgraph.h"

using namespace mxg;

TEST_CASE("evaluating inside a traced function keeps the inputs the rules read") {
  // x**3 evaluated mid-trace: the scalar 3 must not lend its buffer to the output.
  auto f = [](const std::vector<array>& xs) {
    array y = power(xs[0], array(3.0f));
    eval({y});
    return std::vector<array>{y};
  };
  array g = grad(f)({array(1.5f)})[0];
  CHECK(g.item<float>() == Approx(3 * 1.5f * 1.5f));
}

TEST_CASE("an inner transform's outputs stay differentiable by an outer one") {
  // d/dw of the value of value_and_grad(z -> z*z*w) at z = 2 is 4.
  array z(2.0f);
  auto outer = [&](const std::vector<array>& ws) {
    array w = ws[0];
    auto inner = [w](const std::vector<array>& zs) { return std::vector<array>{zs[0] * zs[0] * w}; };
    return std::vector<array>{value_and_grad(inner)({z}).first[0]};
  };
  CHECK(grad(outer)({array(3.0f)})[0].item<float>() == Approx(4.0f));
}

TEST_CASE("Matmul cotangents sum over broadcast batch axes") {
  // a (2, 1, 1, 2) @ b (3, 2, 1): a's cotangent sums over b's batch of 3, b's over a's 2.
  array a = reshape(array({1.0f, 2.0f, 3.0f, 4.0f}), {2, 1, 1, 2});
  array b = reshape(array({1.0f, 1.0f, 2.0f, 2.0f, 3.0f, 3.0f}), {3, 2, 1});
  auto f = [](const std::vector<array>& xs) { return std::vector<array>{matmul(xs[0], xs[1])}; };
  array u = ones({2, 3, 1, 1});
  auto [outs, cots] = vjp(f, {a, b}, {u});
  REQUIRE(cots[0].shape() == a.shape());
  REQUIRE(cots[1].shape() == b.shape());
  cots[0].eval();
  cots[1].eval();
  for (int i = 0; i < 4; ++i) CHECK(cots[0].data<float>()[i] == Approx(6.0f));  // 1 + 2 + 3
  const float want_b[] = {4.0f, 6.0f, 4.0f, 6.0f, 4.0f, 6.0f};                  // (1+3), (2+4)
  for (int i = 0; i < 6; ++i) CHECK(cots[1].data<float>()[i] == Approx(want_b[i]));
}

TEST_CASE("an outermost transform returns plain arrays, a nested one tracers") {
  auto f = [](const std::vector<array>& xs) { return std::vector<array>{xs[0] * xs[0]}; };
  auto [outs, grads] = vjp(f, {array(2.0f)}, {array(1.0f)});
  CHECK_FALSE(outs[0].is_tracer());
  CHECK_FALSE(grads[0].is_tracer());
  auto [o2, tans] = jvp(f, {array(2.0f)}, {array(1.0f)});
  CHECK_FALSE(tans[0].is_tracer());
  bool inner_traced = false;
  auto outer = [&](const std::vector<array>& xs) {
    auto g = grad(f)({xs[0]})[0];
    inner_traced = g.is_tracer();
    return std::vector<array>{g};
  };
  CHECK(grad(outer)({array(2.0f)})[0].item<float>() == Approx(2.0f));
  CHECK(inner_traced);
}

TEST_CASE("inputs a traced function stores are plain arrays once the transform ends") {
  // nn.value_and_grad leaves the traced parameters in the model: they must not stay
  // tracers (compile and eval treat tracers as part of a live trace).
  std::vector<array> kept;
  auto f = [&](const std::vector<array>& xs) {
    kept = xs;
    return std::vector<array>{sum(xs[0] * xs[0])};
  };
  value_and_grad(f)({array({1.0f, 2.0f})});
  REQUIRE(kept.size() == 1);
  CHECK_FALSE(kept[0].is_tracer());
  jvp(f, {array({1.0f, 2.0f})}, {array({1.0f, 0.0f})});
  CHECK_FALSE(kept[0].is_tracer());
  vmap(f, {0})({array({1.0f, 2.0f})});
  CHECK_FALSE(kept[0].is_tracer());
  CHECK_FALSE((kept[0] + 1.0f).is_tracer());
}
