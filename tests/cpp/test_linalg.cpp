// Matmul through BLAS and the creation primitives, at the engine level.
#include <catch2/catch.hpp>

#include <vector>

#include "mxgraph/mxgraph.h"

using namespace mxg;

namespace {

// Naive reference product of row-major m x k and k x n float matrices.
std::vector<float> reference(const std::vector<float>& a, const std::vector<float>& b, int m, int k,
                             int n) {
  std::vector<float> c(m * n, 0.0f);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j)
      for (int p = 0; p < k; ++p) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}

std::vector<float> iota(int n, float scale) {
  std::vector<float> v(n);
  for (int i = 0; i < n; ++i) v[i] = scale * static_cast<float>(i % 7 - 3);
  return v;
}

void check_equal(array out, const std::vector<float>& want) {
  out = contiguous(out);
  out.eval();
  REQUIRE(out.size() == static_cast<int64_t>(want.size()));
  for (size_t i = 0; i < want.size(); ++i) CHECK(out.data<float>()[i] == Approx(want[i]));
}

} // namespace

TEST_CASE("matmul of 2-d float32 matrices matches a naive product") {
  auto av = iota(3 * 4, 0.5f), bv = iota(4 * 5, 0.25f);
  array a(av.data(), {3, 4}), b(bv.data(), {4, 5});
  array c = matmul(a, b);
  CHECK(c.shape() == Shape{3, 5});
  CHECK(c.dtype() == float32);
  CHECK(c.primitive().kind() == PrimitiveKind::Matmul);
  check_equal(c, reference(av, bv, 3, 4, 5));
}

TEST_CASE("matmul reads transposed inputs in place and copies other layouts") {
  auto av = iota(4 * 3, 1.0f), bv = iota(5 * 4, 1.0f);
  array at(av.data(), {4, 3}), bt(bv.data(), {5, 4});
  // a = at^T (3x4), b = bt^T (4x5): both transposed views.
  array c = matmul(transpose(at), transpose(bt));
  std::vector<float> a(12), b(20);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) a[i * 4 + j] = av[j * 3 + i];
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 5; ++j) b[i * 5 + j] = bv[j * 4 + i];
  check_equal(c, reference(a, b, 3, 4, 5));
}

TEST_CASE("matmul promotes 1-d operands and broadcasts batches") {
  auto av = iota(2 * 3 * 4, 1.0f), bv = iota(4 * 2, 1.0f);
  array a(av.data(), {2, 3, 4}), b(bv.data(), {4, 2});
  array c = matmul(a, b);
  CHECK(c.shape() == Shape{2, 3, 2});
  CHECK(matmul(array({1.0f, 2.0f, 3.0f, 4.0f}), b).shape() == Shape{2});
  CHECK(matmul(a, array({1.0f, 2.0f, 3.0f, 4.0f})).shape() == Shape{2, 3});
  CHECK(matmul(array({1.0f, 2.0f}), array({3.0f, 4.0f})).shape() == Shape{});
  CHECK(matmul(array({1.0f, 2.0f}), array({3.0f, 4.0f})).item<float>() == 11.0f);
}

TEST_CASE("matmul rejects bad shapes and integer inputs at the call") {
  array a = zeros({2, 3}), b = zeros({4, 2});
  CHECK_THROWS_AS(matmul(a, b), std::invalid_argument);
  CHECK_THROWS_AS(matmul(array(1.0f), b), std::invalid_argument);
  CHECK_THROWS_AS(matmul(zeros({2, 2}, int32), zeros({2, 2}, int32)), std::invalid_argument);
}

TEST_CASE("a zero inner dimension gives zeros") {
  array c = matmul(zeros({3, 0}), zeros({0, 2}));
  check_equal(c, std::vector<float>(6, 0.0f));
}

TEST_CASE("zeros is a broadcast view of one scalar") {
  array z = zeros({1000, 1000});
  z.eval();
  CHECK(z.data_size() == 1);
  CHECK(z.strides() == Strides{0, 0});
  CHECK(z.data<float>()[0] == 0.0f);
}

TEST_CASE("arange is one primitive with MLX's dtypes") {
  array r = arange(0, 10, 3);
  CHECK(r.dtype() == int32);
  CHECK(r.shape() == Shape{4});
  CHECK(r.primitive().kind() == PrimitiveKind::Arange);
  CHECK(arange(0.0, 1.0, 0.25).dtype() == float32);
  CHECK(arange(5, 0).size() == 0);
  CHECK_THROWS_AS(arange(0, 5, 0), std::invalid_argument);
}

TEST_CASE("addmm scales the product and adds a broadcast c") {
  auto av = iota(2 * 3, 1.0f), bv = iota(3 * 2, 1.0f);
  array a(av.data(), {2, 3}), b(bv.data(), {3, 2});
  array c({1.0f, -1.0f});
  auto want = reference(av, bv, 2, 3, 2);
  for (int i = 0; i < 4; ++i) want[i] = 0.5f * want[i] + 2.0f * (i % 2 ? -1.0f : 1.0f);
  check_equal(addmm(c, a, b, 0.5f, 2.0f), want);
}

TEST_CASE("tensordot contracts through one matmul") {
  array a = ones({2, 3, 4}), b = ones({3, 4, 5});
  array t = tensordot(a, b, 2);
  CHECK(t.shape() == Shape{2, 5});
  check_equal(t, std::vector<float>(10, 12.0f));
  CHECK(tensordot(a, ones({4, 3}), {1, 2}, {1, 0}).shape() == Shape{2});
  CHECK_THROWS_AS(tensordot(a, b, {0}, {0}), std::invalid_argument);
}
