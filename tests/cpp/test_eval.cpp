// The evaluation engine: laziness, deep chains, memory returning to baseline.
#include <catch2/catch.hpp>

#include "mxgraph/mxgraph.h"

using namespace mxg;

TEST_CASE("ops build pending arrays and eval computes them") {
  array a({1.0f, 2.0f, 3.0f});
  array b = exp(a) + a * 2.0f;
  CHECK_FALSE(b.is_evaluated());
  b.eval();
  REQUIRE(b.is_evaluated());
  const float* p = b.data<float>();
  CHECK(p[0] == Approx(std::exp(1.0f) + 2.0f));
  CHECK(p[2] == Approx(std::exp(3.0f) + 6.0f));
}

TEST_CASE("broadcasting and weak scalars") {
  array a({1, 2, 3}, int32);
  array b = reshape(a, {3, 1}) + a;
  CHECK(b.shape() == Shape{3, 3});
  CHECK(b.dtype() == int32);
  CHECK((a + 1.5f).dtype() == float32);
  b.eval();
  CHECK(b.data<int32_t>()[5] == 2 + 3);
}

TEST_CASE("a 1,000,000-deep chain evaluates and frees without overflowing the stack") {
  size_t base = get_active_memory();
  {
    array x(1.0f);
    for (int i = 0; i < 1000000; ++i) x = x + 1.0f;
    x.eval();
    CHECK(x.item<float>() == 1000001.0f);
  }
  {
    array x(0.0f);
    for (int i = 0; i < 1000000; ++i) x = x * 1.0f;
    // freed unevaluated when x goes out of scope
  }
  CHECK(get_active_memory() == base);
}

TEST_CASE("unused branches do not run") {
  array a({1.0f, 2.0f});
  array used = a + 1.0f;
  array unused = exp(a);
  reset_eval_counters();
  used.eval();
  CHECK(eval_counters().nodes_run == 1);
  CHECK_FALSE(unused.is_evaluated());
}

TEST_CASE("active memory returns to its baseline after an eval") {
  size_t base = get_active_memory();
  {
    array a(std::vector<float>(1 << 16, 1.0f).data(), {1 << 16});
    array b = exp(a) * a + 3.0f;
    b.eval();
    CHECK(get_active_memory() > base);
  }
  CHECK(get_active_memory() == base);
}

TEST_CASE("multi-output primitive: divmod") {
  array a({7, -7, 9}, int32);
  array b({2, 2, -4}, int32);
  auto [q, r] = divmod(a, b);
  eval({q, r});
  CHECK(q.data<int32_t>()[0] == 3);
  CHECK(q.data<int32_t>()[1] == -4);
  CHECK(r.data<int32_t>()[1] == 1);
  CHECK(r.data<int32_t>()[2] == -3);
}
