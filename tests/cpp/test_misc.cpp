// The composed ops of ops/misc.h at the engine level: flips and diagonals of a dense
// array are strided views of its buffer; roll and median leave the input unchanged.
#include <catch2/catch.hpp>

#include <numeric>

#include "mxgraph/mxgraph.h"

using namespace mxg;

namespace {

array iota(int64_t n, const Shape& shape) {
  std::vector<float> v(static_cast<size_t>(n));
  std::iota(v.begin(), v.end(), 0.0f);
  return array(v.data(), shape);
}

} // namespace

TEST_CASE("flip is a view with negative strides") {
  array a = iota(12, {3, 4});
  a.eval();
  array f = flip(a, std::vector<int>{1});
  f.eval();
  CHECK(f.buffer() == a.buffer());
  CHECK(f.strides() == Strides{4, -1});
  CHECK(f.data<float>()[0] == 3.0f);
  CHECK(flip(a, std::vector<int>{}).id() == a.id());
}

TEST_CASE("diagonal of a dense matrix is a strided view") {
  array a = iota(12, {3, 4});
  a.eval();
  array d = diagonal(a, 1);
  CHECK(d.shape() == Shape{3});
  d.eval();
  CHECK(d.buffer() == a.buffer());
  CHECK(d.strides() == Strides{5});
  CHECK(d.data<float>()[0] == 1.0f);
}

TEST_CASE("dtype queries") {
  CHECK(result_type({int8, uint8}) == int16);
  CHECK(result_type({int8}, {int32}) == int8);
  CHECK(result_type({int8}, {float32}) == float32);
  CHECK(result_type({}, {bool_, int32}) == int32);
  CHECK(can_cast(int16, float32));
  CHECK_FALSE(can_cast(int32, float32));
  CHECK(can_cast(int64, float64));
  CHECK_FALSE(can_cast(float16, bfloat16));
  CHECK(isdtype(uint8, "integral"));
  CHECK_THROWS_AS(isdtype(uint8, "nope"), std::invalid_argument);
}
