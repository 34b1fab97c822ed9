// custom_function and checkpoint: the Custom node, its rules, and what the engine
// keeps alive around them.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "mxgraph/mxgraph.h"
#include "primitives/custom.h"

using namespace mxg;

namespace {

array total(const array& x) { return sum(flatten(x), std::vector<int>{0}); }

// Element i of a 1-d array, honouring its strides (gradients are often broadcasts).
float at(array a, int i) {
  a.eval();
  return a.data<float>()[i * a.strides(0)];
}

ArrayFn sin_times(int* calls = nullptr) {
  return [calls](const std::vector<array>& xs) {
    if (calls) ++*calls;
    return std::vector<array>{sin(xs[0]) * xs[1]};
  };
}

} // namespace

TEST_CASE("custom_function: a Custom node that shares the forward values") {
  auto f = custom_function(sin_times());
  array x({0.5f, 1.0f}), y({2.0f, 3.0f});
  array out = f({x, y})[0];
  REQUIRE(out.has_primitive());
  CHECK(out.primitive().kind() == PrimitiveKind::Custom);
  CHECK(describe(out.primitive()) == "Custom(custom_function)");
  // The arguments, then the forward value behind a stop_gradient that is no tracer.
  REQUIRE(out.inputs().size() == 3);
  CHECK_FALSE(out.inputs()[2].is_tracer());
  CHECK(at(out, 1) == Approx(std::sin(1.0f) * 3.0f));
}

TEST_CASE("custom_function: the custom vjp is what grad uses") {
  CustomVjpFn rule = [](const std::vector<array>& primals, const std::vector<array>& cots,
                        const std::vector<array>& outputs) {
    // Not the true derivative, so the test can tell; outputs are the forward values.
    return std::vector<array>{cots[0] * 100.0f + outputs[0] * 0.0f, cots[0] * primals[1]};
  };
  auto f = custom_function(sin_times(), rule);
  array x({0.5f, 1.0f}), y({2.0f, 3.0f});
  auto loss = [&](const std::vector<array>& xs) {
    return std::vector<array>{total(f(xs)[0])};
  };
  auto g = grad(loss, {0, 1})({x, y});
  CHECK(at(g[0], 0) == Approx(100.0f));
  CHECK(at(g[1], 1) == Approx(3.0f));
}

TEST_CASE("custom_function: custom jvp, and the fallbacks") {
  CustomJvpFn jrule = [](const std::vector<array>& primals, const std::vector<array>& tangents,
                         const std::vector<int>& argnums) {
    REQUIRE(argnums.size() == tangents.size());
    return std::vector<array>{tangents[0] * 5.0f};
  };
  array x({0.5f, 1.0f}), y({2.0f, 3.0f});
  auto f = custom_function(sin_times(), nullptr, jrule);
  auto [outs, tans] = jvp(f, {x, y}, {array({1.0f, 1.0f}), array({0.0f, 0.0f})});
  CHECK(at(tans[0], 0) == Approx(5.0f));
  // No vjp given: reverse mode differentiates the function itself.
  auto g = grad([&](const std::vector<array>& xs) { return std::vector<array>{total(f(xs)[0])}; },
                {0})({x, y});
  CHECK(at(g[0], 1) == Approx(std::cos(1.0f) * 3.0f));
  // No jvp given: forward mode differentiates the function itself.
  auto h = custom_function(sin_times());
  auto [o2, t2] = jvp(h, {x, y}, {array({1.0f, 1.0f}), array({0.0f, 0.0f})});
  CHECK(at(t2[0], 0) == Approx(std::cos(0.5f) * 2.0f));
}

TEST_CASE("custom_function: a rule with the wrong count or shape is a clear error") {
  array x({0.5f, 1.0f}), y({2.0f, 3.0f});
  auto bad_count = custom_function(sin_times(), [](auto&, auto& c, auto&) {
    return std::vector<array>{c[0]};
  });
  auto loss = [&](const ArrayFn& f) {
    return [f](const std::vector<array>& xs) { return std::vector<array>{total(f(xs)[0])}; };
  };
  CHECK_THROWS_WITH(grad(loss(bad_count))({x, y}), Catch::Contains("custom vjp returned 1"));
  auto bad_shape = custom_function(sin_times(), [](auto&, auto& c, auto&) {
    return std::vector<array>{array({1.0f, 2.0f, 3.0f}), c[0]};
  });
  CHECK_THROWS_WITH(grad(loss(bad_shape))({x, y}), Catch::Contains("shape"));
}

