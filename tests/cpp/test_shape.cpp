// Shape and indexing at the engine level: views share buffers, deep chains work.
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

TEST_CASE("slicing is a view: no new buffer, strided access") {
  array a = iota(12, {3, 4});
  array s = slice(a, Shape{0, 3}, Shape{3, -5}, Shape{1, -2}); // a[:, 3::-2]
  CHECK(s.shape() == Shape{3, 2});
  s.eval();
  CHECK(s.buffer() == a.buffer());
  CHECK(s.strides() == Strides{4, -2});
  CHECK(s.data<float>()[0] == 3.0f);
  // Row 1 through the view: elements 7 and 5.
  const float* p = s.data<float>();
  CHECK(p[s.strides()[0]] == 7.0f);
  CHECK(p[s.strides()[0] + s.strides()[1]] == 5.0f);
}

TEST_CASE("get_item with basic indices is a view; squeezing a column stays a view") {
  array a = iota(12, {3, 4});
  array col = get_item(a, {IndexSlice{}, int64_t{1}});
  CHECK(col.shape() == Shape{3});
  col.eval();
  CHECK(col.buffer() == a.buffer());
  CHECK(col.strides() == Strides{4});
  array g = get_item(a, {array({2, 0}, int32)});
  g.eval();
  CHECK(g.buffer() != a.buffer());
  CHECK(g.data<float>()[0] == 8.0f);
}

TEST_CASE("slice_update donates a buffer nobody else holds") {
  array a = iota(8, {8}) + 1.0f;
  a.eval();
  const void* buf = a.buffer().get();
  array b = slice_update(a, array(-1.0f), Shape{2}, Shape{4});
  a = array(0.0f); // drop the only other reference
  b.eval();
  CHECK(b.buffer().get() == buf);
  CHECK(b.data<float>()[2] == -1.0f);
  CHECK(b.data<float>()[4] == 5.0f);
}

TEST_CASE("a 1,000,000-deep chain of slices and concatenations evaluates") {
  array x = iota(4, {4});
  for (int i = 0; i < 500000; ++i) {
    x = slice(x, Shape{1}, Shape{4});                 // drop the first element
    x = concatenate({x, reshape(array(float(i)), {1})}); // append one
  }
  CHECK(x.shape() == Shape{4});
  x.eval();
  CHECK(x.data<float>()[3] == 499999.0f);
  CHECK(x.data<float>()[0] == 499996.0f);
}

TEST_CASE("gather raises out_of_range at eval for pending out-of-range indices") {
  array a = iota(5, {5});
  array idx = array({1, 7}, int32) + 0; // pending: checked at eval
  array t = take(a, idx, 0);
  CHECK_THROWS_AS(t.eval(), std::out_of_range);
  CHECK_THROWS_AS(take(a, array({1, 7}, int32), 0), std::out_of_range); // evaluated: at the call
}

TEST_CASE("as_strided views the buffer; reshape of a strided view stays a view when it can") {
  array a = iota(6, {6});
  array w = as_strided(a, {4, 3}, {1, 1});
  w.eval();
  CHECK(w.buffer() == a.buffer());
  CHECK(w.data<float>()[w.strides()[0] * 3 + w.strides()[1] * 2] == 5.0f);
  CHECK_THROWS_AS(as_strided(a, {4, 3}, {2, 1}), std::invalid_argument);

  array m = iota(24, {4, 6});
  array v = reshape(slice(m, Shape{0, 0}, Shape{4, 6}, Shape{2, 1}), {12}); // rows 0, 2: not one block
  v.eval();
  CHECK(v.buffer() != m.buffer());
  array u = reshape(slice(m, Shape{0, 1}, Shape{4, 4}, Shape{1, 1}), {4, 3, 1}); // adds an axis
  u.eval();
  CHECK(u.buffer() == m.buffer());
  CHECK(u.data<float>()[u.strides()[0] * 2 + u.strides()[1]] == 14.0f);
}

TEST_CASE("index spec: advanced indices separated by a slice go first (NumPy's rule)") {
  array a = iota(60, {3, 4, 5});
  array r = get_item(a, {array({0, 2}, int32), IndexSlice{}, int64_t{1}});
  CHECK(r.shape() == Shape{2, 4});
  array q = get_item(a, {IndexSlice{}, array({0, 2}, int32), int64_t{1}});
  CHECK(q.shape() == Shape{3, 2});
  CHECK_THROWS_AS(get_item(a, {int64_t{3}}), std::out_of_range);
  CHECK_THROWS_AS(get_item(a, {array({true}, bool_)}), std::invalid_argument);
  array upd = index_update(a, {array({0, 0}, int32)}, array(1.0f), IndexUpdate::Add);
  upd.eval();
  CHECK(upd.data<float>()[0] == 2.0f);   // both duplicates applied
  CHECK(upd.data<float>()[20] == 20.0f); // row 1 untouched
}
