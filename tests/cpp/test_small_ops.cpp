// Engine facts behind the small-op fast paths: the per-thread block cache across
// threads that exit, and one-element Binary operands.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "mxgraph/mxgraph.h"

using namespace mxg;

TEST_CASE("threads that build, evaluate and exit leave the block cache consistent") {
  for (int round = 0; round < 3; ++round) {
    std::vector<std::thread> ts;
    std::vector<float> got(4, 0.0f);
    for (int t = 0; t < 4; ++t) {
      ts.emplace_back([t, &got] {
        array x = ones({4}, float32);
        for (int i = 0; i < 5000; ++i) x = x + 1.0f;
        array pending = x * 2.0f; // dies unevaluated at thread exit, after the cache
        x.eval();
        got[t] = x.data<float>()[0]; // ones() may stay one broadcast element
      });
    }
    for (auto& th : ts) th.join();
    for (float v : got) CHECK(v == 5001.0f);
  }
  // Blocks freed on this thread after other threads exited are still reusable.
  array y = ones({3}, float32) * 2.0f;
  for (int i = 0; i < 100; ++i) y = y * 1.0f;
  y.eval();
  CHECK(y.data<float>()[0] == 2.0f);
}

TEST_CASE("one-element operands next to dense ones") {
  array a = reshape(arange(0.0, 6.0, 1.0, float32), {2, 3});
  array s = array(10.0f);
  array r = a + s;
  r.eval();
  CHECK(r.shape() == Shape{2, 3});
  CHECK(r.data<float>()[5] == 15.0f);
  array l = array(1.0f) - transpose(a, {1, 0}); // dense, not row-major
  array lc = contiguous(l);
  lc.eval();
  CHECK(lc.shape() == Shape{3, 2});
  CHECK(lc.data<float>()[1] == 1.0f - 3.0f); // element (0, 1) = 1 - a[1][0]
  array one = reshape(array(4.0f), {1});
  array z = one * array(0.5f);
  z.eval();
  CHECK(z.shape() == Shape{1});
  CHECK(z.data<float>()[0] == 2.0f);
}