TEST_CASE("custom_function: transforms do not walk the forward function's graph") {
  // The inner node's rules throw: reaching them would mean the outer transform
  // walked (and kept alive) the forward graph behind the outer node.
  auto boom_vjp = [](auto&, auto&, auto&) -> std::vector<array> {
    throw std::runtime_error("inner vjp reached");
  };
  auto boom_jvp = [](auto&, auto&, auto&) -> std::vector<array> {
    throw std::runtime_error("inner jvp reached");
  };
  auto inner = custom_function(sin_times(), boom_vjp, boom_jvp);
  auto outer = custom_function(
      inner, [](auto&, auto& c, auto&) { return std::vector<array>{c[0] * 2.0f, c[0] * 3.0f}; },
      [](auto&, auto& t, auto&) { return std::vector<array>{t[0] * 4.0f}; });
  array x({0.5f, 1.0f}), y({2.0f, 3.0f});
  auto g = grad([&](const std::vector<array>& xs) {
    return std::vector<array>{total(outer(xs)[0])};
  }, {0, 1})({x, y});
  CHECK(at(g[0], 0) == Approx(2.0f));
  CHECK(at(g[1], 0) == Approx(3.0f));
  auto [o, t] = jvp(outer, {x, y}, {array({1.0f, 1.0f}), array({1.0f, 1.0f})});
  CHECK(at(t[0], 1) == Approx(4.0f));
}

TEST_CASE("checkpoint: same gradients, the function recomputed once for the backward pass") {
  int calls = 0;
  auto c = checkpoint(sin_times(&calls));
  array x({0.5f, 1.0f, -2.0f}), y({2.0f, 3.0f, 0.5f});
  auto loss_c = [&](const std::vector<array>& xs) { return std::vector<array>{total(c(xs)[0])}; };
  auto loss = [&](const std::vector<array>& xs) {
    return std::vector<array>{total(sin_times()(xs)[0])};
  };
  auto g1 = grad(loss_c, {0, 1})({x, y});
  CHECK(calls == 2);
  auto g2 = grad(loss, {0, 1})({x, y});
  for (int k = 0; k < 2; ++k) {
    for (int i = 0; i < 3; ++i) CHECK(at(g1[k], i) == Approx(at(g2[k], i)));
  }
  // Second order goes through the recomputation.
  auto gg = grad([&](const std::vector<array>& xs) {
    return std::vector<array>{total(grad(loss_c, {0})(xs)[0])};
  }, {0})({x, y});
  CHECK(at(gg[0], 0) == Approx(-std::sin(0.5f) * 2.0f));
}

TEST_CASE("depends: the inputs, evaluated after the dependencies") {
  array a({1.0f, 2.0f});
  array d = exp(array({0.0f}));
  auto out = depends({a}, {d});
  REQUIRE(out.size() == 1);
  CHECK(describe(out[0].primitive()) == "Custom(depends)");
  CHECK(at(out[0], 1) == 2.0f);
  CHECK(d.is_evaluated());
}

TEST_CASE("evaluated gradients keep no graph; evaluation inside a transform does") {
  bool inside = false;
  auto f = [&](const std::vector<array>& xs) {
    inside = detail::in_transform();
    array t = sin(xs[0]);
    t.eval(); // the transform still walks t's graph afterwards
    CHECK(t.has_primitive());
    return std::vector<array>{total(t * t)};
  };
  array x({0.5f, 1.0f});
  auto g = grad(f)({x})[0];
  CHECK(inside);
  CHECK_FALSE(detail::in_transform());
  CHECK(at(g, 0) == Approx(2.0f * std::sin(0.5f) * std::cos(0.5f)));
  CHECK_FALSE(g.has_primitive());
}

TEST_CASE("checkpoint lowers the peak memory of a gradient") {
  auto chain = [](const std::vector<array>& xs) {
    array x = xs[0];
    for (int i = 0; i < 8; ++i) x = sin(x);
    return std::vector<array>{x};
  };
  auto peak = [](const ArrayFn& blk) {
    array x = arange(0.0, 1.0, 1.0 / (1 << 18), float32);
    x.eval();
    auto loss = [&](const std::vector<array>& xs) {
      std::vector<array> h = xs;
      for (int b = 0; b < 8; ++b) h = blk(h);
      return std::vector<array>{total(h[0])};
    };
    auto g = grad(loss)({x})[0];
    clear_cache();
    reset_peak_memory();
    size_t base = get_active_memory();
    g.eval();
    return get_peak_memory() - base;
  };
  size_t plain = peak(chain), ckpt = peak(checkpoint(chain));
  CHECK(plain > 48u * (1u << 20));
  CHECK(ckpt < plain / 2);
}

TEST_CASE("checkpoint of a 1,000,000-op chain") {
  int n = GENERATE(1, 3, 1000000);
  auto chain = [n](const std::vector<array>& xs) {
    array x = xs[0];
    for (int i = 0; i < n; ++i) x = x + 1.0f;
    return std::vector<array>{x};
  };
  auto c = checkpoint(chain);
  array x({0.0f, 1.0f});
  auto g = grad([&](const std::vector<array>& xs) {
    return std::vector<array>{total(c(xs)[0])};
  })({x})[0];
  CHECK(at(g, 1) == 1.0f);
  CHECK(at(c({x})[0], 1) == 1.0f + n);
}
