// Reverse and forward mode through the window and indexing primitives: exact
// values on small cases and deep chains (no recursion over the graph).
#include <catch2/catch.hpp>

#include <vector>

#include "mxgraph/mxgraph.h"

using namespace mxg;

namespace {

std::vector<float> values(const array& a) {
  array c = astype(a, float32);
  c.eval();
  array d = contiguous(c);
  d.eval();
  return std::vector<float>(d.data<float>(), d.data<float>() + d.size());
}

// x reversed: start at the last element, stop before the first, step -1.
array reversed(const array& x) {
  int64_t n = x.shape()[0];
  return slice(x, Shape{n - 1}, Shape{-n - 1}, Shape{-1});
}

} // namespace

TEST_CASE("vjp of a reversed slice writes the cotangent back in place") {
  auto f = [](const std::vector<array>& xs) {
    return std::vector<array>{slice(xs[0], Shape{4}, Shape{-6}, Shape{-2})}; // x[4::-2] of 5 elements
  };
  auto [outs, grads] = vjp(f, {array({0.f, 1.f, 2.f, 3.f, 4.f})}, {array({10.f, 20.f, 30.f})});
  CHECK(values(outs[0]) == std::vector<float>{4.f, 2.f, 0.f});
  CHECK(values(grads[0]) == std::vector<float>{30.f, 0.f, 20.f, 0.f, 10.f});
}

TEST_CASE("vjp of as_strided accumulates overlapping windows") {
  auto f = [](const std::vector<array>& xs) {
    return std::vector<array>{as_strided(xs[0], {3, 2}, {1, 1})}; // windows [0,1], [1,2], [2,3]
  };
  array ones = broadcast_to(array(1.0f), {3, 2});
  auto [outs, grads] = vjp(f, {array({1.f, 2.f, 3.f, 4.f})}, {ones});
  CHECK(values(grads[0]) == std::vector<float>{1.f, 2.f, 2.f, 1.f});
  auto [o2, tans] = jvp(f, {array({1.f, 2.f, 3.f, 4.f})}, {array({1.f, 0.f, 0.f, 5.f})});
  CHECK(values(tans[0]) == std::vector<float>{1.f, 0.f, 0.f, 0.f, 0.f, 5.f});
}

TEST_CASE("gather vjp adds duplicate indices; scatter-assign keeps only the last write") {
  array idx({2, 0, 2});
  auto g = [&](const std::vector<array>& xs) { return std::vector<array>{take(xs[0], idx, 0)}; };
  auto [o, gr] = vjp(g, {array({1.f, 2.f, 3.f})}, {array({1.f, 2.f, 4.f})});
  CHECK(values(gr[0]) == std::vector<float>{2.f, 0.f, 5.f});

  auto s = [&](const std::vector<array>& xs) {
    return std::vector<array>{set_item(xs[0], {idx}, xs[1])};
  };
  auto [o2, gr2] = vjp(s, {array({1.f, 2.f, 3.f}), array({7.f, 8.f, 9.f})}, {array({1.f, 2.f, 3.f})});
  CHECK(values(o2[0]) == std::vector<float>{8.f, 2.f, 9.f});
  CHECK(values(gr2[0]) == std::vector<float>{0.f, 2.f, 0.f});
  CHECK(values(gr2[1]) == std::vector<float>{0.f, 1.f, 3.f});
}

TEST_CASE("vjp of a product scatter is exact when an update is zero") {
  array idx({0, 0});
  auto f = [&](const std::vector<array>& xs) {
    return std::vector<array>{index_update(array({3.f}), {idx}, xs[0], IndexUpdate::Multiply)};
  };
  auto [o, gr] = vjp(f, {array({0.f, 5.f})}, {array({1.f})});
  CHECK(values(gr[0]) == std::vector<float>{15.f, 0.f});
}

TEST_CASE("grad through a 1,000,000-step chain of slices does not overflow the stack") {
  auto f = [](const std::vector<array>& xs) {
    array x = xs[0];
    for (int i = 0; i < 1000000; ++i) x = reversed(x);
    return std::vector<array>{x};
  };
  auto [outs, grads] = vjp(f, {array({1.f, 2.f, 3.f})}, {array({4.f, 5.f, 6.f})});
  CHECK(values(outs[0]) == std::vector<float>{1.f, 2.f, 3.f});
  CHECK(values(grads[0]) == std::vector<float>{4.f, 5.f, 6.f});
}

TEST_CASE("vjp and jvp through a 300,000-node chain of concatenations and slices") {
  auto f = [](const std::vector<array>& xs) {
    array x = xs[0];
    // Rotate by one ([x1, x0]: three nodes); an even number of rotations is the identity.
    for (int i = 0; i < 100000; ++i) x = concatenate({slice(x, Shape{1}, Shape{2}), slice(x, Shape{0}, Shape{1})});
    return std::vector<array>{x};
  };
  auto [outs, grads] = vjp(f, {array({1.f, 2.f})}, {array({5.f, 6.f})});
  CHECK(values(outs[0]) == std::vector<float>{1.f, 2.f});
  CHECK(values(grads[0]) == std::vector<float>{5.f, 6.f});
  auto [o2, tans] = jvp(f, {array({1.f, 2.f})}, {array({3.f, 4.f})});
  CHECK(values(tans[0]) == std::vector<float>{3.f, 4.f});
}
