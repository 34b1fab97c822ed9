// Elementwise engine facts: buffer donation along chains, multi-output divmod,
// views that share bytes, and errors raised at the call.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "mxgraph/mxgraph.h"

using namespace mxg;

namespace {

constexpr int64_t kBig = 1 << 22; // 16 MiB of float32

array big_ones() {
  std::vector<float> v(kBig, 1.0f);
  array x(v.data(), {kBig});
  x.eval();
  return x;
}

/// Peak bytes above the current active memory while `y` evaluates, in buffers of kBig floats.
double peak_buffers(array y) {
  size_t base = get_active_memory();
  reset_peak_memory();
  y.eval();
  return static_cast<double>(get_peak_memory() - base) / (kBig * sizeof(float));
}

} // namespace

TEST_CASE("a long binary chain reuses its intermediates' buffers") {
  array x = big_ones();
  array y = x;
  for (int i = 0; i < 50; ++i) y = (y * 1.5f + 1.0f) - x;
  // Without donation every op would need its input and a fresh output alive together (2 buffers).
  CHECK(peak_buffers(y) < 1.5); // one output buffer, passed along the chain
  CHECK(y.data<float>()[kBig - 1] == Approx(std::pow(1.5, 50)).epsilon(1e-4)); // y <- 1.5 y each step
}

TEST_CASE("a unary chain donates too, but not when the input is still held") {
  array x = big_ones();
  array y = exp(sin(sqrt(x)) * 2.0f);
  CHECK(peak_buffers(y) < 1.5);
  array held = sqrt(x);
  held.eval();
  array z = exp(held);
  z.eval();
  // `held` is still referenced here, so z must not have taken its buffer.
  CHECK(held.data<float>()[0] == 1.0f);
  CHECK(z.data<float>()[0] == Approx(std::exp(1.0f)));
  CHECK(held.buffer() != z.buffer());
}

TEST_CASE("divmod gives two outputs of one node, evaluated together") {
  array a({7.0f, -7.0f, 1.0f, -0.0f});
  array b({2.0f, 2.0f, 0.1f, 3.0f});
  auto [q, r] = divmod(a, b);
  CHECK(q.node() == r.node());
  CHECK(q.output_index() == 0);
  CHECK(r.output_index() == 1);
  reset_eval_counters();
  q.eval();
  CHECK(r.is_evaluated()); // the sibling came with it
  CHECK(eval_counters().nodes_run == 1);
  CHECK(q.data<float>()[0] == 3.0f);
  CHECK(q.data<float>()[1] == -4.0f);
  CHECK(q.data<float>()[2] == 9.0f); // NumPy: 1 // 0.1 == 9
  CHECK(r.data<float>()[1] == 1.0f);
  CHECK(std::signbit(q.data<float>()[3]));
}

TEST_CASE("view shares the input's bytes") {
  array a({1.0f, -2.0f});
  array v = view(a, int32);
  CHECK(v.shape() == Shape{2});
  array w = view(a, uint8);
  CHECK(w.shape() == Shape{8});
  eval({v, w, a});
  CHECK(v.buffer() == a.buffer());
  CHECK(w.buffer() == a.buffer());
  CHECK(v.data<int32_t>()[0] == 0x3f800000);
  CHECK(w.data<uint8_t>()[3] == 0x3f);
  CHECK_THROWS_AS(view(array({1, 2, 3}, int8), int32), std::invalid_argument);
  CHECK_THROWS_AS(view(array(1.0f), float64), std::invalid_argument);
}

TEST_CASE("dtype and shape errors are raised when the op is called") {
  array f({1.0f, 2.0f});
  array i({1, 2, 3}, int32);
  CHECK_THROWS_AS(bitwise_and(f, f), std::invalid_argument);
  CHECK_THROWS_AS(add(f, i), std::invalid_argument); // shapes (2) and (3)
  CHECK_THROWS_AS(clip(f, std::nullopt, std::nullopt), std::invalid_argument);
  CHECK((i / i).dtype() == float32);
  CHECK(floor_divide(i, i).dtype() == int32);
  CHECK(abs(array(complex64_t(3.0f, 4.0f))).dtype() == float32);
}

TEST_CASE("allclose and array_equal answer with a 0-d bool") {
  array a({1.0f, 2.0f, NAN});
  array b({1.0f, 2.000001f, NAN});
  CHECK_FALSE(allclose(a, b).item<bool>());
  CHECK(allclose(a, b, 1e-5, 1e-8, true).item<bool>());
  CHECK(array_equal(a, a, true).item<bool>());
  CHECK_FALSE(array_equal(a, a).item<bool>());
  CHECK_FALSE(array_equal(a, array({1.0f, 2.0f})).item<bool>()); // shapes differ: false
  CHECK(allclose(a, b, 1e-5, 1e-8, true).ndim() == 0);
}
