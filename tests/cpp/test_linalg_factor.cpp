// mx.linalg at the engine level: one Linalg node per factorization, LAPACK's info
// surfacing as an exception at eval, and the C++ signatures (pairs and vectors).
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "mxgraph/linalg.h"
#include "mxgraph/mxgraph.h"

using namespace mxg;

TEST_CASE("linalg::inv and solve are one lazy Linalg node each") {
  array a({4.0, 1.0, 1.0, 3.0}, float64);
  a = reshape(a, {2, 2});
  array x = linalg::inv(a);
  CHECK(x.primitive().kind() == PrimitiveKind::Linalg);
  CHECK(!x.is_evaluated());
  x.eval();
  CHECK(x.data<double>()[0] == Approx(3.0 / 11));
  CHECK(x.data<double>()[1] == Approx(-1.0 / 11));
  array s = linalg::solve(a, array({1.0, 2.0}, float64));
  CHECK(s.shape() == Shape{2});
  s = contiguous(s);
  s.eval();
  CHECK(s.data<double>()[0] == Approx(1.0 / 11));
  CHECK(s.data<double>()[1] == Approx(7.0 / 11));
}

TEST_CASE("a singular matrix raises at eval, a bad shape at the call") {
  array sing = reshape(array({1.0f, 2.0f, 2.0f, 4.0f}), {2, 2});
  array x = linalg::inv(sing);
  CHECK_THROWS_AS(x.eval(), std::runtime_error);
  CHECK_THROWS_AS(linalg::inv(array({1.0f, 2.0f})), std::invalid_argument);
  CHECK_THROWS_AS(linalg::cholesky(zeros({2, 3})), std::invalid_argument);
  array d = linalg::det(sing);
  d.eval();
  CHECK(d.data<float>()[0] == 0.0f);
}

TEST_CASE("qr, svd and lu return their factors") {
  array a = reshape(array({1.0, 2.0, 3.0, 4.0, 5.0, 6.0}, float64), {3, 2});
  auto [q, r] = linalg::qr(a);
  CHECK(q.shape() == Shape{3, 2});
  CHECK(r.shape() == Shape{2, 2});
  auto usv = linalg::svd(a);
  REQUIRE(usv.size() == 3);
  CHECK(usv[0].shape() == Shape{3, 3});
  CHECK(usv[2].shape() == Shape{2, 2});
  array rec = contiguous(matmul(q, r));
  rec.eval();
  for (int i = 0; i < 6; ++i) CHECK(rec.data<double>()[i] == Approx(double(i + 1)));
  auto plu = linalg::lu(a);
  REQUIRE(plu.size() == 3);
  CHECK(plu[0].dtype() == uint32);
}
